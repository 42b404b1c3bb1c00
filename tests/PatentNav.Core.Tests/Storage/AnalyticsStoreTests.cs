using System.Globalization;
using System.Text;
using Lucene.Net.Index;
using Lucene.Net.Store;
using PatentNav.Records;
using PatentNav.Search;
using PatentNav.Storage;
using PatentNav.Workspace;
using Directory = System.IO.Directory;

namespace PatentNav.Tests.Storage;

/// <summary>
/// The analytical store beside the index (<c>analytics.duckdb</c>): written with each import commit, stamped with the
/// commit's id, rebuilt from the index when it does not match it. Fixture: the bundled sample
/// (<c>data-samples/fixtures/patents-sample.jsonl</c>, 25 real CNIPA records).
/// </summary>
public sealed class AnalyticsStoreTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "patentnav-store-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    [Fact]
    public async Task Import_WritesOneRowPerIndexedPatent_StampedWithTheIndexCommit()
    {
        using var ws = Open();

        await ws.Imports.ImportFileAsync(WorkspaceTests.Fixture("patents-sample.jsonl"));

        Assert.Equal("ready", ws.Analytics.Status.State);
        var store = ws.ReadyStore();
        Assert.Equal(25, store.Rows);
        Assert.Equal(ws.Maintenance.LastCommit[PatentIndex.CommitIdKey], store.Stamp);
        Assert.Equal(await IndexedNumbersAsync(ws), StoreNumbers(store));
    }

    [Fact]
    public async Task Import_RowCarriesTheCountedFieldsOfTheStoredRecord()
    {
        using var ws = Open();
        await ws.Imports.ImportFileAsync(WorkspaceTests.Fixture("patents-sample.jsonl"));
        var record = await ws.Search.ReadAllAsync().FirstAsync(r => r.Applicants.Count > 0 && r.Ipc.Count > 0 && r.Region is not null);

        using var connection = ws.ReadyStore().Connect();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT kind, year, city, applicant_names[1], first_applicant_key, main_subclass, len(ipc_keys) > 0 FROM patent WHERE pn = $pn";
        command.Parameters.Add(new DuckDB.NET.Data.DuckDBParameter("pn", record.PublicationNumber.Value));
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());

        Assert.Equal(IndexSchema.KindValue(record.Kind), reader.GetString(0));
        Assert.Equal((record.FilingDate ?? record.PublicationDate)?.Year, reader.IsDBNull(1) ? null : reader.GetInt16(1));
        Assert.Equal(record.Region!.CityCode, reader.IsDBNull(2) ? null : reader.GetString(2));
        Assert.Equal(PatentNav.Analytics.ApplicantNames.Normalize(record.Applicants[0]).DisplayName, reader.GetString(3));
        Assert.Equal(PatentNav.Analytics.ApplicantNames.Normalize(record.Applicants[0]).Key, reader.GetString(4));
        Assert.Equal((record.MainIpc ?? record.Ipc[0]).Subclass, reader.IsDBNull(5) ? record.Ipc[0].Subclass : reader.GetString(5));
        Assert.True(reader.GetBoolean(6));
    }

    [Fact]
    public async Task Import_SameNumberTwiceInOneFile_OneRowWithTheMergedRecord()
    {
        using var ws = Open();
        var a = new PatentRecord { PublicationNumber = PublicationNumber.Parse("ZZ9900011A"), Title = "甲", Applicants = ["甲公司"] };
        var b = new PatentRecord { PublicationNumber = PublicationNumber.Parse("ZZ9900011A"), Title = "甲", LegalStatus = LegalStatus.Lapsed };

        await ws.Imports.ImportAsync(Jsonl(a, b));

        var store = ws.ReadyStore();
        Assert.Equal(1, store.Rows);
        Assert.Equal(("lapsed", "甲公司"), ScalarRow(store, "SELECT status, applicants[1] FROM patent"));
    }

    [Fact]
    public async Task Import_UpdatedRecord_ReplacesItsRow()
    {
        using var ws = Open();
        var number = PublicationNumber.Parse("ZZ9900012A");
        await ws.Imports.ImportAsync(Jsonl(new PatentRecord { PublicationNumber = number, Title = "乙", LegalStatus = LegalStatus.Pending }));
        await ws.Imports.ImportAsync(Jsonl(new PatentRecord { PublicationNumber = number, Title = "乙", LegalStatus = LegalStatus.Valid }));

        var store = ws.ReadyStore();
        Assert.Equal(1, store.Rows);
        Assert.Equal(("valid", null), ScalarRow(store, "SELECT status, NULL FROM patent"));
    }

    [Fact]
    public async Task Reopen_StoreMatchesTheIndex_ReadyWithoutRebuild()
    {
        string stamp;
        using (var ws = Open())
        {
            await ws.Imports.ImportFileAsync(WorkspaceTests.Fixture("patents-sample.jsonl"));
            stamp = ws.ReadyStore().Stamp!;
        }

        var written = File.GetLastWriteTimeUtc(Path.Combine(_dir, AnalyticsStore.FileName));
        using var again = Open();

        Assert.Equal("ready", again.Analytics.Status.State);
        Assert.Equal(stamp, again.ReadyStore().Stamp);
        Assert.Equal(25, again.ReadyStore().Rows);
        Assert.Equal(written, File.GetLastWriteTimeUtc(Path.Combine(_dir, AnalyticsStore.FileName)));
    }

    [Fact]
    public async Task Reopen_StoreFileDeleted_RebuiltFromTheIndex()
    {
        IReadOnlyList<string> numbers;
        using (var ws = Open())
        {
            await ws.Imports.ImportFileAsync(WorkspaceTests.Fixture("patents-sample.jsonl"));
            numbers = StoreNumbers(ws.ReadyStore());
        }

        File.Delete(Path.Combine(_dir, AnalyticsStore.FileName));
        using var again = Open();
        await again.Analytics.WhenReadyAsync();

        Assert.Equal(("ready", 25L, 25L), (again.Analytics.Status.State, again.Analytics.Status.Rows, again.Analytics.Status.Total));
        Assert.Equal(numbers, StoreNumbers(again.ReadyStore()));
        Assert.Equal(again.Maintenance.LastCommit[PatentIndex.CommitIdKey], again.ReadyStore().Stamp);
    }

    [Fact]
    public async Task Reopen_StoreStampedForAnotherCommit_RebuiltAndAnalysesWaitMeanwhile()
    {
        using (var ws = Open())
        {
            await ws.Imports.ImportFileAsync(WorkspaceTests.Fixture("patents-sample.jsonl"));
            using var connection = ws.ReadyStore().Connect();
            PatentNav.Internal.DuckDbSql.Execute(connection, "UPDATE meta SET value = 'another-commit' WHERE key = 'stamp'");
            PatentNav.Internal.DuckDbSql.Execute(connection, "DELETE FROM patent WHERE pn IN (SELECT pn FROM patent LIMIT 5)");
        }

        using var again = Open();
        var status = again.Analytics.Status;
        if (status.State == "building")
        {
            var refused = Assert.Throws<AnalyticsUnavailableException>(() => again.ReadyStore());
            Assert.Contains("being built", refused.Message, StringComparison.Ordinal);
        }

        await again.Analytics.WhenReadyAsync();
        Assert.Equal("ready", again.Analytics.Status.State);
        Assert.Equal(25, again.ReadyStore().Rows);
    }

    [Fact]
    public async Task Reopen_DataDirectoryFromABuildBeforeTheStore_GetsItsStoreBuilt()
    {
        using (var ws = Open())
        {
            await ws.Imports.ImportFileAsync(WorkspaceTests.Fixture("patents-sample.jsonl"));
        }

        // What an earlier build leaves: an index whose commits carry no id, and no analytical store.
        File.Delete(Path.Combine(_dir, AnalyticsStore.FileName));
        using (var directory = new NIOFSDirectory(new DirectoryInfo(Path.Combine(_dir, "index"))))
        using (var writer = new IndexWriter(directory, new IndexWriterConfig(Lucene.Net.Util.LuceneVersion.LUCENE_48, null)))
        {
            var legacy = new Dictionary<string, string>(DirectoryReader.ListCommits(directory)[^1].UserData, StringComparer.Ordinal);
            legacy.Remove(PatentIndex.CommitIdKey);
            writer.SetCommitData(legacy);
            writer.Commit();
        }

        using var again = Open();
        await again.Analytics.WhenReadyAsync();

        Assert.Equal("ready", again.Analytics.Status.State);
        Assert.Equal(25, again.ReadyStore().Rows);
        Assert.Equal(again.Maintenance.LastCommit[PatentIndex.CommitIdKey], again.ReadyStore().Stamp);
        Assert.Equal(await IndexedNumbersAsync(again), StoreNumbers(again.ReadyStore()));
    }

    [Fact]
    public async Task Reopen_StoreFileUnreadable_RebuiltFromTheIndex()
    {
        using (var ws = Open())
        {
            await ws.Imports.ImportFileAsync(WorkspaceTests.Fixture("patents-sample.jsonl"));
        }

        await File.WriteAllBytesAsync(Path.Combine(_dir, AnalyticsStore.FileName), Encoding.ASCII.GetBytes(new string('x', 8192)));
        using var again = Open();
        await again.Analytics.WhenReadyAsync();

        Assert.Equal(25, again.ReadyStore().Rows);
    }

    [Fact]
    public async Task Rows_ImportedAndRebuilt_LieInIndustryOrder()
    {
        using (var ws = Open())
        {
            await ws.Imports.ImportFileAsync(WorkspaceTests.Fixture("patents-sample.jsonl"));
            Assert.Equal(0, RowsOutOfOrder(ws.ReadyStore()));
        }

        File.Delete(Path.Combine(_dir, AnalyticsStore.FileName));
        using var again = Open();
        await again.Analytics.WhenReadyAsync();

        Assert.Equal(0, RowsOutOfOrder(again.ReadyStore()));
    }

    [Fact]
    public void Open_MemoryLimit_IsTheStoresAndTooSmallALimitIsRefused()
    {
        using (var ws = PatentWorkspace.Open(new PatentWorkspaceOptions { DataDirectory = _dir, AnalyticsMemoryLimitMegabytes = 256 }))
        {
            using var connection = ws.ReadyStore().Connect();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT current_setting('memory_limit')";
            Assert.Equal("244.1 MiB", command.ExecuteScalar()); // 256 MB as DuckDB prints it
        }

        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => PatentWorkspace.Open(new PatentWorkspaceOptions { DataDirectory = _dir, AnalyticsMemoryLimitMegabytes = 8 }));
        Assert.Equal("AnalyticsMemoryLimitMegabytes", ex.ParamName);
    }

    /// <summary>Rows whose place in the table (one batch here) differs from their place in industry order.</summary>
    private static long RowsOutOfOrder(AnalyticsStore store)
    {
        using var connection = store.Connect();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT count(*) FILTER (WHERE position <> ordered), count(DISTINCT industries_text)
            FROM (SELECT industries_text, row_number() OVER (ORDER BY rowid) AS position,
                         row_number() OVER (ORDER BY industries_text, unit_group, pn) AS ordered
                  FROM patent)
            """;
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        Assert.True(reader.GetInt64(1) > 1, "the sample should span several industry sets");
        return reader.GetInt64(0);
    }

    private static async Task<IReadOnlyList<string>> IndexedNumbersAsync(PatentWorkspace ws) =>
        (await ws.Search.ReadAllAsync().Select(r => r.PublicationNumber.Value).ToListAsync()).Order(StringComparer.Ordinal).ToList();

    private static IReadOnlyList<string> StoreNumbers(AnalyticsStore store)
    {
        using var connection = store.Connect();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT pn FROM patent";
        using var reader = command.ExecuteReader();
        var numbers = new List<string>();
        while (reader.Read())
        {
            numbers.Add(reader.GetString(0));
        }

        return numbers.Order(StringComparer.Ordinal).ToList();
    }

    private static (string?, string?) ScalarRow(AnalyticsStore store, string sql)
    {
        using var connection = store.Connect();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        return (reader.IsDBNull(0) ? null : Convert.ToString(reader.GetValue(0), CultureInfo.InvariantCulture),
            reader.IsDBNull(1) ? null : Convert.ToString(reader.GetValue(1), CultureInfo.InvariantCulture));
    }

    private static MemoryStream Jsonl(params PatentRecord[] records) =>
        new(Encoding.UTF8.GetBytes(string.Join('\n', records.Select(PatentJson.Serialize))));

    private PatentWorkspace Open() => PatentWorkspace.Open(new PatentWorkspaceOptions { DataDirectory = _dir });
}

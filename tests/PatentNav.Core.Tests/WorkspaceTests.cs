using System.Text;
using PatentNav.Import;
using PatentNav.Records;
using PatentNav.Search;
using PatentNav.Workspace;

namespace PatentNav.Tests;

public sealed class WorkspaceTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "patentnav-ws-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    [Fact]
    public async Task Import_SameFileTwice_SecondChangesNothing()
    {
        using var ws = Open();
        var file = Fixture("patents-sample.jsonl");

        var first = await ws.Imports.ImportFileAsync(file);
        var second = await ws.Imports.ImportFileAsync(file);

        Assert.Equal(25, first.Imported);
        Assert.Equal(0, second.Imported);
        Assert.Equal(0, second.Updated);
        Assert.Equal(25, second.Unchanged);
        Assert.Equal(25, ws.Search.DocumentCount);
    }

    [Fact]
    public async Task Import_SamePatentFromPoorerExport_KeepsKnownFieldsAndTakesNewOnes()
    {
        using var ws = Open();
        var rich = new PatentRecord
        {
            PublicationNumber = PublicationNumber.Parse("ZZ9900010A"),
            Title = "一种碳纤维复合材料",
            Abstract = "摘要原文",
            ForwardCitations = 3,
            LegalStatus = LegalStatus.Pending,
        };
        var poor = new PatentRecord { PublicationNumber = PublicationNumber.Parse("ZZ 9900010 A"), Title = "一种碳纤维复合材料", LegalStatus = LegalStatus.Valid };
        await ws.Imports.ImportAsync(Jsonl(rich));

        var report = await ws.Imports.ImportAsync(Jsonl(poor));

        Assert.Equal(1, report.Updated);
        var stored = await ws.Search.GetAsync("ZZ9900010A");
        Assert.NotNull(stored);
        Assert.Equal("摘要原文", stored.Abstract);
        Assert.Equal(3, stored.ForwardCitations);
        Assert.Equal(LegalStatus.Valid, stored.LegalStatus);
        Assert.Equal(report.Id, stored.ImportBatch);
    }

    [Fact]
    public async Task Import_DuplicateWithinFile_MergedNotDoubleCounted()
    {
        using var ws = Open();
        var a = new PatentRecord { PublicationNumber = PublicationNumber.Parse("ZZ9900011A"), Title = "甲", Abstract = "摘要" };
        var b = new PatentRecord { PublicationNumber = PublicationNumber.Parse("ZZ9900011A"), Title = "甲", LegalStatus = LegalStatus.Lapsed };

        var report = await ws.Imports.ImportAsync(Jsonl(a, b));

        Assert.Equal(1, report.Imported);
        Assert.Equal(1, report.Updated);
        Assert.Equal(1, ws.Search.DocumentCount);
        var stored = await ws.Search.GetAsync("ZZ9900011A");
        Assert.Equal(("摘要", LegalStatus.Lapsed), (stored!.Abstract, stored.LegalStatus));
    }

    [Fact]
    public async Task Import_BadRows_RejectedWithRowColumnAndValue_GoodRowsKept()
    {
        using var ws = Open();
        await ws.Imports.ImportFileAsync(Fixture("patents-sample.jsonl"));

        var report = await ws.Imports.ImportFileAsync(Fixture("bad-rows.csv"));

        Assert.Equal(ImportState.Completed, report.State);
        Assert.Equal(6, report.Read);
        Assert.Equal(4, report.Rejected);
        Assert.Equal([3L, 4L, 5L, 7L], report.Errors.Select(e => e.Row).Distinct().Order().ToArray());
        var badDate = Assert.Single(report.Errors, e => e.Row == 3);
        Assert.Equal(("申请日", "2022-13-45"), (badDate.Column, badDate.Value));
        Assert.True(ws.Search.DocumentCount >= 25 + 2 - 2); // nothing stored before is lost; the two good rows may already exist
        Assert.Equal(2, report.Imported + report.Updated + report.Unchanged);
    }

    [Fact]
    public async Task RankApplicants_Filter_CountsOnlyMatchingPatents()
    {
        using var ws = Open();
        await ws.Imports.ImportFileAsync(Fixture("patents-sample.jsonl"));
        var filter = new SearchRequest { Region = "连云港" };
        var total = (await ws.Search.SearchAsync(filter with { Size = 1 })).Total;

        var ranking = await ws.Analytics.RankApplicantsAsync(filter, new PatentNav.Analytics.ApplicantRankOptions { Top = 500, FirstApplicantOnly = true });

        Assert.InRange(total, 1, 24);
        Assert.Equal(total, ranking.Patents);
        Assert.Equal(total, ranking.Applicants.Sum(a => a.Patents));
    }

    [Fact]
    public async Task Import_UnreadableFile_FailsAndStoresNothing()
    {
        using var ws = Open();
        await ws.Imports.ImportFileAsync(Fixture("patents-sample.jsonl"));
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes("名称,摘要\n一种装置,一种装置\n"));

        var report = await ws.Imports.ImportAsync(stream, new ImportOptions { FileName = "no-numbers.csv" });

        Assert.Equal(ImportState.Failed, report.State);
        Assert.NotNull(report.Message);
        Assert.Equal(25, ws.Search.DocumentCount);
    }

    [Fact]
    public async Task Import_Progress_Reported()
    {
        using var ws = Open();
        var lines = Enumerable.Range(0, 2500).Select(i => new PatentRecord { PublicationNumber = PublicationNumber.Parse($"ZZ{9_800_000 + i}A"), Title = "一种测试用装置" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) }).ToArray();
        var seen = new List<ImportProgress>();

        var report = await ws.Imports.ImportAsync(Jsonl(lines), progress: new SynchronousProgress(seen.Add));

        Assert.Equal(2500, report.Imported);
        Assert.Contains(seen, p => p.RowsRead == 1000 && p.BytesRead > 0);
        Assert.Equal(2500, seen[^1].RowsRead);
    }

    [Fact]
    public async Task Open_AfterProcessStoppedDuringImport_ReportMarkedInterrupted()
    {
        string id;
        using (var ws = Open())
        {
            var report = await ws.Imports.ImportFileAsync(Fixture("patents-sample.jsonl"));
            id = report.Id;
        }

        // What a killed process leaves: the report file still says running.
        var path = Path.Combine(_dir, "imports", id + ".json");
        File.WriteAllText(path, File.ReadAllText(path).Replace("\"completed\"", "\"running\"", StringComparison.Ordinal));

        using var reopened = Open();
        var after = reopened.Imports.Get(id);

        Assert.NotNull(after);
        Assert.Equal(ImportState.Interrupted, after.State);
        Assert.Contains("import the same file again", after.Message, StringComparison.Ordinal);
        Assert.Equal(25, reopened.Search.DocumentCount);
    }

    [Fact]
    public void Open_SameDirectoryTwice_ClearError()
    {
        using var ws = Open();

        var ex = Assert.Throws<InvalidOperationException>(Open);

        Assert.Contains("already open", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartImport_Background_CompletesAndIsListed()
    {
        using var ws = Open();
        var copy = Path.Combine(ws.Imports.UploadsDirectory, "copy.upload");
        File.Copy(Fixture("lens.csv"), copy);

        var queued = ws.Imports.StartImport(copy, new ImportOptions { FileName = "lens.csv" }, deleteWhenDone: true);
        ImportReport? done = null;
        for (var i = 0; i < 600 && done?.State is null or ImportState.Queued or ImportState.Running; i++)
        {
            await Task.Delay(50);
            done = ws.Imports.Get(queued.Id);
        }

        Assert.Equal(ImportState.Completed, done!.State);
        Assert.Equal("lens", done.Format);
        Assert.Equal(25, done.Imported);
        Assert.Contains(ws.Imports.List(), r => r.Id == queued.Id);

        // The upload is removed just after the report turns Completed (same background task), so give it a moment.
        for (var i = 0; i < 200 && File.Exists(copy); i++)
        {
            await Task.Delay(25);
        }

        Assert.False(File.Exists(copy));
    }

    [Fact]
    public async Task ReadAll_ReturnsEveryStoredRecord()
    {
        using var ws = Open();
        await ws.Imports.ImportFileAsync(Fixture("patents-sample.jsonl"));

        var all = new List<PatentRecord>();
        await foreach (var r in ws.Search.ReadAllAsync())
        {
            all.Add(r);
        }

        Assert.Equal(25, all.Select(r => r.PublicationNumber).Distinct().Count());
    }

    [Fact]
    public async Task Search_AfterImport_SeesNewRecordsWithoutRestart()
    {
        using var ws = Open();
        await ws.Imports.ImportFileAsync(Fixture("cnipa.csv"));

        var result = await ws.Search.SearchAsync(new SearchRequest { Size = 100, Facets = [FacetNames.Kind] });

        Assert.Equal(25, result.Total);
    }

    internal static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "data-samples", "fixtures", name);

    private static MemoryStream Jsonl(params PatentRecord[] records) =>
        new(Encoding.UTF8.GetBytes(string.Join('\n', records.Select(PatentJson.Serialize))));

    private PatentWorkspace Open() => PatentWorkspace.Open(new PatentWorkspaceOptions { DataDirectory = _dir });

    private sealed class SynchronousProgress(Action<ImportProgress> action) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => action(value);
    }
}

using System.Data.Common;
using System.Globalization;
using DuckDB.NET.Data;
using PatentNav.Analytics;
using PatentNav.Records;
using PatentNav.Search;
using PatentNav.Taxonomy;
using static PatentNav.Internal.DuckDbSql;

namespace PatentNav.Storage;

/// <summary>
/// The analytical store: one DuckDB file beside the index (<c>&lt;DataDirectory&gt;/analytics.duckdb</c>) with a row per
/// stored patent and every field the counting analyses group or filter by. It is derived from the index, which stays the
/// system of record: rows are written after each index commit with that commit's id as the stamp, and a store whose stamp
/// differs from the index's last commit is rebuilt from the index.
/// </summary>
/// <remarks>Thread-safe: every operation opens its own connection to the one database instance DuckDB.NET keeps per file
/// in the process; writes are serialised by the caller (imports run one at a time).</remarks>
internal sealed class AnalyticsStore : IDisposable
{
    /// <summary>The schema's version (tables and row order, <see cref="ClusterOrder"/>); a file with another version is
    /// dropped and rebuilt.</summary>
    public const int SchemaVersion = 7;

    /// <summary>The file's name in the data directory.</summary>
    public const string FileName = "analytics.duckdb";

    private const string StampKey = "stamp";
    private const string VersionKey = "schema";
    private readonly string _connectionString;
    private readonly DuckDBConnection _root;
    private long _batches;
    private long _sequence;

    private AnalyticsStore(string path)
    {
        Path = path;
        _connectionString = "Data Source=" + path;
        _root = new DuckDBConnection(_connectionString);
        _root.Open();
    }

    /// <summary>The database file.</summary>
    public string Path { get; }

    /// <summary>Opens (or creates) the store; a file of another schema version is emptied and left without a stamp.</summary>
    /// <param name="path">The database file.</param>
    /// <param name="memoryLimitMegabytes">DuckDB's <c>memory_limit</c> for this database; null keeps DuckDB's default.</param>
    public static AnalyticsStore Open(string path, int? memoryLimitMegabytes = null)
    {
        var store = new AnalyticsStore(path);
        try
        {
            if (memoryLimitMegabytes is { } limit)
            {
                Execute(store._root, string.Create(CultureInfo.InvariantCulture, $"SET memory_limit = '{limit}MB'"));
            }

            store.EnsureSchema();
            return store;
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    /// <summary>The index commit the rows were last written for; <c>null</c> for a new or emptied store.</summary>
    public string? Stamp
    {
        get
        {
            using var connection = Connect();
            return Meta(connection, StampKey);
        }
    }

    /// <summary>The number of patent rows.</summary>
    public long Rows
    {
        get
        {
            using var connection = Connect();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT count(*) FROM patent";
            return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
        }
    }

    /// <summary>A new connection to the store, for one operation (dispose it).</summary>
    public DuckDBConnection Connect()
    {
        var connection = new DuckDBConnection(_connectionString);
        connection.Open();
        return connection;
    }

    /// <summary>A new batch number for <see cref="Stage"/>: one per index commit of an import.</summary>
    public long NewBatch() => Interlocked.Increment(ref _batches);

    /// <summary>Writes rows of a coming index commit to the batch's staging table (<c>staged_N</c>), so an import holds at
    /// most a chunk of rows in memory; <see cref="Write"/> moves them into <c>patent</c> with the commit. Rows of a batch that
    /// never commits (a crash, a failed import) are dropped when the store opens.</summary>
    public void Stage(long batch, IReadOnlyCollection<StoreRow> rows)
    {
        using var connection = Connect();
        AppendStaged(connection, batch, rows);
    }

    /// <summary>Writes the rows of one index commit — those staged for <paramref name="batch"/> and <paramref name="rows"/> —
    /// each replacing the row of its publication number (a number repeated keeps its last row, as the index does); then
    /// stamps the store with <paramref name="stamp"/>. One transaction: a crash leaves the store as it was before, with the
    /// old stamp.</summary>
    public void Write(long batch, IReadOnlyCollection<StoreRow> rows, string stamp)
    {
        using var connection = Connect();
        using var transaction = connection.BeginTransaction();
        AppendStaged(connection, batch, rows);
        var staged = StagedTable(batch);
        Execute(connection, $"DELETE FROM patent WHERE pn IN (SELECT pn FROM {staged})");
        Execute(connection, $"INSERT INTO patent SELECT * EXCLUDE (seq) FROM {staged} QUALIFY row_number() OVER (PARTITION BY pn ORDER BY seq DESC) = 1 ORDER BY {ClusterOrder}");
        Execute(connection, $"DROP TABLE {staged}");
        SetMeta(connection, StampKey, stamp);
        transaction.Commit();
    }

    /// <summary>Replaces every row with <paramref name="rows"/> and stamps the store, in one transaction (a rebuild from the
    /// index); <paramref name="progress"/> receives the rows written so far.</summary>
    public long Replace(IEnumerable<StoreRow> rows, string stamp, Action<long>? progress, CancellationToken cancellationToken)
    {
        using var connection = Connect();
        DropStaged(connection);
        using var transaction = connection.BeginTransaction();
        Execute(connection, "DELETE FROM patent");
        SetMeta(connection, StampKey, string.Empty);
        long written = 0;
        using (var appender = connection.CreateAppender("patent"))
        {
            foreach (var chunk in rows.Chunk(RowGroupRows))
            {
                // ClusterOrder in memory: ordinal, as DuckDB compares strings bytewise, and nulls last, as DuckDB sorts them.
                var ordered = chunk
                    .Select(r => (Industries: IndustriesText(r.Industries), Row: r))
                    .OrderBy(r => r.Industries, StringComparer.Ordinal)
                    .ThenBy(r => r.Row.UnitGroup is null)
                    .ThenBy(r => r.Row.UnitGroup, StringComparer.Ordinal)
                    .ThenBy(r => r.Row.Pn, StringComparer.Ordinal)
                    .Select(r => r.Row);
                foreach (var row in ordered)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    AppendRow(appender, row);
                    if (++written % 10_000 == 0)
                    {
                        progress?.Invoke(written);
                    }
                }
            }
        }

        SetMeta(connection, StampKey, stamp);
        transaction.Commit();
        progress?.Invoke(written);
        return written;
    }

    public void Dispose() => _root.Dispose();

    /// <summary>
    /// The order rows are written in within each batch (an index commit, or a row group of a rebuild): by industries,
    /// then technology unit. A field's rows then lie together, so a field filter makes DuckDB decode the list columns
    /// (applicants, owners, parties) of few vectors instead of nearly all (figures: docs/benchmarks.md).
    /// </summary>
    private const string ClusterOrder = "industries_text, unit_group, pn";

    /// <summary>DuckDB's rows per row group: a rebuild sorts this many rows at a time (<see cref="ClusterOrder"/>).</summary>
    private const int RowGroupRows = 122_880;

    private void EnsureSchema()
    {
        using var connection = Connect();
        Execute(connection, "CREATE TABLE IF NOT EXISTS meta(key VARCHAR PRIMARY KEY, value VARCHAR)");
        DropStaged(connection);
        var version = Meta(connection, VersionKey);
        if (version == SchemaVersion.ToString(CultureInfo.InvariantCulture))
        {
            return;
        }

        using var transaction = connection.BeginTransaction();
        Execute(connection, "DROP TABLE IF EXISTS patent");
        Execute(connection, CreatePatentTable);
        SetMeta(connection, VersionKey, SchemaVersion.ToString(CultureInfo.InvariantCulture));
        SetMeta(connection, StampKey, string.Empty);
        transaction.Commit();
    }

    /// <summary>The patent table: one row per stored record. Lists hold every value in the record's order; the keys are
    /// those the index filters by (<see cref="IndexSchema"/>), so a filter means the same in both. <c>industries_text</c>
    /// repeats <c>industries</c> as one string (<see cref="IndustriesText"/>), because a field filter reads it several
    /// times faster than the list.</summary>
    internal const string CreatePatentTable = """
        CREATE TABLE patent(
            pn VARCHAR NOT NULL,
            kind VARCHAR NOT NULL,
            status VARCHAR NOT NULL,
            filing_date DATE,
            publication_date DATE,
            grant_date DATE,
            year SMALLINT,
            province VARCHAR,
            city VARCHAR,
            district VARCHAR,
            region_keys VARCHAR[] NOT NULL,
            address VARCHAR,
            applicant_country VARCHAR,
            applicants VARCHAR[] NOT NULL,
            applicant_keys VARCHAR[] NOT NULL,
            applicant_names VARCHAR[] NOT NULL,
            first_applicant_key VARCHAR,
            holders VARCHAR[] NOT NULL,
            holder_keys VARCHAR[] NOT NULL,
            first_holder_key VARCHAR,
            inventors VARCHAR[] NOT NULL,
            ipc VARCHAR[] NOT NULL,
            ipc_keys VARCHAR[] NOT NULL,
            ipc_subclasses VARCHAR[] NOT NULL,
            ipc_groups VARCHAR[] NOT NULL,
            main_ipc VARCHAR,
            main_subclass VARCHAR,
            main_group VARCHAR,
            industries VARCHAR[] NOT NULL,
            industries_text VARCHAR NOT NULL,
            citations INTEGER,
            family_size INTEGER,
            family_countries VARCHAR[],
            transfers INTEGER,
            licences INTEGER,
            pledges INTEGER,
            synthetic BOOLEAN NOT NULL,
            import_id VARCHAR,
            source_format VARCHAR,
            title VARCHAR,
            unit_group VARCHAR,
            unit_subclass VARCHAR,
            owners VARCHAR[] NOT NULL,
            owner_keys VARCHAR[] NOT NULL,
            owner_names VARCHAR[] NOT NULL,
            owner_origin VARCHAR NOT NULL,
            owner_country VARCHAR,
            parties VARCHAR[] NOT NULL,
            party_keys VARCHAR[] NOT NULL,
            party_names VARCHAR[] NOT NULL,
            party_types VARCHAR[] NOT NULL,
            family_abroad BOOLEAN,
            report_country VARCHAR NOT NULL,
            owner_type VARCHAR NOT NULL)
        """;

    /// <summary>The industries as one string with '|' before and after each (<c>|city:新材料|sei:3|sei:3.1|</c>), so that
    /// <c>contains(industries_text, '|' || $industry || '|')</c> means <c>list_contains(industries, $industry)</c>.</summary>
    internal static string IndustriesText(IReadOnlyList<string> industries) =>
        industries.Count == 0 ? string.Empty : "|" + string.Join('|', industries) + "|";

    private static string StagedTable(long batch) => string.Create(CultureInfo.InvariantCulture, $"staged_{batch}");

    private void AppendStaged(DuckDBConnection connection, long batch, IReadOnlyCollection<StoreRow> rows)
    {
        var staged = StagedTable(batch);
        Execute(connection, $"CREATE TABLE IF NOT EXISTS {staged} AS SELECT *, CAST(0 AS BIGINT) AS seq FROM patent LIMIT 0");
        if (rows.Count == 0)
        {
            return;
        }

        using var appender = connection.CreateAppender(staged);
        foreach (var row in rows)
        {
            Columns(appender, row).AppendValue(Interlocked.Increment(ref _sequence)).EndRow();
        }
    }

    /// <summary>Drops the staging tables of batches that never committed (see <see cref="Stage"/>).</summary>
    private static void DropStaged(DuckDBConnection connection)
    {
        var tables = new List<string>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT table_name FROM duckdb_tables() WHERE table_name LIKE 'staged\\_%' ESCAPE '\\'";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                tables.Add(reader.GetString(0));
            }
        }

        foreach (var table in tables)
        {
            Execute(connection, $"DROP TABLE IF EXISTS \"{table}\"");
        }
    }

    private static void AppendRow(DuckDBAppender appender, StoreRow r) => Columns(appender, r).EndRow();

    private static IDuckDBAppenderRow Columns(DuckDBAppender appender, StoreRow r) =>
        appender.CreateRow()
            .AppendValue(r.Pn)
            .AppendValue(r.Kind)
            .AppendValue(r.Status)
            .AppendValue(r.FilingDate)
            .AppendValue(r.PublicationDate)
            .AppendValue(r.GrantDate)
            .AppendValue(r.Year)
            .AppendValue(r.Province)
            .AppendValue(r.City)
            .AppendValue(r.District)
            .AppendValue(r.RegionKeys)
            .AppendValue(r.Address)
            .AppendValue(r.ApplicantCountry)
            .AppendValue(r.Applicants)
            .AppendValue(r.ApplicantKeys)
            .AppendValue(r.ApplicantNames)
            .AppendValue(r.ApplicantKeys.Count > 0 ? r.ApplicantKeys[0] : null)
            .AppendValue(r.Holders)
            .AppendValue(r.HolderKeys)
            .AppendValue(r.HolderKeys.Count > 0 ? r.HolderKeys[0] : null)
            .AppendValue(r.Inventors)
            .AppendValue(r.Ipc)
            .AppendValue(r.IpcKeys)
            .AppendValue(r.IpcSubclasses)
            .AppendValue(r.IpcGroups)
            .AppendValue(r.MainIpc)
            .AppendValue(r.MainSubclass)
            .AppendValue(r.MainGroup)
            .AppendValue(r.Industries)
            .AppendValue(IndustriesText(r.Industries))
            .AppendValue(r.Citations)
            .AppendValue(r.FamilySize)
            .AppendValue(r.FamilyCountries)
            .AppendValue(r.Transfers)
            .AppendValue(r.Licences)
            .AppendValue(r.Pledges)
            .AppendValue(r.Synthetic)
            .AppendValue(r.ImportId)
            .AppendValue(r.SourceFormat)
            .AppendValue(r.Title)
            .AppendValue(r.UnitGroup)
            .AppendValue(r.UnitSubclass)
            .AppendValue(r.Owners)
            .AppendValue(r.OwnerKeys)
            .AppendValue(r.OwnerNames)
            .AppendValue(r.OwnerOrigin)
            .AppendValue(r.OwnerCountry)
            .AppendValue(r.Parties)
            .AppendValue(r.PartyKeys)
            .AppendValue(r.PartyNames)
            .AppendValue(r.PartyTypes)
            .AppendValue(r.FamilyAbroad)
            .AppendValue(r.ReportCountry)
            .AppendValue(r.OwnerType);

    private static string? Meta(DbConnection connection, string key)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT value FROM meta WHERE key = $key";
        command.Parameters.Add(new DuckDBParameter("key", key));
        var value = command.ExecuteScalar() as string;
        return string.IsNullOrEmpty(value) ? null : value;
    }

    private static void SetMeta(DbConnection connection, string key, string value)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "INSERT OR REPLACE INTO meta VALUES ($key, $value)";
        command.Parameters.Add(new DuckDBParameter("key", key));
        command.Parameters.Add(new DuckDBParameter("value", value));
        command.ExecuteNonQuery();
    }
}

/// <summary>One patent as the analytical store keeps it: the counted fields of a record, with the derived keys (applicant
/// merge keys, IPC levels, industries) computed once when the row is written.</summary>
internal sealed record StoreRow(
    string Pn,
    string Kind,
    string Status,
    DateOnly? FilingDate,
    DateOnly? PublicationDate,
    DateOnly? GrantDate,
    short? Year,
    string? Province,
    string? City,
    string? District,
    IReadOnlyList<string> RegionKeys,
    string? Address,
    string? ApplicantCountry,
    IReadOnlyList<string> Applicants,
    IReadOnlyList<string> ApplicantKeys,
    IReadOnlyList<string> ApplicantNames,
    IReadOnlyList<string> Holders,
    IReadOnlyList<string> HolderKeys,
    IReadOnlyList<string> Inventors,
    IReadOnlyList<string> Ipc,
    IReadOnlyList<string> IpcKeys,
    IReadOnlyList<string> IpcSubclasses,
    IReadOnlyList<string> IpcGroups,
    string? MainIpc,
    string? MainSubclass,
    string? MainGroup,
    IReadOnlyList<string> Industries,
    int? Citations,
    int? FamilySize,
    IReadOnlyList<string>? FamilyCountries,
    int? Transfers,
    int? Licences,
    int? Pledges,
    bool Synthetic,
    string? ImportId,
    string? SourceFormat,
    string? Title,
    string? UnitGroup,
    string? UnitSubclass,
    IReadOnlyList<string> Owners,
    IReadOnlyList<string> OwnerKeys,
    IReadOnlyList<string> OwnerNames,
    string OwnerOrigin,
    string? OwnerCountry,
    IReadOnlyList<string> Parties,
    IReadOnlyList<string> PartyKeys,
    IReadOnlyList<string> PartyNames,
    IReadOnlyList<string> PartyTypes,
    bool? FamilyAbroad,
    string ReportCountry,
    string OwnerType)
{
    /// <summary>The row of a record, with the industry tokens the index derived for it.</summary>
    /// <remarks>Addresses and inventors are cleaned (<see cref="TextNormalizer.Clean"/>: width, spaces), as place matching
    /// and the inventor ranking compare them. Applicants are the non-blank names in order (the ranking's rule); their keys and display names are
    /// <see cref="Analytics.ApplicantNames.Normalize"/>'s. IPC keys are every level of every code, main code included, as
    /// the index's <c>ipc</c> field has them.</remarks>
    public static StoreRow From(PatentRecord r, IReadOnlyList<string> industries)
    {
        ArgumentNullException.ThrowIfNull(r);
        var applicants = NonBlank(r.Applicants);
        var applicantKeys = new string[applicants.Count];
        var applicantNames = new string[applicants.Count];
        for (var i = 0; i < applicants.Count; i++)
        {
            var n = Analytics.ApplicantNames.Normalize(applicants[i]);
            applicantKeys[i] = n.Key;
            applicantNames[i] = n.DisplayName;
        }

        var holders = NonBlank(r.CurrentHolders);
        var holderKeys = new string[holders.Count];
        var holderNames = new string[holders.Count];
        for (var i = 0; i < holders.Count; i++)
        {
            var n = Analytics.ApplicantNames.Normalize(holders[i]);
            holderKeys[i] = n.Key;
            holderNames[i] = n.DisplayName;
        }

        // The owners a chokepoint counts (current holders, else applicants) and the first one's origin and country.
        var byHolders = r.CurrentHolders.Count > 0;
        var (owners, ownerKeys, ownerNames) = byHolders ? (holders, (IReadOnlyList<string>)holderKeys, (IReadOnlyList<string>)holderNames) : (applicants, applicantKeys, applicantNames);
        var (_, ownerClass, country) = Analytics.ApplicantNames.FirstOwner(r);
        var origin = ownerClass?.Origin ?? Analytics.ApplicantOrigin.Unknown;

        // Everyone named (applicants and holders, each spelling once) with their type, for the chokepoints' partners.
        var parties = applicants.Concat(holders).Distinct(StringComparer.Ordinal).ToArray();
        var partyKeys = new string[parties.Length];
        var partyNames = new string[parties.Length];
        var partyTypes = new string[parties.Length];
        for (var i = 0; i < parties.Length; i++)
        {
            var n = Analytics.ApplicantNames.Normalize(parties[i]);
            partyKeys[i] = n.Key;
            partyNames[i] = n.DisplayName;
            partyTypes[i] = TypeValue(Analytics.ApplicantNames.Classify(parties[i], null).Type);
        }

        var lead = r.MainIpc ?? (r.Ipc.Count > 0 ? r.Ipc[0] : null);
        var leadSubclass = lead?.Subclass;

        var codes = r.MainIpc is { } m && !r.Ipc.Contains(m) ? r.Ipc.Prepend(m).ToList() : r.Ipc.ToList();
        var keys = new List<string>();
        var subclasses = new List<string>();
        var groups = new List<string>();
        foreach (var code in codes)
        {
            foreach (var key in code.LevelKeys())
            {
                if (!keys.Contains(key))
                {
                    keys.Add(key);
                }
            }

            if (code.Subclass is { } sc && !subclasses.Contains(sc))
            {
                subclasses.Add(sc);
            }

            var g = GroupUnit(code);
            if (g is not null && !groups.Contains(g))
            {
                groups.Add(g);
            }
        }

        var region = r.Region;
        return new StoreRow(
            r.PublicationNumber.Value,
            IndexSchema.KindValue(r.Kind),
            IndexSchema.StatusValue(r.LegalStatus),
            r.FilingDate,
            r.PublicationDate,
            r.GrantDate,
            (short?)(r.FilingDate ?? r.PublicationDate)?.Year,
            region?.ProvinceCode,
            region?.CityCode,
            region?.DistrictCode,
            region is null ? [] : IndexSchema.RegionKeys(region).ToArray(),
            string.IsNullOrWhiteSpace(r.ApplicantAddress) ? null : TextNormalizer.Clean(r.ApplicantAddress),
            string.IsNullOrWhiteSpace(r.ApplicantCountry) ? null : r.ApplicantCountry.Trim().ToUpperInvariant(),
            applicants,
            applicantKeys,
            applicantNames,
            holders,
            holderKeys,
            Cleaned(r.Inventors),
            codes.Select(c => c.ToString()).ToArray(),
            keys,
            subclasses,
            groups,
            r.MainIpc?.ToString(),
            r.MainIpc?.Subclass,
            r.MainIpc is { } main ? GroupUnit(main) : null,
            industries,
            r.ForwardCitations,
            r.FamilySize,
            r.FamilyCountries,
            r.TransferCount,
            r.LicenceCount,
            r.PledgeCount,
            r.Synthetic,
            r.ImportBatch,
            r.SourceFormat,
            r.Title,
            leadSubclass is null ? null : GroupUnit(lead!.Value),
            leadSubclass,
            owners,
            ownerKeys,
            ownerNames,
            OriginValue(origin),
            country,
            parties,
            partyKeys,
            partyNames,
            partyTypes,
            r.FamilyCountries is { } fc ? fc.Any(c => c.Trim().ToUpperInvariant() is { Length: > 0 } u && u != "CN") : null,
            Reports.NavigationReports.CountryOf(r),
            TypeValue(Reports.NavigationReports.HolderOf(r).Type));
    }

    /// <summary>An applicant origin as the store writes it: <c>domestic</c>, <c>foreign</c>, <c>unknown</c>.</summary>
    public static string OriginValue(Analytics.ApplicantOrigin origin) => origin switch
    {
        Analytics.ApplicantOrigin.Domestic => "domestic",
        Analytics.ApplicantOrigin.Foreign => "foreign",
        _ => "unknown",
    };

    /// <summary>An applicant type as the store writes it (camelCase, as in JSON): <c>university</c>, <c>researchInstitute</c>, ….</summary>
    public static string TypeValue(Analytics.ApplicantType type)
    {
        var name = type.ToString();
        return char.ToLowerInvariant(name[0]) + name[1..];
    }

    /// <summary>The main-group unit of a code (<c>C10G 1/00</c>); a code that stops at subclass level counts as its subclass.</summary>
    public static string? GroupUnit(IpcCode code) =>
        code.MainGroupCode is { } g ? g.ToString() : code.Subclass;

    private static string[] Cleaned(IReadOnlyList<string> names) =>
        names.Select(n => TextNormalizer.Clean(n)).Where(n => n.Length > 0).ToArray();

    private static IReadOnlyList<string> NonBlank(IReadOnlyList<string> names)
    {
        var list = new List<string>(names.Count);
        foreach (var n in names)
        {
            if (!string.IsNullOrWhiteSpace(n))
            {
                list.Add(n);
            }
        }

        return list;
    }
}

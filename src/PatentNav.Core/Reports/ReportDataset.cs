using System.Data;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using MiniExcelLibs;
using PatentNav.Analytics;
using Sylvan.Data.Csv;

namespace PatentNav.Reports;

/// <summary>One table of a report's dataset.</summary>
/// <param name="Name">The table's name: the CSV file name (without extension) and the sheet name (at most 31 characters).</param>
/// <param name="Title">What it holds, in Chinese.</param>
/// <param name="Columns">Column names.</param>
/// <param name="Rows">Rows: strings, numbers (long, double) or null for unknown.</param>
public sealed record DatasetTable(string Name, string Title, IReadOnlyList<string> Columns, IReadOnlyList<object?[]> Rows);

/// <summary>
/// The dataset behind a navigation report (GB/T 39551 asks for the report and its data together): every table the report
/// prints, plus its parameters and conventions, as CSV files in a ZIP or as one XLSX workbook (one sheet per table).
/// </summary>
public static class ReportDataset
{
    private static readonly DateTimeOffset ZipTime = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The tables of a report, in the report's order.</summary>
    public static IReadOnlyList<DatasetTable> From(NavigationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var d = report.Direction;
        var p = report.Positioning.Region;
        var b = report.Basis;
        var tables = new List<DatasetTable>
        {
            new("parameters", "参数与统计口径", ["name", "value"],
            [
                ["title", report.Title], ["place", $"{report.Scope.Place.Id} {report.Scope.Place.Name}"], ["placeRule", report.Scope.Place.Rule],
                ["industry", $"{report.Scope.Industry} {report.Scope.IndustryName}"], ["benchmark", report.Scope.Benchmark],
                ["dataCutoff", b.DataCutoff?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)], ["cutoffSource", b.Conventions.CutoffSource],
                ["generatedAt", b.GeneratedAt.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)], ["years", b.Conventions.Years],
                ["units", b.Conventions.Units], ["attribution", b.Conventions.Attribution], ["workspacePatents", b.WorkspacePatents],
                ["engine", b.Engine], ["synthetic", report.Synthetic ? "true: some records are synthetic demonstration data" : "false"],
                .. b.Parameters.Select(x => new object?[] { "parameter." + x.Name, x.Value }),
                .. report.Notes.Select((n, i) => new object?[] { "note." + (i + 1).ToString(CultureInfo.InvariantCulture), n }),
            ]),
            new("trend_field", "领域申请趋势（基准）", ["year", "patents", "complete"], [.. d.Trend.Years.Select(y => new object?[] { (long)y.Year, y.Count, y.Complete ? "yes" : "no" })]),
            new("trend_place", "本地领域申请趋势", ["year", "patents", "complete"], [.. p.Growth.Place.Years.Select(y => new object?[] { (long)y.Year, y.Count, y.Complete ? "yes" : "no" })]),
            new("clusters", "技术聚类", ["id", "label", "patents", "share", "annualGrowth", "lifecycle", "firstYear", "lastYear", "x", "y", "leadingApplicant", "representative", "representativeTitle"],
                [.. d.Clusters.Clusters.Select(c => new object?[] { (long)c.Id, c.Label, (long)c.Size, c.Share, c.AnnualGrowth, c.Lifecycle, (long?)c.FirstYear, (long?)c.LastYear, c.X, c.Y, c.LeadingApplicant, c.Representative, c.RepresentativeTitle })]),
            new("countries", "申请人国别", ["country", "name", "patents", "share"], [.. d.Control.Countries.Select(c => new object?[] { c.Code, c.Name, c.Patents, c.Share })]),
            new("provinces", "国内省份分布", ["code", "name", "patents", "share"], [.. d.Control.Provinces.Select(c => new object?[] { c.Code, c.Name, c.Patents, c.Share })]),
            Applicants("applicants_field", "领域主要申请人", d.Control.Applicants.Applicants),
            new("positioning", "区域定位指标", ["indicator", "value"],
            [
                ["placeInField", p.PlaceInField.Count], ["placeInFieldLower", p.PlaceInField.Lower], ["placeInFieldUpper", p.PlaceInField.Upper],
                ["placeAll", p.PlaceAll], ["benchmarkInField", p.BenchmarkInField], ["benchmarkAll", p.BenchmarkAll],
                ["shareOfField", p.ShareOfField], ["fieldShareOfPlace", p.FieldShareOfPlace], ["fieldShareOfBenchmark", p.FieldShareOfBenchmark],
                ["rta", p.Rta], ["rtaLower", p.RtaLower], ["rtaUpper", p.RtaUpper], ["rankByPatents", (long)p.Rank.RankByPatents], ["rankByRta", (long?)p.Rank.RankByRta],
                ["peers", (long)p.Rank.Peers], ["growthRelative", p.Growth.Relative], ["growthVerdict", p.Growth.Verdict],
                ["fieldAnnualGrowth", d.Trend.Growth.AnnualGrowth], ["lifecycle", d.Trend.Lifecycle.Label], ["cr4", d.Control.Cr4], ["hhi", d.Control.Hhi], ["foreignShare", d.Control.ForeignShare],
            ]),
            new("peers", "同级地区比较", ["id", "name", "inField", "all", "shareOfField", "rta", "tooFew"], [.. p.Rank.Top.Select(x => new object?[] { x.Id, x.Name, x.InField, x.All, x.ShareOfField, x.Rta, x.TooFew ? "yes" : "no" })]),
            new("technologies", "优势与薄弱技术", ["kind", "code", "place", "benchmark", "rta", "rtaLower", "rtaUpper", "tooFew", "title"],
            [
                .. p.Strongest.Select(t => Tech("strongest", t)),
                .. p.Weakest.Select(t => Tech("weakest", t)),
            ]),
            Applicants("applicants_place", "本地领域申请人", p.Applicants.Applicants),
            new("inventors_place", "本地领域发明人", ["name", "applicant", "patents", "firstYear", "lastYear"], [.. p.Inventors.Select(Inventor)]),
            new("high_value", "本地领域高价值专利", ["publicationNumber", "title", "holder", "holderType", "year", "criteriaMet", "forwardCitations", "familySize"],
                [.. report.Positioning.HighValue.Patents.Select(Patent)]),
            new("chokepoints", "卡脖子技术清单", ["rank", "unit", "score", "value", "gap", "monopoly", "difficulty", "patents", "placePatents", "foreignShare", "leaderCountry", "leaderCity", "hhi", "cr4", "missing", "institutions", "localApplicants", "unitTitle"],
                [.. report.Positioning.Chokepoints.Entries.Select(e => new object?[]
                {
                    (long)e.Rank, e.Unit, e.Score,
                    Component(e, "value"), Component(e, "gap"), Component(e, "monopoly"), Component(e, "difficulty"),
                    e.Evidence.Patents, e.Evidence.PlacePatents, e.Evidence.ForeignShare, e.Evidence.LeaderCountry, e.Evidence.LeaderCity, e.Evidence.Hhi, e.Evidence.Cr4,
                    string.Join("; ", e.Missing), string.Join("; ", e.Institutions.Select(x => x.Name)), string.Join("; ", e.LocalApplicants.Select(x => x.Name)), e.Title,
                })]),
            Applicants("attract", "招引对象", report.Paths.Attract),
            new("inventors_recruit", "本地以外领军发明人", ["name", "applicant", "patents", "firstYear", "lastYear"], [.. report.Paths.Inventors.Select(Inventor)]),
            new("operation", "专利运营候选", ["action", "publicationNumber", "title", "holder", "holderType", "criteriaMet", "reason"],
                [.. report.Paths.Operation.Select(o => new object?[] { o.Action, o.Patent.PublicationNumber, o.Patent.Title, o.Patent.Holder, o.Patent.HolderType.ToString(), string.Join("; ", o.Patent.CriteriaMet), o.Reason })]),
            new("recommendations", "发展路径建议", ["family", "familyLabel", "title", "text", "evidence"],
                [.. report.Paths.Recommendations.Select(r => new object?[] { r.Family.ToString(), r.FamilyLabel, r.Title, r.Text, string.Join("; ", r.Evidence.Select(f => $"{f.Label} = {f.Value} ({f.Path})")) })]),
        };
        return tables;
    }

    /// <summary>The tables as CSV files (UTF-8 with BOM, so that Excel reads Chinese) in a ZIP; byte-identical for the same report apart from its generation time.</summary>
    public static byte[] ToCsvZip(IReadOnlyList<DatasetTable> tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var table in tables)
            {
                var entry = zip.CreateEntry(table.Name + ".csv", CompressionLevel.Optimal);
                entry.LastWriteTime = ZipTime;
                using var stream = entry.Open();
                var bytes = ToCsv(table);
                stream.Write(bytes);
            }
        }

        return buffer.ToArray();
    }

    /// <summary>The tables as Parquet files (one per table, typed columns: BIGINT, DOUBLE, BOOLEAN or VARCHAR as the values
    /// are) in a ZIP, for DuckDB, pandas/pyarrow or Spark; written by an in-memory DuckDB.</summary>
    public static byte[] ToParquetZip(IReadOnlyList<DatasetTable> tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        var directory = Path.Combine(Path.GetTempPath(), "patentnav-parquet-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            using var connection = new DuckDB.NET.Data.DuckDBConnection("Data Source=:memory:");
            connection.Open();
            using var buffer = new MemoryStream();
            using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
            {
                foreach (var table in tables)
                {
                    var file = Path.Combine(directory, table.Name + ".parquet");
                    WriteParquet(connection, table, file);
                    var entry = zip.CreateEntry(table.Name + ".parquet", CompressionLevel.NoCompression); // Parquet is compressed
                    entry.LastWriteTime = ZipTime;
                    using var stream = entry.Open();
                    using var source = File.OpenRead(file);
                    source.CopyTo(stream);
                }
            }

            return buffer.ToArray();
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static void WriteParquet(DuckDB.NET.Data.DuckDBConnection connection, DatasetTable table, string file)
    {
        var types = new string[table.Columns.Count];
        for (var c = 0; c < types.Length; c++)
        {
            var values = table.Rows.Select(r => c < r.Length ? r[c] : null).Where(v => v is not null).ToList();
            types[c] = values.Count == 0 ? "VARCHAR"
                : values.All(v => v is int or long or short or byte) ? "BIGINT"
                : values.All(v => v is int or long or short or byte or double or float or decimal) ? "DOUBLE"
                : values.All(v => v is bool) ? "BOOLEAN"
                : "VARCHAR";
        }

        static string Quote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        Internal.DuckDbSql.Execute(connection, "CREATE OR REPLACE TABLE t(" + string.Join(", ", table.Columns.Select((n, c) => Quote(n) + " " + types[c])) + ")");
        using (var appender = connection.CreateAppender("t"))
        {
            foreach (var row in table.Rows)
            {
                var r = appender.CreateRow();
                for (var c = 0; c < types.Length; c++)
                {
                    var v = c < row.Length ? row[c] : null;
                    _ = v is null ? r.AppendNullValue()
                        : types[c] switch
                        {
                            "BIGINT" => r.AppendValue(Convert.ToInt64(v, CultureInfo.InvariantCulture)),
                            "DOUBLE" => r.AppendValue(Convert.ToDouble(v, CultureInfo.InvariantCulture)),
                            "BOOLEAN" => r.AppendValue((bool)v),
                            _ => r.AppendValue(v as string ?? Convert.ToString(v, CultureInfo.InvariantCulture)),
                        };
                }

                r.EndRow();
            }
        }

        Internal.DuckDbSql.Execute(connection, $"COPY t TO '{file.Replace("'", "''", StringComparison.Ordinal)}' (FORMAT parquet)");
    }


    /// <summary>One table as CSV (<see cref="CsvCells.Write"/>: UTF-8 with BOM, text cells guarded against spreadsheet
    /// formulas); numbers are written in the invariant culture, unknown values as empty cells.</summary>
    public static byte[] ToCsv(DatasetTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        return CsvCells.Write(table.Columns, table.Rows.Select(row => Array.ConvertAll(row, v => v switch
        {
            null => null,
            string s => s,
            _ => Convert.ToString(v, CultureInfo.InvariantCulture),
        })), guardNumbers: false);
    }

    /// <summary>The tables as one XLSX workbook, one sheet per table (numbers as numbers).</summary>
    public static byte[] ToXlsx(IReadOnlyList<DatasetTable> tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        var sheets = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var table in tables)
        {
            var rows = table.Rows.Select(row =>
            {
                var dict = new Dictionary<string, object?>(StringComparer.Ordinal);
                for (var i = 0; i < table.Columns.Count; i++)
                {
                    dict[table.Columns[i]] = row[i] is string s ? CsvCells.Safe(s) : row[i];
                }

                return dict;
            }).ToList();
            if (rows.Count == 0)
            {
                // MiniExcel writes no header for an empty sequence: one empty row keeps the column names visible.
                rows.Add(table.Columns.ToDictionary(c => c, _ => (object?)null, StringComparer.Ordinal));
            }

            sheets[table.Name.Length > 31 ? table.Name[..31] : table.Name] = rows;
        }

        using var buffer = new MemoryStream();
        buffer.SaveAs(sheets);
        return buffer.ToArray();
    }

    private static DatasetTable Applicants(string name, string title, IReadOnlyList<ApplicantRank> applicants) =>
        new(name, title, ["rank", "name", "type", "origin", "patents", "share", "validInventions", "firstYear", "lastYear", "variants"],
            [.. applicants.Select(a => new object?[] { (long)a.Rank, a.Name, a.Type.ToString(), a.Origin.ToString(), a.Patents, a.Share, a.ValidInventions, (long?)a.FirstFilingYear, (long?)a.LastFilingYear, string.Join("; ", a.Variants) })]);

    private static object?[] Tech(string kind, TechnologyPosition t) =>
        [kind, t.Code, t.Place.Count, t.Benchmark, t.Rta, t.RtaLower, t.RtaUpper, t.TooFew ? "yes" : "no", t.Title];

    private static object?[] Inventor(InventorRank x) => [x.Name, x.Applicant, x.Patents, (long?)x.FirstYear, (long?)x.LastYear];

    private static object?[] Patent(ReportPatent x) =>
        [x.PublicationNumber, x.Title, x.Holder, x.HolderType.ToString(), (long?)x.Year, string.Join("; ", x.CriteriaMet), (long?)x.ForwardCitations, (long?)x.FamilySize];

    private static double? Component(ChokepointEntry e, string name)
    {
        foreach (var c in e.Components)
        {
            if (c.Name == name)
            {
                return c.Score;
            }
        }

        return null;
    }
}

/// <summary>CSV and spreadsheet downloads: the one CSV writer (Sylvan) and the formula guard every text cell passes.</summary>
public static class CsvCells
{
    /// <summary>Neutralises spreadsheet formula injection: a text cell starting with = + - @ (or a tab/CR) gets a leading apostrophe.</summary>
    public static string Safe(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        return value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;
    }

    /// <summary>
    /// Writes rows (each as long as <paramref name="columns"/>) as CSV bytes: UTF-8 with BOM (Excel opens Chinese text
    /// correctly), quoting as needed. Every cell passes <see cref="Safe"/>, except, with <paramref name="guardNumbers"/>
    /// false, cells that are numbers (a negative growth rate stays a number).
    /// </summary>
    public static byte[] Write(IReadOnlyList<string> columns, IEnumerable<string?[]> rows, bool guardNumbers = true)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(rows);
        using var table = new DataTable("rows") { Locale = CultureInfo.InvariantCulture };
        foreach (var c in columns)
        {
            table.Columns.Add(c, typeof(string));
        }

        foreach (var row in rows)
        {
            table.Rows.Add(Array.ConvertAll(row, v => (object)(!guardNumbers && double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out _) ? v! : Safe(v))));
        }

        using var buffer = new MemoryStream();
        using (var writer = new StreamWriter(buffer, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), leaveOpen: true))
        {
            using var csv = CsvDataWriter.Create(writer);
            using var reader = table.CreateDataReader();
            csv.Write(reader);
        }

        return buffer.ToArray();
    }

    /// <summary>
    /// Streams rows to <paramref name="output"/> as <see cref="Write"/> writes them (UTF-8 with BOM, every cell formula-safe),
    /// a thousand rows at a time, so that a download of any size holds one batch in memory.
    /// </summary>
    public static async Task WriteAsync(Stream output, IReadOnlyList<string> columns, IAsyncEnumerable<string?[]> rows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(rows);
        await using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), leaveOpen: true);
        using var table = new DataTable("rows") { Locale = CultureInfo.InvariantCulture };
        foreach (var c in columns)
        {
            table.Columns.Add(c, typeof(string));
        }

        var first = true;
        async Task FlushAsync()
        {
            // One writer per batch on the same text writer: the header only before the first.
            await using var csv = CsvDataWriter.Create(writer, new CsvDataWriterOptions { WriteHeaders = first });
            using var reader = table.CreateDataReader();
            await csv.WriteAsync(reader, cancellationToken).ConfigureAwait(false);
            table.Clear();
            first = false;
        }

        await foreach (var row in rows.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            table.Rows.Add(Array.ConvertAll(row, v => (object)Safe(v)));
            if (table.Rows.Count == 1_000)
            {
                await FlushAsync().ConfigureAwait(false);
            }
        }

        if (first || table.Rows.Count > 0)
        {
            await FlushAsync().ConfigureAwait(false);
        }

        await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
    }
}

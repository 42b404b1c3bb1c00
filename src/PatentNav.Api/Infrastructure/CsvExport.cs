using System.Data;
using System.Globalization;
using System.Text;
using PatentNav.Reports;
using Sylvan.Data.Csv;

namespace PatentNav.Api.Infrastructure;

/// <summary>CSV downloads: UTF-8 with BOM (Excel opens Chinese text correctly), every cell formula-safe.</summary>
internal static class CsvExport
{
    /// <summary>Writes the rows (each as long as <paramref name="columns"/>) as CSV bytes; every cell passes <see cref="Safe"/>.</summary>
    public static async Task<byte[]> WriteAsync(IReadOnlyList<string> columns, IEnumerable<string?[]> rows, CancellationToken cancellationToken)
    {
        using var table = new DataTable("rows") { Locale = CultureInfo.InvariantCulture };
        foreach (var c in columns)
        {
            table.Columns.Add(c, typeof(string));
        }

        foreach (var row in rows)
        {
            table.Rows.Add(row.Select(v => (object)Safe(v)).ToArray());
        }

        using var buffer = new MemoryStream();
        await using (var writer = new StreamWriter(buffer, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), leaveOpen: true))
        {
            await using var csv = CsvDataWriter.Create(writer);
            using var reader = table.CreateDataReader();
            await csv.WriteAsync(reader, cancellationToken);
        }

        return buffer.ToArray();
    }

    /// <summary>Neutralises spreadsheet formula injection (<see cref="CsvCells.Safe"/>).</summary>
    public static string Safe(string? value) => CsvCells.Safe(value);

    /// <summary>A date as yyyy-MM-dd, empty when unknown.</summary>
    public static string Date(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? string.Empty;
}

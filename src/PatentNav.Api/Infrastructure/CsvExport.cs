using System.Globalization;
using PatentNav.Reports;

namespace PatentNav.Api.Infrastructure;

/// <summary>CSV downloads: UTF-8 with BOM (Excel opens Chinese text correctly), every cell formula-safe.</summary>
internal static class CsvExport
{
    /// <summary>Writes the rows (each as long as <paramref name="columns"/>) as CSV bytes (<see cref="CsvCells.Write"/>); every cell passes <see cref="Safe"/>.</summary>
    public static Task<byte[]> WriteAsync(IReadOnlyList<string> columns, IEnumerable<string?[]> rows, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(CsvCells.Write(columns, rows));
    }

    /// <summary>Neutralises spreadsheet formula injection (<see cref="CsvCells.Safe"/>).</summary>
    public static string Safe(string? value) => CsvCells.Safe(value);

    /// <summary>A date as yyyy-MM-dd, empty when unknown.</summary>
    public static string Date(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? string.Empty;
}

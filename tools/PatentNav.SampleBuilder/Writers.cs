using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using MiniExcelLibs;

namespace PatentNav.SampleBuilder;

/// <summary>RFC 4180 CSV text: cells quoted when they hold a comma, quote, line break or edge space; CRLF line ends, as
/// spreadsheet and export tools write them.</summary>
internal sealed class CsvText
{
    private readonly StringBuilder _text = new();

    public CsvText Line(params IEnumerable<string?> cells)
    {
        _text.Append(string.Join(",", cells.Select(Quote))).Append("\r\n");
        return this;
    }

    /// <summary>A line written as is (export preambles).</summary>
    public CsvText Raw(string line)
    {
        _text.Append(line).Append("\r\n");
        return this;
    }

    public override string ToString() => _text.ToString();

    private static string Quote(string? value)
    {
        value ??= string.Empty;
        var needs = value.AsSpan().IndexOfAny(",\"\r\n") >= 0 || (value.Length > 0 && (value[0] == ' ' || value[^1] == ' '));
        return needs ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}

/// <summary>Writes files byte for byte the same on every run.</summary>
internal static partial class Output
{
    public static readonly Encoding Utf8NoBom = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    // Zip entries carry a modification time; a fixed one keeps the .xlsx files byte-identical across runs.
    private static readonly DateTimeOffset FixedZipTime = new(1980, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static void Text(string path, string content, Encoding? encoding = null)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var enc = encoding ?? Utf8NoBom;
        var preamble = enc.GetPreamble();
        var body = enc.GetBytes(content);
        File.WriteAllBytes(path, [.. preamble, .. body]);
    }

    /// <summary>Writes one sheet with MiniExcel, then repacks the zip with fixed entry times.</summary>
    public static void Xlsx(string path, string sheetName, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<object?>> rows)
    {
        var table = rows.Select(r =>
        {
            var row = new Dictionary<string, object?>(StringComparer.Ordinal);
            for (var i = 0; i < headers.Count; i++)
            {
                row[headers[i]] = r[i];
            }

            return row;
        }).ToList();

        using var raw = new MemoryStream();
        raw.SaveAs(table, sheetName: sheetName);
        raw.Position = 0;

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var source = new ZipArchive(raw, ZipArchiveMode.Read);
        using var file = File.Create(path);
        using (var target = new ZipArchive(file, ZipArchiveMode.Create))
        {
            // MiniExcel names the sheet relationship with a random GUID (R + 32 hex digits): renumber those ids in order of
            // first appearance so the package is the same on every run.
            var ids = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var entry in source.Entries)
            {
                if (!entry.FullName.EndsWith(".xml", StringComparison.Ordinal) && !entry.FullName.EndsWith(".rels", StringComparison.Ordinal))
                {
                    var binary = target.CreateEntry(entry.FullName, CompressionLevel.Optimal);
                    binary.LastWriteTime = FixedZipTime;
                    using var input = entry.Open();
                    using var output = binary.Open();
                    input.CopyTo(output);
                    continue;
                }

                using var reader = new StreamReader(entry.Open(), Utf8NoBom, detectEncodingFromByteOrderMarks: false);
                var xml = RandomRelationshipId().Replace(reader.ReadToEnd(), m =>
                {
                    if (!ids.TryGetValue(m.Value, out var stable))
                    {
                        ids[m.Value] = stable = "rIdPn" + (ids.Count + 1).ToString(CultureInfo.InvariantCulture);
                    }

                    return stable;
                });
                var copy = target.CreateEntry(entry.FullName, CompressionLevel.Optimal);
                copy.LastWriteTime = FixedZipTime;
                using var to = copy.Open();
                var bytes = Utf8NoBom.GetBytes(xml);
                to.Write(bytes);
            }
        }
    }

    [GeneratedRegex(@"\bR[0-9a-f]{32}\b", RegexOptions.CultureInvariant)]
    private static partial Regex RandomRelationshipId();
}

using System.Text;
using ExcelDataReader;
using Sylvan.Data.Csv;

namespace PatentNav.Import;

/// <summary>A forward-only sequence of rows of cells, with spreadsheet row numbers.</summary>
internal interface ITabularSource : IDisposable
{
    /// <summary>The 1-based number of the row last read (a CSV record, not a physical line; an Excel row).</summary>
    long RowNumber { get; }

    /// <summary>Reads the next row; <c>false</c> at the end. Cells are <see cref="string"/>, <see cref="double"/>,
    /// <see cref="DateTime"/>, <see cref="bool"/> or <c>null</c>.</summary>
    bool TryRead(out object?[] cells);
}

/// <summary>CSV rows through Sylvan.Data.Csv, every record as data (the header is found among them later).</summary>
/// <remarks>Row numbers count CSV records, not physical lines: a quoted cell spanning three lines is one row, as a spreadsheet
/// opening the file shows it.</remarks>
internal sealed class CsvSource : ITabularSource
{
    private readonly CsvDataReader _reader;

    public CsvSource(TextReader text, char delimiter)
    {
        _reader = CsvDataReader.Create(text, Options(delimiter));
    }

    public long RowNumber { get; private set; }

    public static CsvDataReaderOptions Options(char delimiter) => new()
    {
        HasHeaders = false,
        Delimiter = delimiter,
        // Lens exports start their header with a "#" column; Sylvan's default comment character would swallow it.
        Comment = '\0',
        ResultSetMode = ResultSetMode.SingleResult,
        // A record must fit the buffer; claims cells can be long, so allow growth to 16 M chars.
        MaxBufferSize = 16 * 1024 * 1024,
    };

    public bool TryRead(out object?[] cells)
    {
        if (!_reader.Read())
        {
            cells = [];
            return false;
        }

        RowNumber++;
        var n = _reader.RowFieldCount;
        cells = new object?[n];
        for (var i = 0; i < n; i++)
        {
            cells[i] = _reader.GetString(i);
        }

        return true;
    }

    public void Dispose() => _reader.Dispose();
}

/// <summary>Rows of one worksheet of an XLSX or XLS file through ExcelDataReader.</summary>
internal sealed class ExcelSource : ITabularSource
{
    /// <summary>Excel's column limit (XFD).</summary>
    internal const int MaxColumns = 16_384;

    /// <summary>Excel's row limit.</summary>
    internal const long MaxRows = 1_048_576;

    private readonly IExcelDataReader _reader;
    private readonly string _container;

    private ExcelSource(IExcelDataReader reader, string container)
    {
        _reader = reader;
        _container = container;
    }

    public long RowNumber { get; private set; }

    public string SheetName => _reader.Name;

    /// <summary>Opens the workbook and positions on the first sheet, or on <paramref name="preferredSheet"/> when present
    /// (PatSnap puts its data on a sheet named 专利数据 after a cover sheet).</summary>
    public static ExcelSource Open(Stream seekable, string? preferredSheet, string container)
    {
        TextEncodings.EnsureCodePages();
        var reader = ExcelReaderFactory.CreateReader(seekable, new ExcelReaderConfiguration { LeaveOpen = true });
        if (preferredSheet is not null)
        {
            var index = -1;
            var i = 0;
            do
            {
                if (string.Equals(reader.Name, preferredSheet, StringComparison.Ordinal))
                {
                    index = i;
                    break;
                }

                i++;
            }
            while (reader.NextResult());

            reader.Reset();
            for (var k = 0; k < index; k++)
            {
                reader.NextResult();
            }
        }

        return new ExcelSource(reader, container);
    }

    /// <exception cref="ImportFormatException">The workbook is damaged past the rows read so far.</exception>
    public bool TryRead(out object?[] cells)
    {
        // The column and row counts come from the file (a <dimension> element, the highest cell reference, the BIFF
        // DIMENSIONS record). A damaged or hostile sheet can claim 300 million columns or a row two billion down: the reader
        // would allocate a row of that width, or emit every empty row of the gap, and never finish. Excel's own limits bound both.
        if (_reader.FieldCount > MaxColumns)
        {
            throw new ImportFormatException(
                $"the {_container} worksheet '{_reader.Name}' claims {_reader.FieldCount:N0} columns, more than Excel's limit of {MaxColumns:N0}; the file is damaged");
        }

        if (RowNumber >= MaxRows)
        {
            throw new ImportFormatException(
                $"the {_container} worksheet '{_reader.Name}' has rows beyond Excel's limit of {MaxRows:N0}; the file is damaged");
        }

        try
        {
            if (!_reader.Read())
            {
                cells = [];
                return false;
            }

            RowNumber++;
            var n = _reader.FieldCount;
            cells = new object?[n];
            for (var i = 0; i < n; i++)
            {
                cells[i] = _reader.GetValue(i);
            }

            return true;
        }
        catch (Exception ex) when (ex is not (ImportFormatException or OperationCanceledException or OutOfMemoryException))
        {
            // ExcelDataReader parses sheets lazily, so a damaged sheet (garbage XML, a bad BIFF record, a broken deflate
            // stream) surfaces here, after the header, as whatever its parser happened to throw (ArgumentException,
            // XmlException, InvalidDataException …). It is the file that is bad, not the call.
            throw new ImportFormatException($"the {_container} workbook is damaged after row {RowNumber}: {ex.Message}", ex);
        }
    }

    public void Dispose() => _reader.Dispose();
}

/// <summary>Finds the header row and picks the delimiter.</summary>
internal static class HeaderDetection
{
    /// <summary>How many leading rows may hold the header (Derwent has 3 preamble lines, Google Patents 1).</summary>
    public const int MaxHeaderRow = 10;

    /// <summary>The index of the header among <paramref name="rows"/>: the first row with ≥ 2 cells in the alias table, or
    /// (when a column mapping is given) the first row that contains every mapped header.</summary>
    public static int FindHeader(IReadOnlyList<object?[]> rows, IReadOnlyDictionary<string, string>? mapping)
    {
        for (var i = 0; i < rows.Count && i < MaxHeaderRow; i++)
        {
            var cells = rows[i].Select(c => c as string ?? c?.ToString()).ToList();
            if (mapping is { Count: > 0 })
            {
                var keys = cells.Select(HeaderAliases.Key).ToHashSet(StringComparer.Ordinal);
                if (mapping.Values.All(h => keys.Contains(HeaderAliases.Key(h))))
                {
                    return i;
                }
            }

            if (cells.Count(HeaderAliases.IsKnown) >= 2)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Chooses comma, tab or semicolon: the delimiter under which the first rows contain the best header (most alias
    /// matches), then the most fields.</summary>
    public static char DetectDelimiter(string sample, IReadOnlyDictionary<string, string>? mapping)
    {
        var best = ',';
        var bestScore = (-1, -1);
        foreach (var d in (char[])[',', '\t', ';'])
        {
            var rows = new List<object?[]>();
            try
            {
                using var reader = CsvDataReader.Create(new StringReader(sample), CsvSource.Options(d));
                while (rows.Count < MaxHeaderRow && reader.Read())
                {
                    var cells = new object?[reader.RowFieldCount];
                    for (var i = 0; i < cells.Length; i++)
                    {
                        cells[i] = reader.GetString(i);
                    }

                    rows.Add(cells);
                }
            }
            catch (CsvFormatException)
            {
                // The sample may end inside a quoted cell; the rows read so far still count.
            }

            var header = FindHeader(rows, mapping);
            var matches = header < 0 ? 0 : rows[header].Count(c => HeaderAliases.IsKnown(c as string)) + 1;
            var fields = rows.Count == 0 ? 0 : rows.Max(r => r.Length);
            var score = (matches, fields);
            if (score.CompareTo(bestScore) > 0)
            {
                best = d;
                bestScore = score;
            }
        }

        return best;
    }

    /// <summary>Decodes the sniffed prefix for delimiter detection, dropping an incomplete last line.</summary>
    public static string DecodeSample(ReadOnlySpan<byte> prefix, Encoding encoding, bool isWholeFile)
    {
        var text = encoding.GetString(prefix);
        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            text = text[1..];
        }

        if (!isWholeFile)
        {
            var lastNewLine = text.LastIndexOf('\n');
            if (lastNewLine > 0)
            {
                text = text[..(lastNewLine + 1)];
            }
        }

        return text;
    }
}

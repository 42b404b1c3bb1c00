using System.Text;
using System.Text.Json;
using PatentNav.Records;

namespace PatentNav.Import;

/// <summary>
/// An opened export file: its detected layout, encoding and header, and a single streaming pass over its rows.
/// Obtain one from <see cref="ExportReader.Open"/>.
/// </summary>
/// <remarks>
/// <para>Row numbers are 1-based as a spreadsheet shows them: preamble lines and the header count (CNIPA's first data row is
/// row 2, Google Patents' row 3, Derwent's row 5). In CSV, a row is a record: a quoted cell spanning several physical lines
/// is still one row. In JSONL, the row number is the line number.</para>
/// <para>Thread safety: not thread-safe; <see cref="BytesRead"/> may be read from another thread for progress.</para>
/// </remarks>
public sealed class ExportFile : IDisposable
{
    private readonly ITabularSource? _source;
    private readonly List<(long Row, object?[] Cells)> _pending;
    private readonly RowMapper? _mapper;
    private readonly TextReader? _jsonLines;
    private readonly CountingStream _counter;
    private readonly IDisposable? _owned;
    private bool _started;

    internal ExportFile(
        string format,
        string? encoding,
        int headerRow,
        IReadOnlyList<string> columns,
        IReadOnlyDictionary<string, string> fieldColumns,
        IReadOnlyList<string> unmappedColumns,
        long? totalBytes,
        CountingStream counter,
        ITabularSource? source,
        List<(long Row, object?[] Cells)> pending,
        RowMapper? mapper,
        TextReader? jsonLines,
        string? batchId,
        IDisposable? owned)
    {
        Format = format;
        Encoding = encoding;
        HeaderRow = headerRow;
        Columns = columns;
        FieldColumns = fieldColumns;
        UnmappedColumns = unmappedColumns;
        TotalBytes = totalBytes;
        _counter = counter;
        _source = source;
        _pending = pending;
        _mapper = mapper;
        _jsonLines = jsonLines;
        BatchId = batchId;
        _owned = owned;
    }

    /// <summary>The layout: <c>cnipa</c>, <c>incopat</c>, <c>patsnap</c>, <c>lens</c>, <c>derwent</c>, <c>google</c>,
    /// <c>jsonl</c> or <c>custom</c>.</summary>
    public string Format { get; }

    /// <summary>The text encoding of a CSV or JSONL file (<c>utf-8</c>, <c>utf-8-bom</c>, <c>gb18030</c>, <c>utf-16</c>);
    /// <c>null</c> for XLSX and XLS.</summary>
    public string? Encoding { get; }

    /// <summary>The 1-based row of the header (Derwent: 4, Google Patents: 2, most others: 1); 0 for JSONL, which has none.</summary>
    public int HeaderRow { get; }

    /// <summary>The header cells as written in the file.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>Canonical field (<see cref="RecordFields"/>) → the column header it is read from.</summary>
    public IReadOnlyDictionary<string, string> FieldColumns { get; }

    /// <summary>Header cells that feed no field (kept so that users can see what was ignored).</summary>
    public IReadOnlyList<string> UnmappedColumns { get; }

    /// <summary>How far into the file reading has got, in bytes: advances while <see cref="ReadRows"/> streams (it runs ahead
    /// of the rows returned by at most one read buffer).</summary>
    public long BytesRead => TotalBytes is { } total ? Math.Min(_counter.BytesRead, total) : _counter.BytesRead;

    /// <summary>The file's size in bytes, when the stream knows it.</summary>
    public long? TotalBytes { get; }

    private string? BatchId { get; }

    /// <summary>
    /// Reads the data rows, streaming: each row becomes a record or the errors that rejected it; completely empty rows are
    /// skipped. May be enumerated once.
    /// </summary>
    /// <exception cref="InvalidOperationException">The rows were already enumerated.</exception>
    public IEnumerable<RowResult> ReadRows(CancellationToken cancellationToken = default)
    {
        if (_started)
        {
            throw new InvalidOperationException("the rows of an export file can be read only once; open the file again to re-read it");
        }

        _started = true;
        return _jsonLines is not null ? ReadJsonLines(_jsonLines, cancellationToken) : ReadTable(cancellationToken);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _source?.Dispose();
        _jsonLines?.Dispose();
        _counter.Dispose();
        _owned?.Dispose();
    }

    private IEnumerable<RowResult> ReadTable(CancellationToken cancellationToken)
    {
        foreach (var (row, cells) in _pending)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (_mapper!.Map(row, cells) is { } result)
            {
                yield return result;
            }
        }

        _pending.Clear();
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            object?[] cells;
            try
            {
                if (!_source!.TryRead(out cells))
                {
                    yield break;
                }
            }
            catch (Sylvan.Data.Csv.CsvFormatException ex)
            {
                throw new ImportFormatException($"the CSV is malformed near row {ex.RowNumber}: {ex.Message}", ex);
            }

            if (_mapper!.Map(_source.RowNumber, cells) is { } result)
            {
                yield return result;
            }
        }
    }

    private IEnumerable<RowResult> ReadJsonLines(TextReader reader, CancellationToken cancellationToken)
    {
        long line = 0;
        while (reader.ReadLine() is { } text)
        {
            cancellationToken.ThrowIfCancellationRequested();
            line++;
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            PatentRecord? record = null;
            ImportError? error = null;
            try
            {
                record = PatentJson.Deserialize(text);
            }
            catch (JsonException ex)
            {
                error = new ImportError(line, ex.Path, RowMapper.Truncate(text.Trim()), ex.Message);
            }

            if (record is not null)
            {
                // The record was last imported from this JSONL file; a batch id given now wins over the one in the line.
                record = record with { SourceFormat = "jsonl", ImportBatch = BatchId ?? record.ImportBatch };
                yield return new RowResult(line, record, []);
            }
            else
            {
                yield return new RowResult(line, null, [error!]);
            }
        }
    }

    internal static Encoding Utf8 { get; } = new UTF8Encoding(false);
}

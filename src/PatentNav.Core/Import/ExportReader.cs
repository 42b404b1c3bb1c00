using System.IO.Compression;
using System.Text;
using PatentNav.Places;

namespace PatentNav.Import;

/// <summary>
/// Opens patent exports as users have them — CNIPA, incoPat, PatSnap (智慧芽), Derwent Innovation, Lens.org and Google Patents
/// exports in CSV, XLSX or XLS, and canonical JSONL — and resolves their layout, encoding and header.
/// </summary>
/// <remarks>
/// <para>The container is recognised by content, not by file name: a zip (<c>PK</c>) is XLSX, an OLE compound file
/// (<c>D0 CF 11 E0</c>) is XLS, text whose first non-blank character is <c>{</c> is JSONL, anything else is CSV (comma, tab or
/// semicolon separated; UTF-8 with or without BOM, UTF-16 with BOM, or GB18030).</para>
/// <para>Reading streams: a CSV or JSONL file is never held in memory. A non-seekable XLSX/XLS stream is copied to a temporary
/// file (deleted on dispose) because the zip and OLE formats need random access. XLSX files are checked against zip bombs
/// before they are opened (<see cref="ImportOptions.MaxUncompressedBytes"/>, <see cref="ImportOptions.MaxCompressionRatio"/>).</para>
/// <para>The caller keeps ownership of the stream: disposing the <see cref="ExportFile"/> does not close it.</para>
/// </remarks>
public static class ExportReader
{
    private const int SniffLength = 64 * 1024;

    /// <summary>Entries smaller than this are not checked for their compression ratio (small XML parts compress very well).</summary>
    private const long LargeEntryBytes = 10L * 1024 * 1024;

    /// <summary>Opens an export: detects container, encoding and layout, and resolves the header.</summary>
    /// <param name="stream">The file's content, positioned at its start.</param>
    /// <param name="options">How to read it.</param>
    /// <returns>The opened file; enumerate <see cref="ExportFile.ReadRows"/> once to read its rows.</returns>
    /// <exception cref="ImportFormatException">The file cannot be imported at all (unreadable container, no header, no
    /// publication-number column, an unknown column in <see cref="ImportOptions.ColumnMapping"/>); nothing was read.</exception>
    /// <exception cref="ArgumentException"><see cref="ImportOptions.Format"/> names no known layout.</exception>
    public static ExportFile Open(Stream stream, ImportOptions options)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(options);
        if (!stream.CanRead)
        {
            throw new ArgumentException("the stream must be readable", nameof(stream));
        }

        var requested = RequestedFormat(options.Format);
        ValidateMappingFields(options.ColumnMapping);

        long? totalBytes = stream.CanSeek ? stream.Length - stream.Position : null;
        var startPosition = stream.CanSeek ? stream.Position : 0;
        var counter = new CountingStream(stream, leaveOpen: true);
        var prefix = new byte[SniffLength];
        var prefixLength = ReadPrefix(counter, prefix);
        var isWholeFile = prefixLength < SniffLength;
        var head = prefix.AsSpan(0, prefixLength);

        try
        {
            if (head.StartsWith("PK"u8) || head.StartsWith((ReadOnlySpan<byte>)[0xD0, 0xCF, 0x11, 0xE0]))
            {
                var isZip = head.StartsWith("PK"u8);
                if (requested == "jsonl")
                {
                    throw new ImportFormatException($"format 'jsonl' was requested but the file is an {(isZip ? "XLSX" : "XLS")} workbook");
                }

                return OpenWorkbook(stream, counter, prefix, prefixLength, startPosition, totalBytes, isZip, requested, options);
            }

            return OpenText(stream, counter, prefix, prefixLength, isWholeFile, startPosition, totalBytes, requested, options);
        }
        catch
        {
            counter.Dispose();
            throw;
        }
    }

    private static ExportFile OpenWorkbook(
        Stream stream, CountingStream counter, byte[] prefix, int prefixLength, long startPosition, long? totalBytes,
        bool isZip, string? requested, ImportOptions options)
    {
        Stream seekable;
        IDisposable? owned = null;
        if (stream.CanSeek)
        {
            counter.Seek(startPosition, SeekOrigin.Begin);
            counter.ResetHighWater();
            seekable = counter;
        }
        else
        {
            var temp = CopyToTempFile(prefix, prefixLength, counter, options.MaxUncompressedBytes);
            owned = temp;
            totalBytes = temp.Length;
            counter = new CountingStream(temp, leaveOpen: true);
            seekable = counter;
        }

        try
        {
            if (isZip)
            {
                CheckZip(seekable, options);
            }

            ExcelSource source;
            try
            {
                source = ExcelSource.Open(seekable, "专利数据", isZip ? "XLSX" : "XLS");
            }
            catch (Exception ex) when (ex is not ImportFormatException)
            {
                throw new ImportFormatException($"the {(isZip ? "XLSX" : "XLS")} workbook could not be read: {ex.Message}", ex);
            }

            try
            {
                return Build(source, counter, encoding: null, totalBytes, requested, options, owned);
            }
            catch
            {
                source.Dispose();
                throw;
            }
        }
        catch
        {
            owned?.Dispose();
            throw;
        }
    }

    private static ExportFile OpenText(
        Stream stream, CountingStream counter, byte[] prefix, int prefixLength, bool isWholeFile, long startPosition,
        long? totalBytes, string? requested, ImportOptions options)
    {
        var head = prefix.AsSpan(0, prefixLength);
        var (encoding, encodingName) = options.Encoding is { Length: > 0 } name
            ? TextEncodings.FromName(name, head)
            : TextEncodings.Detect(head, isWholeFile);
        var sample = HeaderDetection.DecodeSample(head, encoding, isWholeFile);

        Stream text;
        if (stream.CanSeek)
        {
            counter.Seek(startPosition, SeekOrigin.Begin);
            counter.ResetHighWater();
            text = counter;
        }
        else
        {
            text = new PrefixedStream(prefix, prefixLength, counter);
        }

        var reader = new StreamReader(text, encoding, detectEncodingFromByteOrderMarks: true, bufferSize: 64 * 1024, leaveOpen: true);
        var isJson = sample.TrimStart().StartsWith('{');
        if (requested == "jsonl" || (requested is null && isJson))
        {
            return new ExportFile("jsonl", encodingName, 0, [], new Dictionary<string, string>(), [], totalBytes, counter, null, [], null, reader, options.BatchId, null);
        }

        if (isJson)
        {
            reader.Dispose();
            throw new ImportFormatException($"format '{requested}' was requested but the file is JSON lines (its first character is '{{'); use format 'jsonl' or auto-detection");
        }

        var delimiter = HeaderDetection.DetectDelimiter(sample, options.ColumnMapping);
        var source = new CsvSource(reader, delimiter);
        try
        {
            return Build(source, counter, encodingName, totalBytes, requested, options, owned: null);
        }
        catch
        {
            source.Dispose();
            throw;
        }
    }

    private static ExportFile Build(
        ITabularSource source, CountingStream counter, string? encoding, long? totalBytes, string? requested, ImportOptions options, IDisposable? owned)
    {
        var first = new List<(long Row, object?[] Cells)>();
        try
        {
            while (first.Count < HeaderDetection.MaxHeaderRow && source.TryRead(out var cells))
            {
                first.Add((source.RowNumber, cells));
            }
        }
        catch (Sylvan.Data.Csv.CsvFormatException ex)
        {
            throw new ImportFormatException($"the CSV is malformed near row {ex.RowNumber}: {ex.Message}", ex);
        }

        var headerIndex = HeaderDetection.FindHeader(first.Select(r => r.Cells).ToList(), options.ColumnMapping);
        if (headerIndex < 0)
        {
            var firstLine = first.Count == 0 ? "(the file is empty)" : string.Join(", ", first[0].Cells.Select(RowMapper.CellText).Take(12));
            throw new ImportFormatException(
                $"no header row found in the first {HeaderDetection.MaxHeaderRow} rows: no row has two or more known column names " +
                $"(such as 公开(公告)号, 申请号, Title). First row: {RowMapper.Truncate(firstLine)}. " +
                "Name the columns with ImportOptions.ColumnMapping (field → header).");
        }

        var headerRow = first[headerIndex];
        var columns = headerRow.Cells.Select(c => RowMapper.CellText(c) ?? string.Empty).ToList();
        while (columns.Count > 0 && columns[^1].Length == 0)
        {
            columns.RemoveAt(columns.Count - 1); // trailing empty header cells (a trailing delimiter, Excel's used range)
        }

        var (layout, format) = ResolveLayout(columns, requested);
        var fieldIndex = MapColumns(columns, layout, options.ColumnMapping);
        if (!fieldIndex.ContainsKey(RecordFields.PublicationNumber))
        {
            throw new ImportFormatException(
                $"no publication number (公开(公告)号) column for format '{format}'. Columns found: {string.Join(", ", columns.Where(c => c.Length > 0))}. " +
                $"Map one with ImportOptions.ColumnMapping, e.g. {{ \"{RecordFields.PublicationNumber}\": \"<header>\" }}, or let the format be detected.");
        }

        var fieldColumns = fieldIndex.ToDictionary(kv => kv.Key, kv => columns[kv.Value], StringComparer.Ordinal);
        var used = fieldIndex.Values.ToHashSet();
        var unmapped = columns.Where((c, i) => c.Length > 0 && !used.Contains(i)).ToList();
        var mapper = new RowMapper(columns, fieldIndex, layout, format, options.BatchId, RegionResolver.Default);
        var pending = first.Skip(headerIndex + 1).ToList();
        return new ExportFile(format, encoding, (int)headerRow.Row, columns, fieldColumns, unmapped, totalBytes, counter, source, pending, mapper, null, options.BatchId, owned);
    }

    private static (ExportLayout Layout, string Format) ResolveLayout(IReadOnlyList<string> columns, string? requested)
    {
        if (requested is not null)
        {
            return (HeaderAliases.Formats[requested], requested);
        }

        return HeaderAliases.DetectLayout(columns) ?? (ExportLayout.Custom, "custom");
    }

    private static Dictionary<string, int> MapColumns(IReadOnlyList<string> columns, ExportLayout layout, IReadOnlyDictionary<string, string>? mapping)
    {
        var best = new Dictionary<string, (int Index, int Priority)>(StringComparer.Ordinal);
        for (var i = 0; i < columns.Count; i++)
        {
            if (HeaderAliases.Lookup(columns[i], layout) is not { } alias)
            {
                continue;
            }

            // Equal priority: the first column wins (PatSnap writes [标]当前申请(专利权)人 before its plain twin).
            if (!best.TryGetValue(alias.Field, out var current) || alias.Priority > current.Priority)
            {
                best[alias.Field] = (i, alias.Priority);
            }
        }

        var result = best.ToDictionary(kv => kv.Key, kv => kv.Value.Index, StringComparer.Ordinal);
        if (mapping is null)
        {
            return result;
        }

        foreach (var (field, header) in mapping)
        {
            var key = HeaderAliases.Key(header);
            var index = -1;
            for (var i = 0; i < columns.Count; i++)
            {
                if (string.Equals(HeaderAliases.Key(columns[i]), key, StringComparison.Ordinal))
                {
                    index = i;
                    break;
                }
            }

            if (index < 0)
            {
                throw new ImportFormatException(
                    $"ImportOptions.ColumnMapping maps '{field}' to the column '{header}', which is not in the header. Columns found: {string.Join(", ", columns.Where(c => c.Length > 0))}");
            }

            // A column feeds one field: an explicit mapping takes it away from the alias that claimed it.
            foreach (var taken in result.Where(kv => kv.Value == index && kv.Key != field).Select(kv => kv.Key).ToList())
            {
                result.Remove(taken);
            }

            result[field] = index;
        }

        return result;
    }

    private static string? RequestedFormat(string? format)
    {
        if (string.IsNullOrWhiteSpace(format) || string.Equals(format.Trim(), "auto", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var f = format.Trim().ToLowerInvariant();
        if (f == "jsonl" || HeaderAliases.Formats.ContainsKey(f))
        {
            return f;
        }

        throw new ArgumentException(
            $"unknown export format '{format}'; expected auto, cnipa, incopat, patsnap, lens, derwent, google, jsonl or custom",
            nameof(format));
    }

    private static void ValidateMappingFields(IReadOnlyDictionary<string, string>? mapping)
    {
        if (mapping is null)
        {
            return;
        }

        foreach (var (field, header) in mapping)
        {
            if (!RecordFields.All.Contains(field, StringComparer.Ordinal))
            {
                throw new ImportFormatException(
                    $"ImportOptions.ColumnMapping names an unknown field '{field}'; expected one of {string.Join(", ", RecordFields.All)}");
            }

            if (string.IsNullOrWhiteSpace(header))
            {
                throw new ImportFormatException($"ImportOptions.ColumnMapping maps '{field}' to an empty column name");
            }
        }
    }

    private static int ReadPrefix(Stream stream, byte[] buffer)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            var n = stream.Read(buffer, total, buffer.Length - total);
            if (n == 0)
            {
                break;
            }

            total += n;
        }

        return total;
    }

    private static FileStream CopyToTempFile(byte[] prefix, int prefixLength, Stream rest, long maxBytes)
    {
        var path = Path.Combine(Path.GetTempPath(), "patentnav-import-" + Guid.NewGuid().ToString("N") + ".tmp");
        var temp = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose);
        try
        {
            temp.Write(prefix, 0, prefixLength);
            var buffer = new byte[81920];
            int n;
            while ((n = rest.Read(buffer, 0, buffer.Length)) > 0)
            {
                temp.Write(buffer, 0, n);
                if (temp.Length > maxBytes)
                {
                    throw new ImportFormatException($"the workbook is larger than the limit of {maxBytes:N0} bytes (ImportOptions.MaxUncompressedBytes)");
                }
            }

            temp.Position = 0;
            return temp;
        }
        catch
        {
            temp.Dispose();
            throw;
        }
    }

    /// <summary>Refuses zip bombs: the declared uncompressed sizes must stay under the limit, and large entries must not
    /// compress better than the ratio limit (real worksheets compress about 5–30×).</summary>
    /// <remarks>The declared sizes come from the central directory; .NET's zip reader refuses an entry whose data inflates past
    /// its declared size, so a lying directory cannot smuggle more bytes through ExcelDataReader.</remarks>
    internal static void CheckZip(Stream seekable, ImportOptions options)
    {
        var start = seekable.Position;
        try
        {
            using var zip = new ZipArchive(seekable, ZipArchiveMode.Read, leaveOpen: true);
            long total = 0;
            foreach (var entry in zip.Entries)
            {
                total += entry.Length;
                if (total > options.MaxUncompressedBytes)
                {
                    throw new ImportFormatException(
                        $"the XLSX file unpacks to more than {options.MaxUncompressedBytes:N0} bytes (ImportOptions.MaxUncompressedBytes); refused as a possible zip bomb");
                }

                if (entry.Length >= LargeEntryBytes)
                {
                    var ratio = entry.CompressedLength == 0 ? double.PositiveInfinity : (double)entry.Length / entry.CompressedLength;
                    if (ratio > options.MaxCompressionRatio)
                    {
                        throw new ImportFormatException(
                            $"the XLSX entry '{entry.FullName}' expands {ratio:F0}× ({entry.Length:N0} bytes), more than the limit of {options.MaxCompressionRatio}× (ImportOptions.MaxCompressionRatio); refused as a possible zip bomb");
                    }
                }
            }
        }
        catch (InvalidDataException ex)
        {
            throw new ImportFormatException($"the file starts like an XLSX (zip) file but is not a valid zip archive: {ex.Message}", ex);
        }

        seekable.Position = start;
    }
}

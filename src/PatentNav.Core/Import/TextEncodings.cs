using System.Text;

namespace PatentNav.Import;

/// <summary>Detects the text encoding of a CSV export: BOM first, then strict UTF-8, else GB18030.</summary>
internal static class TextEncodings
{
    private static readonly Lazy<bool> Registration = new(() =>
    {
        // GB18030/GBK (and the code pages ExcelDataReader needs for old .xls files) are not built into .NET.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return true;
    });

    /// <summary>Registers the code-pages provider once per process.</summary>
    public static void EnsureCodePages() => _ = Registration.Value;

    /// <summary>The GB18030 encoding (a superset of GBK and GB2312).</summary>
    public static Encoding Gb18030
    {
        get
        {
            EnsureCodePages();
            return Encoding.GetEncoding("GB18030");
        }
    }

    /// <summary>Detects the encoding of <paramref name="prefix"/>, the first bytes of the file.</summary>
    /// <param name="prefix">The first bytes (about 64 KB).</param>
    /// <param name="isWholeFile">Whether the prefix is the whole file (then no UTF-8 sequence can be cut off at its end).</param>
    /// <returns>The encoding to read with (without BOM emission) and its reported name.</returns>
    public static (Encoding Encoding, string Name) Detect(ReadOnlySpan<byte> prefix, bool isWholeFile)
    {
        if (prefix.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            return (new UTF8Encoding(false), "utf-8-bom");
        }

        if (prefix.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            return (new UnicodeEncoding(false, false), "utf-16");
        }

        if (prefix.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return (new UnicodeEncoding(true, false), "utf-16");
        }

        var sample = isWholeFile ? prefix : prefix[..CompleteUtf8Length(prefix)];
        try
        {
            _ = new UTF8Encoding(false, true).GetCharCount(sample);
            return (new UTF8Encoding(false), "utf-8");
        }
        catch (DecoderFallbackException)
        {
            return (Gb18030, "gb18030");
        }
    }

    /// <summary>Resolves an encoding named in <see cref="ImportOptions.Encoding"/>.</summary>
    public static (Encoding Encoding, string Name) FromName(string name, ReadOnlySpan<byte> prefix)
    {
        var n = name.Trim().ToLowerInvariant();
        switch (n)
        {
            case "utf-8" or "utf8" or "utf-8-bom":
                return (new UTF8Encoding(false), prefix.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? "utf-8-bom" : "utf-8");
            case "gb18030" or "gbk" or "gb2312" or "cp936":
                return (Gb18030, "gb18030");
            default:
                EnsureCodePages();
                try
                {
                    var e = Encoding.GetEncoding(n);
                    return (e, e.WebName);
                }
                catch (ArgumentException ex)
                {
                    throw new ImportFormatException($"unknown text encoding '{name}' in ImportOptions.Encoding; use utf-8 or gb18030", ex);
                }
        }
    }

    /// <summary>The length of <paramref name="bytes"/> without a UTF-8 sequence cut off at the end, so that a strict decode
    /// of a 64 KB sample does not fail merely because the sample boundary split a character.</summary>
    internal static int CompleteUtf8Length(ReadOnlySpan<byte> bytes)
    {
        // Walk back over at most 3 continuation bytes to the lead byte of the last sequence.
        var i = bytes.Length - 1;
        var back = 0;
        while (i >= 0 && back < 3 && (bytes[i] & 0xC0) == 0x80)
        {
            i--;
            back++;
        }

        if (i < 0)
        {
            return bytes.Length;
        }

        var lead = bytes[i];
        var needed = lead switch
        {
            < 0x80 => 1,
            >= 0xF0 and < 0xF8 => 4,
            >= 0xE0 => 3,
            >= 0xC0 => 2,
            _ => 1,
        };
        return bytes.Length - i < needed ? i : bytes.Length;
    }
}

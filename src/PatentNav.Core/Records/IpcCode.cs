using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace PatentNav.Records;

/// <summary>The levels of the International Patent Classification (IPC, 国际专利分类).</summary>
public enum IpcLevel
{
    /// <summary>Section, e.g. <c>A</c>.</summary>
    Section = 1,

    /// <summary>Class, e.g. <c>A61</c>.</summary>
    Class = 2,

    /// <summary>Subclass, e.g. <c>A61K</c>.</summary>
    Subclass = 3,

    /// <summary>Main group, e.g. <c>A61K 31/00</c>.</summary>
    MainGroup = 4,

    /// <summary>Subgroup, e.g. <c>A61K 31/4439</c>.</summary>
    Subgroup = 5,
}

/// <summary>
/// An IPC code (分类号) at any level, from section (<c>A</c>) to subgroup (<c>A61K 31/4439</c>).
/// </summary>
/// <remarks>
/// <para>Parses every written form found in exports: <c>A61K 31/4439</c>, <c>A61K31/4439</c>, the fixed-width
/// <c>A61K0031443900</c>, with an edition suffix <c>A61K31/4439(2006.01)</c>, and full-width characters
/// (<c>Ａ６１Ｋ３１／４４３９</c>). <see cref="ToString"/> gives the WIPO form <c>A61K 31/4439</c>;
/// <see cref="Compact"/> gives <c>A61K31/4439</c>.</para>
/// <para>A code written as <c>A61K 31</c> (no slash) is a main-group prefix: it parses to <c>A61K 31/00</c> with
/// <see cref="Level"/> <see cref="IpcLevel.MainGroup"/>.</para>
/// </remarks>
[JsonConverter(typeof(IpcCodeJsonConverter))]
public readonly partial record struct IpcCode : IComparable<IpcCode>
{
    private IpcCode(string subclassOrShorter, int? mainGroup, string? subgroup)
    {
        Prefix = subclassOrShorter;
        MainGroup = mainGroup;
        Subgroup = subgroup;
    }

    /// <summary>The section, class or subclass part, e.g. <c>A61K</c>.</summary>
    private string Prefix { get; }

    /// <summary>The main group number (e.g. 31 in <c>A61K 31/4439</c>), or <c>null</c> above main-group level.</summary>
    public int? MainGroup { get; }

    /// <summary>The subgroup digits (e.g. <c>4439</c>, or <c>00</c> for a main group), or <c>null</c> above main-group level.</summary>
    public string? Subgroup { get; }

    /// <summary>The most specific level this code names.</summary>
    public IpcLevel Level => Prefix.Length switch
    {
        1 => IpcLevel.Section,
        3 => IpcLevel.Class,
        _ when MainGroup is null => IpcLevel.Subclass,
        _ when Subgroup == "00" => IpcLevel.MainGroup,
        _ => IpcLevel.Subgroup,
    };

    /// <summary>The section letter, e.g. <c>A</c>.</summary>
    public string Section => Prefix[..1];

    /// <summary>The class, e.g. <c>A61</c>, or <c>null</c> for a section.</summary>
    public string? Class => Prefix.Length >= 3 ? Prefix[..3] : null;

    /// <summary>The subclass, e.g. <c>A61K</c>, or <c>null</c> above subclass level.</summary>
    public string? Subclass => Prefix.Length >= 4 ? Prefix[..4] : null;

    /// <summary>The main group this code belongs to, e.g. <c>A61K 31/00</c>, or <c>null</c> above main-group level.</summary>
    public IpcCode? MainGroupCode => MainGroup is null ? null : new IpcCode(Prefix, MainGroup, "00");

    /// <summary>The code without the space: <c>A61K31/4439</c>.</summary>
    public string Compact => MainGroup is null
        ? Prefix
        : string.Create(CultureInfo.InvariantCulture, $"{Prefix}{MainGroup}/{Subgroup}");

    /// <summary>The WIPO form: <c>A61K 31/4439</c>.</summary>
    public override string ToString() => MainGroup is null
        ? Prefix
        : string.Create(CultureInfo.InvariantCulture, $"{Prefix} {MainGroup}/{Subgroup}");

    /// <summary>
    /// The keys of every level of this code, from section down, in compact form: <c>A</c>, <c>A61</c>, <c>A61K</c>,
    /// <c>A61K31</c> (main group), <c>A61K31/4439</c> (subgroup).
    /// </summary>
    /// <remarks>The main group key has no <c>/00</c> so that a user's <c>A61K 31</c> and <c>A61K 31/00</c> find the same
    /// patents; these keys are what the search index stores for IPC prefix queries.</remarks>
    public IEnumerable<string> LevelKeys()
    {
        yield return Section;
        if (Class is { } c)
        {
            yield return c;
        }

        if (Subclass is { } s)
        {
            yield return s;
        }

        if (MainGroup is { } g)
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"{Prefix}{g}");
            if (Subgroup != "00")
            {
                yield return Compact;
            }
        }
    }

    /// <summary>The index key for the most specific level: see <see cref="LevelKeys"/>.</summary>
    public string Key => Level == IpcLevel.MainGroup
        ? string.Create(CultureInfo.InvariantCulture, $"{Prefix}{MainGroup}")
        : Compact;

    /// <summary>Parses an IPC code in any written form; throws <see cref="FormatException"/> with the reason on failure.</summary>
    public static IpcCode Parse(string text) => TryParse(text).Value;

    /// <summary>Parses an IPC code in any written form, returning the reason on failure.</summary>
    public static ParseResult<IpcCode> TryParse(string? text) =>
        TryParseCanonical(text) is { } code ? ParseResult<IpcCode>.Ok(code) : TryParseAnyForm(text);

    /// <summary>
    /// The form our own JSON writes and most exports use, <c>A61K 31/4439</c>, <c>A61K31/4439</c> or <c>A61K</c> in ASCII,
    /// read without normalising or regular expressions, the cheap path for reading canonical JSONL; <c>null</c> for
    /// anything else, which <see cref="TryParseAnyForm"/> then reads. Gives the same code as that path for every text it
    /// accepts.
    /// </summary>
    internal static IpcCode? TryParseCanonical(string? text)
    {
        if (text is null || text.Length < 4 || text[0] is < 'A' or > 'H' || !char.IsAsciiDigit(text[1]) || !char.IsAsciiDigit(text[2]) || !char.IsAsciiLetterUpper(text[3]))
        {
            return null;
        }

        if (text.Length == 4)
        {
            return new IpcCode(text, null, null);
        }

        var i = text[4] == ' ' ? 5 : 4;
        var group = 0;
        var groupStart = i;
        while (i < text.Length && i - groupStart < 4 && char.IsAsciiDigit(text[i]))
        {
            group = (group * 10) + (text[i] - '0');
            i++;
        }

        if (i == groupStart || group == 0 || i >= text.Length || text[i] != '/')
        {
            return null;
        }

        var subStart = ++i;
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            i++;
        }

        var subLength = i - subStart;
        if (i != text.Length || subLength is < 1 or > 6)
        {
            return null;
        }

        var sub = subLength == 1 ? text[subStart] + "0" : text[subStart..];
        return new IpcCode(text[..4], group, sub);
    }

    /// <summary>Parses every written form: normalises the text, strips an edition suffix, then reads the fixed-width or
    /// the written form.</summary>
    internal static ParseResult<IpcCode> TryParseAnyForm(string? text)
    {
        var cleaned = TextNormalizer.Clean(text).ToUpperInvariant();
        if (cleaned.Length == 0)
        {
            return ParseResult<IpcCode>.Fail("expected an IPC code like A61K 31/4439, got an empty value");
        }

        // Edition suffixes: "(2006.01)", "[2006.01]", and a trailing "I"/"A" version indicator after them.
        cleaned = EditionSuffix().Replace(cleaned, string.Empty).Trim();

        var fixedWidth = FixedWidthForm().Match(cleaned);
        if (fixedWidth.Success)
        {
            var group = int.Parse(fixedWidth.Groups["group"].Value, CultureInfo.InvariantCulture);
            var sub = fixedWidth.Groups["sub"].Value.TrimEnd('0');
            sub = sub.Length < 2 ? sub.PadRight(2, '0') : sub;
            return group == 0
                ? ParseResult<IpcCode>.Fail($"expected an IPC code like A61K 31/4439, got '{text}' (main group 0 does not exist)")
                : ParseResult<IpcCode>.Ok(new IpcCode(fixedWidth.Groups["sc"].Value, group, sub));
        }

        var m = WrittenForm().Match(cleaned);
        if (!m.Success)
        {
            return ParseResult<IpcCode>.Fail($"expected an IPC code like A61K 31/4439, got '{text}'");
        }

        var prefix = m.Groups["prefix"].Value;
        if (!m.Groups["group"].Success)
        {
            return ParseResult<IpcCode>.Ok(new IpcCode(prefix, null, null));
        }

        if (prefix.Length != 4)
        {
            return ParseResult<IpcCode>.Fail($"expected an IPC code like A61K 31/4439, got '{text}' (a group needs a full subclass such as A61K)");
        }

        var mainGroup = int.Parse(m.Groups["group"].Value, CultureInfo.InvariantCulture);
        if (mainGroup == 0)
        {
            return ParseResult<IpcCode>.Fail($"expected an IPC code like A61K 31/4439, got '{text}' (main group 0 does not exist)");
        }

        var subgroup = m.Groups["sub"].Success ? m.Groups["sub"].Value : "00";
        if (subgroup.Length == 1)
        {
            subgroup += "0";
        }

        return ParseResult<IpcCode>.Ok(new IpcCode(prefix, mainGroup, subgroup));
    }

    /// <summary>Parses a list of IPC codes separated by <c>;</c>, <c>,</c>, <c>|</c>, <c>;;</c> or new lines; returns the codes and the parts that failed.</summary>
    public static (IReadOnlyList<IpcCode> Codes, IReadOnlyList<string> Errors) ParseList(string? text)
    {
        var codes = new List<IpcCode>();
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(text))
        {
            return (codes, errors);
        }

        foreach (var part in ListSeparators().Split(TextNormalizer.Clean(text)))
        {
            if (string.IsNullOrWhiteSpace(part))
            {
                continue;
            }

            var r = TryParse(part);
            if (r.Success)
            {
                if (!codes.Contains(r.Value))
                {
                    codes.Add(r.Value);
                }
            }
            else
            {
                errors.Add(r.Error);
            }
        }

        return (codes, errors);
    }

    /// <summary>Ordinal ordering.</summary>
    public static bool operator <(IpcCode left, IpcCode right) => left.CompareTo(right) < 0;

    /// <summary>Ordinal ordering.</summary>
    public static bool operator <=(IpcCode left, IpcCode right) => left.CompareTo(right) <= 0;

    /// <summary>Ordinal ordering.</summary>
    public static bool operator >(IpcCode left, IpcCode right) => left.CompareTo(right) > 0;

    /// <summary>Ordinal ordering.</summary>
    public static bool operator >=(IpcCode left, IpcCode right) => left.CompareTo(right) >= 0;

    /// <inheritdoc/>
    public int CompareTo(IpcCode other)
    {
        var c = string.CompareOrdinal(Prefix, other.Prefix);
        if (c != 0)
        {
            return c;
        }

        c = Nullable.Compare(MainGroup, other.MainGroup);
        return c != 0 ? c : string.CompareOrdinal(Subgroup, other.Subgroup);
    }

    [GeneratedRegex(@"\s*[\(\[]\s*\d{4}\s*\.\s*\d{2}\s*[\)\]]\s*[A-Z]?\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex EditionSuffix();

    [GeneratedRegex(@"^(?<sc>[A-H]\d{2}[A-Z])(?<group>\d{4})(?<sub>\d{6})$", RegexOptions.CultureInvariant)]
    private static partial Regex FixedWidthForm();

    [GeneratedRegex(@"^(?<prefix>[A-H](?:\d{2}(?:[A-Z])?)?)(?:\s*-?\s*(?<group>\d{1,4})(?:\s*/\s*(?<sub>\d{1,6}))?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex WrittenForm();

    [GeneratedRegex(@"\s*(?:;;|;|,|\||\n|；|，)\s*", RegexOptions.CultureInvariant)]
    private static partial Regex ListSeparators();
}

/// <summary>Writes an <see cref="IpcCode"/> as its WIPO string form.</summary>
internal sealed class IpcCodeJsonConverter : JsonConverter<IpcCode>
{
    public override IpcCode Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString();
        var r = IpcCode.TryParse(text);
        return r.Success ? r.Value : throw new JsonException(r.Error);
    }

    public override void Write(Utf8JsonWriter writer, IpcCode value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString());
}

using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace PatentNav.Records;

/// <summary>
/// A publication number (公开(公告)号) such as <c>CN114081026A</c>: it identifies one published document and is the key
/// under which a record is stored (importing the same number again updates, never duplicates).
/// </summary>
/// <remarks>
/// Parsing accepts the forms exports use — <c>CN114081026A</c>, <c>CN 114081026 A</c> (Lens display key),
/// <c>CN-114081026-A</c> (Google Patents), full-width characters, lower case — and normalises to the compact upper-case
/// form. A number without a country code is accepted as written (some CNIPA exports omit <c>CN</c>); no country is guessed.
/// </remarks>
[JsonConverter(typeof(PublicationNumberJsonConverter))]
public readonly partial record struct PublicationNumber : IComparable<PublicationNumber>
{
    private PublicationNumber(string value) => Value = value;

    /// <summary>The normalised number, e.g. <c>CN114081026A</c>.</summary>
    public string Value { get; }

    /// <summary>The two-letter country or office code (e.g. <c>CN</c>), or <c>null</c> when the number has none.</summary>
    public string? Country => Value.Length >= 2 && char.IsAsciiLetter(Value[0]) && char.IsAsciiLetter(Value[1]) ? Value[..2] : null;

    /// <summary>The kind code at the end (e.g. <c>A</c>, <c>B</c>, <c>U</c>, <c>S</c>, <c>A1</c>), or <c>null</c>.</summary>
    public string? KindCode
    {
        get
        {
            var m = KindSuffix().Match(Value);
            return m.Success ? m.Value : null;
        }
    }

    /// <inheritdoc/>
    public override string ToString() => Value;

    /// <summary>Parses a publication number; throws <see cref="FormatException"/> with the reason on failure.</summary>
    public static PublicationNumber Parse(string text) => TryParse(text).Value;

    /// <summary>Parses a publication number, returning the reason on failure.</summary>
    public static ParseResult<PublicationNumber> TryParse(string? text)
    {
        var cleaned = TextNormalizer.Clean(text).ToUpperInvariant();
        if (cleaned.Length == 0)
        {
            return ParseResult<PublicationNumber>.Fail("expected a publication number like CN114081026A, got an empty value");
        }

        cleaned = Separators().Replace(cleaned, string.Empty);
        if (cleaned.Length > 32 || !Shape().IsMatch(cleaned))
        {
            return ParseResult<PublicationNumber>.Fail($"expected a publication number like CN114081026A, got '{Truncate(text)}'");
        }

        return ParseResult<PublicationNumber>.Ok(new PublicationNumber(cleaned));
    }

    /// <summary>Ordinal ordering.</summary>
    public static bool operator <(PublicationNumber left, PublicationNumber right) => left.CompareTo(right) < 0;

    /// <summary>Ordinal ordering.</summary>
    public static bool operator <=(PublicationNumber left, PublicationNumber right) => left.CompareTo(right) <= 0;

    /// <summary>Ordinal ordering.</summary>
    public static bool operator >(PublicationNumber left, PublicationNumber right) => left.CompareTo(right) > 0;

    /// <summary>Ordinal ordering.</summary>
    public static bool operator >=(PublicationNumber left, PublicationNumber right) => left.CompareTo(right) >= 0;

    /// <inheritdoc/>
    public int CompareTo(PublicationNumber other) => string.CompareOrdinal(Value, other.Value);

    internal static string Truncate(string? text) => text is null ? string.Empty : text.Length <= 60 ? text : text[..60] + "…";

    [GeneratedRegex(@"[\s\-/.]", RegexOptions.CultureInvariant)]
    private static partial Regex Separators();

    [GeneratedRegex(@"^(?:[A-Z]{2})?\d{4,}[A-Z]?\d?$", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();

    [GeneratedRegex(@"(?<=\d)[A-Z]\d?$", RegexOptions.CultureInvariant)]
    private static partial Regex KindSuffix();
}

/// <summary>Reads and writes a <see cref="PublicationNumber"/> as a string.</summary>
internal sealed class PublicationNumberJsonConverter : JsonConverter<PublicationNumber>
{
    public override PublicationNumber Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var r = PublicationNumber.TryParse(reader.GetString());
        return r.Success ? r.Value : throw new JsonException(r.Error);
    }

    public override void Write(Utf8JsonWriter writer, PublicationNumber value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.Value);
}

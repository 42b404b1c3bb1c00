using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace PatentNav.Records;

/// <summary>
/// An application number (申请号) such as <c>CN202223220665.2</c>: it identifies one application, which may have several
/// publications (an A publication and a B grant share it).
/// </summary>
/// <remarks>Normalised to upper case without spaces. A Chinese number of 12 digits followed by its check digit without the
/// dot (<c>2022232206652</c>) gets the dot (<c>202223220665.2</c>); the country prefix is kept as written.</remarks>
[JsonConverter(typeof(ApplicationNumberJsonConverter))]
public readonly partial record struct ApplicationNumber
{
    private ApplicationNumber(string value) => Value = value;

    /// <summary>The normalised number, e.g. <c>CN202223220665.2</c>.</summary>
    public string Value { get; }

    /// <inheritdoc/>
    public override string ToString() => Value;

    /// <summary>Parses an application number; throws <see cref="FormatException"/> with the reason on failure.</summary>
    public static ApplicationNumber Parse(string text) => TryParse(text).Value;

    /// <summary>Parses an application number, returning the reason on failure.</summary>
    public static ParseResult<ApplicationNumber> TryParse(string? text)
    {
        var cleaned = TextNormalizer.Clean(text).ToUpperInvariant().Replace(" ", string.Empty, StringComparison.Ordinal);
        if (cleaned.Length == 0)
        {
            return ParseResult<ApplicationNumber>.Fail("expected an application number like CN202223220665.2, got an empty value");
        }

        if (cleaned.Length > 40 || !Shape().IsMatch(cleaned))
        {
            return ParseResult<ApplicationNumber>.Fail($"expected an application number like CN202223220665.2, got '{PublicationNumber.Truncate(text)}'");
        }

        var cn = ChineseWithoutDot().Match(cleaned);
        if (cn.Success)
        {
            cleaned = cn.Groups["cc"].Value + cn.Groups["body"].Value + "." + cn.Groups["check"].Value;
        }

        return ParseResult<ApplicationNumber>.Ok(new ApplicationNumber(cleaned));
    }

    [GeneratedRegex(@"^[A-Z]{0,2}[0-9][0-9A-Z./\-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();

    [GeneratedRegex(@"^(?<cc>(?:CN)?)(?<body>\d{12})(?<check>[\dX])$", RegexOptions.CultureInvariant)]
    private static partial Regex ChineseWithoutDot();
}

/// <summary>Reads and writes an <see cref="ApplicationNumber"/> as a string.</summary>
internal sealed class ApplicationNumberJsonConverter : JsonConverter<ApplicationNumber>
{
    public override ApplicationNumber Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var r = ApplicationNumber.TryParse(reader.GetString());
        return r.Success ? r.Value : throw new JsonException(r.Error);
    }

    public override void Write(Utf8JsonWriter writer, ApplicationNumber value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.Value);
}

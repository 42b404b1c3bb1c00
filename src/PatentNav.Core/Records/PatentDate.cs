using System.Globalization;
using System.Text.RegularExpressions;

namespace PatentNav.Records;

/// <summary>Parses the dates found in patent exports.</summary>
/// <remarks>Accepted: <c>yyyyMMdd</c> (CNIPA), <c>yyyy-MM-dd</c>, <c>yyyy/M/d</c>, <c>yyyy.MM.dd</c>, any of those followed by a
/// time, <c>yyyy年M月d日</c>, and Excel serial dates (a number of days since 1899-12-30, e.g. <c>44927</c> = 2023-01-01; only from 10000 = 1927-05-18 on, so
/// that a bare year such as <c>2020</c> is an error rather than a date in 1905).</remarks>
public static partial class PatentDate
{
    private static readonly DateOnly ExcelEpoch = new(1899, 12, 30);

    /// <summary>Parses a date in any of the accepted forms, returning the reason on failure.</summary>
    public static ParseResult<DateOnly> TryParse(string? text)
    {
        var cleaned = TextNormalizer.Clean(text);
        if (cleaned.Length == 0)
        {
            return ParseResult<DateOnly>.Fail("expected a date like 2022-12-02 or 20221202, got an empty value");
        }

        var compact = Compact().Match(cleaned);
        if (compact.Success)
        {
            return Make(compact.Groups["y"].Value, compact.Groups["m"].Value, compact.Groups["d"].Value, text);
        }

        var separated = Separated().Match(cleaned);
        if (separated.Success)
        {
            return Make(separated.Groups["y"].Value, separated.Groups["m"].Value, separated.Groups["d"].Value, text);
        }

        if (double.TryParse(cleaned, NumberStyles.Float, CultureInfo.InvariantCulture, out var serial) && serial is >= 10000 and < 2958466)
        {
            return ParseResult<DateOnly>.Ok(ExcelEpoch.AddDays((int)Math.Floor(serial)));
        }

        return ParseResult<DateOnly>.Fail($"expected a date like 2022-12-02, 20221202, 2022/12/2 or 2022.12.02, got '{PublicationNumber.Truncate(text)}'");
    }

    /// <summary>Parses a date; throws <see cref="FormatException"/> with the reason on failure.</summary>
    public static DateOnly Parse(string text) => TryParse(text).Value;

    private static ParseResult<DateOnly> Make(string y, string m, string d, string? original)
    {
        var year = int.Parse(y, CultureInfo.InvariantCulture);
        var month = int.Parse(m, CultureInfo.InvariantCulture);
        var day = int.Parse(d, CultureInfo.InvariantCulture);
        if (year is < 1800 or > 2200 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return ParseResult<DateOnly>.Fail($"'{PublicationNumber.Truncate(original)}' is not a calendar date");
        }

        return ParseResult<DateOnly>.Ok(new DateOnly(year, month, day));
    }

    [GeneratedRegex(@"^(?<y>\d{4})(?<m>\d{2})(?<d>\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex Compact();

    [GeneratedRegex(@"^(?<y>\d{4})\s*[-/.年]\s*(?<m>\d{1,2})\s*[-/.月]\s*(?<d>\d{1,2})\s*日?(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Separated();
}

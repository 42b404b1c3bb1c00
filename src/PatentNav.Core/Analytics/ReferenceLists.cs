using System.Globalization;
using System.Text.Json;
using PatentNav.Import;
using PatentNav.Records;
using Sylvan.Data.Csv;

namespace PatentNav.Analytics;

/// <summary>The kinds of reference list a workspace keeps next to its patents for the high-value indicators.</summary>
public enum ReferenceListKind
{
    /// <summary>Pledge-financing amounts (质押融资金额): <c>publication_number,amount</c> in CNY.</summary>
    PledgeAmounts,

    /// <summary>Award-winning patents (国家科学技术奖 / 中国专利奖): <c>publication_number,award</c>.</summary>
    Awards,

    /// <summary>Resident population (常住人口) per place and year: <c>place,year,population</c> (persons).</summary>
    Population,
}

/// <summary>A problem in a reference list file; the whole file is refused when there is any.</summary>
/// <param name="Row">1-based line number in the file (the header is line 1).</param>
/// <param name="Column">The column name.</param>
/// <param name="Value">The value as written.</param>
/// <param name="Reason">What is wrong.</param>
public sealed record ReferenceListError(int Row, string Column, string? Value, string Reason);

/// <summary>A reference list file could not be read; nothing was stored.</summary>
public sealed class ReferenceListException : InvalidRequestException
{
    /// <summary>Creates the exception.</summary>
    public ReferenceListException(string message, IReadOnlyList<ReferenceListError> errors)
        : base(message) => Errors = errors;

    /// <summary>Every problem found (up to 100).</summary>
    public IReadOnlyList<ReferenceListError> Errors { get; }
}

/// <summary>A population figure.</summary>
/// <param name="Place">Region code (GB/T 2260: 32, 3207, 320706) or a park id.</param>
/// <param name="Year">The year the figure is for (year-end resident population).</param>
/// <param name="Population">Persons.</param>
public sealed record PopulationEntry(string Place, int Year, long Population);

/// <summary>
/// The reference lists of the high-value indicators, as read from simple CSV files (UTF-8 or GB18030, header row, comma
/// separated). Immutable; the workspace stores them in <c>&lt;data&gt;/reference/</c>.
/// </summary>
/// <remarks>Header names (either column may be written in English or Chinese): publication number —
/// <c>publication_number</c>, <c>公开号</c>, <c>公开(公告)号</c>, <c>公告号</c>; amount — <c>amount</c>, <c>质押金额</c> (CNY; a
/// value ending in 万 or 万元 is multiplied by 10,000); award — <c>award</c>, <c>奖项</c>; place — <c>place</c>, <c>地区</c>,
/// <c>行政区划代码</c>; year — <c>year</c>, <c>年份</c>; population — <c>population</c>, <c>人口</c> (persons; 万 suffix allowed).</remarks>
public sealed record ReferenceLists(
    IReadOnlyDictionary<string, decimal>? PledgeAmounts,
    IReadOnlyDictionary<string, string>? Awards,
    IReadOnlyList<PopulationEntry> Population)
{
    /// <summary>No lists.</summary>
    public static ReferenceLists Empty { get; } = new(null, null, []);

    private static readonly string[] PnHeaders = ["publication_number", "publicationnumber", "公开号", "公开(公告)号", "公开（公告）号", "公告号", "pn"];
    private static readonly string[] AmountHeaders = ["amount", "质押金额", "金额"];
    private static readonly string[] AwardHeaders = ["award", "奖项", "获奖"];
    private static readonly string[] PlaceHeaders = ["place", "地区", "行政区划代码", "region"];
    private static readonly string[] YearHeaders = ["year", "年份"];
    private static readonly string[] PopulationHeaders = ["population", "人口", "常住人口"];

    /// <summary>The population of <paramref name="place"/> for <paramref name="year"/>, else the latest earlier year's; null when none.</summary>
    public PopulationEntry? PopulationFor(string place, int year) =>
        Population.Where(p => string.Equals(p.Place, place, StringComparison.Ordinal) && p.Year <= year).MaxBy(p => p.Year);

    /// <summary>Reads one list from CSV bytes.</summary>
    /// <exception cref="ReferenceListException">A missing column or bad rows; the message and errors say which.</exception>
    public static object Parse(ReferenceListKind kind, byte[] csv)
    {
        ArgumentNullException.ThrowIfNull(csv);
        try
        {
            return ParseCsv(kind, csv);
        }
        catch (CsvFormatException ex)
        {
            // Broken quoting or similar: the file's structure, not a value, is wrong.
            var line = ex.RowNumber + 1;
            throw new ReferenceListException(
                string.Create(CultureInfo.InvariantCulture, $"the file is not well-formed CSV near line {line}: {ex.Message}; nothing was stored"),
                [new ReferenceListError(line, "(file)", null, ex.Message)]);
        }
    }

    private static object ParseCsv(ReferenceListKind kind, byte[] csv)
    {
        var (encoding, _) = TextEncodings.Detect(csv, isWholeFile: true);
        var text = encoding.GetString(csv);
        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            text = text[1..];
        }

        using var reader = new StringReader(text);
        using var data = CsvDataReader.Create(reader, new CsvDataReaderOptions { HasHeaders = true });
        var headers = Enumerable.Range(0, data.FieldCount).Select(i => data.GetName(i)).ToList();
        var errors = new List<ReferenceListError>();
        int Column(string[] names, string what)
        {
            var i = headers.FindIndex(h => names.Contains(TextNormalizer.Clean(h).ToLowerInvariant(), StringComparer.Ordinal));
            if (i < 0)
            {
                throw new ReferenceListException($"the file has no {what} column (headers: {string.Join(", ", headers)}; expected one of {string.Join(", ", names)})", []);
            }

            return i;
        }

        var row = 1;
        switch (kind)
        {
            case ReferenceListKind.PledgeAmounts:
            {
                var (pnCol, amountCol) = (Column(PnHeaders, "publication number"), Column(AmountHeaders, "amount"));
                var result = new Dictionary<string, decimal>(StringComparer.Ordinal);
                while (data.Read())
                {
                    row++;
                    var pn = Pn(data.GetString(pnCol), headers[pnCol], row, errors);
                    var amount = Amount(data.GetString(amountCol), headers[amountCol], row, errors);
                    if (pn is not null && amount is { } a)
                    {
                        result[pn] = result.GetValueOrDefault(pn) + a; // several pledges of one patent add up
                    }
                }

                return Done(result, errors, kind);
            }

            case ReferenceListKind.Awards:
            {
                var (pnCol, awardCol) = (Column(PnHeaders, "publication number"), Column(AwardHeaders, "award"));
                var result = new Dictionary<string, string>(StringComparer.Ordinal);
                while (data.Read())
                {
                    row++;
                    var pn = Pn(data.GetString(pnCol), headers[pnCol], row, errors);
                    var award = data.GetString(awardCol).Trim();
                    if (award.Length == 0)
                    {
                        errors.Add(new(row, headers[awardCol], award, "empty award name"));
                    }
                    else if (pn is not null)
                    {
                        result[pn] = result.TryGetValue(pn, out var before) ? before + "; " + award : award;
                    }
                }

                return Done(result, errors, kind);
            }

            default:
            {
                var (placeCol, yearCol, popCol) = (Column(PlaceHeaders, "place"), Column(YearHeaders, "year"), Column(PopulationHeaders, "population"));
                var result = new List<PopulationEntry>();
                var seen = new HashSet<(string, int)>();
                while (data.Read())
                {
                    row++;
                    var place = data.GetString(placeCol).Trim();
                    if (place.Length == 0)
                    {
                        errors.Add(new(row, headers[placeCol], place, "empty place"));
                    }

                    var yearText = data.GetString(yearCol).Trim();
                    int? year = int.TryParse(yearText, NumberStyles.None, CultureInfo.InvariantCulture, out var y) && y is >= 1900 and <= 2200 ? y : null;
                    if (year is null)
                    {
                        errors.Add(new(row, headers[yearCol], yearText, "expected a year like 2024"));
                    }

                    var population = Amount(data.GetString(popCol), headers[popCol], row, errors);
                    if (population is <= 0)
                    {
                        errors.Add(new(row, headers[popCol], data.GetString(popCol), "population must be positive"));
                    }
                    else if (place.Length > 0 && year is { } yy && population is { } p)
                    {
                        if (!seen.Add((place, yy)))
                        {
                            errors.Add(new(row, headers[placeCol], place, string.Create(CultureInfo.InvariantCulture, $"a second figure for {place} in {yy}")));
                        }

                        result.Add(new PopulationEntry(place, yy, (long)Math.Round(p)));
                    }
                }

                return Done(result, errors, kind);
            }
        }
    }

    /// <summary>The lists as JSON (for storage).</summary>
    public string ToJson() => JsonSerializer.Serialize(this, PatentJson.Options);

    /// <summary>Reads lists written by <see cref="ToJson"/>.</summary>
    public static ReferenceLists FromJson(string json) => JsonSerializer.Deserialize<ReferenceLists>(json, PatentJson.Options) ?? Empty;

    private static T Done<T>(T result, List<ReferenceListError> errors, ReferenceListKind kind)
    {
        if (errors.Count > 0)
        {
            throw new ReferenceListException(
                string.Create(CultureInfo.InvariantCulture, $"{errors.Count} bad row(s) in the {kind} list; nothing was stored. First: line {errors[0].Row}, column {errors[0].Column}, value '{errors[0].Value}': {errors[0].Reason}"),
                errors.Take(100).ToList());
        }

        return result;
    }

    private static string? Pn(string text, string column, int row, List<ReferenceListError> errors)
    {
        var parsed = PublicationNumber.TryParse(text);
        if (parsed.Success)
        {
            return parsed.Value.Value;
        }

        errors.Add(new(row, column, text, parsed.Error ?? "not a publication number"));
        return null;
    }

    private static decimal? Amount(string text, string column, int row, List<ReferenceListError> errors)
    {
        var t = TextNormalizer.Clean(text).Replace(",", string.Empty, StringComparison.Ordinal).Trim();
        var factor = 1m;
        foreach (var suffix in new[] { "万元", "万" })
        {
            if (t.EndsWith(suffix, StringComparison.Ordinal))
            {
                t = t[..^suffix.Length].Trim();
                factor = 10_000m;
                break;
            }
        }

        if (t.EndsWith('元'))
        {
            t = t[..^1].Trim();
        }

        if (decimal.TryParse(t, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            return value * factor;
        }

        errors.Add(new(row, column, text, "expected a non-negative number (CNY or persons; 万 suffix allowed)"));
        return null;
    }
}

using System.Globalization;
using System.Text;
using PatentNav.Places;
using PatentNav.Records;
using PatentNav.Search;
using PatentNav.Taxonomy;

namespace PatentNav.Storage;

/// <summary>
/// A <see cref="PatentFilter"/>'s filters as a SQL condition over the store's <c>patent</c> table, meaning what they mean
/// in the index (<see cref="QueryTranslator"/>): industry, IPC, region, kind, status and the date range become columns
/// compared with parameters; free text (<c>q</c>) and applicant need the search index, which gives the publication
/// numbers it matches (the temporary table <c>matched</c>).
/// </summary>
internal sealed class StoreFilter
{
    private StoreFilter(string where, IReadOnlyDictionary<string, object?> parameters, PatentFilter? textFilter)
    {
        Where = where;
        Parameters = parameters;
        TextFilter = textFilter;
    }

    /// <summary>The condition (<c>TRUE</c> when nothing is filtered).</summary>
    public string Where { get; }

    /// <summary>The condition's parameters, by name (without <c>$</c>).</summary>
    public IReadOnlyDictionary<string, object?> Parameters { get; }

    /// <summary>The part of the request only the search index can evaluate (free text, applicant); null when none.</summary>
    public PatentFilter? TextFilter { get; }

    /// <summary>Translates the filters, validating them as the index does (same messages, same parameter names).</summary>
    /// <exception cref="InvalidRequestException">A filter is invalid.</exception>
    public static StoreFilter From(PatentFilter request, IndustryTaxonomies taxonomies)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(taxonomies);
        var conditions = new List<string>();
        var parameters = new Dictionary<string, object?>(StringComparer.Ordinal);
        PatentFilter? text = null;
        if (!string.IsNullOrWhiteSpace(request.Query) || !string.IsNullOrWhiteSpace(request.Applicant))
        {
            // Validated here (a bad q is a 400 before anything runs); evaluated by the index when the statement runs.
            text = new PatentFilter { Query = request.Query, Applicant = request.Applicant };
            QueryTranslator.Build(text, taxonomies);
            conditions.Add("pn IN (SELECT pn FROM matched)");
        }

        if (!string.IsNullOrWhiteSpace(request.Industry))
        {
            conditions.Add(IndustryCondition(taxonomies.ResolveFilter(request.Industry, "industry").ToArray(), parameters));
        }

        if (request.Ipc.Count > 0)
        {
            var keys = new List<string>(request.Ipc.Count);
            foreach (var code in request.Ipc)
            {
                var parsed = IpcCode.TryParse(code.TrimEnd('*'));
                if (!parsed.Success)
                {
                    throw new InvalidRequestException(parsed.Error, parameter: "ipc");
                }

                keys.Add(parsed.Value.Key);
            }

            conditions.Add(AnyOf("ipc_keys", "ipc", keys.Distinct(StringComparer.Ordinal).ToArray(), parameters));
        }

        if (!string.IsNullOrWhiteSpace(request.Region))
        {
            var region = TextNormalizer.Clean(request.Region);
            parameters["region"] = region;
            conditions.Add(CodeColumn(region) is { } level ? $"{level} = $region" : "list_contains(region_keys, $region)");
        }

        if (request.Kind is { } kind)
        {
            parameters["kind"] = IndexSchema.KindValue(kind);
            conditions.Add("kind = $kind");
        }

        if (request.Status is { } status)
        {
            parameters["status"] = IndexSchema.StatusValue(status);
            conditions.Add("status = $status");
        }

        if (request.From is { } f && request.To is { } t && f > t)
        {
            throw new InvalidRequestException($"'from' ({f:yyyy-MM-dd}) is after 'to' ({t:yyyy-MM-dd})", parameter: "from");
        }

        var column = DateColumn(request.DateField);
        if (request.From is { } from)
        {
            parameters["from"] = from;
            conditions.Add(column + " >= $from");
        }

        if (request.To is { } to)
        {
            parameters["to"] = to;
            conditions.Add(column + " <= $to");
        }

        return new StoreFilter(conditions.Count == 0 ? "TRUE" : string.Join(" AND ", conditions), parameters, text);
    }

    /// <summary>
    /// The condition that a patent is in <paramref name="place"/>, as <see cref="Place.Match"/> decides: its region has one
    /// of the place's codes, or its (cleaned) applicant address contains one of the place's patterns, within the place's
    /// <see cref="Place.Within"/> region when the patent's region is known.
    /// </summary>
    /// <param name="place">The place.</param>
    /// <param name="name">The prefix of the condition's parameters (<c>place</c> → <c>$place_codes</c>, <c>$place_pattern0</c>).</param>
    /// <param name="parameters">Receives the parameters.</param>
    public static string PlaceCondition(Place place, string name, IDictionary<string, object?> parameters)
    {
        ArgumentNullException.ThrowIfNull(place);
        ArgumentNullException.ThrowIfNull(parameters);
        var parts = new List<string>();
        if (place.Codes.Count > 0)
        {
            if (place.Codes.All(c => CodeColumn(c) is not null))
            {
                // Each code on its level's column: scalar comparisons, several times faster than a list search.
                for (var i = 0; i < place.Codes.Count; i++)
                {
                    var p = place.Codes.Count == 1 ? name + "_code" : string.Create(CultureInfo.InvariantCulture, $"{name}_code{i}");
                    parameters[p] = place.Codes[i];
                    parts.Add($"{CodeColumn(place.Codes[i])} = ${p}");
                }
            }
            else
            {
                parameters[name + "_codes"] = place.Codes.ToArray();
                parts.Add($"list_has_any(region_keys, ${name}_codes)");
            }
        }

        if (place.AddressPatterns.Count > 0)
        {
            var patterns = new List<string>();
            for (var i = 0; i < place.AddressPatterns.Count; i++)
            {
                var p = string.Create(CultureInfo.InvariantCulture, $"{name}_pattern{i}");
                parameters[p] = place.AddressPatterns[i];
                patterns.Add($"contains(address, ${p})");
            }

            var within = string.Empty;
            if (place.Within is not null)
            {
                // A record without a region (province is null exactly then) passes; one with a region must lie within,
                // on the level column (the catalog admits only GB/T 2260 codes here). Naming region_keys instead would
                // read that list column on every row.
                parameters[name + "_within"] = place.Within;
                var level = CodeColumn(place.Within) ?? throw new InvalidOperationException($"place {place.Id}: within '{place.Within}' is not a GB/T 2260 code");
                within = $" AND (province IS NULL OR {level} = ${name}_within)";
            }

            parts.Add($"(address IS NOT NULL{within} AND ({string.Join(" OR ", patterns)}))");
        }

        return parts.Count == 0 ? "FALSE" : "coalesce(" + string.Join(" OR ", parts) + ", FALSE)";
    }

    /// <summary>The level column holding a GB/T 2260 code of 2, 4 or 6 digits (<c>province</c>, <c>city</c>,
    /// <c>district</c>: the region's codes of <c>region_keys</c>); null for anything else (a name).</summary>
    internal static string? CodeColumn(string code) =>
        code.Length is 2 or 4 or 6 && code.All(char.IsAsciiDigit)
            ? code.Length switch { 2 => "province", 4 => "city", _ => "district" }
            : null;

    /// <summary>The condition that a patent is in one of the industries <paramref name="codes"/>: a substring test on
    /// <c>industries_text</c> for each (see <see cref="AnalyticsStore.IndustriesText"/>; no industry code holds '|', the
    /// city taxonomy refuses one).</summary>
    private static string IndustryCondition(string[] codes, IDictionary<string, object?> parameters)
    {
        var tests = new List<string>(codes.Length);
        for (var i = 0; i < codes.Length; i++)
        {
            var name = codes.Length == 1 ? "industry" : string.Create(CultureInfo.InvariantCulture, $"industry{i}");
            parameters[name] = codes[i];
            tests.Add($"contains(industries_text, '|' || ${name} || '|')");
        }

        return tests.Count == 1 ? tests[0] : "(" + string.Join(" OR ", tests) + ")";
    }

    /// <summary>The condition that the list column holds one of <paramref name="values"/>: <c>list_contains</c> with a
    /// single value (DuckDB runs it several times faster than <c>list_has_any</c>), else <c>list_has_any</c>.</summary>
    private static string AnyOf(string column, string name, string[] values, IDictionary<string, object?> parameters)
    {
        if (values.Length == 1)
        {
            parameters[name] = values[0];
            return $"list_contains({column}, ${name})";
        }

        parameters[name] = values;
        return $"list_has_any({column}, ${name})";
    }

    /// <summary>The store's column of a date choice.</summary>
    public static string DateColumn(DateField field) => field switch
    {
        DateField.Publication => "publication_date",
        DateField.Grant => "grant_date",
        _ => "filing_date",
    };

    /// <summary>What <c>matched</c> holds, in words, for <see cref="Analytics.SqlStatement.Matched"/>.</summary>
    public string? MatchedDescription(int count)
    {
        if (TextFilter is null)
        {
            return null;
        }

        var what = new StringBuilder();
        if (!string.IsNullOrWhiteSpace(TextFilter.Query))
        {
            what.Append(CultureInfo.InvariantCulture, $"q={TextFilter.Query}");
        }

        if (!string.IsNullOrWhiteSpace(TextFilter.Applicant))
        {
            what.Append(what.Length > 0 ? ", " : string.Empty).Append(CultureInfo.InvariantCulture, $"applicant={TextFilter.Applicant}");
        }

        return string.Create(CultureInfo.InvariantCulture, $"the {count:N0} publication numbers the search index matched for {what} (a search with the same filters lists them)");
    }
}

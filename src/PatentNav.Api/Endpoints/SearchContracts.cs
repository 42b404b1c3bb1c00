using System.ComponentModel;
using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using PatentNav.Records;
using PatentNav.Search;

namespace PatentNav.Api.Endpoints;

/// <summary>The filters shared by search, facets and analytics (query-string fields, or JSON properties in POST bodies).</summary>
public record FilterParameters
{
    /// <summary>Free text or an advanced query. Space-separated words must all match; Chinese words match as contiguous
    /// phrases in title, abstract or claims even when the segmenter does not know them. Fields: text, title, abstract,
    /// claims, applicant, inventor, ipc, mainipc, pn, an, region, industry ("sei:3.3", 高端石化), kind, status, filed, published, granted; operators AND OR
    /// NOT + - ( ) "phrase"; ranges filed:[20200101 TO 20221231].</summary>
    /// <example>锂离子电池 正极材料</example>
    [FromQuery(Name = "q")]
    [Description("Free text or advanced query, e.g. 锂离子电池 正极材料, \"碳纤维复合材料\", title:光刻胶 AND ipc:G03F")]
    public string? Q { get; init; }

    /// <summary>IPC prefixes at any level, comma-separated or repeated: C08, A61K, A61K 31, A61K 31/4439.</summary>
    /// <example>H01M</example>
    [FromQuery(Name = "ipc")]
    [Description("IPC prefixes at any level, comma-separated or repeated, e.g. C08, A61K, A61K 31, A61K 31/4439")]
    public string[]? Ipc { get; init; }

    /// <summary>Applicant or holder name, or part of it.</summary>
    /// <example>东海理工</example>
    [FromQuery(Name = "applicant")]
    [Description("Applicant or holder name, or part of it")]
    public string? Applicant { get; init; }

    /// <summary>Region: GB/T 2260 code (32, 3207, 320706) or name (江苏, 连云港, 海州区).</summary>
    /// <example>3207</example>
    [FromQuery(Name = "region")]
    [Description("Region: GB/T 2260 code (32, 3207, 320706) or name (江苏, 连云港, 海州区)")]
    public string? Region { get; init; }

    /// <summary>Industry (产业): sei:3 (strategic emerging industry), sei:3.3 (SEI branch), city:高端石化 (city chain), or a name or alias (新材料产业, 高端石化, 生物医药).</summary>
    /// <example>city:高端石化</example>
    [FromQuery(Name = "industry")]
    [Description("Industry: sei:3, sei:3.3, city:高端石化, or a name (新材料产业, 先进石化化工新材料, 高端石化, 生物医药)")]
    public string? Industry { get; init; }

    /// <summary>Kind: inventionApplication, inventionGrant, utilityModel, design, unknown.</summary>
    /// <example>inventionGrant</example>
    [FromQuery(Name = "kind")]
    [Description("inventionApplication | inventionGrant | utilityModel | design | unknown")]
    public string? Kind { get; init; }

    /// <summary>Legal status: valid, lapsed, pending, unknown.</summary>
    /// <example>valid</example>
    [FromQuery(Name = "status")]
    [Description("valid | lapsed | pending | unknown")]
    public string? Status { get; init; }

    /// <summary>Earliest date, inclusive (yyyy-MM-dd or yyyyMMdd), of dateField.</summary>
    /// <example>2018-01-01</example>
    [FromQuery(Name = "from")]
    [Description("Earliest date (inclusive), yyyy-MM-dd or yyyyMMdd")]
    public string? From { get; init; }

    /// <summary>Latest date, inclusive, of dateField.</summary>
    /// <example>2023-12-31</example>
    [FromQuery(Name = "to")]
    [Description("Latest date (inclusive), yyyy-MM-dd or yyyyMMdd")]
    public string? To { get; init; }

    /// <summary>The date that from/to restrict, date sorts order by, and trends count per year: filing (default; for trends
    /// the publication year stands in when the filing date is unknown), publication, grant.</summary>
    /// <example>filing</example>
    [FromQuery(Name = "dateField")]
    [Description("filing (default) | publication | grant: the date from/to restrict, date sorts order by and trends count")]
    public string? DateField { get; init; }

    /// <summary>Converts the filters to a Core filter; throws InvalidRequestException naming the bad parameter.</summary>
    internal PatentFilter ToFilter()
    {
        var ipc = (Ipc ?? []).SelectMany(s => s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
        return new PatentFilter
        {
            Query = Q,
            Ipc = ipc,
            Applicant = Applicant,
            Region = Region,
            Industry = Industry,
            Kind = ParseEnum<PatentKind>(Kind, "kind"),
            Status = ParseEnum<LegalStatus>(Status, "status"),
            From = ParseDate(From, "from"),
            To = ParseDate(To, "to"),
            DateField = ParseEnum<Records.DateField>(DateField, "dateField") ?? Records.DateField.Filing,
        };
    }

    /// <summary>Parses a date parameter; throws InvalidRequestException naming it.</summary>
    internal static DateOnly? ParseDate(string? text, string parameter)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var d = PatentDate.TryParse(text);
        return d.Success ? d.Value : throw new InvalidRequestException($"{parameter}: {d.Error}", parameter: parameter);
    }

    internal static T? ParseEnum<T>(string? text, string parameter)
        where T : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        return Enum.TryParse<T>(text.Replace("_", string.Empty, StringComparison.Ordinal), ignoreCase: true, out var value) && Enum.IsDefined(value)
            ? value
            : throw new InvalidRequestException($"unknown {parameter} '{text}'; use one of: {string.Join(", ", Enum.GetNames<T>().Select(n => char.ToLowerInvariant(n[0]) + n[1..]))}", parameter: parameter);
    }
}

/// <summary>Search parameters, as query-string fields (GET) or a JSON body (POST): the filters plus order, paging, facets and format.</summary>
public sealed record SearchParameters : FilterParameters
{
    /// <summary>relevance (default), date_desc, date_asc.</summary>
    [FromQuery(Name = "sort")]
    [Description("relevance (default) | date_desc | date_asc")]
    public string? Sort { get; init; }

    /// <summary>The nextCursor of the previous page.</summary>
    [FromQuery(Name = "cursor")]
    [Description("nextCursor from the previous page")]
    public string? Cursor { get; init; }

    /// <summary>Results per page, 1–1000 (CSV: up to the server's MaxCsvRows); default 20.</summary>
    [FromQuery(Name = "size")]
    [Description("Results per page, 1-1000 (CSV up to MaxCsvRows); default 20")]
    public int? Size { get; init; }

    /// <summary>Facets to count, comma-separated: year, ipc, applicant, region, city, kind, status, industry (SEI 战略性新兴产业), branch (SEI branch), chain (city 重点产业链).</summary>
    /// <example>year,ipc,applicant,region,kind,status,industry,branch,chain</example>
    [FromQuery(Name = "facets")]
    [Description("Facets to count: year, ipc, applicant, region, city, kind, status, industry (SEI 战略性新兴产业), branch (SEI branch), chain (city 重点产业链) (comma-separated)")]
    public string? Facets { get; init; }

    /// <summary>Values per facet; default 10.</summary>
    [FromQuery(Name = "facetSize")]
    [Description("Values per facet, 1-1000; default 10")]
    public int? FacetSize { get; init; }

    /// <summary>json (default) or csv.</summary>
    [FromQuery(Name = "format")]
    [Description("json (default) | csv")]
    public string? Format { get; init; }

    /// <summary>Converts to the Core request; throws InvalidRequestException naming the bad parameter.</summary>
    internal SearchRequest ToRequest(int? sizeOverride = null) => new SearchRequest(ToFilter())
    {
        Sort = (Sort?.Trim().ToLowerInvariant()) switch
        {
            null or "" or "relevance" => SearchSort.Relevance,
            "date_desc" or "datedesc" or "newest" => SearchSort.DateDesc,
            "date_asc" or "dateasc" or "oldest" => SearchSort.DateAsc,
            _ => throw new InvalidRequestException($"unknown sort '{Sort}'; use relevance, date_desc or date_asc", parameter: "sort"),
        },
        Cursor = string.IsNullOrWhiteSpace(Cursor) ? null : Cursor,
        Size = sizeOverride ?? Size ?? 20,
        Facets = (Facets ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(f => f.ToLowerInvariant()).ToList(),
        FacetSize = FacetSize ?? 10,
    };
}

/// <summary>One page of search results.</summary>
/// <param name="Total">Matches in all.</param>
/// <param name="Items">This page.</param>
/// <param name="NextCursor">Pass as <c>cursor</c> for the next page; null on the last page.</param>
/// <param name="Facets">Counts over all matches, per requested facet.</param>
public sealed record SearchResponse(long Total, IReadOnlyList<SearchItem> Items, string? NextCursor, IReadOnlyDictionary<string, IReadOnlyList<FacetValue>>? Facets)
{
    internal static SearchResponse From(SearchResult r) => new(r.Total, r.Items.Select(SearchItem.From).ToList(), r.NextCursor, r.Facets);
}

/// <summary>One hit.</summary>
/// <param name="PublicationNumber">Publication number (公开号).</param>
/// <param name="Title">Title.</param>
/// <param name="Highlights">Snippets per field (title, abstract, claims) with matches in &lt;em&gt;; HTML-escaped.</param>
/// <param name="Score">BM25 score; null when sorted by date.</param>
/// <param name="Applicants">Applicants in order.</param>
/// <param name="MainIpc">Main IPC code.</param>
/// <param name="Kind">Document kind.</param>
/// <param name="LegalStatus">Legal status.</param>
/// <param name="FilingDate">Filing date.</param>
/// <param name="PublicationDate">Publication date.</param>
/// <param name="Region">Province/city/district names.</param>
/// <param name="Synthetic">True when some fields are synthetic demonstration data.</param>
public sealed record SearchItem(
    string PublicationNumber,
    string? Title,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Highlights,
    float? Score,
    IReadOnlyList<string> Applicants,
    string? MainIpc,
    PatentKind Kind,
    LegalStatus LegalStatus,
    DateOnly? FilingDate,
    DateOnly? PublicationDate,
    string? Region,
    bool Synthetic)
{
    internal static SearchItem From(SearchHit h)
    {
        var r = h.Record;
        var region = r.Region is null ? null : string.Concat(r.Region.ProvinceName, r.Region.CityName == r.Region.ProvinceName ? null : r.Region.CityName, r.Region.DistrictName);
        return new SearchItem(h.PublicationNumber, h.Title, h.Highlights, float.IsNaN(h.Score) ? null : h.Score, r.Applicants, r.MainIpc?.ToString(), r.Kind, r.LegalStatus, r.FilingDate, r.PublicationDate, region, r.Synthetic);
    }
}

/// <summary>Facet counts without hits.</summary>
/// <param name="Total">Matches in all.</param>
/// <param name="Facets">Counts per facet.</param>
public sealed record FacetsResponse(long Total, IReadOnlyDictionary<string, IReadOnlyList<FacetValue>> Facets);

/// <summary>Similar patents.</summary>
/// <param name="PublicationNumber">The patent they are similar to.</param>
/// <param name="Items">Most similar first.</param>
public sealed record SimilarResponse(string PublicationNumber, IReadOnlyList<SimilarPatent> Items);

/// <summary>Service health.</summary>
/// <param name="Status">ok.</param>
/// <param name="Documents">Patent records searchable now.</param>
/// <param name="LastCommit">When the index was last committed, and by which import.</param>
/// <param name="PendingImports">Imports queued or running.</param>
/// <param name="PendingJobs">Analysis jobs (GET /api/jobs) queued or running.</param>
/// <param name="Analytics">The analytical store (<c>analytics.duckdb</c>) the counting analyses read: <c>ready</c>, or
/// <c>building</c> with the rows written so far of the total.</param>
public sealed record HealthResponse(string Status, int Documents, IReadOnlyDictionary<string, string> LastCommit, int PendingImports, int PendingJobs, AnalyticsStoreStatus Analytics);

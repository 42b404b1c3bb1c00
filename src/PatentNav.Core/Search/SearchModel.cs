using System.Text.Json.Serialization;
using PatentNav.Records;

namespace PatentNav.Search;

/// <summary>The order of search results.</summary>
public enum SearchSort
{
    /// <summary>Best match first (BM25); ties by publication number.</summary>
    Relevance = 0,

    /// <summary>Newest first by <see cref="PatentFilter.DateField"/>; ties by publication number. Records without the date come last.</summary>
    DateDesc,

    /// <summary>Oldest first by <see cref="PatentFilter.DateField"/>; ties by publication number. Records without the date come first.</summary>
    DateAsc,
}

/// <summary>The facets a search can count.</summary>
public static class FacetNames
{
    /// <summary>Filing year (publication year when the filing date is unknown).</summary>
    public const string Year = "year";

    /// <summary>IPC subclass, e.g. <c>H01M</c>.</summary>
    public const string Ipc = "ipc";

    /// <summary>Applicant or current holder, as written (normalised width and spaces).</summary>
    public const string Applicant = "applicant";

    /// <summary>Province (code and name).</summary>
    public const string Region = "region";

    /// <summary>City (code and name).</summary>
    public const string City = "city";

    /// <summary>Document kind.</summary>
    public const string Kind = "kind";

    /// <summary>Legal status.</summary>
    public const string Status = "status";

    /// <summary>Strategic emerging industry, first level (战略性新兴产业, SEI–IPC 2021): value <c>sei:3</c>, label 新材料产业.</summary>
    public const string Industry = "industry";

    /// <summary>SEI branch (second level): value <c>sei:3.3</c>, label 先进石化化工新材料.</summary>
    public const string Branch = "branch";

    /// <summary>The city's priority chain (重点产业链): value <c>city:高端石化</c>, label 高端石化.</summary>
    public const string Chain = "chain";

    /// <summary>Every facet name.</summary>
    public static IReadOnlyList<string> All { get; } = [Year, Ipc, Applicant, Region, City, Kind, Status, Industry, Branch, Chain];
}

/// <summary>
/// Which patents: free text or an advanced query string plus typed filters. Every filter is optional; filters combine with
/// AND. The analyses take a filter; <see cref="SearchRequest"/> adds paging, sort, facets and highlights for search.
/// </summary>
public record PatentFilter
{
    /// <summary>
    /// Free text or an advanced query. Words separated by spaces must all match (AND); a Chinese word matches as a
    /// contiguous phrase in title, abstract or claims, whether or not the segmenter knows it (光刻胶, 碳纤维). Quotes make a
    /// phrase of several words. Field syntax <c>field:value</c> over the fields in <see cref="QueryFields"/>, boolean
    /// operators <c>AND OR NOT</c>, <c>+</c>/<c>-</c>, parentheses, ranges <c>filed:[20200101 TO 20221231]</c>.
    /// </summary>
    /// <example>锂离子电池 正极材料</example>
    public string? Query { get; init; }

    /// <summary>IPC prefixes at any level (<c>C08</c>, <c>A61K</c>, <c>A61K 31</c>, <c>A61K 31/4439</c>); a patent matches if any of its codes falls under any of them.</summary>
    public IReadOnlyList<string> Ipc { get; init; } = [];

    /// <summary>Applicant or holder: a name or part of one (e.g. 东海理工).</summary>
    public string? Applicant { get; init; }

    /// <summary>Region: a GB/T 2260 code (<c>32</c>, <c>3207</c>, <c>320706</c>) or a name (江苏, 连云港市, 海州区).</summary>
    public string? Region { get; init; }

    /// <summary>Industry (产业): <c>sei:3</c> (SEI industry), <c>sei:3.3</c> (SEI branch), <c>city:高端石化</c> (city chain),
    /// or a name or alias of one (新材料产业, 先进石化化工新材料, 生物医药). Derived from IPC codes and text by the workspace's
    /// taxonomies (see <see cref="PatentNav.Taxonomy.IndustryTaxonomies"/>).</summary>
    /// <example>city:高端石化</example>
    public string? Industry { get; init; }

    /// <summary>Document kind.</summary>
    public PatentKind? Kind { get; init; }

    /// <summary>Legal status.</summary>
    public LegalStatus? Status { get; init; }

    /// <summary>Earliest date (inclusive) of <see cref="DateField"/>.</summary>
    public DateOnly? From { get; init; }

    /// <summary>Latest date (inclusive) of <see cref="DateField"/>.</summary>
    public DateOnly? To { get; init; }

    /// <summary>The date <see cref="From"/>, <see cref="To"/> and date sorts use; filing date by default.</summary>
    public DateField DateField { get; init; }
}

/// <summary>
/// A search over the workspace: a <see cref="PatentFilter"/> with the page, order, facets and highlights of the results.
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record SearchRequest : PatentFilter
{
    /// <summary>A search over every patent: the first page of 20, best match first.</summary>
    public SearchRequest()
    {
    }

    /// <summary>A search over the patents of <paramref name="filter"/> (its filters copied), first page of 20.</summary>
    public SearchRequest(PatentFilter filter)
        : base(filter)
    {
    }

    /// <summary>The order of results.</summary>
    public SearchSort Sort { get; init; }

    /// <summary>The opaque cursor from the previous page's <see cref="SearchResult.NextCursor"/>; <c>null</c> for the first page.</summary>
    public string? Cursor { get; init; }

    /// <summary>Results per page (1–<see cref="SearchLimits.MaxPageSize"/>); default 20.</summary>
    public int Size { get; init; } = 20;

    /// <summary>Facets to count over all matches (see <see cref="FacetNames"/>).</summary>
    public IReadOnlyList<string> Facets { get; init; } = [];

    /// <summary>Values per facet, most frequent first; default 10.</summary>
    public int FacetSize { get; init; } = 10;

    /// <summary>Whether to return highlighted snippets; default true.</summary>
    public bool Highlight { get; init; } = true;
}

/// <summary>Bounds that protect the service from expensive requests.</summary>
public static class SearchLimits
{
    /// <summary>The largest page size.</summary>
    public const int MaxPageSize = 1000;

    /// <summary>The most values a facet returns.</summary>
    public const int MaxFacetSize = 1000;

    /// <summary>The longest query string accepted, in characters.</summary>
    public const int MaxQueryLength = 2000;
}

/// <summary>The names accepted before a colon in an advanced query.</summary>
public static class QueryFields
{
    /// <summary>Field → what it searches, for documentation and error messages.</summary>
    public static IReadOnlyDictionary<string, string> Descriptions { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["text"] = "title, abstract and claims (the default)",
        ["title"] = "title (专利名称)",
        ["abstract"] = "abstract (摘要)",
        ["claims"] = "claims (权利要求), or the first claim",
        ["applicant"] = "applicant or current holder, name or part of it",
        ["inventor"] = "inventor, name or part of it",
        ["ipc"] = "IPC code prefix at any level (A61K, A61K31, A61K31/4439)",
        ["mainipc"] = "main IPC code prefix",
        ["pn"] = "publication number (CN114081026A)",
        ["an"] = "application number (CN202223220665.2)",
        ["region"] = "region code or name (32, 3207, 连云港)",
        ["industry"] = "industry, SEI branch or city chain: \"sei:3\", \"sei:3.3\", \"city:高端石化\" (quoted because of the colon) or a name (新材料产业, 高端石化)",
        ["kind"] = "inventionApplication, inventionGrant, utilityModel, design, unknown",
        ["status"] = "valid, lapsed, pending, unknown",
        ["filed"] = "filing date: yyyyMMdd, yyyy-MM-dd or a year; ranges [20200101 TO 20221231] or [2020 TO 2022]",
        ["published"] = "publication date, as filed",
        ["granted"] = "grant date, as filed",
    };
}

/// <summary>One page of search results.</summary>
/// <param name="Total">How many patents match in all.</param>
/// <param name="Items">This page's hits, in order.</param>
/// <param name="NextCursor">The cursor for the next page, or <c>null</c> on the last page.</param>
/// <param name="Facets">Counts per requested facet over all matches (not just this page).</param>
public sealed record SearchResult(
    long Total,
    IReadOnlyList<SearchHit> Items,
    string? NextCursor,
    IReadOnlyDictionary<string, IReadOnlyList<FacetValue>>? Facets);

/// <summary>One hit.</summary>
/// <param name="PublicationNumber">The publication number.</param>
/// <param name="Title">The title.</param>
/// <param name="Highlights">Snippets with matched terms in <c>&lt;em&gt;</c>, per field (<c>title</c>, <c>abstract</c>, <c>claims</c>).</param>
/// <param name="Score">The BM25 relevance score (NaN when sorted by date).</param>
/// <param name="Record">The full record.</param>
public sealed record SearchHit(
    string PublicationNumber,
    string? Title,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Highlights,
    float Score,
    PatentRecord Record);

/// <summary>A facet value and how many matches have it.</summary>
/// <param name="Value">The value to filter by (a code, a year, a name).</param>
/// <param name="Label">A readable label (e.g. 江苏省 for province 32).</param>
/// <param name="Count">The number of matching patents with the value.</param>
public sealed record FacetValue(string Value, string Label, long Count);

/// <summary>A patent similar to another one.</summary>
/// <param name="PublicationNumber">The similar patent's number.</param>
/// <param name="Title">Its title.</param>
/// <param name="Score">The MoreLikeThis score.</param>
public sealed record SimilarPatent(string PublicationNumber, string? Title, float Score);

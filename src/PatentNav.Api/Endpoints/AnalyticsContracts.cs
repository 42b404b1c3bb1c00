using System.ComponentModel;
using Microsoft.AspNetCore.Mvc;
using PatentNav.Analytics;
using PatentNav.Records;
using PatentNav.Search;

namespace PatentNav.Api.Endpoints;

/// <summary>Trend (趋势) parameters: the filters of <c>/api/search</c> plus the counted date and the data cut-off.</summary>
public sealed record TrendParameters
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

    /// <summary>The date counted per year, and the date from/to apply to: filing (default; publication year when the filing date is unknown), publication, grant.</summary>
    /// <example>filing</example>
    [FromQuery(Name = "dateField")]
    [Description("Date counted per year (and restricted by from/to): filing (default) | publication | grant")]
    public string? DateField { get; init; }

    /// <summary>Data cut-off date (数据截止日), yyyy-MM-dd or yyyyMMdd; default: the latest filing, publication or grant date in the workspace. A year is complete when its 31 December is on or before the cut-off; incomplete years are reported but not fitted.</summary>
    /// <example>2024-06-30</example>
    [FromQuery(Name = "cutoff")]
    [Description("Data cut-off date (数据截止日), yyyy-MM-dd; default: the latest date in the workspace. Years ending after it are incomplete and not fitted")]
    public string? Cutoff { get; init; }

    /// <summary>The Core filter and options; throws QuerySyntaxException naming the bad parameter.</summary>
    internal (SearchRequest Filter, TrendOptions Options) ToRequest()
    {
        var filter = new SearchParameters
        {
            Q = Q,
            Ipc = Ipc,
            Applicant = Applicant,
            Region = Region,
            Industry = Industry,
            Kind = Kind,
            Status = Status,
            From = From,
            To = To,
            DateField = DateField,
        }.ToRequest(sizeOverride: 1);
        DateOnly? cutoff = null;
        if (!string.IsNullOrWhiteSpace(Cutoff))
        {
            var d = PatentDate.TryParse(Cutoff);
            cutoff = d.Success ? d.Value : throw new QuerySyntaxException($"cutoff: {d.Error}", parameter: "cutoff");
        }

        return (filter, new TrendOptions { DateField = filter.DateField, Cutoff = cutoff });
    }
}

using System.ComponentModel;
using Microsoft.AspNetCore.Mvc;
using PatentNav.Analytics;
using PatentNav.Search;

namespace PatentNav.Api.Endpoints;

/// <summary>Trend (趋势) parameters: the filters of <c>/api/search</c> plus the counted date and the data cut-off.</summary>
public sealed record TrendParameters : FilterParameters
{
    /// <summary>Data cut-off date (数据截止日), yyyy-MM-dd or yyyyMMdd; default: the latest filing, publication or grant date in the workspace. A year is complete when its 31 December is on or before the cut-off; incomplete years are reported but not fitted.</summary>
    /// <example>2024-06-30</example>
    [FromQuery(Name = "cutoff")]
    [Description("Data cut-off date (数据截止日), yyyy-MM-dd; default: the latest date in the workspace. Years ending after it are incomplete and not fitted")]
    public string? Cutoff { get; init; }

    /// <summary>The Core filter and options; throws QuerySyntaxException naming the bad parameter.</summary>
    internal (SearchRequest Filter, TrendOptions Options) ToRequest()
    {
        var filter = ToFilter() with { Size = 1, Highlight = false };
        return (filter, new TrendOptions { DateField = filter.DateField, Cutoff = ParseDate(Cutoff, "cutoff") });
    }
}

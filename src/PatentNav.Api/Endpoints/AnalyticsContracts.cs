using System.ComponentModel;
using Microsoft.AspNetCore.Mvc;
using PatentNav.Analytics;
using PatentNav.Records;
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

    /// <summary>The Core filter and options; throws InvalidRequestException naming the bad parameter.</summary>
    internal (PatentFilter Filter, TrendOptions Options) ToRequest()
    {
        var filter = ToFilter();
        return (filter, new TrendOptions { DateField = filter.DateField, Cutoff = ParseDate(Cutoff, "cutoff") });
    }
}

/// <summary>Applicant ranking (申请人排名) parameters: the filters of <c>/api/search</c> plus how many applicants and how to count co-applicants.</summary>
public sealed record ApplicantParameters : FilterParameters
{
    /// <summary>The most applicants that can be asked for.</summary>
    public const int MaxTop = 500;

    /// <summary>How many applicants to return, 1–500; default 20.</summary>
    /// <example>20</example>
    [FromQuery(Name = "top")]
    [Description("How many applicants to return, 1-500; default 20")]
    public int? Top { get; init; }

    /// <summary>Count only the first (lead) applicant of each patent; default false: every co-applicant (共同申请人) counts the patent once.</summary>
    /// <example>false</example>
    [FromQuery(Name = "firstOnly")]
    [Description("true: count only the first (lead) applicant; default false: every co-applicant (共同申请人) counts the patent once")]
    public bool? FirstOnly { get; init; }

    /// <summary>The Core filter and options; throws InvalidRequestException naming the bad parameter.</summary>
    internal (PatentFilter Filter, ApplicantRankOptions Options) ToRequest()
    {
        var top = Top ?? 20;
        if (top is < 1 or > MaxTop)
        {
            throw new InvalidRequestException(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"top must be between 1 and {MaxTop}, got {top}"), parameter: "top");
        }

        var filter = ToFilter();
        return (filter, new ApplicantRankOptions { Top = top, FirstApplicantOnly = FirstOnly ?? false });
    }
}

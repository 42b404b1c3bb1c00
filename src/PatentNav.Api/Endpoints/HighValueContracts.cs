using System.ComponentModel;
using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using PatentNav.Analytics;
using PatentNav.Records;
using PatentNav.Search;

namespace PatentNav.Api.Endpoints;

/// <summary>The parameters CNIPA does not publish (高价值发明专利 criteria), as query-string fields.</summary>
public sealed record HighValueOptionParameters
{
    /// <summary>Assessment date (yyyy-MM-dd); default: the data's cut-off.</summary>
    /// <example>2024-12-31</example>
    [FromQuery(Name = "asOf")]
    [Description("Assessment date yyyy-MM-dd (validity, maintenance years); default: the data's cut-off")]
    public string? AsOf { get; init; }

    /// <summary>filing (default) or grant: where the maintenance period starts.</summary>
    [FromQuery(Name = "maintenanceOrigin")]
    [Description("filing (default) | grant: where the more-than-10-years maintenance period starts")]
    public string? MaintenanceOrigin { get; init; }

    /// <summary>Years of maintenance that must be exceeded (1–30); default 10.</summary>
    [FromQuery(Name = "maintenanceYears")]
    [Description("Years of maintenance that must be exceeded, 1-30; default 10")]
    public int? MaintenanceYears { get; init; }

    /// <summary>Pledge-financing amount in CNY from which criterion 4 is met; default 10,000,000.</summary>
    [FromQuery(Name = "pledgeThreshold")]
    [Description("Pledge-financing amount in CNY from which criterion 4 is met; default 10000000 (1000万元)")]
    public decimal? PledgeThreshold { get; init; }

    /// <summary>The Core options; throws InvalidRequestException naming the bad parameter.</summary>
    internal HighValueOptions ToOptions()
    {
        if (MaintenanceYears is < 1 or > 30)
        {
            throw new InvalidRequestException(string.Create(CultureInfo.InvariantCulture, $"maintenanceYears must be between 1 and 30, got {MaintenanceYears}"), parameter: "maintenanceYears");
        }

        if (PledgeThreshold is < 0)
        {
            throw new InvalidRequestException("pledgeThreshold must not be negative", parameter: "pledgeThreshold");
        }

        return new HighValueOptions
        {
            AsOf = FilterParameters.ParseDate(AsOf, "asOf"),
            MaintenanceOrigin = FilterParameters.ParseEnum<MaintenanceOrigin>(MaintenanceOrigin, "maintenanceOrigin") ?? Analytics.MaintenanceOrigin.Filing,
            MaintenanceYears = MaintenanceYears ?? 10,
            PledgeThreshold = PledgeThreshold ?? 10_000_000m,
        };
    }
}

/// <summary>A page of high-value assessments.</summary>
/// <param name="Patents">Valid invention patents matching the filters.</param>
/// <param name="Counts">How many of them have each verdict.</param>
/// <param name="Parameters">The parameters used, in words.</param>
/// <param name="Items">The assessments (filtered by verdict when asked), at most <c>top</c>.</param>
public sealed record HighValueListResponse(int Patents, IReadOnlyDictionary<string, int> Counts, string Parameters, IReadOnlyList<HighValueAssessment> Items)
{
    /// <summary>The SQL statements that counted and selected the patents, with their parameters.</summary>
    public IReadOnlyList<SqlStatement> Statements { get; init; } = [];
}

/// <summary>A stored reference list, summarised.</summary>
/// <param name="PledgeAmounts">Patents with a pledge amount (null: no list).</param>
/// <param name="Awards">Award-winning patents listed (null: no list).</param>
/// <param name="Population">Population figures (place × year).</param>
public sealed record ReferenceSummary(int? PledgeAmounts, int? Awards, int Population);

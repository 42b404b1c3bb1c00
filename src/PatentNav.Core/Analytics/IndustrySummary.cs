using PatentNav.Analytics;
using PatentNav.Records;
using PatentNav.Search;

namespace PatentNav.Analytics;

/// <summary>Industry summaries (产业概况) of one taxonomy over a set of patents.</summary>
/// <param name="Taxonomy"><c>sei</c> or <c>city</c>.</param>
/// <param name="TaxonomyName">Its readable name.</param>
/// <param name="Patents">Patents matching the filter.</param>
/// <param name="Unassigned">Of those, patents in none of the taxonomy's industries.</param>
/// <param name="IndustriesAreCurrent">False when the city taxonomy changed after the patents were indexed and has not been re-applied.</param>
/// <param name="DateField">The date the trends count by.</param>
/// <param name="Cutoff">The data cut-off of the trends.</param>
/// <param name="CutoffSource">Where the cut-off came from.</param>
/// <param name="Industries">For SEI every industry followed by its branches; for the city taxonomy every chain.</param>
/// <param name="Notes">Counting conventions.</param>
public sealed record IndustrySummaryReport(
    string Taxonomy,
    string TaxonomyName,
    long Patents,
    long Unassigned,
    bool IndustriesAreCurrent,
    DateField DateField,
    DateOnly? Cutoff,
    string? CutoffSource,
    IReadOnlyList<IndustrySummary> Industries,
    IReadOnlyList<string> Notes)
{
    /// <summary>The SQL that counted the summaries over the analytical store, with its parameters.</summary>
    public IReadOnlyList<Analytics.SqlStatement> Statements { get; init; } = [];
}

/// <summary>One industry, branch or chain.</summary>
/// <param name="Id">Its filter value (<c>sei:3</c>, <c>sei:3.3</c>, <c>city:高端石化</c>): use it as <c>industry=</c> in search and analytics.</param>
/// <param name="Code">Its code in the taxonomy.</param>
/// <param name="Name">Its name.</param>
/// <param name="Level"><c>industry</c>, <c>branch</c> or <c>chain</c>.</param>
/// <param name="Parent">The industry of a branch.</param>
/// <param name="Patents">Matching patents in it.</param>
/// <param name="Share">Patents ÷ all matching patents.</param>
/// <param name="ValidInventions">Invention patents in it whose legal status is valid (有效发明专利).</param>
/// <param name="TooFew">True when its complete years hold fewer than 30 patents: read growth and lifecycle with care.</param>
/// <param name="Growth">Poisson annual growth with its 95 % CI.</param>
/// <param name="Cagr">Compound annual growth between the first and last complete years.</param>
/// <param name="Lifecycle">Lifecycle stage (生命周期) with its rule.</param>
public sealed record IndustrySummary(
    string Id,
    string Code,
    string Name,
    string Level,
    string? Parent,
    long Patents,
    double Share,
    long ValidInventions,
    bool TooFew,
    GrowthFit Growth,
    CagrResult Cagr,
    LifecycleResult Lifecycle);

using System.Globalization;
using Microsoft.Extensions.Logging;
using PatentNav.Analytics;
using PatentNav.Records;
using PatentNav.Search;
using PatentNav.Storage;
using PatentNav.Taxonomy;

namespace PatentNav.Workspace;

/// <content>Industry summaries (产业概况): every industry of a taxonomy with its size, share and trend.</content>
public sealed partial class AnalyticsService
{
    /// <summary>
    /// Summarises every industry of a taxonomy over the patents matching <paramref name="filter"/>: for SEI each of the 9
    /// industries and 40 branches, for the city taxonomy each chain — patents, share of the matching patents, valid
    /// invention patents, Poisson growth with its CI, CAGR and lifecycle stage (the same rules as <see cref="TrendsAsync"/>).
    /// </summary>
    /// <remarks>
    /// <para>Counted by one SQL statement over the analytical store (<see cref="IndustrySummaryReport.Statements"/>). Counts come
    /// from the industries derived when each record was indexed;
    /// after a taxonomy change they follow the new rules only once <see cref="SettingsService.ReapplyTaxonomyAsync"/> has run
    /// (<see cref="IndustrySummaryReport.IndustriesAreCurrent"/> says which).</para>
    /// <para>A patent can belong to several industries, so shares can add up to more than 1; <see cref="IndustrySummaryReport.Unassigned"/>
    /// counts the matching patents in none of them.</para>
    /// </remarks>
    /// <param name="taxonomy"><c>sei</c> or <c>city</c>.</param>
    /// <param name="filter">Which patents (as for search; its industry filter must be empty, since every industry is summarised).</param>
    /// <param name="options">Trend options (date field, cut-off); defaults when null.</param>
    /// <param name="cancellationToken">Stops between industries.</param>
    /// <exception cref="InvalidRequestException">Unknown taxonomy, an industry filter, or another invalid filter.</exception>
    /// <exception cref="AnalyticsUnavailableException">The analytical store is being rebuilt from the index.</exception>
    public async Task<IndustrySummaryReport> SummarizeIndustriesAsync(string taxonomy, PatentFilter filter, TrendOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(taxonomy);
        ArgumentNullException.ThrowIfNull(filter);
        options ??= new TrendOptions();
        if (!string.IsNullOrWhiteSpace(filter.Industry))
        {
            throw new InvalidRequestException("industry summaries cover every industry of the taxonomy; leave out the industry filter", parameter: "industry");
        }

        var taxonomies = Taxonomies;
        var id = taxonomy.Trim().ToLowerInvariant();
        var units = id switch
        {
            SeiIpcTaxonomy.TaxonomyId => taxonomies.Sei.Industries
                .SelectMany(i => i.Branches.Select(b => (Id: "sei:" + b.Code, b.Code, b.Name, Level: "branch", Parent: (string?)("sei:" + i.Code)))
                    .Prepend((Id: "sei:" + i.Code, i.Code, i.Name, Level: "industry", Parent: (string?)null)))
                .ToList(),
            CityTaxonomy.TaxonomyId => taxonomies.City.Chains.Select(c => (Id: "city:" + c.Code, c.Code, c.Name, Level: "chain", Parent: (string?)null)).ToList(),
            _ => throw new InvalidRequestException($"unknown taxonomy '{taxonomy}'; use sei or city", parameter: "taxonomy"),
        };

        var topLevel = units.Where(u => u.Parent is null).Select(u => u.Id).ToList();
        var counted = await _store.AnalyzeInStoreAsync(
            filter with { DateField = options.DateField },
            session =>
            {
                var counts = StoreAnalyses.CountIndustryYears(session, units.Select(u => u.Id).ToList(), topLevel, options.DateField, cancellationToken);
                var latestDate = options.Cutoff is null ? StoreAnalyses.LatestDate(session, cancellationToken) : null;
                return (counts.Units, counts.Total, counts.Unassigned, Statements: session.Statements.ToList(), Latest: latestDate);
            },
            cancellationToken).ConfigureAwait(false);
        var (perUnit, total, unassigned, statements, latest) = counted;

        var summaries = new List<IndustrySummary>(units.Count);
        TrendReport? any = null;
        foreach (var unit in units)
        {
            var (years, undated, valid) = perUnit.TryGetValue(unit.Id, out var u) ? u : (new SortedDictionary<int, long>(), 0L, 0L);
            var patents = years.Values.Sum() + undated;
            var trend = Trend(years, undated, options, () => latest);
            any ??= trend;
            summaries.Add(new IndustrySummary(
                unit.Id,
                unit.Code,
                unit.Name,
                unit.Level,
                unit.Parent,
                patents,
                total == 0 ? 0 : Math.Round((double)patents / total, 4),
                valid,
                trend.TooFew,
                trend.Growth,
                trend.Cagr,
                trend.Lifecycle));
        }

        var notes = new List<string>
        {
            "A patent can belong to several industries: shares can add up to more than 1.",
            "validInventions: invention patents (applications and grants) whose legal status is valid.",
        };
        if (!_settings.IndustriesAreCurrent)
        {
            notes.Add("The city taxonomy changed after these patents were indexed: counts follow the previous rules until the taxonomy has been re-applied to the stored patents.");
        }

        return new IndustrySummaryReport(
            id,
            id == SeiIpcTaxonomy.TaxonomyId ? taxonomies.Sei.Name : taxonomies.City.Name,
            total,
            unassigned,
            _settings.IndustriesAreCurrent,
            options.DateField,
            any?.Cutoff,
            any?.CutoffSource,
            summaries,
            notes)
        {
            Statements = statements,
        };
    }
}

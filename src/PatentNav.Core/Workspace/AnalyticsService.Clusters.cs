using System.Globalization;
using Microsoft.Extensions.Logging;
using PatentNav.Analytics;
using PatentNav.Records;
using PatentNav.Search;
using PatentNav.Storage;

namespace PatentNav.Workspace;

/// <content>Technology clusters (技术聚类) and the landscape map (专利地图) of any subset.</content>
public sealed partial class AnalyticsService
{
    /// <summary>
    /// Technology clusters (技术聚类) of the patents matching <paramref name="filter"/>, with labels of distinctive terms,
    /// representative patents, top applicants, growth, and a landscape map (专利地图); see <see cref="TechnologyClusters"/>.
    /// </summary>
    /// <remarks>
    /// <para>Steps: the workspace's term lexicon is brought up to date (<see cref="TextService.GetTermLexiconAsync"/>; progress stage
    /// <see cref="ClusterStages.Terms"/>), the matching records are read from the index's stored fields and segmented
    /// (<see cref="ClusterStages.Reading"/>), then clustered outside the searcher. The filter's paging, sort, facet and
    /// highlight settings are ignored. At most <see cref="ClusterOptions.MaxPatents"/> matches are read: when more match,
    /// a seeded sample of that many (<see cref="ClusterReport.Sampling"/> states the rule; cluster sizes then describe the
    /// sample).</para>
    /// <para>Each cluster's growth uses the workspace's data cut-off (the latest filing, publication or grant date in the
    /// whole workspace, as <see cref="TrendsAsync"/>) unless <see cref="ClusterOptions.Cutoff"/> is given.</para>
    /// <para>Deterministic: the same records (whatever order they were imported in), lexicon and options give the same
    /// report. Runs on the thread pool; cancellation is honoured between batches and k-means passes.</para>
    /// </remarks>
    /// <exception cref="InvalidRequestException">The filter is invalid, an option is out of range (<c>parameter</c> names it),
    /// or too few have text features for the k asked.</exception>
    public async Task<ClusterReport> ClusterAsync(PatentFilter filter, ClusterOptions? options = null, IProgress<AnalysisProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        options ??= new ClusterOptions();
        if (options.Check() is { } problem)
        {
            throw new InvalidRequestException(problem.Message, parameter: problem.Parameter);
        }

        var request = filter;
        QueryTranslator.Build(request, Taxonomies); // a bad filter fails now, before the lexicon is built

        var termProgress = progress is null ? null : new Progress<int>(n => progress.Report(new AnalysisProgress(ClusterStages.Terms, n, _index.DocumentCount)));
        var tokenizer = await _text.GetFeatureTokenizerAsync(termProgress, cancellationToken).ConfigureAwait(false);
        return await Task.Run(
            () =>
            {
                string? cutoffSource = options.Cutoff is null ? null : "given";
                if (options.Cutoff is null)
                {
                    if (DataCutoff() is { } latest)
                    {
                        options = options with { Cutoff = latest };
                        cutoffSource = "latest filing, publication or grant date in the workspace";
                    }
                }

                var (corpus, matching) = _index.ReadSample(request, options.MaxPatents, options.Seed, (records, n) => (TechnologyClusters.Prepare(records, tokenizer, progress, cancellationToken), n), cancellationToken);
                try
                {
                    var report = TechnologyClusters.Compute(corpus, tokenizer, options, cutoffSource, progress, cancellationToken);
                    if (matching <= options.MaxPatents)
                    {
                        return report;
                    }

                    var sampling = new ClusterSampling(
                        matching,
                        options.MaxPatents,
                        options.Seed,
                        string.Create(CultureInfo.InvariantCulture, $"the {options.MaxPatents:N0} matching patents with the smallest FNV-1a 64-bit hash of the UTF-8 text '{options.Seed}:<publication number>' (ties by number)"));
                    var note = string.Create(CultureInfo.InvariantCulture, $"{matching:N0} patents match, more than the {options.MaxPatents:N0} a clustering reads: the clusters are of a seeded sample of {options.MaxPatents:N0} ({sampling.Rule}); their sizes and shares describe the sample");
                    return report with { Notes = [note, .. report.Notes], Sampling = sampling };
                }
                catch (ArgumentException ex) when (ex.ParamName is null)
                {
                    // Too few patents with text features for the k asked: the caller's filters or k, not a fault.
                    throw new InvalidRequestException(ex.Message, parameter: options.K is null ? null : "k");
                }
            },
            cancellationToken).ConfigureAwait(false);
    }
}

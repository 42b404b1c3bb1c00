using System.Diagnostics;
using Microsoft.Extensions.Options;

namespace PatentNav.Api.Infrastructure;

/// <summary>
/// After start (and after the sample is seeded), fills the workspace's analysis-record cache and makes sure the term lexicon
/// is current, in the background, so that the first report a park manager asks for is as quick as the later ones
/// (PatentNav:WarmAnalysisCache, default true).
/// </summary>
internal sealed class AnalysisWarmUp(PatentWorkspace workspace, IOptions<PatentNavApiOptions> options, ILogger<AnalysisWarmUp> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.WarmAnalysisCache)
        {
            return;
        }

        try
        {
            var started = Stopwatch.GetTimestamp();
            var records = await workspace.WarmAnalysisCacheAsync(stoppingToken);
            if (records > 0)
            {
                logger.LogInformation("Analysis cache warmed: {Records} records in {Seconds:F1} s", records, Stopwatch.GetElapsedTime(started).TotalSeconds);

                // The term lexicon the clusters (and so the reports) segment with: built once per data set and kept on disk,
                // so this is quick unless the data changed since it was built.
                started = Stopwatch.GetTimestamp();
                var lexicon = await workspace.GetTermLexiconAsync(cancellationToken: stoppingToken);
                logger.LogInformation("Term lexicon ready: {Terms} terms in {Seconds:F1} s", lexicon.Terms.Count, Stopwatch.GetElapsedTime(started).TotalSeconds);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
        catch (Exception ex) when (ex is Search.QuerySyntaxException or ObjectDisposedException)
        {
            // Not worth failing the host over: the first analysis fills the cache instead.
            logger.LogWarning(ex, "Analysis cache warm-up skipped");
        }
    }
}

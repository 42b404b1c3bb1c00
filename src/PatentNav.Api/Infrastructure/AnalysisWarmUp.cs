using System.Diagnostics;
using Microsoft.Extensions.Options;
using PatentNav.Records;

namespace PatentNav.Api.Infrastructure;

/// <summary>
/// After start (and after the sample is seeded), and again after every change of the data (an import, a re-apply of the
/// city chains), makes sure the term lexicon the clusters segment with is current, in the background, so that the first
/// report a park manager asks for does not wait for it (PatentNav:WarmAnalysisCache, default true).
/// </summary>
/// <remarks>After data changes the lexicon is discovered again (about 14 s of CPU at 100,000 records), which the next report
/// or clustering would otherwise wait for. The service looks every <see cref="PatentNavApiOptions.WarmAnalysisCheckSeconds"/>
/// for a new commit, and does nothing while an import is queued or running: the import needs both cores, and the
/// lexicon is not rebuilt before it is over anyway.</remarks>
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
            var warmed = await WarmAsync(stoppingToken);
            var interval = TimeSpan.FromSeconds(Math.Max(0.1, options.Value.WarmAnalysisCheckSeconds));
            while (true)
            {
                await Task.Delay(interval, stoppingToken);
                if (workspace.Imports.Pending > 0 || CommitMarker() == warmed)
                {
                    continue;
                }

                warmed = await WarmAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    /// <summary>Builds the lexicon for the data as it is now; returns the commit it warmed for.</summary>
    private async Task<string> WarmAsync(CancellationToken stoppingToken)
    {
        var marker = CommitMarker();
        try
        {
            if (workspace.Search.DocumentCount > 0)
            {
                // Built once per data set and kept on disk, so this is quick unless the data changed since it was built.
                var started = Stopwatch.GetTimestamp();
                var lexicon = await workspace.Text.GetTermLexiconAsync(cancellationToken: stoppingToken);
                logger.LogInformation("Term lexicon ready: {Terms} terms in {Seconds:F1} s", lexicon.Terms.Count, Stopwatch.GetElapsedTime(started).TotalSeconds);
            }
        }
        catch (Exception ex) when (ex is InvalidRequestException or ObjectDisposedException or IOException)
        {
            // Not worth failing the host over: the first clustering builds the lexicon instead.
            logger.LogWarning(ex, "Term lexicon warm-up skipped");
        }

        return marker;
    }

    /// <summary>What identifies the data as committed now: the last commit's import (or re-apply) and time.</summary>
    private string CommitMarker()
    {
        var commit = workspace.Maintenance.LastCommit;
        return (commit.TryGetValue("import", out var id) ? id : string.Empty) + "|" + (commit.TryGetValue("committedAt", out var at) ? at : string.Empty);
    }
}

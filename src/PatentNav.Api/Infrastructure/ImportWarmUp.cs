using Microsoft.Extensions.Options;
using PatentNav.Workspace;

namespace PatentNav.Api.Infrastructure;

/// <summary>
/// After start, compiles the import path in the background (<see cref="ImportService.WarmUpAsync"/>), so that the
/// first upload is indexed at full speed from its first row (PatentNav:WarmImport, default true). It begins a couple of
/// seconds after the service has started, so that it does not slow the start or the first requests.
/// </summary>
/// <remarks>Measured on 100,000 records, 2 cores: without it the first import of the process spends about its first
/// second compiling with one core mostly idle. The warm-up imports invented records into a temporary directory, not into
/// the service's data.</remarks>
internal sealed class ImportWarmUp(IOptions<PatentNavApiOptions> options, IHostApplicationLifetime lifetime, ILogger<ImportWarmUp> logger) : BackgroundService
{
    /// <summary>How long after the service has started the warm-up begins, leaving the first requests the cores.</summary>
    internal static readonly TimeSpan DelayAfterStart = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.WarmImport)
        {
            return;
        }

        try
        {
            // Not during start-up: measured, compiling beside it made the cold start to /health 200 about 1 s slower.
            var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
            {
                await started.Task.WaitAsync(stoppingToken);
            }

            await Task.Delay(DelayAfterStart, stoppingToken);
            var took = await ImportService.WarmUpAsync(stoppingToken);
            logger.LogInformation("Import path warmed up in {Seconds:F1} s", took.TotalSeconds);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Never worth stopping the service for (an exception leaving a background service stops the host): the first
            // import compiles as it goes instead.
            logger.LogWarning(ex, "Import warm-up skipped");
        }
    }
}

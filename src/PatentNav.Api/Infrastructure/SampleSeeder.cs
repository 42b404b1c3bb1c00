using Microsoft.Extensions.Options;
using PatentNav.Import;

namespace PatentNav.Api.Infrastructure;

/// <summary>
/// On first start with an empty index, imports the bundled sample data (canonical JSONL files) so that search works at once.
/// </summary>
internal sealed class SampleSeeder(PatentWorkspace workspace, IOptions<PatentNavApiOptions> options, IHostEnvironment environment, ILogger<SampleSeeder> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var folder = ResolveFolder(options.Value.SeedDirectory, environment);
        if (folder is null || workspace.Search.DocumentCount > 0 || workspace.Imports.List().Count > 0)
        {
            return;
        }

        foreach (var file in Directory.EnumerateFiles(folder, "*.jsonl").Order(StringComparer.Ordinal))
        {
            var report = await workspace.Imports.ImportFileAsync(file, new ImportOptions { Format = "jsonl" }, cancellationToken: cancellationToken);
            logger.LogInformation("Seeded {File}: {Imported} imported, {Rejected} rejected ({State})", Path.GetFileName(file), report.Imported, report.Rejected, report.State);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    internal static string? ResolveFolder(string? configured, IHostEnvironment environment)
    {
        if (configured is { Length: 0 })
        {
            return null;
        }

        if (configured is not null)
        {
            return Directory.Exists(configured) ? configured : null;
        }

        // Bundled next to the binaries (copied by the project file), else the repository's folder when run from source.
        foreach (var candidate in new[] { Path.Combine(AppContext.BaseDirectory, "data-samples"), Path.Combine(environment.ContentRootPath, "..", "..", "data-samples") })
        {
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}

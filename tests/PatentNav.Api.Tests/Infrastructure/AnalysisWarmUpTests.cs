using Xunit;

namespace PatentNav.Api.Tests.Infrastructure;

/// <summary>The background warm-up runs again after an import, so the next report does not wait for the term lexicon.</summary>
public sealed class AnalysisWarmUpTests(AnalysisWarmUpTests.QuickCheckApiFactory factory) : IClassFixture<AnalysisWarmUpTests.QuickCheckApiFactory>
{
    [Fact]
    public async Task AfterAnImport_TheTermLexiconIsRebuiltForItWithoutARequest()
    {
        using var client = factory.CreateClient();
        var lexiconPath = Path.Combine(factory.DataDirectory, "text", "lexicon.json");
        var seeded = await WaitForAsync(() => File.Exists(lexiconPath) ? File.ReadAllText(lexiconPath) : null);
        Assert.NotNull(seeded); // the start-up warm-up built it for the seeded sample

        var report = await client.ImportFixtureAsync("cnipa.csv");
        var importId = report.GetProperty("id").GetString()!;
        Assert.DoesNotContain(importId, seeded, StringComparison.Ordinal);

        // Nothing asks for the lexicon: the service notices the new commit and rebuilds it, stamped with the import.
        var rebuilt = await WaitForAsync(() => File.Exists(lexiconPath) && File.ReadAllText(lexiconPath) is var text && text.Contains(importId, StringComparison.Ordinal) ? text : null);
        Assert.True(rebuilt is not null, "the term lexicon was not rebuilt for the import within 60 s");
    }

    private static async Task<string?> WaitForAsync(Func<string?> probe)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if (probe() is { } found)
                {
                    return found;
                }
            }
            catch (IOException)
            {
                // Being replaced at this moment.
            }

            await Task.Delay(100);
        }

        return null;
    }

    /// <summary>Looks for new commits every 0.2 s instead of 10.</summary>
    public sealed class QuickCheckApiFactory : PatentNavApiFactory
    {
        protected override IReadOnlyDictionary<string, string> ExtraSettings => new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["PatentNav:WarmAnalysisCheckSeconds"] = "0.2",
        };
    }
}

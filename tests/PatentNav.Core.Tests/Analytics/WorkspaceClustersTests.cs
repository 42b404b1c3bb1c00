using System.Text.Json;
using PatentNav.Analytics;
using PatentNav.Records;
using PatentNav.Search;
using PatentNav.Storage;
using PatentNav.Workspace;

namespace PatentNav.Tests.Analytics;

/// <summary><see cref="PatentWorkspace.ClusterAsync"/> over a workspace holding data-samples/patents.jsonl.</summary>
public sealed class WorkspaceClustersTests : IClassFixture<WorkspaceClustersTests.SampleWorkspace>
{
    private readonly SampleWorkspace _fixture;

    public WorkspaceClustersTests(SampleWorkspace fixture) => _fixture = fixture;

    public sealed class SampleWorkspace : IAsyncLifetime
    {
        private readonly string _dir = Path.Combine(Path.GetTempPath(), "patentnav-clusters-" + Guid.NewGuid().ToString("N"));

        public PatentWorkspace Workspace { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Workspace = PatentWorkspace.Open(new PatentWorkspaceOptions { DataDirectory = _dir });
            await Workspace.Imports.ImportFileAsync(Path.Combine(AppContext.BaseDirectory, "data-samples", "patents.jsonl"));
        }

        public async Task DisposeAsync()
        {
            await Workspace.DisposeAsync();
            Directory.Delete(_dir, recursive: true);
        }
    }

    private PatentWorkspace Ws => _fixture.Workspace;

    [Fact]
    public async Task ClusterAsync_ClustersExactlyTheFilterMatches()
    {
        var filter = new SearchRequest { Query = "光伏 OR 区块链 OR 石墨烯" };
        var total = (await Ws.Search.SearchAsync(filter with { Size = 1 })).Total;

        var report = await Ws.Analytics.ClusterAsync(filter, new ClusterOptions { MaxK = 6 });

        Assert.Equal(total, report.Patents);
        Assert.Equal(report.Clustered, report.Clusters.Sum(c => c.Size));
        var labels = report.Clusters.SelectMany(c => c.Label.Split('、')).ToList();
        Assert.Contains(labels, l => l is "光伏" or "光伏板" or "太阳能"); // the photovoltaic topic, by whichever term leads it
        Assert.Contains("区块链", labels);
        Assert.Contains("石墨烯", labels);
        foreach (var point in report.Map.Patents.Take(20))
        {
            var hit = await Ws.Search.SearchAsync(filter with { Query = $"({filter.Query}) AND pn:{point.PublicationNumber}" });
            Assert.Equal(1, hit.Total);
        }
    }

    [Fact]
    public async Task ClusterAsync_TheReportsK_LeavesNoCatchAllCluster_OrSaysWhy()
    {
        // The navigation report's default: k = 8 over the field. Before the split, one cluster held 43.9 % of 新材料.
        var filter = new SearchRequest { Industry = "city:新材料" };
        var balanced = await Ws.Analytics.ClusterAsync(filter, new ClusterOptions { K = 8 });
        var unbalanced = await Ws.Analytics.ClusterAsync(filter, new ClusterOptions { K = 8, MaxShare = 1 });

        Assert.True(unbalanced.Clusters[0].Share > 0.25, $"the sample no longer has a catch-all at k = 8 ({unbalanced.Clusters[0].Share:P1}): pick another field for this test");
        Assert.Equal(8, balanced.Clusters.Count);
        Assert.Equal(balanced.Clustered, balanced.Clusters.Sum(c => c.Size));
        var largest = balanced.Clusters[0].Share;
        Assert.True(
            largest <= 0.25 || balanced.Notes.Any(n => n.StartsWith("Cluster 1 (", StringComparison.Ordinal) && n.Contains("no other split", StringComparison.Ordinal)),
            $"cluster 1 holds {largest:P1} and no note says why");
        Assert.Contains(balanced.Notes, n => n.StartsWith("A cluster held more than 25%", StringComparison.Ordinal));
        Assert.DoesNotContain(unbalanced.Notes, n => n.StartsWith("A cluster held more than", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ClusterAsync_SameFilterTwice_GivesTheSameReport()
    {
        var filter = new SearchRequest { Ipc = ["H01M", "H01L"] };

        var a = await Ws.Analytics.ClusterAsync(filter, new ClusterOptions { K = 4 });
        var b = await Ws.Analytics.ClusterAsync(filter, new ClusterOptions { K = 4 });

        Assert.Equal(JsonSerializer.Serialize(a, PatentJson.Options), JsonSerializer.Serialize(b, PatentJson.Options));
    }

    [Fact]
    public async Task ClusterAsync_GrowthUsesTheWorkspaceCutoff()
    {
        var trends = await Ws.Analytics.TrendsAsync(new SearchRequest());

        var report = await Ws.Analytics.ClusterAsync(new SearchRequest { Query = "机器人" }, new ClusterOptions { K = 2 });

        Assert.Equal(trends.Cutoff, report.Settings.Cutoff);
        Assert.Contains("workspace", report.Settings.CutoffSource, StringComparison.Ordinal);
        Assert.All(report.Clusters, c => Assert.Equal(trends.Cutoff, c.Growth.Cutoff));
    }

    [Fact]
    public async Task ClusterAsync_ReportsTermsReadingAndClusteringProgress()
    {
        var stages = new List<string>();
        var progress = new SynchronousProgress(p => { lock (stages) { stages.Add(p.Stage); } });

        await Ws.Analytics.ClusterAsync(new SearchRequest { Query = "电池" }, new ClusterOptions { K = 3 }, progress);

        Assert.Contains(ClusterStages.Reading, stages);
        Assert.Contains(ClusterStages.Clustering, stages);
        Assert.Equal(ClusterStages.Describing, stages[^1]);
    }

    [Fact]
    public async Task ClusterAsync_MoreMatchesThanTheCap_ClustersTheSeededSampleAndSaysSo()
    {
        var report = await Ws.Analytics.ClusterAsync(new SearchRequest(), new ClusterOptions { MaxPatents = 100, K = 3, Seed = 7 });

        Assert.Equal(100, report.Patents);
        Assert.Equal(new ClusterSampling((int)Ws.Search.DocumentCount, 100, 7, report.Sampling!.Rule), report.Sampling);
        Assert.Contains(report.Notes, n => n.Contains(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Ws.Search.DocumentCount:N0} patents match"), StringComparison.Ordinal));
        var again = await Ws.Analytics.ClusterAsync(new SearchRequest(), new ClusterOptions { MaxPatents = 100, K = 3, Seed = 7 });
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(report, PatentNav.Records.PatentJson.Options), System.Text.Json.JsonSerializer.Serialize(again, PatentNav.Records.PatentJson.Options));
    }

    [Fact]
    public void ReadSample_TakesThePatentsWithTheSmallestKeys_AsTheRuleSays()
    {
        var all = Ws.Index.MatchingNumbers(new SearchRequest(), CancellationToken.None);
        var expected = all.OrderBy(pn => PatentIndex.SampleKey(7, pn)).ThenBy(pn => pn, StringComparer.Ordinal).Take(50).Order(StringComparer.Ordinal).ToList();

        var (read, matching) = Ws.Index.ReadSample(new SearchRequest(), 50, 7, (records, n) => (records.Select(r => r.PublicationNumber.Value).Order(StringComparer.Ordinal).ToList(), n), CancellationToken.None, withText: false);
        var whole = Ws.Index.ReadSample(new SearchRequest(), all.Count, 7, (records, _) => records.Count(), CancellationToken.None, withText: false);

        Assert.Equal(all.Count, matching);
        Assert.Equal(expected, read);
        Assert.Equal(all.Count, whole);
        // FNV-1a 64 of the UTF-8 bytes of "7:CN1" (computed independently with Python).
        Assert.Equal(0xa224_e068_14f6_2be0UL, PatentIndex.SampleKey(7, "CN1"));
    }

    [Theory]
    [InlineData(1, "k")]
    [InlineData(51, "k")]
    public async Task ClusterAsync_KOutOfRange_NamesTheParameter(int k, string parameter)
    {
        var ex = await Assert.ThrowsAsync<InvalidRequestException>(() => Ws.Analytics.ClusterAsync(new SearchRequest(), new ClusterOptions { K = k }));

        Assert.Equal(parameter, ex.Parameter);
        Assert.Contains("between 2 and 50", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClusterAsync_FewerMatchesThanK_RefusedNamingK()
    {
        var filter = new SearchRequest { Query = "碳纤维" };

        var ex = await Assert.ThrowsAsync<InvalidRequestException>(() => Ws.Analytics.ClusterAsync(filter, new ClusterOptions { K = 40 }));

        Assert.Equal("k", ex.Parameter);
        Assert.Contains("k = 40 needs at least 41", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClusterAsync_BadFilter_RefusedBeforeAnyWork()
    {
        var ex = await Assert.ThrowsAsync<QuerySyntaxException>(() => Ws.Analytics.ClusterAsync(new SearchRequest { Query = "title:(电池" }));

        Assert.Equal("q", ex.Parameter);
    }

    [Fact]
    public async Task ClusterAsync_Cancelled_Throws()
    {
        using var cts = new CancellationTokenSource();
        var progress = new SynchronousProgress(p =>
        {
            if (p.Stage == ClusterStages.Vectors)
            {
                cts.Cancel();
            }
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Ws.Analytics.ClusterAsync(new SearchRequest(), new ClusterOptions { MaxK = 5 }, progress, cts.Token));
    }

    private sealed class SynchronousProgress(Action<AnalysisProgress> report) : IProgress<AnalysisProgress>
    {
        public void Report(AnalysisProgress value) => report(value);
    }
}

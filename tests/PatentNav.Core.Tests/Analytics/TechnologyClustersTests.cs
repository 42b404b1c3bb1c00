using System.Text.Json;
using PatentNav.Analytics;
using PatentNav.Records;
using PatentNav.Text;

namespace PatentNav.Tests.Analytics;

/// <summary>Technology clusters over the real titles and abstracts of data-samples/patents.jsonl (applicants and dates synthetic).</summary>
public sealed class TechnologyClustersTests : IClassFixture<TechnologyClustersTests.Samples>
{
    private readonly Samples _samples;

    public TechnologyClustersTests(Samples samples) => _samples = samples;

    /// <summary>The sample records and the terms discovered in them (as a workspace over them would discover).</summary>
    public sealed class Samples
    {
        public Samples()
        {
            Records = File.ReadLines(Path.Combine(AppContext.BaseDirectory, "data-samples", "patents.jsonl"))
                .Where(l => l.Length > 0)
                .Select(PatentJson.Deserialize)
                .ToList();
            Tokenizer = new FeatureTokenizer(TermDiscovery.Discover(Records.Select(AnalysisText.Of)));
        }

        public IReadOnlyList<PatentRecord> Records { get; }

        public FeatureTokenizer Tokenizer { get; }

        /// <summary>Records whose title or abstract contains one of the words.</summary>
        public List<PatentRecord> Containing(params string[] words) =>
            Records.Where(r => words.Any(w => AnalysisText.Of(r).Contains(w, StringComparison.Ordinal))).ToList();
    }

    private List<PatentRecord> Topics() => _samples.Containing("石墨烯", "区块链", "光伏", "机器人", "锂离子电池", "农药");

    [Fact]
    public void Compute_SameRecordsInAnyOrder_GiveIdenticalReports()
    {
        var records = Topics();
        var options = new ClusterOptions { MaxK = 8 };
        var shuffled = records.OrderBy(r => r.PublicationNumber.Value.GetHashCode(StringComparison.Ordinal)).ThenBy(r => r.PublicationNumber.Value, StringComparer.Ordinal).ToList();
        Assert.NotEqual(records.Select(r => r.PublicationNumber), shuffled.Select(r => r.PublicationNumber));

        var first = TechnologyClusters.Compute(records, _samples.Tokenizer, options);
        var again = TechnologyClusters.Compute(records, _samples.Tokenizer, options);
        var reordered = TechnologyClusters.Compute(shuffled, _samples.Tokenizer, options);

        var json = Json(first);
        Assert.Equal(json, Json(again));
        Assert.Equal(json, Json(reordered));
        Assert.True(first.K >= 2);
        Assert.Equal(first.Clustered, first.Map.Patents.Count);
    }

    [Fact]
    public void Compute_OtherSeed_IsReproducibleToo()
    {
        var records = Topics();
        var options = new ClusterOptions { K = 6, Seed = 7 };

        var a = TechnologyClusters.Compute(records, _samples.Tokenizer, options);
        var b = TechnologyClusters.Compute(records, _samples.Tokenizer, options);

        Assert.Equal(Json(a), Json(b));
        Assert.Equal(7, a.Settings.Seed);
    }

    [Fact]
    public void Compute_AutomaticK_PicksTheBestSilhouetteInRangeAndSaysSo()
    {
        var records = Topics();
        var options = new ClusterOptions { MinK = 3, MaxK = 9 };

        var report = TechnologyClusters.Compute(records, _samples.Tokenizer, options);

        var s = report.Selection;
        Assert.Equal("silhouette", s.Method);
        Assert.Contains("silhouette", s.Criterion, StringComparison.Ordinal);
        Assert.Contains("smaller k", s.Criterion, StringComparison.Ordinal);
        Assert.Equal(Enumerable.Range(3, 7), s.Candidates.Select(c => c.K));
        Assert.InRange(s.K, 3, 9);
        var best = s.Candidates.Max(c => Math.Round(c.Silhouette, 3));
        Assert.Equal(s.Candidates.First(c => Math.Round(c.Silhouette, 3) == best).K, s.K);
        Assert.All(s.Candidates, c => Assert.InRange(c.Silhouette, -1, 1));
        Assert.Equal(report.Clustered, s.SamplePatents); // fewer than TrainingSample: all of them
        Assert.Equal(s.K, report.K);
    }

    [Fact]
    public void Compute_AutomaticK_NeverExceedsRootOfHalfTheRecords()
    {
        var records = _samples.Containing("碳纤维"); // 11 records: ⌊√(11/2)⌋ = 2

        var report = TechnologyClusters.Compute(records, _samples.Tokenizer);

        Assert.Equal([2], report.Selection.Candidates.Select(c => c.K));
        Assert.Equal(2, report.K);
    }

    [Fact]
    public void Compute_GivenK_ReturnsThatManyClustersDescribed()
    {
        var records = Topics();

        var report = TechnologyClusters.Compute(records, _samples.Tokenizer, new ClusterOptions { K = 6 });

        Assert.Equal("given", report.Selection.Method);
        Assert.Empty(report.Selection.Candidates);
        Assert.Equal(6, report.K);
        Assert.Equal(Enumerable.Range(1, 6), report.Clusters.Select(c => c.Id));
        Assert.Equal(report.Clustered, report.Clusters.Sum(c => c.Size));
        Assert.Equal(records.Count, report.Patents);
        Assert.Equal(report.Patents, report.Clustered + report.Unclustered);
        Assert.True(report.Clusters.Zip(report.Clusters.Skip(1)).All(p => p.First.Size >= p.Second.Size), "largest first");
        Assert.InRange(report.Clusters.Sum(c => c.Share), 0.99, 1.01);
        Assert.True(report.Synthetic);
        Assert.Contains(report.Notes, n => n.Contains("synthetic", StringComparison.Ordinal));
    }

    [Fact]
    public void Labels_AreMultiCharacterChineseTermsWithoutStopOrGenericWords()
    {
        var report = TechnologyClusters.Compute(Topics(), _samples.Tokenizer, new ClusterOptions { K = 8 });

        var stop = PatentStopWords.Words.ToHashSet(StringComparer.Ordinal);
        foreach (var cluster in report.Clusters)
        {
            var labelTerms = cluster.Label.Split('、');
            Assert.InRange(labelTerms.Length, 1, 3);
            Assert.Equal(labelTerms, cluster.Terms.Select(t => t.Term).Where(labelTerms.Contains));
            foreach (var term in labelTerms.Concat(cluster.Terms.Select(t => t.Term)))
            {
                Assert.True(term.Length >= 2, $"'{term}' in cluster {cluster.Id} is a single character");
                Assert.Contains(term, t => t is >= '\u4E00' and <= '\u9FFF');
                Assert.DoesNotContain(term, stop);
                Assert.False(GenericPatentTerms.Contains(term), $"'{term}' is generic");
            }

            foreach (var banned in new[] { "的", "一种", "方法", "所述", "用于", "制备" })
            {
                Assert.DoesNotContain(banned, labelTerms);
            }

            Assert.True(cluster.Terms.Zip(cluster.Terms.Skip(1)).All(p => p.First.Score >= p.Second.Score));
            Assert.All(cluster.Terms, t => Assert.True(t.Share > t.OutsideShare, $"'{t.Term}' is not more frequent inside cluster {cluster.Id}"));
        }
    }

    [Fact]
    public void DiscoveredTerms_SurviveIntoClusterLabels()
    {
        // The dictionary splits these into 区块/链, 云/计算, 电池/包; the workspace's discovered terms join them again.
        // 石墨烯 records give them a contrasting topic.
        var records = _samples.Containing("区块链", "云计算", "电池包", "石墨烯");
        var plain = new FeatureTokenizer(TermLexicon.Empty);
        Assert.DoesNotContain("区块链", plain.Tokenize("一种基于区块链的数据共享方法"));

        var report = TechnologyClusters.Compute(records, _samples.Tokenizer, new ClusterOptions { MaxK = 8 });
        var withoutDiscovery = TechnologyClusters.Compute(records, plain, new ClusterOptions { MaxK = 8 });

        var labels = report.Clusters.SelectMany(c => c.Label.Split('、')).ToList();
        Assert.Contains("区块链", labels);
        Assert.Contains("电池包", labels);
        Assert.Contains("石墨烯", labels); // a word of the patent vocabulary, whole without discovery
        var plainTerms = withoutDiscovery.Clusters.SelectMany(c => c.Terms.Select(t => t.Term)).ToList();
        Assert.DoesNotContain("区块链", plainTerms);
        Assert.DoesNotContain("电池包", plainTerms);
    }

    [Fact]
    public void Clusters_DescribeTheirOwnMembers()
    {
        var records = Topics();
        var byNumber = records.ToDictionary(r => r.PublicationNumber.Value, StringComparer.Ordinal);

        var report = TechnologyClusters.Compute(records, _samples.Tokenizer, new ClusterOptions { K = 5, Representatives = 4, TopApplicants = 3 });

        var members = report.Map.Patents.GroupBy(p => p.Cluster).ToDictionary(g => g.Key, g => g.Select(p => byNumber[p.PublicationNumber]).ToList());
        foreach (var cluster in report.Clusters)
        {
            var own = members[cluster.Id];
            Assert.Equal(cluster.Size, own.Count);
            Assert.Equal(4, cluster.Representatives.Count);
            Assert.All(cluster.Representatives, r => Assert.Contains(own, m => m.PublicationNumber.Value == r.PublicationNumber && m.Title == r.Title));
            Assert.True(cluster.Representatives.Zip(cluster.Representatives.Skip(1)).All(p => p.First.Similarity >= p.Second.Similarity));
            var maxSimilarity = report.Map.Patents.Where(p => p.Cluster == cluster.Id).Max(p => p.Similarity);
            Assert.Equal(maxSimilarity, cluster.Representatives[0].Similarity);

            var expected = Applicants.Rank(own, new ApplicantRankOptions { Top = 3 }).Applicants;
            Assert.Equal(expected.Select(a => (a.Key, a.Patents)), cluster.TopApplicants.Select(a => (a.Key, a.Patents)));

            var years = Trends.CountByYear(own, DateField.Filing, out var undated);
            Assert.Equal(cluster.Size - undated, cluster.Growth.Total);
            Assert.Equal(years.Keys.Min(), cluster.FirstYear);
            Assert.Equal(years.Keys.Max(), cluster.LastYear);
            Assert.InRange(cluster.Cohesion, 0, 1);
        }
    }

    [Fact]
    public void Map_PlacesEveryClusteredPatentAndEveryCluster()
    {
        var report = TechnologyClusters.Compute(Topics(), _samples.Tokenizer, new ClusterOptions { K = 6 });

        var map = report.Map;
        Assert.Equal(report.Clustered, map.PatentsTotal);
        Assert.Equal(report.Clustered, map.PatentsShown);
        Assert.Null(map.Note);
        Assert.Equal(map.Patents.Count, map.Patents.Select(p => p.PublicationNumber).Distinct().Count());
        Assert.All(map.Patents, p =>
        {
            Assert.InRange(p.Cluster, 1, report.K);
            Assert.True(double.IsFinite(p.X) && double.IsFinite(p.Y));
        });
        Assert.InRange(map.ExplainedVariance, 0, 1);
        Assert.Contains("MDS", map.Method, StringComparison.Ordinal);
        Assert.Equal(report.K, report.Clusters.Select(c => (c.X, c.Y)).Distinct().Count());

        // A patent sits among its nearest clusters: on average closer to its own cluster's position than to the others'.
        var positions = report.Clusters.ToDictionary(c => c.Id, c => (c.X, c.Y));
        var closerToOwn = map.Patents.Count(p => report.Clusters.All(c => c.Id == p.Cluster || Distance(p, positions[p.Cluster]) <= Distance(p, (c.X, c.Y))));
        Assert.True(closerToOwn > map.Patents.Count / 2, $"only {closerToOwn} of {map.Patents.Count} patents are nearest their own cluster");
    }

    [Fact]
    public void Map_OverTheCap_ListsASeededSampleAndSaysSo()
    {
        var report = TechnologyClusters.Compute(Topics(), _samples.Tokenizer, new ClusterOptions { K = 4, MaxMapPatents = 50 });

        Assert.Equal(50, report.Map.PatentsShown);
        Assert.Equal(50, report.Map.Patents.Count);
        Assert.Equal(report.Clustered, report.Map.PatentsTotal);
        Assert.Contains("sample", report.Map.Note, StringComparison.Ordinal);
        Assert.Contains(report.Map.Note, report.Notes);
        Assert.Equal(report.Map.Patents.Select(p => p.PublicationNumber).Order(StringComparer.Ordinal), report.Map.Patents.Select(p => p.PublicationNumber));
    }

    [Theory]
    [InlineData(1, null, null, "k")]
    [InlineData(51, null, null, "k")]
    [InlineData(null, 5, 4, "maxK")]
    [InlineData(null, 1, 4, "minK")]
    public void Compute_OptionOutOfRange_Throws(int? k, int? minK, int? maxK, string parameter)
    {
        var options = new ClusterOptions { K = k, MinK = minK ?? 2, MaxK = maxK ?? 20 };

        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => TechnologyClusters.Compute(Topics(), _samples.Tokenizer, options));

        Assert.Equal(parameter, ex.ParamName);
    }

    [Fact]
    public void Compute_FewerRecordsThanK_ThrowsSayingHowMany()
    {
        var records = _samples.Containing("锂离子电池").Take(4).ToList();

        var ex = Assert.Throws<ArgumentException>(() => TechnologyClusters.Compute(records, _samples.Tokenizer, new ClusterOptions { K = 5 }));

        Assert.Contains("of 4 patents have text features", ex.Message, StringComparison.Ordinal);
        Assert.Contains("k = 5 needs at least 6", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compute_RecordsWithoutText_AreCountedNotClustered()
    {
        var records = Topics();
        var empty = new PatentRecord { PublicationNumber = PublicationNumber.Parse("ZZ0000001A") };

        var report = TechnologyClusters.Compute([.. records, empty], _samples.Tokenizer, new ClusterOptions { K = 3 });

        Assert.Equal(records.Count + 1, report.Patents);
        Assert.True(report.Unclustered >= 1);
        Assert.DoesNotContain(report.Map.Patents, p => p.PublicationNumber == "ZZ0000001A");
        Assert.Contains(report.Notes, n => n.Contains("not clustered", StringComparison.Ordinal));
    }

    [Fact]
    public void Compute_AlreadyCancelled_Throws()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => TechnologyClusters.Compute(Topics(), _samples.Tokenizer, cancellationToken: cts.Token));
    }

    [Fact]
    public void Compute_CancelledWhileChoosingK_StopsWithCancellation()
    {
        using var cts = new CancellationTokenSource();
        var stages = new List<string>();
        var progress = new SynchronousProgress(p =>
        {
            stages.Add(p.Stage);
            if (p.Stage == ClusterStages.ChoosingK && p.Done == 2)
            {
                cts.Cancel();
            }
        });

        Assert.ThrowsAny<OperationCanceledException>(() => TechnologyClusters.Compute(Topics(), _samples.Tokenizer, new ClusterOptions { MaxK = 10 }, progress, cts.Token));

        Assert.Contains(ClusterStages.Reading, stages);
        Assert.DoesNotContain(ClusterStages.Describing, stages);
    }

    [Fact]
    public void Compute_ReportsStagesInOrder()
    {
        var stages = new List<string>();

        TechnologyClusters.Compute(Topics(), _samples.Tokenizer, new ClusterOptions { MaxK = 4 }, new SynchronousProgress(p => stages.Add(p.Stage)));

        Assert.Equal(
            [ClusterStages.Reading, ClusterStages.Vectors, ClusterStages.ChoosingK, ClusterStages.Clustering, ClusterStages.Describing],
            stages.Distinct());
    }

    private static double Distance(MapPoint p, (double X, double Y) c) => Math.Sqrt(((p.X - c.X) * (p.X - c.X)) + ((p.Y - c.Y) * (p.Y - c.Y)));

    private static string Json(ClusterReport report) => JsonSerializer.Serialize(report, PatentJson.Options);

    /// <summary>Reports on the calling thread (Progress&lt;T&gt; posts to the thread pool, too late for the assertions).</summary>
    private sealed class SynchronousProgress(Action<AnalysisProgress> report) : IProgress<AnalysisProgress>
    {
        public void Report(AnalysisProgress value) => report(value);
    }
}

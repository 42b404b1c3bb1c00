using PatentNav.Analytics;
using PatentNav.Core.Tests.Taxonomy;

namespace PatentNav.Core.Tests.Analytics;

/// <summary>Supply–demand matching over data-samples/patents.jsonl with the needs of data-samples/fixtures/needs.tsv.</summary>
public sealed class NeedMatchingTests : IClassFixture<SampleWorkspace>
{
    private readonly PatentWorkspace _ws;

    public NeedMatchingTests(SampleWorkspace sample) => _ws = sample.Workspace;

    public static IReadOnlyList<(string Target, string Need)> Needs() =>
        File.ReadLines(Path.Combine(AppContext.BaseDirectory, "data-samples", "fixtures", "needs.tsv"))
            .Skip(1)
            .Select(l => l.Split('\t'))
            .Select(p => (p[0], p[1]))
            .ToList();

    [Fact]
    public async Task Needs_written_from_real_abstracts_find_their_patents_in_the_top_ten()
    {
        var ranks = new List<int?>();
        foreach (var (target, need) in Needs())
        {
            var result = await _ws.Analytics.MatchNeedAsync(new NeedRequest { Text = need, Top = 10 });
            ranks.Add(result.Patents.FirstOrDefault(p => p.PublicationNumber == target)?.Rank);
        }

        var hits = ranks.Count(r => r is not null);
        var mrr = ranks.Sum(r => r is { } k ? 1.0 / k : 0) / ranks.Count;
        Assert.True(hits >= 12, $"only {hits} of {ranks.Count} needs found their patent in the top 10 (ranks: {string.Join(",", ranks)})");
        Assert.True(mrr >= 0.6, $"MRR {mrr:0.000} (ranks: {string.Join(",", ranks)})");
    }

    [Fact]
    public async Task A_match_explains_itself_and_groups_by_holder()
    {
        var result = await _ws.Analytics.MatchNeedAsync(new NeedRequest { Text = "我们需要耐高温的碳纤维复合材料成型工艺，用于风电叶片", Top = 10 });

        Assert.Contains(result.Terms, t => t.Term == "碳纤维" && t.Used);
        Assert.DoesNotContain(result.Terms, t => t.Term is "我们" or "需要" && t.Used && t.Documents == 0);
        Assert.NotEmpty(result.Patents);
        var first = result.Patents[0];
        Assert.Equal(1, first.Rank);
        Assert.NotEmpty(first.MatchedTerms);
        Assert.Contains("need terms", first.Reason, StringComparison.Ordinal);
        Assert.Equal(result.Patents.Count(p => p.Holder is not null), result.Holders.Sum(h => h.Patents.Count));
        Assert.True(result.Synthetic);
    }

    [Fact]
    public async Task Institutions_first_and_filters_hold()
    {
        var need = new NeedRequest { Text = "锂离子电池正极材料的制备方法", Top = 10, InstitutionsFirst = true };
        var result = await _ws.Analytics.MatchNeedAsync(need);
        var firstNonInstitution = result.Patents.ToList().FindIndex(p => !NeedMatching.IsInstitution(p.HolderType));
        Assert.True(firstNonInstitution < 0 || result.Patents.Skip(firstNonInstitution).All(p => !NeedMatching.IsInstitution(p.HolderType)));

        var valid = await _ws.Analytics.MatchNeedAsync(need with { InstitutionsFirst = false, ValidOnly = true, HolderType = ApplicantType.Enterprise });
        Assert.All(valid.Patents, p => Assert.Equal(PatentNav.Records.LegalStatus.Valid, p.LegalStatus));
        Assert.All(valid.Patents, p => Assert.Equal(ApplicantType.Enterprise, p.HolderType));
    }

    [Fact]
    public async Task With_a_trained_classifier_the_need_gets_industries_and_the_ranking_says_so()
    {
        var without = await _ws.Analytics.MatchNeedAsync(new NeedRequest { Text = "一种治疗糖尿病的中药组合物及其制备方法", Top = 10, UseClassifier = false });
        Assert.Empty(without.Industries);
        Assert.DoesNotContain("re-ranked", without.Method, StringComparison.Ordinal);

        await _ws.Classifier.TrainClassifierAsync();
        var with = await _ws.Analytics.MatchNeedAsync(new NeedRequest { Text = "一种治疗糖尿病的中药组合物及其制备方法", Top = 10 });

        Assert.Contains(with.Industries, i => i.Industry == "sei:4");
        Assert.Contains("re-ranked by industry", with.Method, StringComparison.Ordinal);
        Assert.Contains(with.Patents, p => p.Reason.Contains("fits the need with p =", StringComparison.Ordinal));
        Assert.Equal(with.Patents.OrderByDescending(p => p.Score).Select(p => p.PublicationNumber), with.Patents.Select(p => p.PublicationNumber));
    }

    [Fact]
    public async Task Bad_needs_are_refused_with_the_reason()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => _ws.Analytics.MatchNeedAsync(new NeedRequest { Text = " " }));
        await Assert.ThrowsAsync<ArgumentException>(() => _ws.Analytics.MatchNeedAsync(new NeedRequest { Text = new string('碳', NeedMatching.MaxNeedLength + 1) }));
        await Assert.ThrowsAsync<ArgumentException>(() => _ws.Analytics.MatchNeedAsync(new NeedRequest { Text = "碳纤维", Top = 0 }));
        var nothing = await _ws.Analytics.MatchNeedAsync(new NeedRequest { Text = "的了和" });
        Assert.Empty(nothing.Patents);
        Assert.NotEmpty(nothing.Notes);
    }
}

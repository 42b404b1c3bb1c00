using PatentNav.Analytics;
using PatentNav.Core.Tests.Taxonomy;
using PatentNav.Records;
using PatentNav.Search;

namespace PatentNav.Core.Tests.Analytics;

/// <summary>Positioning over data-samples/patents.jsonl (real IPC codes; synthetic places, applicants and dates), checked
/// against search totals and facet counts of the same workspace.</summary>
public sealed class PositioningTests(SampleWorkspace sample) : IClassFixture<SampleWorkspace>
{
    private readonly PatentWorkspace _ws = sample.Workspace;

    private async Task<long> Count(SearchRequest request) => (await _ws.Search.SearchAsync(request with { Size = 1, Highlight = false })).Total;

    [Fact]
    public async Task City_in_a_chain_against_the_workspace_matches_search_and_facet_counts()
    {
        var report = await _ws.Analytics.PositionAsync(new PositioningRequest { Place = "3207", Industry = "city:高端石化" });

        var a = await Count(new SearchRequest { Region = "3207", Industry = "city:高端石化" });
        var b = await Count(new SearchRequest { Region = "3207" });
        var c = await Count(new SearchRequest { Industry = "city:高端石化" });
        long d = _ws.Search.DocumentCount;
        Assert.True(a > 0);
        Assert.Equal(a, report.PlaceInField.Count);
        Assert.Equal(b, report.PlaceAll);
        Assert.Equal(c, report.BenchmarkInField);
        Assert.Equal(d, report.BenchmarkAll);
        Assert.Equal(Math.Round((double)a / c / ((double)b / d), 4), report.Rta);
        Assert.InRange(report.Rta!.Value, report.RtaLower!.Value, report.RtaUpper!.Value);

        // Peers: every city's field count equals the city facet of the field's search.
        var facets = await _ws.Search.SearchAsync(new SearchRequest { Industry = "city:高端石化", Size = 1, Facets = [FacetNames.City], FacetSize = 1000 });
        var byCity = facets.Facets![FacetNames.City].ToDictionary(f => f.Value, f => f.Count, StringComparer.Ordinal);
        foreach (var peer in report.Rank.Top)
        {
            Assert.Equal(byCity.GetValueOrDefault(peer.Id), peer.InField);
        }

        Assert.Equal(1 + byCity.Count(kv => kv.Value > a), report.Rank.RankByPatents);
        Assert.Equal(DateField.Filing, report.Conventions.DateField);
        Assert.Contains("documents", report.Conventions.Units, StringComparison.Ordinal);
        Assert.NotNull(report.Conventions.Cutoff);
        Assert.True(report.SyntheticRecords > 0);
        Assert.Contains(report.Notes, n => n.Contains("synthetic", StringComparison.Ordinal));
        Assert.NotEmpty(report.Applicants.Applicants);
        Assert.NotEmpty(report.Inventors);
        Assert.All(report.Strongest, t => Assert.False(t.TooFew));
        Assert.All(report.Weakest, t => Assert.True(t.Benchmark >= report.MinSupport));
    }

    [Fact]
    public async Task Park_against_its_province_counts_like_the_region_filter()
    {
        var report = await _ws.Analytics.PositionAsync(new PositioningRequest { Place = "320771", Ipc = ["C"], Benchmark = BenchmarkScope.Parse("32") });

        Assert.Equal(await Count(new SearchRequest { Region = "320771", Ipc = ["C"] }), report.PlaceInField.Count);
        Assert.Equal(await Count(new SearchRequest { Region = "320771" }), report.PlaceAll);
        Assert.Equal(await Count(new SearchRequest { Region = "32", Ipc = ["C"] }), report.BenchmarkInField);
        Assert.Equal(await Count(new SearchRequest { Region = "32" }), report.BenchmarkAll);
        Assert.Equal(PatentNav.Places.PlaceLevel.Park, report.Rank.Level);
        Assert.Contains(report.Rank.Top, p => p.Id == "320771");
        Assert.StartsWith("region 32", report.Benchmark, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Park_without_patents_is_positioned_with_zero_counts_instead_of_failing()
    {
        // 徐圩新区 is matched by address patterns that no sample record contains (the park page's second and third parks
        // answered 500 before: the place's own peer row was dropped with the empty ones).
        var report = await _ws.Analytics.PositionAsync(new PositioningRequest { Place = "xuwei", Industry = "city:新材料" });

        Assert.Equal(0, report.PlaceInField.Count);
        Assert.Equal(0, report.PlaceAll);
        Assert.Null(report.Rta);
        Assert.Null(report.Rank.RankByRta);
        var self = Assert.Single(report.Rank.Top, p => p.Id == "xuwei");
        Assert.Equal(0, self.InField);
        Assert.Equal(1 + report.Rank.Top.Count(p => p.InField > 0), report.Rank.RankByPatents);
    }

    [Fact]
    public async Task Growth_is_compared_with_the_benchmarks_poisson_fit()
    {
        var report = await _ws.Analytics.PositionAsync(new PositioningRequest { Place = "3207", Ipc = ["C"], Benchmark = BenchmarkScope.Parse("nation") });

        var placeTrend = await _ws.Analytics.TrendsAsync(new SearchRequest { Region = "3207", Ipc = ["C"] });
        Assert.Equal(placeTrend.Growth.AnnualGrowth, report.Growth.Place.Growth.AnnualGrowth);
        Assert.Contains(report.Growth.Verdict, new[] { "faster", "slower", "notDistinguishable", "notFitted" });
        if (report.Growth.Relative is { } rel)
        {
            Assert.InRange(rel, report.Growth.Lower!.Value, report.Growth.Upper!.Value);
        }
    }

    [Fact]
    public async Task Missing_place_and_field_are_refused_naming_the_parameter()
    {
        var noPlace = await Assert.ThrowsAsync<InvalidRequestException>(() => _ws.Analytics.PositionAsync(new PositioningRequest { Industry = "city:高端石化" }));
        Assert.Equal("place", noPlace.Parameter);
        var unknown = await Assert.ThrowsAsync<InvalidRequestException>(() => _ws.Analytics.PositionAsync(new PositioningRequest { Place = "atlantis", Industry = "city:高端石化" }));
        Assert.Equal("place", unknown.Parameter);
        var noField = await Assert.ThrowsAsync<InvalidRequestException>(() => _ws.Analytics.PositionAsync(new PositioningRequest { Place = "3207" }));
        Assert.Equal("industry", noField.Parameter);
        var badBenchmark = await Assert.ThrowsAsync<InvalidRequestException>(() => _ws.Analytics.PositionAsync(new PositioningRequest { Place = "3207", Ipc = ["C"], Benchmark = BenchmarkScope.Parse("mars") }));
        Assert.Equal("benchmark", badBenchmark.Parameter);
    }
}

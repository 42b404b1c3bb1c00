using PatentNav.Records;
using PatentNav.Search;
using PatentNav.Workspace;

namespace PatentNav.Core.Tests.Taxonomy;

/// <summary>Industry summaries over data-samples/patents.jsonl (real titles and IPC codes; synthetic dates and statuses).</summary>
public sealed class IndustrySummaryTests : IClassFixture<SampleWorkspace>
{
    private readonly PatentWorkspace _ws;

    public IndustrySummaryTests(SampleWorkspace sample) => _ws = sample.Workspace;

    [Fact]
    public async Task Sei_summary_lists_every_industry_then_its_branches_with_counts_equal_to_the_filter()
    {
        var report = await _ws.Analytics.SummarizeIndustriesAsync("sei", new SearchRequest());

        Assert.Equal(9, report.Industries.Count(i => i.Level == "industry"));
        Assert.Equal(40, report.Industries.Count(i => i.Level == "branch"));
        Assert.Equal(_ws.Search.DocumentCount, report.Patents);
        foreach (var item in report.Industries.Where(i => i.Patents > 0).Take(12))
        {
            var filtered = await _ws.Search.SearchAsync(new SearchRequest { Industry = item.Id, Size = 1 });
            Assert.Equal(filtered.Total, item.Patents);
            Assert.Equal(Math.Round((double)item.Patents / report.Patents, 4), item.Share);
            Assert.InRange(item.ValidInventions, 0, item.Patents);
        }

        // Branches follow their industry, and an industry holds at least as many patents as any of its branches.
        for (var i = 0; i < report.Industries.Count; i++)
        {
            var item = report.Industries[i];
            if (item.Level == "branch")
            {
                var parent = report.Industries.Take(i).Last(x => x.Level == "industry");
                Assert.Equal(parent.Id, item.Parent);
                Assert.True(parent.Patents >= item.Patents);
            }
        }

        var unassigned = report.Patents - report.Unassigned;
        Assert.InRange(unassigned, report.Industries.Where(i => i.Level == "industry").Max(i => i.Patents), report.Patents);
    }

    [Fact]
    public async Task City_summary_covers_the_chains_and_respects_other_filters()
    {
        var all = await _ws.Analytics.SummarizeIndustriesAsync("city", new SearchRequest());
        var valid = await _ws.Analytics.SummarizeIndustriesAsync("city", new SearchRequest { Status = PatentNav.Records.LegalStatus.Valid });

        Assert.Equal(_ws.Settings.Taxonomies.City.Chains.Count, all.Industries.Count);
        Assert.All(all.Industries, i => Assert.Equal("chain", i.Level));
        Assert.Contains(all.Industries, i => i.Id == "city:高端石化" && i.Patents > 0);
        Assert.True(valid.Patents < all.Patents);
        Assert.All(valid.Industries, v => Assert.True(v.Patents <= all.Industries.Single(a => a.Id == v.Id).Patents));
    }

    [Theory]
    [InlineData("nope", null, "taxonomy")]
    [InlineData("sei", "city:高端石化", "industry")]
    public async Task Bad_requests_name_the_parameter(string taxonomy, string? industry, string parameter)
    {
        var ex = await Assert.ThrowsAsync<InvalidRequestException>(() => _ws.Analytics.SummarizeIndustriesAsync(taxonomy, new SearchRequest { Industry = industry }));
        Assert.Equal(parameter, ex.Parameter);
    }
}

/// <summary>A workspace over the whole of data-samples/patents.jsonl, imported once per test class.</summary>
public sealed class SampleWorkspace : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "patentnav-sample-" + Guid.NewGuid().ToString("N"));

    public SampleWorkspace()
    {
        Workspace = PatentWorkspace.Open(new PatentWorkspaceOptions { DataDirectory = _dir });
        Workspace.Imports.ImportFileAsync(Path.Combine(AppContext.BaseDirectory, "data-samples", "patents.jsonl")).GetAwaiter().GetResult();
    }

    public PatentWorkspace Workspace { get; }

    public void Dispose()
    {
        Workspace.Dispose();
        Directory.Delete(_dir, recursive: true);
    }
}

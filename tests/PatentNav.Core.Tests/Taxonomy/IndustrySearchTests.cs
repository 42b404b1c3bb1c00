using PatentNav.Import;
using PatentNav.Records;
using PatentNav.Search;
using PatentNav.Taxonomy;
using PatentNav.Workspace;
using static PatentNav.Tests.Taxonomy.SeiIpcTaxonomyTests;

namespace PatentNav.Tests.Taxonomy;

/// <summary>Industry filters, facets and re-applying an edited city taxonomy on a small indexed set (one workspace per test).</summary>
public sealed class IndustrySearchTests : IDisposable
{
    private static readonly PatentRecord[] Records =
    [
        Record("ZZ0000101A", "C10G 1/00"), // 高端石化 (extra IPC); SEI 7.3
        Record("ZZ0000102A", "C08G 64/00"), // SEI 3.3 → 高端石化 + 新材料
        Record("ZZ0000103A", "B63B 35/03"), // SEI 2.5 → 海工装备
        Record("ZZ0000104A", "B63B 35/10"), // SEI 2.5 → 海工装备
        Record("ZZ0000105A", "A61K 31/44"), // SEI 4.1 → 新医药
        Record("ZZ0000106A", "B01J 37/025"), // excluded from 3.3; B01J* → 高端石化 only
        Record("ZZ0000107A", "A47L"), // nothing
    ];

    private readonly string _dir = Path.Combine(Path.GetTempPath(), "patentnav-industry-" + Guid.NewGuid().ToString("N"));
    private readonly PatentWorkspace _ws;

    public IndustrySearchTests()
    {
        _ws = PatentWorkspace.Open(new PatentWorkspaceOptions { DataDirectory = _dir });
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(string.Join('\n', Records.Select(PatentJson.Serialize))));
        var report = _ws.Imports.ImportAsync(stream, new ImportOptions { Format = "jsonl" }).GetAwaiter().GetResult();
        Assert.Equal(Records.Length, report.Imported);
    }

    public void Dispose()
    {
        _ws.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    [Theory]
    [InlineData("city:高端石化", new[] { "ZZ0000101A", "ZZ0000102A", "ZZ0000106A" })]
    [InlineData("高端石化", new[] { "ZZ0000101A", "ZZ0000102A", "ZZ0000106A" })]
    [InlineData("石化", new[] { "ZZ0000101A", "ZZ0000102A", "ZZ0000106A" })] // alias
    [InlineData("sei:3.3", new[] { "ZZ0000102A" })]
    [InlineData("sei:2", new[] { "ZZ0000103A", "ZZ0000104A" })]
    [InlineData("海洋工程装备产业", new[] { "ZZ0000103A", "ZZ0000104A" })] // SEI branch name
    [InlineData("生物医药", new[] { "ZZ0000105A" })] // alias of 新医药
    public async Task Search_IndustryFilter_FindsTheAssignedRecords(string industry, string[] expected)
    {
        var result = await _ws.Search.SearchAsync(new SearchRequest { Industry = industry, Size = 100, Highlight = false });

        Assert.Equal(expected, result.Items.Select(i => i.PublicationNumber).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Search_IndustryInQuerySyntax_Filters()
    {
        var result = await _ws.Search.SearchAsync(new SearchRequest { Query = "industry:\"sei:2.5\" OR industry:新医药", Size = 100, Highlight = false });

        Assert.Equal(["ZZ0000103A", "ZZ0000104A", "ZZ0000105A"], result.Items.Select(i => i.PublicationNumber).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Search_UnknownIndustry_QuerySyntaxErrorNamesParameter()
    {
        var ex = await Assert.ThrowsAsync<InvalidRequestException>(() => _ws.Search.SearchAsync(new SearchRequest { Industry = "city:造船" }));

        Assert.Equal("industry", ex.Parameter);
        Assert.Contains("city:高端石化", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Facets_IndustryBranchChain_CountAssignments()
    {
        var facets = await Facets();

        Assert.Equal(3, facets["chain"]["city:高端石化"].Count);
        Assert.Equal("高端石化", facets["chain"]["city:高端石化"].Label);
        Assert.Equal(2, facets["chain"]["city:海工装备"].Count);
        Assert.Equal(1, facets["chain"]["city:新材料"].Count);
        Assert.Equal(2, facets["branch"]["sei:2.5"].Count);
        Assert.Equal("海洋工程装备产业", facets["branch"]["sei:2.5"].Label);
        Assert.Equal(2, facets["industry"]["sei:2"].Count);
        Assert.Equal("新材料产业", facets["industry"]["sei:3"].Label);
    }

    [Fact]
    public async Task ReapplyTaxonomy_AfterEditingCityTaxonomy_ChangesFacetsWithoutReimport()
    {
        Assert.True(_ws.Settings.IndustriesAreCurrent);
        var before = await _ws.Search.ReadAllAsync().Select(PatentJson.Serialize).OrderBy(s => s, StringComparer.Ordinal).ToListAsync();

        // 海工装备 narrowed to B63B35/03 only; 高端石化 loses its extra IPC rule.
        await _ws.Settings.SetCityTaxonomyAsync("""
            { "name": "edited", "chains": [
                { "code": "高端石化", "rules": [ { "id": "sei-3.3", "sei": ["3.3"] } ] },
                { "code": "海工装备", "rules": [ { "id": "drilling-ships", "ipc": ["B63B35/03"] } ] } ] }
            """);
        Assert.False(_ws.Settings.IndustriesAreCurrent);
        Assert.True(File.Exists(Path.Combine(_dir, "taxonomy", "city.json")));

        var progress = new List<TaxonomyReapplyProgress>();
        var report = await _ws.Settings.ReapplyTaxonomyAsync(new SyncProgress<TaxonomyReapplyProgress>(progress.Add));

        Assert.Equal(Records.Length, report.Records);
        Assert.Equal(Records.Length, progress[^1].Done);
        Assert.True(_ws.Settings.IndustriesAreCurrent);
        Assert.Equal(Records.Length, _ws.Search.DocumentCount);
        var facets = await Facets();
        Assert.Equal(1, facets["chain"]["city:高端石化"].Count);
        Assert.Equal(1, facets["chain"]["city:海工装备"].Count);
        Assert.False(facets["chain"].ContainsKey("city:新材料"));
        Assert.Equal(2, facets["branch"]["sei:2.5"].Count); // SEI is unchanged
        var after = await _ws.Search.ReadAllAsync().Select(PatentJson.Serialize).OrderBy(s => s, StringComparer.Ordinal).ToListAsync();
        Assert.Equal(before, after); // records are unchanged: industries are derived
    }

    [Fact]
    public async Task Open_StoredCityTaxonomy_IsLoadedOnRestart()
    {
        await _ws.Settings.SetCityTaxonomyAsync("""{ "chains": [ { "code": "船舶", "rules": [ { "sei": ["2.5"] } ] } ] }""");
        _ws.Dispose();

        using var reopened = PatentWorkspace.Open(new PatentWorkspaceOptions { DataDirectory = _dir });

        Assert.Equal(["船舶"], reopened.Settings.Taxonomies.City.Chains.Select(c => c.Code));
        Assert.False(reopened.Settings.IndustriesAreCurrent);
    }

    [Fact]
    public async Task GetIndustries_KnownNumber_ReturnsAssignmentsWithReasons()
    {
        var industries = await _ws.Search.GetIndustriesAsync("ZZ0000102A");

        Assert.NotNull(industries);
        Assert.Contains(industries, a => a.Key == "sei:3.3" && a.Reason.Contains("C08G64*", StringComparison.Ordinal));
        Assert.Contains(industries, a => a.Key == "city:高端石化");
        Assert.Null(await _ws.Search.GetIndustriesAsync("ZZ9999999A"));
    }

    private async Task<Dictionary<string, Dictionary<string, FacetValue>>> Facets()
    {
        var result = await _ws.Search.SearchAsync(new SearchRequest { Facets = [FacetNames.Industry, FacetNames.Branch, FacetNames.Chain], FacetSize = 100, Size = 1, Highlight = false });
        return result.Facets!.ToDictionary(f => f.Key, f => f.Value.ToDictionary(v => v.Value, v => v, StringComparer.Ordinal), StringComparer.Ordinal);
    }

    private sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}

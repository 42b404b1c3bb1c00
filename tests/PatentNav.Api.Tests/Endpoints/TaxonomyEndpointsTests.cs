using System.Net;
using System.Text;
using PatentNav.Api.Tests.Infrastructure;
using Xunit;

namespace PatentNav.Api.Tests.Endpoints;

public sealed class TaxonomyEndpointsTests(PatentNavApiFactory factory) : IClassFixture<PatentNavApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task ListTaxonomies_ReturnsSeiTableAndCityChains()
    {
        var list = (await _client.GetJsonAsync("/api/taxonomies")).EnumerateArray().ToList();

        var sei = Assert.Single(list, t => t.Str("id") == "sei");
        Assert.Equal(9, sei.GetProperty("industries").GetInt32());
        Assert.Equal(40, sei.GetProperty("branches").GetInt32());
        Assert.Equal(303, sei.GetProperty("rules").GetInt32());
        var city = Assert.Single(list, t => t.Str("id") == "city");
        Assert.Equal(9, city.GetProperty("industries").GetInt32());
        Assert.True(city.GetProperty("industriesAreCurrent").GetBoolean());
    }

    [Fact]
    public async Task GetTaxonomy_Sei_ReturnsRulesWithPatternsAndExclusions()
    {
        var body = await _client.GetJsonAsync("/api/taxonomies/sei");

        var branch = body.GetProperty("industries").EnumerateArray().SelectMany(i => i.GetProperty("branches").EnumerateArray()).Single(b => b.Str("code") == "1.1");
        var rule0 = branch.GetProperty("rules")[0];
        Assert.Contains("G06F11*", rule0.GetProperty("include").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("G06F11/14", rule0.GetProperty("exclude").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task GetTaxonomy_City_ReturnsTheDocument()
    {
        var body = await _client.GetJsonAsync("/api/taxonomies/city");

        var chains = body.GetProperty("definition").GetProperty("chains").EnumerateArray().Select(c => c.Str("code")).ToList();
        Assert.Equal(["高端石化", "新医药", "新材料", "海工装备", "新能源", "智能制造", "新一代信息技术", "节能环保", "数字创意"], chains);
    }

    [Fact]
    public async Task GetTaxonomy_Unknown_Answers404Problem()
    {
        using var response = await _client.GetAsync("/api/taxonomies/wipo35");

        await response.AssertProblemAsync(HttpStatusCode.NotFound, "Not found", "wipo35");
    }

    [Fact]
    public async Task PutCity_NoKey_Answers401()
    {
        using var response = await _client.PutAsync("/api/taxonomies/city", Json("""{ "chains": [ { "code": "x", "rules": [ { "sei": ["1"] } ] } ] }"""));

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "API key required", "X-Api-Key");
    }

    [Fact]
    public async Task PostReapply_NoKey_Answers401()
    {
        using var response = await _client.PostAsync("/api/taxonomies/reapply", null);

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "API key required", "X-Api-Key");
    }

    [Fact]
    public async Task PutCity_InvalidRule_Answers400WithTheFailingRule()
    {
        using var response = await SendAsync(HttpMethod.Put, "/api/taxonomies/city", """
            { "chains": [ { "code": "高端石化", "rules": [ { "id": "refining", "ipc": ["C10G**"] } ] } ] }
            """);

        var body = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "Invalid taxonomy", "chain '高端石化' rule 'refining'");
        var messages = body.GetProperty("errors").GetProperty("chains[0].rules[0].ipc[0]");
        Assert.Contains("field 'ipc'", messages[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(9, (await _client.GetJsonAsync("/api/taxonomies/city")).GetProperty("definition").GetProperty("chains").GetArrayLength());
    }

    [Fact]
    public async Task Search_UnknownIndustry_Answers400WithParameter()
    {
        using var response = await _client.GetAsync("/api/search?industry=" + Uri.EscapeDataString("city:造船"));

        var body = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "Invalid request", "unknown industry");
        Assert.Equal("industry", body.Str("parameter"));
    }

    [Fact]
    public async Task GetIndustries_SeededPatent_ReturnsAssignmentsWithReasons()
    {
        var sample = Fixtures.SampleRecords().First(r => r.GetProperty("ipc").GetArrayLength() > 0);
        var pn = sample.Str("publicationNumber")!;

        var body = await _client.GetJsonAsync($"/api/patents/{pn}/industries");

        Assert.Equal(pn, body.Str("publicationNumber"));
        foreach (var item in body.GetProperty("items").EnumerateArray())
        {
            Assert.False(string.IsNullOrEmpty(item.Str("reason")));
            Assert.Contains(item.Str("taxonomyId"), new[] { "sei", "city" });
        }
    }

    [Fact]
    public async Task GetIndustries_UnknownPatent_Answers404Problem()
    {
        using var response = await _client.GetAsync("/api/patents/CN999999999A/industries");

        await response.AssertProblemAsync(HttpStatusCode.NotFound, "Not found", "CN999999999A");
    }

    [Fact]
    public async Task Facets_IndustryFacets_AreCountedAndFilterBack()
    {
        var body = await _client.GetJsonAsync("/api/facets?facets=industry,branch,chain&facetSize=100");

        foreach (var name in new[] { "industry", "branch", "chain" })
        {
            Assert.True(body.GetProperty("facets").TryGetProperty(name, out _), name);
        }

        var branches = body.GetProperty("facets").GetProperty("branch").EnumerateArray().ToList();
        Assert.NotEmpty(branches);
        var top = branches[0];
        var filtered = await _client.GetJsonAsync("/api/search?size=1&industry=" + Uri.EscapeDataString(top.Str("value")!));
        Assert.Equal(top.GetProperty("count").GetInt64(), filtered.Long("total"));
    }

    internal static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, string? json)
    {
        using var request = new HttpRequestMessage(method, url) { Content = json is null ? null : Json(json) };
        request.Headers.Add("X-Api-Key", PatentNavApiFactory.TestApiKey);
        return await _client.SendAsync(request);
    }
}

/// <summary>Replacing the city taxonomy and re-applying it (own server: it changes the taxonomy).</summary>
public sealed class TaxonomyReapplyTests(PatentNavApiFactory factory) : IClassFixture<PatentNavApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task PutCityThenReapply_ChainFacetFollowsTheNewTaxonomyWithoutReimport()
    {
        using (var put = new HttpRequestMessage(HttpMethod.Put, "/api/taxonomies/city") { Content = TaxonomyEndpointsTests.Json("""{ "name": "试验", "chains": [ { "code": "全部信息技术", "rules": [ { "sei": ["1"] } ] } ] }""") })
        {
            put.Headers.Add("X-Api-Key", PatentNavApiFactory.TestApiKey);
            using var response = await _client.SendAsync(put);
            var body = await response.ReadJsonAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToString());
            Assert.False(body.GetProperty("industriesAreCurrent").GetBoolean());
        }

        var sei1 = (await _client.GetJsonAsync("/api/search?size=1&industry=sei:1")).Long("total");
        Assert.True(sei1 > 0, "the seed has patents in SEI 1 (G06F, H04L … at subclass level)");

        using (var post = new HttpRequestMessage(HttpMethod.Post, "/api/taxonomies/reapply"))
        {
            post.Headers.Add("X-Api-Key", PatentNavApiFactory.TestApiKey);
            using var response = await _client.SendAsync(post);
            var report = await response.ReadJsonAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, report.ToString());
            Assert.Equal(PatentNavApiFactory.SeededDocuments, report.Long("records"));
        }

        var facets = await _client.GetJsonAsync("/api/facets?facets=chain&facetSize=100");
        var chains = facets.GetProperty("facets").GetProperty("chain").EnumerateArray().ToList();
        Assert.All(chains, c => Assert.Equal("city:全部信息技术", c.Str("value")));
        Assert.Equal(sei1, chains.Sum(c => c.GetProperty("count").GetInt64()));
        Assert.Equal(PatentNavApiFactory.SeededDocuments, await _client.DocumentCountAsync());
        Assert.True((await _client.GetJsonAsync("/api/taxonomies")).EnumerateArray().All(t => t.GetProperty("industriesAreCurrent").GetBoolean()));
    }
}

using System.Net;
using System.Net.Http.Json;
using PatentNav.Api.Tests.Infrastructure;
using Xunit;

namespace PatentNav.Api.Tests.Endpoints;

public sealed class TextEndpointsTests(PatentNavApiFactory factory) : IClassFixture<PatentNavApiFactory>
{
    [Fact]
    public async Task Segment_returns_features_search_tokens_and_bigrams()
    {
        var client = factory.CreateClient();
        await client.DocumentCountAsync();

        var response = await client.PostAsJsonAsync("/api/text/segment", new { text = "氧阱胶组合物" }); // 氧阱胶: made up

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await response.ReadJsonAsync();
        Assert.Equal(["氧", "阱", "胶", "组合物"], json.GetProperty("search").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["氧阱", "阱胶", "胶组", "组合", "合物"], json.GetProperty("bigrams").EnumerateArray().Select(e => e.GetString()));
        var features = json.GetProperty("features").EnumerateArray().ToList();
        Assert.Contains(features, f => f.Str("text") == "组合物" && f.GetProperty("isFeature").GetBoolean() && f.GetProperty("start").GetInt32() == 3);
        Assert.Contains(features, f => f.Str("text") == "胶" && f.Str("reason") == "single character");
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"text\":\"   \"}")]
    public async Task Segment_without_text_is_a_400_naming_it(string body)
    {
        var client = factory.CreateClient();
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        var response = await client.PostAsync("/api/text/segment", content);
        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "Invalid request", "text");
        Assert.Equal("text", problem.Str("parameter"));
    }

    [Fact]
    public async Task Segment_of_an_overlong_text_is_a_400()
    {
        var client = factory.CreateClient();
        var response = await client.PostAsJsonAsync("/api/text/segment", new { text = new string('碳', 10_001) });
        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "Invalid request", "10001 characters");
    }

    [Fact]
    public async Task Terms_lists_the_lexicon_and_checks_top()
    {
        var client = factory.CreateClient();
        await client.DocumentCountAsync();
        var json = await client.GetJsonAsync("/api/text/terms?top=5");
        Assert.Equal(PatentNavApiFactory.SeededDocuments, json.GetProperty("documents").GetInt32());
        Assert.True(json.GetProperty("terms").GetArrayLength() <= 5);

        var bad = await client.GetAsync("/api/text/terms?top=0");
        await bad.AssertProblemAsync(HttpStatusCode.BadRequest, "Invalid request", "top");
    }
}

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

    [Fact]
    public async Task User_words_are_replaced_with_the_key_validated_by_entry_and_used_by_segment()
    {
        var client = factory.CreateClient();
        await client.DocumentCountAsync();
        const string body = """{ "words": [ { "word": "氢阱膜", "frequency": 300 }, { "word": "栅极氢阱" } ] }""";

        using (var noKey = await client.PutAsync("/api/text/words", new StringContent(body, System.Text.Encoding.UTF8, "application/json")))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, noKey.StatusCode);
        }

        using (var bad = await PutWords(client, """{ "words": [ { "word": "氢阱膜" }, { "word": "3D打印" } ] }"""))
        {
            var problem = await bad.AssertProblemAsync(HttpStatusCode.BadRequest, "Invalid request", "3D打印");
            Assert.Equal("words[1]", problem.Str("parameter"));
        }

        var unchanged = await (await client.GetAsync("/api/text/words")).ReadJsonAsync();
        Assert.Equal(0, unchanged.GetProperty("count").GetInt32()); // a refused list changes nothing

        using (var ok = await PutWords(client, body))
        {
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
            var json = await ok.ReadJsonAsync();
            Assert.Equal(2, json.GetProperty("count").GetInt32());
            Assert.Equal(100, json.GetProperty("words")[1].GetProperty("frequency").GetInt32()); // the default
        }

        try
        {
            var segmented = await (await client.PostAsJsonAsync("/api/text/segment", new { text = "一种氢阱膜组合物" })).ReadJsonAsync();
            Assert.Contains("氢阱膜", segmented.GetProperty("words").EnumerateArray().Select(w => w.Str("text")));
            Assert.DoesNotContain("氢阱膜", segmented.GetProperty("search").EnumerateArray().Select(e => e.GetString())); // the index keeps its dictionary
        }
        finally
        {
            using var cleared = await PutWords(client, """{ "words": [] }""");
            Assert.Equal(HttpStatusCode.OK, cleared.StatusCode);
        }
    }

    private static async Task<HttpResponseMessage> PutWords(HttpClient client, string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, "/api/text/words") { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Api-Key", PatentNavApiFactory.TestApiKey);
        return await client.SendAsync(request);
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

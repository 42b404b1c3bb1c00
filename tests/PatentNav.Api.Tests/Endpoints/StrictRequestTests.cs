using System.Net;
using System.Text;
using System.Text.Json;
using PatentNav.Api.Tests.Infrastructure;
using Xunit;

namespace PatentNav.Api.Tests.Endpoints;

/// <summary>
/// A typo must never change a published number: every JSON body and every documented endpoint's query string refuses an
/// unknown name with a 400 naming it and the nearest known one.
/// </summary>
public sealed class StrictRequestTests(PatentNavApiFactory factory) : IClassFixture<PatentNavApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Theory]
    [InlineData("/api/search", """{"q":"电池","regoin":"连云港"}""", "regoin", "region")]
    [InlineData("/api/search", """{"query":"电池"}""", "query", "q")]
    [InlineData("/api/clusters", """{"q":"电池","maxKk":8}""", "maxKk", "maxK")]
    [InlineData("/api/chokepoints", """{"plcae":"3207","industry":"city:新材料"}""", "plcae", "place")]
    [InlineData("/api/chokepoints", """{"place":"3207","industry":"city:新材料","weights":{"valeu":1}}""", "weights.valeu", "value")]
    [InlineData("/api/needs/match", """{"text":"锂电池","regoin":"32"}""", "regoin", "region")]
    [InlineData("/api/classify", """{"txet":"一种锂离子电池正极材料"}""", "txet", "text")]
    [InlineData("/api/text/segment", """{"txet":"一种锂离子电池"}""", "txet", "text")]
    [InlineData("/api/targets?place=3207", """[{"id":"t1","name":"高价值","metric":"highValuePerTenThousand","valeu":10,"start":"2024-01-01","end":"2026-12-31","source":"plan"}]""", "[0].valeu", "value")]
    public async Task JsonBody_UnknownProperty_400NamingItWithTheNearestKnown(string path, string body, string parameter, string suggestion)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Api-Key", PatentNavApiFactory.TestApiKey);

        using var response = await _client.SendAsync(request);
        var problem = await response.ReadJsonAsync();

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{path}: {(int)response.StatusCode} {problem}");
        Assert.True(problem.Str("title") == "Unknown parameter", problem.ToString());
        Assert.Equal(parameter, problem.Str("parameter"));
        Assert.Equal(suggestion, problem.Str("suggestion"));
        Assert.Contains($"'{parameter.Split('.')[^1]}'", problem.Str("detail"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task JsonBody_KnownProperties_StillAccepted()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/search") { Content = new StringContent("""{"q":"电池","region":"连云港","size":1}""", Encoding.UTF8, "application/json") };

        using var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task QueryString_UnknownParameter_400OnEveryDocumentedGetEndpoint()
    {
        var doc = await _client.GetJsonAsync("/swagger/v1/swagger.json");
        var checkedPaths = 0;
        foreach (var path in doc.GetProperty("paths").EnumerateObject())
        {
            if (!path.Value.TryGetProperty("get", out var get))
            {
                continue;
            }

            var url = path.Name
                .Replace("{taxonomy}", "sei", StringComparison.Ordinal)
                .Replace("{id}", "none", StringComparison.Ordinal)
                .Replace("{publicationNumber}", "CN114081026A", StringComparison.Ordinal)
                .Replace("{list}", "provincial", StringComparison.Ordinal);
            url = System.Text.RegularExpressions.Regex.Replace(url, "\\{[^}]+\\}", "x");
            using var request = new HttpRequestMessage(HttpMethod.Get, url + "?regoin=连云港");
            request.Headers.Add("X-Api-Key", PatentNavApiFactory.TestApiKey);
            using var response = await _client.SendAsync(request);
            var problem = await response.ReadJsonAsync();

            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"GET {url}?regoin=…: {(int)response.StatusCode} {problem}");
            Assert.Equal("regoin", problem.Str("parameter"));
            var takesRegion = get.TryGetProperty("parameters", out var ps) && ps.EnumerateArray().Any(p => p.Str("name") == "region");
            Assert.Equal(takesRegion ? "region" : null, problem.Str("suggestion"));
            checkedPaths++;
        }

        Assert.True(checkedPaths > 25, $"only {checkedPaths} GET endpoints checked");
    }

    [Theory]
    [InlineData("/api/places", """{ "places": [ { "id": "a", "name": "a", "level": "park", "cods": ["3207"] } ] }""", "places[0].cods", "codes")]
    [InlineData("/api/taxonomies/city", """{ "chains": [ { "code": "x", "name": "x", "rulez": [] } ] }""", "chains[0].rulez", "rules")]
    public async Task SettingsDocument_UnknownProperty_400WithItsPathAndTheNearestKnown(string path, string body, string at, string suggestion)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Api-Key", PatentNavApiFactory.TestApiKey);

        using var response = await _client.SendAsync(request);
        var problem = await response.ReadJsonAsync();

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{path}: {(int)response.StatusCode} {problem}");
        // errors: { path: [messages] }, as ASP.NET Core's validation problems.
        Assert.True(problem.GetProperty("errors").TryGetProperty(at, out var messages), problem.ToString());
        Assert.Contains($"did you mean '{suggestion}'?", messages[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task QueryString_UnknownParameterOnAPost_400()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/search?regoin=连云港") { Content = new StringContent("""{"q":"电池"}""", Encoding.UTF8, "application/json") };

        using var response = await _client.SendAsync(request);
        var problem = await response.ReadJsonAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("regoin", problem.Str("parameter"));
    }

    [Fact]
    public async Task QueryString_CaseOfAKnownName_Accepted()
    {
        using var response = await _client.GetAsync("/api/search?Q=电池&size=1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Swagger_Documents400OnEveryOperation()
    {
        var doc = await _client.GetJsonAsync("/swagger/v1/swagger.json");
        foreach (var path in doc.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                Assert.True(operation.Value.GetProperty("responses").TryGetProperty("400", out var bad), $"{operation.Name} {path.Name} documents no 400");
                Assert.Contains("Unknown query parameter", bad.Str("description"), StringComparison.Ordinal);
            }
        }
    }
}

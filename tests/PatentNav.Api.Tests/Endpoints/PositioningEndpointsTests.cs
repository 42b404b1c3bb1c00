using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PatentNav.Api.Infrastructure;
using PatentNav.Api.Tests.Infrastructure;
using Xunit;

namespace PatentNav.Api.Tests.Endpoints;

/// <summary>Places, positioning and chokepoint jobs over the 25 seeded records.</summary>
public sealed class PositioningEndpointsTests(PatentNavApiFactory factory) : IClassFixture<PatentNavApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task Places_list_the_lianyungang_default_and_one_place_counts_its_patents()
    {
        var list = await _client.GetJsonAsync("/api/places");
        var ids = list.GetProperty("places").EnumerateArray().Select(p => p.Str("id")).ToList();
        Assert.Contains("3207", ids);
        Assert.Contains("320771", ids);
        Assert.Contains("320772", ids);
        Assert.Contains("xuwei", ids);
        Assert.True(list.GetProperty("definition").GetProperty("places").GetArrayLength() >= 10);

        var park = await _client.GetJsonAsync("/api/places/320771");
        Assert.Equal("park", park.Str("level"));
        var search = await _client.GetJsonAsync("/api/search?region=320771&size=1");
        Assert.Equal(search.Long("total"), park.Long("patents"));
        Assert.True(park.Long("patents") > 0);

        using var missing = await _client.GetAsync("/api/places/atlantis");
        await missing.AssertProblemAsync(HttpStatusCode.NotFound, "Not found", "atlantis");
    }

    [Fact]
    public async Task A_patents_places_say_what_decided_them()
    {
        var body = await _client.GetJsonAsync("/api/patents/CN114107415A/places");
        var places = body.GetProperty("places").EnumerateArray().ToList();
        var park = Assert.Single(places, p => p.Str("placeId") == "320771");
        Assert.Equal("code", park.Str("rule"));
        Assert.Contains("320771", park.Str("basis"), StringComparison.Ordinal);
        Assert.Contains(places, p => p.Str("placeId") == "3207");

        using var unknown = await _client.GetAsync("/api/patents/CN999999999A/places");
        await unknown.AssertProblemAsync(HttpStatusCode.NotFound, "Not found", "CN999999999A");
    }

    [Fact]
    public async Task Positioning_answers_with_counts_rta_rank_and_conventions()
    {
        var report = await _client.GetJsonAsync("/api/positioning?place=3207&ipc=C,B&benchmark=32&minSupport=1");

        Assert.Equal("3207", report.GetProperty("place").Str("id"));
        var search = await _client.GetJsonAsync("/api/search?region=3207&ipc=C,B&size=1");
        Assert.Equal(search.Long("total"), report.GetProperty("placeInField").Long("count"));
        Assert.Equal((await _client.GetJsonAsync("/api/search?region=32&size=1")).Long("total"), report.Long("benchmarkAll"));
        Assert.Equal("filing", report.GetProperty("conventions").Str("dateField"));
        Assert.Contains("documents", report.GetProperty("conventions").Str("units"), StringComparison.Ordinal);
        Assert.Equal("city", report.GetProperty("rank").Str("level"));
        Assert.True(report.GetProperty("growth").TryGetProperty("verdict", out _));
        Assert.Equal(JsonValueKind.Array, report.GetProperty("strongest").ValueKind);
    }

    [Theory]
    [InlineData("/api/positioning?industry=city:高端石化", "place")]
    [InlineData("/api/positioning?place=atlantis&ipc=C", "place")]
    [InlineData("/api/positioning?place=3207", "industry")]
    [InlineData("/api/positioning?place=3207&ipc=C&benchmark=mars", "benchmark")]
    [InlineData("/api/positioning?place=3207&ipc=C&top=0", "top")]
    [InlineData("/api/positioning?place=3207&ipc=C&from=2020-13-01", "from")]
    [InlineData("/api/positioning?place=3207&ipc=C&technologyLevel=group", "technologyLevel")]
    public async Task Positioning_400s_name_the_parameter(string url, string parameter)
    {
        using var response = await _client.GetAsync(url);
        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "Invalid request");
        Assert.Equal(parameter, problem.Str("parameter"));
    }

    [Fact]
    public async Task Chokepoints_run_as_a_job_with_progress_and_a_result()
    {
        using var start = await _client.PostAsJsonAsync("/api/chokepoints", new { place = "3207", ipc = new[] { "B", "C", "H" }, minSupport = 1, top = 5 });
        Assert.Equal(HttpStatusCode.Accepted, start.StatusCode);
        var location = start.Headers.Location!.ToString();
        Assert.StartsWith("/api/jobs/", location, StringComparison.Ordinal);

        var jobs = factory.Services.GetRequiredService<AnalysisJobs>();
        var status = await jobs.WaitAsync(location["/api/jobs/".Length..], TimeSpan.FromSeconds(60));
        Assert.Equal(JobState.Succeeded, status!.State);

        var job = await _client.GetJsonAsync(location);
        Assert.Equal("succeeded", job.Str("state"));
        Assert.Equal("units", job.GetProperty("progress").Str("stage"));
        var result = job.GetProperty("result");
        Assert.Equal("3207", result.GetProperty("place").Str("id"));
        var entries = result.GetProperty("entries").EnumerateArray().ToList();
        Assert.NotEmpty(entries);
        var first = entries[0];
        Assert.Equal(1, first.GetProperty("rank").GetInt32());
        Assert.Equal(4, first.GetProperty("components").GetArrayLength());
        Assert.True(first.GetProperty("evidence").GetProperty("topHolders").GetArrayLength() > 0);
        Assert.Contains("min–max", result.Str("method"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"ipc":["C"]}""", "place")]
    [InlineData("""{"place":"3207"}""", "industry")]
    [InlineData("""{"place":"3207","ipc":["C"],"weights":{"gap":-1}}""", "weights.gap")]
    [InlineData("""{"place":"3207","ipc":["C"],"unitLevel":"family"}""", "unitLevel")]
    [InlineData("""{"place":"3207","ipc":["C"],"partners":50}""", "partners")]
    public async Task Chokepoint_400s_name_the_parameter_before_any_job_starts(string body, string parameter)
    {
        using var response = await _client.PostAsync("/api/chokepoints", new StringContent(body, Encoding.UTF8, "application/json"));
        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "Invalid request");
        Assert.Equal(parameter, problem.Str("parameter"));
    }

    [Fact]
    public async Task Put_places_validates_names_the_path_and_needs_the_key()
    {
        const string bad = """{ "places": [ { "id": "p", "name": "园区", "level": "park", "codes": ["3299"] } ] }""";
        using (var noKey = await _client.PutAsync("/api/places", new StringContent(bad, Encoding.UTF8, "application/json")))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, noKey.StatusCode);
        }

        using var request = new HttpRequestMessage(HttpMethod.Put, "/api/places") { Content = new StringContent(bad, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Api-Key", PatentNavApiFactory.TestApiKey);
        using var response = await _client.SendAsync(request);
        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "Invalid place catalogue");
        Assert.True(problem.GetProperty("errors").TryGetProperty("places[0].codes[0]", out _));
    }
}

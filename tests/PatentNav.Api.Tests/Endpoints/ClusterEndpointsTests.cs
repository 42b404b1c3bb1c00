using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using PatentNav.Api.Infrastructure;
using PatentNav.Api.Tests.Infrastructure;
using Xunit;

namespace PatentNav.Api.Tests.Endpoints;

public sealed class ClusterEndpointsTests(PatentNavApiFactory factory) : IClassFixture<PatentNavApiFactory>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task Post_Answers202WithLocation_AndThePolledJobSucceedsWithClusters()
    {
        Assert.Equal(PatentNavApiFactory.SeededDocuments, await _client.DocumentCountAsync());

        using var response = await _client.PostAsJsonAsync("/api/clusters", new { });

        var job = await response.ReadJsonAsync();
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal($"/api/jobs/{job.Str("id")}", response.Headers.Location?.OriginalString);
        Assert.Equal("clusters", job.Str("kind"));
        Assert.Contains(job.Str("state"), new[] { "queued", "running", "succeeded" });

        var done = await PollAsync(response.Headers.Location!.OriginalString);
        Assert.Equal("succeeded", done.Str("state"));
        var result = done.GetProperty("result");
        Assert.Equal(PatentNavApiFactory.SeededDocuments, result.GetProperty("patents").GetInt32());
        Assert.Equal("silhouette", result.GetProperty("selection").Str("method"));
        var clusters = result.GetProperty("clusters").EnumerateArray().ToList();
        Assert.Equal(result.GetProperty("k").GetInt32(), clusters.Count);
        Assert.Equal(result.GetProperty("clustered").GetInt32(), clusters.Sum(c => c.GetProperty("size").GetInt32()));
        Assert.Equal(result.GetProperty("clustered").GetInt32(), result.GetProperty("map").GetProperty("patents").GetArrayLength());
        Assert.All(clusters, c =>
        {
            Assert.False(string.IsNullOrEmpty(c.Str("label")));
            Assert.True(c.TryGetProperty("growth", out _));
            Assert.True(c.TryGetProperty("topApplicants", out _));
            Assert.True(c.GetProperty("representatives").GetArrayLength() > 0);
        });
        Assert.True(result.GetProperty("synthetic").GetBoolean());
    }

    [Fact]
    public async Task Post_WithWait_Answers200WithTheResult_AndTheSameParametersGiveTheSameClusters()
    {
        var body = new { k = 2, seed = 5, wait = 60 };

        using var first = await _client.PostAsJsonAsync("/api/clusters", body);
        using var second = await _client.PostAsJsonAsync("/api/clusters", body);

        var a = await first.ReadJsonAsync();
        var b = await second.ReadJsonAsync();
        Assert.True(first.StatusCode == HttpStatusCode.OK, a.ToString());
        Assert.Equal($"/api/jobs/{a.Str("id")}", first.Headers.Location?.OriginalString);
        Assert.Equal("succeeded", a.Str("state"));
        Assert.Equal(2, a.GetProperty("result").GetProperty("k").GetInt32());
        Assert.Equal(5, a.GetProperty("result").GetProperty("settings").GetProperty("seed").GetInt32());
        Assert.NotEqual(a.Str("id"), b.Str("id"));
        Assert.Equal(a.GetProperty("result").GetRawText(), b.GetProperty("result").GetRawText());

        // The job stays readable, with the same result.
        var polled = await _client.GetJsonAsync($"/api/jobs/{a.Str("id")}");
        Assert.Equal(a.GetProperty("result").GetRawText(), polled.GetProperty("result").GetRawText());
    }

    [Fact]
    public async Task Delete_CancelsAQueuedClusteringJob()
    {
        // Jobs run one at a time: hold the slot so that the clustering job waits in the queue.
        var jobs = factory.Services.GetRequiredService<AnalysisJobs>();
        var release = new TaskCompletionSource();
        var blocker = jobs.Start("test-blocker", async (_, ct) => { await release.Task.WaitAsync(ct); return 0; });
        try
        {
            using var response = await _client.PostAsJsonAsync("/api/clusters", new { k = 2 });
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            var location = response.Headers.Location!.OriginalString;
            Assert.Equal("queued", (await _client.GetJsonAsync(location)).Str("state"));

            using var delete = await _client.DeleteAsync(location);

            Assert.Equal(HttpStatusCode.Accepted, delete.StatusCode);
            var cancelled = await PollAsync(location);
            Assert.Equal("cancelled", cancelled.Str("state"));
            Assert.False(cancelled.TryGetProperty("result", out var r) && r.ValueKind != JsonValueKind.Null);
            using var again = await _client.DeleteAsync(location);
            await again.AssertProblemAsync(HttpStatusCode.Conflict, "Job finished");
        }
        finally
        {
            release.SetResult();
            await jobs.WaitAsync(blocker.Id, Patience);
        }
    }

    [Theory]
    [InlineData("""{"k":1}""", "k", "between 2 and 50")]
    [InlineData("""{"k":51}""", "k", "between 2 and 50")]
    [InlineData("""{"k":25}""", "k", "25 match")]
    [InlineData("""{"minK":1}""", "minK", "2 ≤ minK ≤ maxK ≤ 50")]
    [InlineData("""{"maxK":60}""", "maxK", "2 ≤ minK ≤ maxK ≤ 50")]
    [InlineData("""{"minK":9,"maxK":4}""", "maxK", "minK = 9, maxK = 4")]
    [InlineData("""{"wait":61}""", "wait", "between 0 and 60")]
    [InlineData("""{"kind":"patent"}""", "kind", "unknown kind")]
    [InlineData("""{"from":"2024-13-45"}""", "from", "from")]
    [InlineData("""{"q":"title:(电池"}""", "q", "")]
    public async Task Post_BadParameter_Returns400NamingIt_AndStartsNoJob(string json, string parameter, string detail)
    {
        var before = (await _client.GetJsonAsync("/api/jobs")).GetArrayLength();

        using var response = await PostJsonAsync(json);

        var body = await response.AssertProblemAsync(HttpStatusCode.BadRequest, parameter == "q" ? "Invalid search" : "Invalid request", detail);
        Assert.Equal(parameter, body.Str("parameter"));
        Assert.Equal(before, (await _client.GetJsonAsync("/api/jobs")).GetArrayLength());
    }

    [Fact]
    public async Task Post_NoMatch_Returns400()
    {
        using var response = await PostJsonAsync("""{"q":"量子纠缠光刻胶"}""");

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "Invalid request", "no patent matches");
    }

    [Fact]
    public async Task Post_NotJson_Returns415()
    {
        using var response = await _client.PostAsync("/api/clusters", new StringContent("k=3", System.Text.Encoding.UTF8, "text/plain"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task Swagger_DescribesClustersWithAChineseExampleAndTheResultSchema()
    {
        var doc = await _client.GetJsonAsync("/swagger/v1/swagger.json");

        var post = doc.GetProperty("paths").GetProperty("/api/clusters").GetProperty("post");
        Assert.Contains("技术聚类", post.Str("summary"), StringComparison.Ordinal);
        Assert.Contains("专利地图", post.Str("summary"), StringComparison.Ordinal);
        var description = post.Str("description")!;
        Assert.Contains("silhouette", description, StringComparison.Ordinal);
        Assert.Contains("/api/jobs/{id}", description, StringComparison.Ordinal);
        Assert.Contains("锂离子电池", description, StringComparison.Ordinal);
        var responses = post.GetProperty("responses");
        foreach (var status in new[] { "200", "202", "400" })
        {
            Assert.True(responses.TryGetProperty(status, out _), $"response {status} is documented");
        }

        var schemas = doc.GetProperty("components").GetProperty("schemas");
        var parameters = schemas.GetProperty("ClusterParameters");
        Assert.Contains("锂离子电池", parameters.GetProperty("example").GetProperty("q").GetString(), StringComparison.Ordinal);
        Assert.True(parameters.GetProperty("properties").TryGetProperty("k", out _));
        Assert.True(schemas.TryGetProperty("ClusterReport", out _));
        Assert.True(schemas.GetProperty("TechnologyCluster").GetProperty("properties").TryGetProperty("label", out _));
        Assert.True(schemas.GetProperty("ClusterJob").GetProperty("properties").TryGetProperty("result", out _));
    }

    private Task<HttpResponseMessage> PostJsonAsync(string json) =>
        _client.PostAsync("/api/clusters", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

    private async Task<JsonElement> PollAsync(string location)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var job = await _client.GetJsonAsync(location);
            if (job.Str("state") is "succeeded" or "failed" or "cancelled" || DateTime.UtcNow > deadline)
            {
                return job;
            }

            await Task.Delay(100);
        }
    }
}

/// <summary>A server that clusters at most 10 patents.</summary>
public sealed class SmallClusterCapApiFactory : PatentNavApiFactory
{
    public const int Cap = 10;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("PatentNav:MaxClusterPatents", Cap.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}

public sealed class ClusterCapTests(SmallClusterCapApiFactory factory) : IClassFixture<SmallClusterCapApiFactory>
{
    [Fact]
    public async Task Post_MoreMatchesThanTheCap_ClustersASeededSampleAndSaysSo()
    {
        var client = factory.CreateClient();
        Assert.Equal(PatentNavApiFactory.SeededDocuments, await client.DocumentCountAsync());

        using var first = await client.PostAsJsonAsync("/api/clusters", new { k = 2, wait = 60 });
        using var second = await client.PostAsJsonAsync("/api/clusters", new { k = 2, wait = 60 });

        var a = await first.ReadJsonAsync();
        Assert.True(first.StatusCode == HttpStatusCode.OK, a.ToString());
        var result = a.GetProperty("result");
        Assert.Equal(SmallClusterCapApiFactory.Cap, result.GetProperty("patents").GetInt32());
        var sampling = result.GetProperty("sampling");
        Assert.Equal(PatentNavApiFactory.SeededDocuments, sampling.GetProperty("matching").GetInt32());
        Assert.Equal(SmallClusterCapApiFactory.Cap, sampling.GetProperty("read").GetInt32());
        Assert.Equal(42, sampling.GetProperty("seed").GetInt32());
        Assert.Contains("FNV-1a", sampling.Str("rule"), StringComparison.Ordinal);
        Assert.Contains(result.GetProperty("notes").EnumerateArray(), n => n.GetString()!.Contains("seeded sample of 10", StringComparison.Ordinal));
        Assert.Equal(result.GetRawText(), (await second.ReadJsonAsync()).GetProperty("result").GetRawText());
    }
}

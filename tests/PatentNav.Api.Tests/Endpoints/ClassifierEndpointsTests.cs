using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PatentNav.Api.Tests.Infrastructure;
using Xunit;

namespace PatentNav.Api.Tests.Endpoints;

/// <summary>A server seeded with the whole bundled sample (8,534 records, 7,838 with IPC codes): enough to train on.</summary>
public sealed class SampleApiFactory : PatentNavApiFactory
{
    public SampleApiFactory()
    {
        File.Copy(Path.Combine(AppContext.BaseDirectory, "data-samples", "patents.jsonl"), Path.Combine(SeedDirectory, "patents.jsonl"));
    }
}

public sealed class ClassifierEndpointsTests(SampleApiFactory factory) : IClassFixture<SampleApiFactory>
{
    [Fact]
    public async Task Classify_trains_on_first_use_then_answers_with_probabilities_contributions_and_quality()
    {
        var client = factory.CreateClient();
        await SeededAsync(client);

        // First call: no model yet; wait=0 gives the training job at once.
        var first = await client.PostAsJsonAsync("/api/classify?wait=0", new { text = "一种治疗糖尿病的中药组合物及其制备方法" });
        if (first.StatusCode == HttpStatusCode.Accepted)
        {
            Assert.StartsWith("/api/jobs/", first.Headers.Location!.OriginalString, StringComparison.Ordinal);
            var job = await first.ReadJsonAsync();
            Assert.Equal("classifier-training", job.Str("kind"));
            var done = await WaitForJobAsync(client, first.Headers.Location!.OriginalString);
            Assert.Equal("succeeded", done.Str("state"));
            Assert.Equal(7838, done.GetProperty("result").GetProperty("trainingRecords").GetInt32());
        }

        var response = await client.PostAsJsonAsync("/api/classify", new { text = "一种治疗糖尿病的中药组合物及其制备方法", top = 2 });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await response.ReadJsonAsync();
        Assert.True(json.GetProperty("modelCurrent").GetBoolean());
        Assert.Contains("中药", json.GetProperty("features").EnumerateArray().Select(e => e.GetString()));
        var taxonomies = json.GetProperty("taxonomies").EnumerateArray().ToList();
        Assert.Equal(["sei", "city"], taxonomies.Select(t => t.Str("taxonomyId")));
        var sei = taxonomies[0].GetProperty("industries").EnumerateArray().ToList();
        Assert.Equal(2, sei.Count);
        Assert.Equal("sei:4", sei[0].Str("key"));
        Assert.True(sei[0].GetProperty("predicted").GetBoolean());
        Assert.True(sei[0].GetProperty("probability").GetDouble() >= sei[1].GetProperty("probability").GetDouble());
        Assert.NotEmpty(sei[0].GetProperty("contributions").EnumerateArray());
        Assert.Contains(taxonomies[0].GetProperty("notTrained").EnumerateArray(), c => c.Str("key") == "sei:6");
        Assert.Equal("city:新医药", taxonomies[1].GetProperty("industries")[0].Str("key"));
        var quality = json.GetProperty("model").GetProperty("quality");
        Assert.Equal(7838, quality.GetProperty("trainRecords").GetInt32() + quality.GetProperty("heldOutRecords").GetInt32());
        Assert.Equal(2, quality.GetProperty("taxonomies").GetArrayLength());

        var status = await client.GetJsonAsync("/api/classifier");
        Assert.True(status.GetProperty("trained").GetBoolean());
        Assert.True(status.GetProperty("current").GetBoolean());
        Assert.Contains(status.GetProperty("model").GetProperty("classes").EnumerateArray(), c => c.Str("key") == "city:新能源" && !c.GetProperty("trained").GetBoolean());

        // A record imported without IPC codes: predicted from its text, and the index is left alone.
        var predicted = await client.GetJsonAsync("/api/patents/ZZ9000000A/industries/predicted?top=1");
        Assert.False(predicted.GetProperty("hasIpc").GetBoolean());
        Assert.Equal(0, predicted.GetProperty("ipcIndustries").GetArrayLength());
        Assert.Single(predicted.GetProperty("taxonomies")[0].GetProperty("industries").EnumerateArray());
        var facets = await client.GetJsonAsync("/api/search?q=pn:ZZ9000000A&facets=industry");
        Assert.Equal(0, facets.GetProperty("facets").GetProperty("industry").GetArrayLength());

        // Training again when current: a job that succeeds at once with the same model.
        var train = await client.PostAsync("/api/classifier/train", null);
        Assert.Equal(HttpStatusCode.Accepted, train.StatusCode);
        var again = await WaitForJobAsync(client, train.Headers.Location!.OriginalString);
        Assert.Equal("succeeded", again.Str("state"));
        Assert.Equal(json.GetProperty("model").Str("stamp"), again.GetProperty("result").Str("stamp"));
    }

    [Theory]
    [InlineData("{}", "text")]
    [InlineData("{\"text\":\"  \"}", "text")]
    [InlineData("{\"text\":\"碳纤维\",\"top\":0}", "top")]
    [InlineData("{\"text\":\"碳纤维\",\"top\":51}", "top")]
    public async Task Classify_bad_request_is_a_400_naming_the_parameter(string body, string parameter)
    {
        var client = factory.CreateClient();
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        var problem = await (await client.PostAsync("/api/classify", content)).AssertProblemAsync(HttpStatusCode.BadRequest, "Invalid request", parameter);
        Assert.Equal(parameter, problem.Str("parameter"));
    }

    [Fact]
    public async Task Classify_overlong_text_and_bad_wait_are_400s()
    {
        var client = factory.CreateClient();
        await (await client.PostAsJsonAsync("/api/classify", new { text = new string('碳', 10_001) })).AssertProblemAsync(HttpStatusCode.BadRequest, "Invalid request", "10001 characters");
        await (await client.PostAsJsonAsync("/api/classify?wait=121", new { text = "碳纤维" })).AssertProblemAsync(HttpStatusCode.BadRequest, "Invalid request", "wait");
    }

    [Fact]
    public async Task Predicted_industries_of_an_unknown_patent_is_a_404()
    {
        var client = factory.CreateClient();
        await (await client.GetAsync("/api/patents/CN000000000A/industries/predicted")).AssertProblemAsync(HttpStatusCode.NotFound, "Not found", "CN000000000A");
    }

    /// <summary>Waits until the start-up seeding (two files) has finished, so that the index stops changing.</summary>
    private static async Task SeededAsync(HttpClient client)
    {
        for (var i = 0; i < 600; i++)
        {
            var health = await client.GetJsonAsync("/health");
            if (health.GetProperty("pendingImports").GetInt32() == 0 && health.GetProperty("documents").GetInt32() == 8534)
            {
                return;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("seeding did not finish in 60 s");
    }

    internal static async Task<JsonElement> WaitForJobAsync(HttpClient client, string location)
    {
        for (var i = 0; i < 1200; i++)
        {
            var job = await client.GetJsonAsync(location);
            if (job.Str("state") is "succeeded" or "failed" or "cancelled")
            {
                return job;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"job {location} did not finish in 120 s");
    }
}

/// <summary>The default server (25 seeded records): too few labelled records to train on.</summary>
public sealed class ClassifierTooFewRecordsTests(PatentNavApiFactory factory) : IClassFixture<PatentNavApiFactory>
{
    [Fact]
    public async Task Classify_without_enough_labelled_records_is_a_409_saying_how_many_are_needed()
    {
        var client = factory.CreateClient();
        Assert.Equal(PatentNavApiFactory.SeededDocuments, await client.DocumentCountAsync());

        var response = await client.PostAsJsonAsync("/api/classify", new { text = "一种锂离子电池正极材料" });

        await response.AssertProblemAsync(HttpStatusCode.Conflict, "Too few labelled records", "at least 200", "records with IPC codes");
        var train = await client.PostAsync("/api/classifier/train", null);
        var job = await ClassifierEndpointsTests.WaitForJobAsync(client, train.Headers.Location!.OriginalString);
        Assert.Equal("failed", job.Str("state"));
        Assert.Equal(409, job.GetProperty("errorStatus").GetInt32());
        var status = await client.GetJsonAsync("/api/classifier");
        Assert.False(status.GetProperty("trained").GetBoolean());
    }
}

using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using PatentNav.Api.Infrastructure;
using PatentNav.Api.Tests.Infrastructure;
using Xunit;

namespace PatentNav.Api.Tests.Endpoints;

/// <summary>With PatentNav:RequireKeyForReads every documented endpoint except /health refuses a request without the key.</summary>
public sealed class ReadKeyCoverageTests(ReadKeyApiFactory factory) : IClassFixture<ReadKeyApiFactory>
{
    [Fact]
    public async Task Every_documented_operation_needs_the_key_when_reads_require_it()
    {
        var client = factory.CreateClient();
        var doc = await client.GetJsonAsync("/swagger/v1/swagger.json");
        var checkedOperations = 0;
        foreach (var path in doc.GetProperty("paths").EnumerateObject())
        {
            if (path.Name == "/health")
            {
                continue;
            }

            var url = path.Name.Replace("{publicationNumber}", "CN114081026A", StringComparison.Ordinal)
                .Replace("{taxonomy}", "sei", StringComparison.Ordinal)
                .Replace("{id}", "unknown", StringComparison.Ordinal);
            foreach (var operation in path.Value.EnumerateObject())
            {
                using var request = new HttpRequestMessage(new HttpMethod(operation.Name.ToUpperInvariant()), url);
                if (operation.Value.TryGetProperty("requestBody", out var body))
                {
                    // The body in the first documented media type, so that the request passes binding and meets the key check.
                    var content = body.GetProperty("content").EnumerateObject().First();
                    var isArray = content.Value.TryGetProperty("schema", out var schema) && schema.TryGetProperty("type", out var type) && type.GetString() == "array";
                    request.Content = content.Name == "multipart/form-data"
                        ? new MultipartFormDataContent { { new ByteArrayContent([1, 2, 3]), "file", "x.csv" } }
                        : new StringContent(isArray ? "[]" : "{}", System.Text.Encoding.UTF8, content.Name);
                }

                using var response = await client.SendAsync(request);
                Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{operation.Name.ToUpperInvariant()} {url} answered {(int)response.StatusCode} without a key");
                var responses = operation.Value.GetProperty("responses");
                Assert.True(responses.TryGetProperty("401", out _), $"{operation.Name.ToUpperInvariant()} {path.Name} does not document 401");
                checkedOperations++;
            }
        }

        Assert.True(checkedOperations >= 20, $"only {checkedOperations} operations found");
    }

    [Fact]
    public async Task With_the_key_reads_work()
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", PatentNavApiFactory.TestApiKey);
        using var response = await client.GetAsync("/api/industries/city");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}

/// <summary>Page size and analysis time are bounded by configuration.</summary>
public sealed class LimitsTests(TightLimitsApiFactory factory) : IClassFixture<TightLimitsApiFactory>
{
    [Fact]
    public async Task A_page_larger_than_MaxPageSize_is_a_400_naming_size()
    {
        var client = factory.CreateClient();
        using var response = await client.GetAsync("/api/search?q=*&size=51");
        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "Invalid request", "between 1 and 50", "MaxPageSize");
        Assert.Equal("size", problem.Str("parameter"));
    }

    [Fact]
    public async Task An_analysis_over_its_time_limit_is_stopped_with_a_503()
    {
        // The filter itself, around a handler that only stops when its token is cancelled (deterministic, unlike racing a
        // real analysis against a 1 ms timer on a loaded machine).
        var filter = new AnalysisTimeLimit(Microsoft.Extensions.Options.Options.Create(new PatentNavApiOptions { AnalysisTimeoutSeconds = 0.05 }));
        var http = new DefaultHttpContext { RequestServices = factory.Services };
        var context = new DefaultEndpointFilterInvocationContext(http, "industries", CancellationToken.None);

        var result = await filter.InvokeAsync(context, async c =>
        {
            var token = c.GetArgument<CancellationToken>(1);
            await Task.Delay(Timeout.Infinite, token);
            return null;
        });

        http.Response.Body = new MemoryStream();
        await Assert.IsAssignableFrom<IResult>(result).ExecuteAsync(http);
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, http.Response.StatusCode);
        http.Response.Body.Position = 0;
        var problem = await JsonDocument.ParseAsync(http.Response.Body);
        Assert.Equal("Time limit exceeded", problem.RootElement.GetProperty("title").GetString());
        Assert.Contains("AnalysisTimeoutSeconds", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_time_limit_is_applied_to_analyses_and_documented()
    {
        var client = factory.CreateClient();
        var doc = await client.GetJsonAsync("/swagger/v1/swagger.json");
        foreach (var path in new[] { "/api/search", "/api/trends", "/api/applicants", "/api/industries/{taxonomy}", "/api/text/terms" })
        {
            Assert.True(doc.GetProperty("paths").GetProperty(path).GetProperty("get").GetProperty("responses").TryGetProperty("503", out _), path);
        }
    }

    [Fact]
    public async Task A_job_over_its_time_limit_fails_saying_so()
    {
        using var jobs = new AnalysisJobs(TimeProvider.System, NullLogger<AnalysisJobs>.Instance, TimeSpan.FromMilliseconds(50));
        var job = jobs.Start("slow", async (_, ct) => { await Task.Delay(Timeout.Infinite, ct); return 0; });

        var done = await jobs.WaitAsync(job.Id, TimeSpan.FromSeconds(30));

        Assert.Equal(JobState.Failed, done!.State);
        Assert.Equal(503, done.ErrorStatus);
        Assert.Contains("MaxJobSeconds", done.Error, StringComparison.Ordinal);
    }
}

using System.Net;
using Microsoft.Extensions.DependencyInjection;
using PatentNav.Api.Tests.Infrastructure;
using PatentNav.Records;
using Xunit;

namespace PatentNav.Api.Tests.Endpoints;

public sealed class HealthEndpointsTests(PatentNavApiFactory factory) : IClassFixture<PatentNavApiFactory>
{
    [Fact]
    public async Task GetHealth_AfterSeeding_ReportsSeededDocumentsAndLastCommit()
    {
        using var client = factory.CreateClient();

        using var response = await client.GetAsync("/health");
        var body = await response.ReadJsonAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ok", body.Str("status"));
        Assert.Equal(PatentNavApiFactory.SeededDocuments, body.GetProperty("documents").GetInt32());
        Assert.Equal(0, body.GetProperty("pendingImports").GetInt32());

        // The seeding import committed: the commit names that import and when it happened.
        var lastCommit = body.GetProperty("lastCommit");
        Assert.StartsWith("imp-", lastCommit.Str("import"), StringComparison.Ordinal);
        Assert.True(DateTimeOffset.TryParse(lastCommit.Str("committedAt"), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out _), lastCommit.ToString());

        // The analytical store was written with the same commit.
        var analytics = body.GetProperty("analytics");
        Assert.Equal("ready", analytics.Str("state"));
        Assert.Equal(PatentNavApiFactory.SeededDocuments, analytics.Long("rows"));
    }

    [Fact]
    public async Task AnalyticsUnavailable_Is503WithRetryAfterAndTheStoreProgress()
    {
        var mapping = new PatentNav.Api.Infrastructure.ProblemMapping(
            factory.Services.GetRequiredService<Microsoft.AspNetCore.Http.IProblemDetailsService>(),
            Microsoft.Extensions.Logging.Abstractions.NullLogger<PatentNav.Api.Infrastructure.ProblemMapping>.Instance);
        var http = new Microsoft.AspNetCore.Http.DefaultHttpContext { RequestServices = factory.Services };
        http.Request.Headers.Accept = "application/json";
        using var body = new MemoryStream();
        http.Response.Body = body;
        var status = new AnalyticsStoreStatus("building", 1_000, 25_000, "the analytical store is new or empty");

        var handled = await mapping.TryHandleAsync(http, new AnalyticsUnavailableException("the analytical store is being built", status), CancellationToken.None);

        Assert.True(handled);
        Assert.Equal(503, http.Response.StatusCode);
        Assert.Equal("5", http.Response.Headers.RetryAfter.ToString());
        var problem = System.Text.Json.JsonDocument.Parse(body.ToArray()).RootElement;
        Assert.Equal("the analytical store is being built", problem.Str("detail"));
        Assert.Equal(1_000, problem.GetProperty("analytics").Long("rows"));
    }
}

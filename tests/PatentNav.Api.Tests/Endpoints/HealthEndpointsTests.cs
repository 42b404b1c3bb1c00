using System.Net;
using PatentNav.Api.Tests.Infrastructure;
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
    }
}

using System.Net;
using System.Text.Json;
using PatentNav.Api.Tests.Infrastructure;
using Xunit;

namespace PatentNav.Api.Tests.Endpoints;

public sealed class SwaggerTests(PatentNavApiFactory factory) : IClassFixture<PatentNavApiFactory>
{
    [Fact]
    public async Task GetSwaggerJson_Document_DescribesEndpointsErrorsAndChineseText()
    {
        using var client = factory.CreateClient();

        using var response = await client.GetAsync("/swagger/v1/swagger.json");
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = JsonDocument.Parse(bytes);
        var paths = document.RootElement.GetProperty("paths");
        foreach (var path in new[] { "/api/imports", "/api/imports/{id}", "/api/search", "/api/facets", "/api/patents/{publicationNumber}", "/api/patents/{publicationNumber}/similar", "/health" })
        {
            Assert.True(paths.TryGetProperty(path, out _), $"missing path {path}");
        }

        var import = paths.GetProperty("/api/imports").GetProperty("post");
        Assert.Equal("ImportFile", import.Str("operationId"));
        var responses = import.GetProperty("responses");
        foreach (var status in new[] { "200", "400", "401", "413", "422" })
        {
            Assert.True(responses.TryGetProperty(status, out _), $"import operation lacks a {status} response");
        }

        // Chinese text survives into the document (as characters, not mojibake), from the endpoint metadata.
        Assert.Contains("专利", import.Str("summary"), StringComparison.Ordinal);
        Assert.Contains("专利导航", document.RootElement.GetProperty("info").Str("description"), StringComparison.Ordinal);
        Assert.Contains("检索", paths.GetProperty("/api/search").GetProperty("get").Str("summary"), StringComparison.Ordinal);
        Assert.Contains("专利导航", System.Text.Encoding.UTF8.GetString(bytes), StringComparison.Ordinal); // written as UTF-8, not \u escapes
    }
}

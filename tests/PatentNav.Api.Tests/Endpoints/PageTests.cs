using System.Net;
using PatentNav.Api.Tests.Infrastructure;
using Xunit;

namespace PatentNav.Api.Tests.Endpoints;

/// <summary>The park managers' page (wwwroot/) at "/": served as static files, with its headers, without shadowing the Api.</summary>
public sealed class PageTests(PatentNavApiFactory factory) : IClassFixture<PatentNavApiFactory>
{
    [Fact]
    public async Task Root_ServesThePageWithItsSelectsAndALinkToSwagger()
    {
        using var client = factory.CreateClient(new() { AllowAutoRedirect = false });

        using var response = await client.GetAsync("/");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        Assert.Contains("<html lang=\"zh-CN\">", html, StringComparison.Ordinal);
        Assert.Contains("<label for=\"place\">", html, StringComparison.Ordinal);
        Assert.Contains("<label for=\"industry\">", html, StringComparison.Ordinal);
        Assert.Contains("生成报告", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/swagger\"", html, StringComparison.Ordinal);
        Assert.Contains("<script src=\"app.js\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Page_IsServedWithAContentSecurityPolicyThatAllowsOnlyItsOwnScripts()
    {
        using var client = factory.CreateClient();

        foreach (var path in new[] { "/", "/index.html", "/app.js", "/app.css" })
        {
            using var response = await client.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode}");
            var csp = string.Join(' ', response.Headers.GetValues("Content-Security-Policy"));
            Assert.Contains("script-src 'self';", csp, StringComparison.Ordinal);
            Assert.Contains("connect-src 'self';", csp, StringComparison.Ordinal);
            Assert.Contains("object-src 'none'", csp, StringComparison.Ordinal);
            Assert.Equal("nosniff", string.Join(' ', response.Headers.GetValues("X-Content-Type-Options")));
        }

        using var script = await client.GetAsync("/app.js");
        Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", script.Content.Headers.ContentType?.CharSet);
    }

    [Fact]
    public async Task StaticFiles_DoNotShadowTheApiSwaggerOrUnknownPaths()
    {
        using var client = factory.CreateClient();

        var places = await client.GetJsonAsync("/api/places");
        Assert.True(places.GetProperty("places").GetArrayLength() > 0);
        using var swagger = await client.GetAsync("/swagger/index.html");
        Assert.Equal(HttpStatusCode.OK, swagger.StatusCode);
        Assert.Contains("PatentNav API", await swagger.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // No fallback to the page: an unknown path is a 404, and files outside wwwroot are not reachable.
        using var unknown = await client.GetAsync("/no-such-page.html");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        using var outside = await client.GetAsync("/appsettings.json");
        Assert.Equal(HttpStatusCode.NotFound, outside.StatusCode);
    }
}

/// <summary>With PatentNav:RequireKeyForReads the page itself (no data) is public, and the data it asks for still needs the key.</summary>
public sealed class PageReadKeyTests(ReadKeyApiFactory factory) : IClassFixture<ReadKeyApiFactory>
{
    [Fact]
    public async Task Page_IsPublicButItsDataStillNeedTheKey()
    {
        using var client = factory.CreateClient();

        using var page = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        using var places = await client.GetAsync("/api/places");
        await places.AssertProblemAsync(HttpStatusCode.Unauthorized, "API key required", "X-Api-Key");
    }
}

using System.Net;
using PatentNav.Api.Tests.Infrastructure;
using Xunit;

namespace PatentNav.Api.Tests.Endpoints;

public sealed class CorsClosedByDefaultTests(PatentNavApiFactory factory) : IClassFixture<PatentNavApiFactory>
{
    [Theory]
    [InlineData("/api/search", "GET")]
    [InlineData("/api/imports", "POST")]
    [InlineData("/api/admin/backup", "POST")]
    public async Task Preflight_NoOriginsConfigured_NoAllowOriginHeader(string path, string method)
    {
        using var client = factory.CreateClient();

        using var response = await client.SendAsync(Cors.Preflight(path, "https://elsewhere.example", method));

        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"), $"{(int)response.StatusCode}: {response.Headers}");
        Assert.False(response.Headers.Contains("Access-Control-Allow-Methods"));
    }

    [Fact]
    public async Task Get_CrossOriginNoOriginsConfigured_AnswersWithoutAllowOriginHeader()
    {
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/health");
        request.Headers.Add("Origin", "https://elsewhere.example");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }
}

public sealed class CorsConfiguredTests(CorsApiFactory factory) : IClassFixture<CorsApiFactory>
{
    [Fact]
    public async Task Preflight_ConfiguredOriginForGet_AllowsExactlyThatOrigin()
    {
        using var client = factory.CreateClient();

        using var response = await client.SendAsync(Cors.Preflight("/api/search", CorsApiFactory.AllowedOrigin, "GET"));

        Assert.True(response.IsSuccessStatusCode, ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal([CorsApiFactory.AllowedOrigin], response.Headers.GetValues("Access-Control-Allow-Origin"));
        Assert.Contains("GET", string.Join(',', response.Headers.GetValues("Access-Control-Allow-Methods")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Preflight_ConfiguredOriginForPost_AllowsOnlyGet()
    {
        using var client = factory.CreateClient();

        using var response = await client.SendAsync(Cors.Preflight("/api/imports", CorsApiFactory.AllowedOrigin, "POST"));

        // ASP.NET Core answers with the policy's methods and leaves the refusal to the browser.
        var methods = response.Headers.TryGetValues("Access-Control-Allow-Methods", out var values) ? string.Join(',', values) : string.Empty;
        Assert.DoesNotContain("POST", methods, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Preflight_OtherOrigin_NoAllowOriginHeader()
    {
        using var client = factory.CreateClient();

        using var response = await client.SendAsync(Cors.Preflight("/api/search", "https://elsewhere.example", "GET"));

        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Get_FromConfiguredOrigin_CarriesAllowOriginHeader()
    {
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/health");
        request.Headers.Add("Origin", CorsApiFactory.AllowedOrigin);

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([CorsApiFactory.AllowedOrigin], response.Headers.GetValues("Access-Control-Allow-Origin"));
    }
}

internal static class Cors
{
    public static HttpRequestMessage Preflight(string path, string origin, string method)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, path);
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", method);
        return request;
    }
}

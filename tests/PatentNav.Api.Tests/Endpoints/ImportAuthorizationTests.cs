using System.Net;
using PatentNav.Api.Tests.Infrastructure;
using Xunit;

namespace PatentNav.Api.Tests.Endpoints;

public sealed class ImportAuthorizationTests(PatentNavApiFactory factory) : IClassFixture<PatentNavApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task PostImport_NoKey_Answers401WithChallengeAndStoresNothing()
    {
        using var response = await _client.PostImportAsync(Fixtures.Bytes("cnipa.csv"), "cnipa.csv", apiKey: null);

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "API key required", "Missing API key", "X-Api-Key");
        AssertChallenge(response);
        Assert.Equal(PatentNavApiFactory.SeededDocuments, await _client.DocumentCountAsync());
    }

    [Fact]
    public async Task PostImport_WrongKey_Answers401WithChallenge()
    {
        using var response = await _client.PostImportAsync(Fixtures.Bytes("cnipa.csv"), "cnipa.csv", apiKey: "not-the-key");

        var body = await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "API key required", "X-Api-Key", "not valid");
        AssertChallenge(response);
        Assert.DoesNotContain("not-the-key", body.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(PatentNavApiFactory.TestApiKey, body.ToString(), StringComparison.Ordinal);
    }

    internal static void AssertChallenge(HttpResponseMessage response)
    {
        var challenge = Assert.Single(response.Headers.WwwAuthenticate);
        Assert.Equal("ApiKey", challenge.Scheme);
        Assert.Contains("X-Api-Key", challenge.Parameter, StringComparison.Ordinal);
    }
}

public sealed class ImportWithoutServerKeyTests(NoKeyApiFactory factory) : IClassFixture<NoKeyApiFactory>
{
    [Fact]
    public async Task PostImport_NoKeyConfiguredOnServer_Answers401EvenWithAKey()
    {
        using var client = factory.CreateClient();

        using var response = await client.PostImportAsync(Fixtures.Bytes("cnipa.csv"), "cnipa.csv", apiKey: "anything");

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "API key required", "none is configured", "X-Api-Key");
        ImportAuthorizationTests.AssertChallenge(response);
    }
}

public sealed class ImportUploadLimitTests(SmallUploadApiFactory factory) : IClassFixture<SmallUploadApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Theory]
    [InlineData(50_000)] // within the multipart envelope allowance: refused on the file's length
    [InlineData(200_000)] // beyond it: refused on Content-Length before the body is read
    public async Task PostImport_LargerThanMaxUploadBytes_Answers413Problem(int size)
    {
        var content = new byte[size];
        Array.Fill(content, (byte)'a');

        using var response = await _client.PostImportAsync(content, "big.csv");

        await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge, "Upload too large", SmallUploadApiFactory.Limit.ToString(System.Globalization.CultureInfo.InvariantCulture), "MaxUploadBytes");
        Assert.DoesNotContain((await _client.GetJsonAsync("/api/imports")).EnumerateArray(), r => r.Str("fileName") == "big.csv");
    }

    [Fact]
    public async Task PostImport_WithinMaxUploadBytes_Answers200()
    {
        var custom = Fixtures.Bytes("custom.csv");
        Assert.True(custom.Length < SmallUploadApiFactory.Limit);

        using var response = await _client.PostImportAsync(custom, "custom.csv", fields: new Dictionary<string, string>(StringComparer.Ordinal) { ["mapping"] = Fixtures.Text("custom.mapping.json") });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}

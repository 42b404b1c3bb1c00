using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Xunit;

namespace PatentNav.Api.Tests.Infrastructure;

/// <summary>Request helpers and ProblemDetails assertions shared by the endpoint tests.</summary>
internal static class ApiClientExtensions
{
    /// <summary>POST /api/imports with the bytes in the multipart field <c>file</c> and the key in X-Api-Key (none when null).</summary>
    public static async Task<HttpResponseMessage> PostImportAsync(
        this HttpClient client,
        byte[] content,
        string fileName,
        string? apiKey = PatentNavApiFactory.TestApiKey,
        IReadOnlyDictionary<string, string>? fields = null,
        string fileField = "file")
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, fileField, fileName);
        foreach (var (name, value) in fields ?? new Dictionary<string, string>(StringComparer.Ordinal))
        {
            form.Add(new StringContent(value), name);
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/imports") { Content = form };
        if (apiKey is not null)
        {
            request.Headers.Add("X-Api-Key", apiKey);
        }

        return await client.SendAsync(request);
    }

    public static Task<HttpResponseMessage> PostFixtureAsync(this HttpClient client, string fixture, IReadOnlyDictionary<string, string>? fields = null) =>
        client.PostImportAsync(Fixtures.Bytes(fixture), fixture, fields: fields);

    /// <summary>Posts a fixture and returns the report of the finished import (asserting 200).</summary>
    public static async Task<JsonElement> ImportFixtureAsync(this HttpClient client, string fixture, IReadOnlyDictionary<string, string>? fields = null)
    {
        using var response = await client.PostFixtureAsync(fixture, fields);
        var body = await response.ReadJsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"import of {fixture}: {(int)response.StatusCode} {body}");
        Assert.Equal("completed", body.GetProperty("state").GetString());
        return body;
    }

    public static async Task<JsonElement> ReadJsonAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    public static async Task<JsonElement> GetJsonAsync(this HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        var body = await response.ReadJsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url}: {(int)response.StatusCode} {body}");
        return body;
    }

    public static async Task<int> DocumentCountAsync(this HttpClient client) =>
        (await client.GetJsonAsync("/health")).GetProperty("documents").GetInt32();

    /// <summary>Asserts a ProblemDetails response: status code, media type, and the body's status, title and detail.</summary>
    public static async Task<JsonElement> AssertProblemAsync(this HttpResponseMessage response, HttpStatusCode status, string title, params string[] detailContains)
    {
        var body = await response.ReadJsonAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal((int)status, body.GetProperty("status").GetInt32());
        Assert.Equal(title, body.GetProperty("title").GetString());
        var detail = body.GetProperty("detail").GetString() ?? string.Empty;
        foreach (var part in detailContains)
        {
            Assert.Contains(part, detail, StringComparison.Ordinal);
        }

        return body;
    }

    public static long Long(this JsonElement e, string name) => e.GetProperty(name).GetInt64();

    public static string? Str(this JsonElement e, string name) => e.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;
}

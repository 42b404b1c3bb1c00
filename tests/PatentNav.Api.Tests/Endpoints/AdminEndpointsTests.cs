using System.Net;
using System.Text.Json;
using PatentNav.Api.Tests.Infrastructure;
using Xunit;

namespace PatentNav.Api.Tests.Endpoints;

public sealed class AdminEndpointsTests(PatentNavApiFactory factory) : IClassFixture<PatentNavApiFactory>
{
    [Fact]
    public async Task CheckIndex_WithKey_CleanWithSeededDocuments()
    {
        using var client = factory.CreateClient();

        var body = await SendAsync(client, HttpMethod.Get, "/api/admin/index/check", HttpStatusCode.OK);

        Assert.True(body.GetProperty("clean").GetBoolean(), body.ToString());
        Assert.Equal(PatentNavApiFactory.SeededDocuments, body.Long("documents"));
        Assert.StartsWith("segments_", body.Str("segmentsFile"), StringComparison.Ordinal);
        Assert.True(body.Long("segments") >= 1);
        Assert.Empty(body.GetProperty("problems").EnumerateArray());
        Assert.StartsWith("imp-", body.GetProperty("commitData").Str("import"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("GET", "/api/admin/index/check")]
    [InlineData("POST", "/api/admin/backup")]
    public async Task Admin_NoKey_Answers401Problem(string method, string path)
    {
        using var client = factory.CreateClient();
        var backupsBefore = Backups().Length;

        using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "API key required", "Missing API key", "X-Api-Key");
        Assert.Equal(backupsBefore, Backups().Length);
    }

    [Fact]
    public async Task Backup_WithKey_WritesCommitAndManifestUnderDataDirectory()
    {
        using var client = factory.CreateClient();

        var body = await SendAsync(client, HttpMethod.Post, "/api/admin/backup", HttpStatusCode.OK);
        var second = await SendAsync(client, HttpMethod.Post, "/api/admin/backup", HttpStatusCode.OK);

        var folder = body.Str("directory")!;
        Assert.Equal(Path.Combine(Path.GetFullPath(factory.DataDirectory), "backups"), Path.GetDirectoryName(folder));
        Assert.NotEqual(folder, second.Str("directory"));
        Assert.Equal(PatentNavApiFactory.SeededDocuments, body.Long("documents"));
        Assert.StartsWith("imp-", body.GetProperty("commitData").Str("import"), StringComparison.Ordinal);
        var files = body.GetProperty("files").EnumerateArray().ToList();
        Assert.Contains(files, f => f.Str("name") == body.Str("segmentsFile"));
        foreach (var f in files)
        {
            Assert.Equal(f.Long("bytes"), new FileInfo(Path.Combine(folder, "index", f.Str("name")!)).Length);
        }

        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "backup.json")));
        Assert.Equal(body.Long("generation"), manifest.RootElement.Long("generation"));
    }

    [Fact]
    public async Task SwaggerJson_AdminOperations_DocumentedWith401()
    {
        using var client = factory.CreateClient();

        var document = await client.GetJsonAsync("/swagger/v1/swagger.json");

        var paths = document.GetProperty("paths");
        var check = paths.GetProperty("/api/admin/index/check").GetProperty("get");
        var backup = paths.GetProperty("/api/admin/backup").GetProperty("post");
        Assert.Equal("CheckIndex", check.Str("operationId"));
        Assert.Contains("索引校验", check.Str("summary"), StringComparison.Ordinal);
        Assert.True(check.GetProperty("responses").TryGetProperty("401", out _));
        Assert.True(backup.GetProperty("responses").TryGetProperty("401", out _));
        Assert.True(backup.GetProperty("responses").TryGetProperty("409", out _));
    }

    private string[] Backups()
    {
        var dir = Path.Combine(factory.DataDirectory, "backups");
        return Directory.Exists(dir) ? Directory.GetDirectories(dir) : [];
    }

    private static async Task<JsonElement> SendAsync(HttpClient client, HttpMethod method, string path, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Add("X-Api-Key", PatentNavApiFactory.TestApiKey);
        using var response = await client.SendAsync(request);
        var body = await response.ReadJsonAsync();
        Assert.True(response.StatusCode == expected, $"{method} {path}: {(int)response.StatusCode} {body}");
        return body;
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using PatentNav.Api.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace PatentNav.Api.Tests.Operations;

/// <summary>
/// Crash safety with a real process: the Api is killed (SIGKILL) in the middle of a large import and started again on
/// the same data directory.
/// </summary>
public sealed class CrashRecoveryTests(ITestOutputHelper output) : IDisposable
{
    private const int Rows = 30_000;
    private const int CommitEveryRows = 1_000;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private readonly string _root = Path.Combine(Path.GetTempPath(), "patentnav-crash-" + Guid.NewGuid().ToString("N"));
    private readonly List<ApiChildProcess> _children = [];

    public void Dispose()
    {
        foreach (var child in _children)
        {
            child.Dispose();
        }

        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Fact]
    public async Task Import_ProcessKilledMidway_RestartKeepsCommittedRowsReportsInterruptedAndReimportCompletesWithoutDuplicates()
    {
        var file = GenerateJsonl(Rows);

        // 1. Start, upload without waiting (202), and follow the import until a commit has been acknowledged.
        var first = await StartAsync();
        Assert.Equal(0, await first.Client.DocumentCountAsync()); // no seeding: every document below comes from the file
        var id = await UploadAsync(first.Client, file);
        var before = await PollAsync(first.Client, id, r => r.Long("committedRows") > 0, TimeSpan.FromSeconds(60));
        Assert.Equal("running", before.Str("state"));
        var committedSeen = before.Long("committedRows");

        // 2. SIGKILL: no shutdown hook, no final commit.
        first.KillHard();
        Assert.True(first.HasExited);
        Assert.Equal(128 + 9, first.ExitCode); // killed by signal 9
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(_root, "data", "uploads"))); // the upload copy the import was reading

        // 3. Restart on the same data directory: the index opens with every acknowledged row, and the import says it was interrupted.
        var second = await StartAsync();
        using var health = await second.Client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        var afterRestart = await second.Client.DocumentCountAsync();
        output.WriteLine($"committedRows seen before the kill: {committedSeen}; documents after restart: {afterRestart}");
        Assert.InRange(afterRestart, committedSeen, Rows);

        // The analytical store matches the index again: at once when the kill fell between commits, after a rebuild
        // from the index when it fell between the index commit and the store write.
        var analytics = await AnalyticsReadyAsync(second.Client, TimeSpan.FromSeconds(60));
        output.WriteLine($"analytical store after restart: {analytics}");
        Assert.Equal(afterRestart, analytics.Long("rows"));

        var interrupted = await second.Client.GetJsonAsync($"/api/imports/{id}");
        Assert.Equal("interrupted", interrupted.Str("state"));
        Assert.Contains("import the same file again", interrupted.Str("message"), StringComparison.Ordinal);
        Assert.InRange(interrupted.Long("committedRows"), committedSeen, afterRestart);
        Assert.Empty(Directory.GetFiles(Path.Combine(_root, "data", "uploads"))); // the killed import's upload copy is gone

        // 4. Importing the same file again completes it: every row accounted for, only the missing ones new, no duplicates.
        var rerunId = await UploadAsync(second.Client, file);
        var rerun = await PollAsync(second.Client, rerunId, r => r.Str("state") is not ("queued" or "running"), TimeSpan.FromSeconds(120));
        output.WriteLine($"re-import: {rerun}");
        Assert.Equal("completed", rerun.Str("state"));
        Assert.Equal(Rows, rerun.Long("imported") + rerun.Long("unchanged") + rerun.Long("updated"));
        Assert.Equal(0, rerun.Long("rejected"));
        Assert.Equal(Rows - afterRestart, rerun.Long("imported"));
        Assert.Equal(Rows, await second.Client.DocumentCountAsync());
        Assert.Equal(Rows, (await AnalyticsReadyAsync(second.Client, TimeSpan.FromSeconds(60))).Long("rows"));
        var ranking = await second.Client.GetJsonAsync("/api/applicants?top=1");
        Assert.Equal(Rows, ranking.Long("patents"));
    }

    private static async Task<JsonElement> AnalyticsReadyAsync(HttpClient client, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        JsonElement last = default;
        while (clock.Elapsed < timeout)
        {
            last = (await client.GetJsonAsync("/health")).GetProperty("analytics");
            if (last.Str("state") == "ready")
            {
                return last;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"the analytical store was not ready within {timeout.TotalSeconds} s; last: {last}");
    }

    private async Task<ApiChildProcess> StartAsync()
    {
        var child = await ApiChildProcess.StartAsync(
            new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["PatentNav__DataDirectory"] = Path.Combine(_root, "data"),
                ["PatentNav__ApiKey"] = PatentNavApiFactory.TestApiKey,
                ["PatentNav__SeedDirectory"] = string.Empty,
                ["PatentNav__CommitEveryRows"] = CommitEveryRows.ToString(CultureInfo.InvariantCulture),
            },
            StartTimeout);
        _children.Add(child);
        return child;
    }

    private static async Task<string> UploadAsync(HttpClient client, byte[] file)
    {
        using var form = new MultipartFormDataContent();
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(content, "file", "generated.jsonl");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/imports?wait=0") { Content = form };
        request.Headers.Add("X-Api-Key", PatentNavApiFactory.TestApiKey);
        using var response = await client.SendAsync(request);
        var body = await response.ReadJsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"upload: {(int)response.StatusCode} {body}");
        return body.Str("id") ?? throw new InvalidOperationException("no import id in " + body);
    }

    private static async Task<JsonElement> PollAsync(HttpClient client, string id, Func<JsonElement, bool> until, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        JsonElement last = default;
        while (clock.Elapsed < timeout)
        {
            last = await client.GetJsonAsync($"/api/imports/{id}");
            if (until(last))
            {
                return last;
            }

            await Task.Delay(25);
        }

        throw new TimeoutException($"import {id} did not reach the expected state within {timeout.TotalSeconds} s; last: {last}");
    }

    /// <summary>Small canonical records: real titles from the bundled sample, unique ZZ numbers (a test-only country code).</summary>
    private static byte[] GenerateJsonl(int rows)
    {
        var titles = File.ReadLines(Path.Combine(AppContext.BaseDirectory, "data-samples", "patents.jsonl"))
            .Where(l => l.Length > 0)
            .Select(l => JsonDocument.Parse(l).RootElement.Str("title"))
            .Where(t => !string.IsNullOrEmpty(t))
            .ToArray();
        var options = new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        var text = new StringBuilder(rows * 80);
        for (var i = 1; i <= rows; i++)
        {
            var number = string.Create(CultureInfo.InvariantCulture, $"ZZ{7_000_000 + i}A");
            text.Append(JsonSerializer.Serialize(new { publicationNumber = number, title = titles[i % titles.Length] }, options)).Append('\n');
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }
}

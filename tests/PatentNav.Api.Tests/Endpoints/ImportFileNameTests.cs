using System.Net;
using System.Net.Http.Headers;
using System.Text;
using PatentNav.Api.Tests.Infrastructure;
using Xunit;

namespace PatentNav.Api.Tests.Endpoints;

/// <summary>
/// Upload file names are the client's words, never a path: the upload is stored under a name the service makes inside
/// <c>&lt;data&gt;/uploads</c>, and the report shows only the last segment without control characters.
/// </summary>
public sealed class ImportFileNameTests(PatentNavApiFactory factory) : IClassFixture<PatentNavApiFactory>
{
    /// <summary>The raw Content-Disposition parameters (written byte for byte, so control characters reach the server) and
    /// the file name the report must show, or <c>null</c> when the form itself is malformed and must be refused with 400.</summary>
    public static TheoryData<string, string, string?> Names() => new()
    {
        { "unix traversal", "filename=\"../../etc/passwd\"", "passwd" },
        { "windows traversal", "filename=\"C:\\\\x\\\\..\\\\y.csv\"", "y.csv" },
        { "unquoted windows traversal (malformed header)", "filename=C:\\x\\..\\y.csv", null },
        { "absolute path", "filename=\"/srv/patentnav-evil.jsonl\"", "patentnav-evil.jsonl" },
        { "control characters", "filename=\"a\u0001b\u001Fc\u007F.jsonl\"", "abc.jsonl" },
        { "RFC 5987 NUL and traversal", "filename=\"x.jsonl\"; filename*=UTF-8''..%2F..%2Fetc%2Fpass%00wd%0A", "passwd" },
        { "RFC 5987 control characters only", "filename*=UTF-8''%01%02%1B", "upload" },
    };

    [Theory]
    [MemberData(nameof(Names))]
    public async Task Upload_HostileFileName_StoredUnderServiceNameAndReportedAsLastSegment(string name, string disposition, string? expected)
    {
        var root = Path.GetDirectoryName(factory.DataDirectory)!;
        using var client = factory.CreateClient();
        var uploads = Path.Combine(factory.DataDirectory, "uploads");
        var before = Snapshot(root);

        using var response = await PostRawAsync(client, disposition, Fixtures.Bytes("patents-sample.jsonl"));
        var body = await response.ReadJsonAsync();

        if (expected is null)
        {
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{name}: {(int)response.StatusCode} {body}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains("multipart form is malformed", body.Str("detail"), StringComparison.Ordinal);
            Assert.Equal("file", body.Str("parameter"));
        }
        else
        {
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{name}: {(int)response.StatusCode} {body}");
            Assert.Equal("completed", body.Str("state"));
            var shown = body.Str("fileName")!;
            Assert.Equal(expected, shown);
            Assert.DoesNotContain(shown, c => char.IsControl(c) || c is '/' or '\\');
        }

        // Nothing new outside the data directory, and nothing in it named after the client's file name.
        var created = Snapshot(root).Except(before, StringComparer.Ordinal).ToList();
        var dataPrefix = factory.DataDirectory + Path.DirectorySeparatorChar;
        Assert.All(created, path => Assert.StartsWith(dataPrefix, path, StringComparison.Ordinal));
        Assert.DoesNotContain(created, path => Path.GetFileName(path) is "passwd" or "y.csv" or "patentnav-evil.jsonl" || Path.GetFileName(path).Any(char.IsControl));
        Assert.All(Directory.Exists(uploads) ? Directory.GetFiles(uploads) : [], path => Assert.EndsWith(".upload", path, StringComparison.Ordinal));
        Assert.False(File.Exists(Path.GetFullPath(Path.Combine(uploads, "../../etc/passwd"))));
        Assert.False(File.Exists(Path.GetFullPath(Path.Combine(uploads, "../y.csv"))));
        Assert.False(File.Exists("/srv/patentnav-evil.jsonl"));
    }

    private static HashSet<string> Snapshot(string root) =>
        Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).ToHashSet(StringComparer.Ordinal);

    private static async Task<HttpResponseMessage> PostRawAsync(HttpClient client, string disposition, byte[] content)
    {
        const string Boundary = "----patentnav-hostile-name";
        using var body = new MemoryStream();
        var head = $"--{Boundary}\r\nContent-Disposition: form-data; name=\"file\"; {disposition}\r\nContent-Type: application/octet-stream\r\n\r\n";
        body.Write(Encoding.UTF8.GetBytes(head));
        body.Write(content);
        body.Write(Encoding.UTF8.GetBytes($"\r\n--{Boundary}--\r\n"));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/imports") { Content = new ByteArrayContent(body.ToArray()) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse($"multipart/form-data; boundary={Boundary}");
        request.Headers.Add("X-Api-Key", PatentNavApiFactory.TestApiKey);
        return await client.SendAsync(request);
    }
}

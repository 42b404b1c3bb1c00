using System.Net;
using System.Text.Json;
using PatentNav.Api.Tests.Infrastructure;
using Xunit;

namespace PatentNav.Api.Tests.Endpoints;

/// <summary>Uploads of every export layout and the import status resource, over one seeded data directory.</summary>
/// <remarks>Tests in a class run one after another, but in no set order: each asserts relative to the state it finds.</remarks>
public sealed class ImportEndpointsTests(PatentNavApiFactory factory) : IClassFixture<PatentNavApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    public static TheoryData<string, string, string?> Layouts() => new()
    {
        { "cnipa.csv", "cnipa", "utf-8" },
        { "cnipa-gb18030.csv", "cnipa", "gb18030" },
        { "incopat.xlsx", "incopat", null },
        { "incopat-old.xlsx", "incopat", null },
        { "patsnap.xlsx", "patsnap", null },
        { "lens.csv", "lens", "utf-8" },
        { "derwent.csv", "derwent", "utf-8-bom" },
        { "google.csv", "google", "utf-8" },
        { "patents-sample.jsonl", "jsonl", "utf-8" },
    };

    public static TheoryData<string> Files() =>
        new(Layouts().Select(row => (string)row[0]).Append("custom.csv"));

    [Theory]
    [MemberData(nameof(Layouts))]
    public async Task PostImport_FixtureLayout_DetectsFormatAndStoresAll25(string fixture, string format, string? encoding)
    {
        var report = await _client.ImportFixtureAsync(fixture);

        AssertAll25Stored(report, fixture);
        Assert.Equal(format, report.Str("format"));
        Assert.Equal(encoding, report.Str("encoding"));
        Assert.Equal(fixture, report.Str("fileName"));
    }

    [Fact]
    public async Task PostImport_CustomLayoutWithMapping_UsesTheMapping()
    {
        var report = await _client.ImportFixtureAsync("custom.csv", CustomMapping());

        AssertAll25Stored(report, "custom.csv");
        Assert.Equal("custom", report.Str("format"));
        var columns = report.GetProperty("columns");
        Assert.Equal("Doc No", columns.Str("publicationNumber"));
        Assert.Equal("Filed", columns.Str("filingDate"));
    }

    [Theory]
    [MemberData(nameof(Files))]
    public async Task PostImport_SameFileTwice_SecondReportIsAllUnchanged(string fixture)
    {
        var fields = fixture == "custom.csv" ? CustomMapping() : null;
        await _client.ImportFixtureAsync(fixture, fields);
        var documents = await _client.DocumentCountAsync();

        var second = await _client.ImportFixtureAsync(fixture, fields);

        Assert.Equal(25, second.Long("read"));
        Assert.Equal(25, second.Long("unchanged"));
        Assert.Equal(0, second.Long("imported"));
        Assert.Equal(0, second.Long("updated"));
        Assert.Equal(0, second.Long("rejected"));
        Assert.Equal(documents, await _client.DocumentCountAsync());
    }

    [Fact]
    public async Task PostImport_BadRows_RejectsEachWithRowColumnAndValueAndKeepsGoodRows()
    {
        var before = await _client.DocumentCountAsync();

        var report = await _client.ImportFixtureAsync("bad-rows.csv");

        Assert.Equal(6, report.Long("read"));
        Assert.Equal(4, report.Long("rejected"));
        Assert.Equal(2, report.Long("imported") + report.Long("updated") + report.Long("unchanged"));
        var errors = report.GetProperty("errors").EnumerateArray()
            .Select(e => (Row: e.Long("row"), Column: e.Str("column"), Value: e.Str("value"), Reason: e.Str("reason")))
            .ToList();
        Assert.Equal([3L, 4L, 5L, 7L], errors.Select(e => e.Row).Distinct());
        Assert.Contains(errors, e => e is { Row: 3, Column: "申请日", Value: "2022-13-45" });
        Assert.Contains(errors, e => e.Row == 4 && e.Column == "公开号" && string.IsNullOrEmpty(e.Value));
        Assert.Contains(errors, e => e is { Row: 5, Column: "分类号", Value: "XYZ;A61K31/4439" } || e is { Row: 5, Column: "分类号", Value: "XYZ" });
        Assert.Contains(errors, e => e is { Row: 7, Column: "授权公告日", Value: "not a date" });
        Assert.All(errors, e => Assert.False(string.IsNullOrWhiteSpace(e.Reason)));

        // Rows 2 and 6 are stored and nothing stored before is lost.
        var after = await _client.DocumentCountAsync();
        Assert.InRange(after, before, before + 2);
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync("/api/patents/CN114172148A")).StatusCode);
    }

    [Fact]
    public async Task PostImport_NoPublicationNumberColumn_Answers422NamingTheProblem()
    {
        var csv = "专利名称,申请日,申请人\n一种测试装置,20200101,（示例）测试公司\n"u8.ToArray();
        var before = await _client.DocumentCountAsync();

        using var response = await _client.PostImportAsync(csv, "no-pn.csv");

        var body = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "File cannot be imported", "publication number");
        Assert.Equal("failed", body.GetProperty("report").Str("state"));
        Assert.Equal(before, await _client.DocumentCountAsync());
    }

    [Fact]
    public async Task PostImport_LensFormatForCnipaFile_Answers422NamingTheFormat()
    {
        using var response = await _client.PostImportAsync(Fixtures.Bytes("cnipa.csv"), "cnipa.csv", fields: new Dictionary<string, string>(StringComparer.Ordinal) { ["format"] = "lens" });

        await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "File cannot be imported", "'lens'");
    }

    [Fact]
    public async Task PostImport_NoFileField_Answers400WithParameterFile()
    {
        using var response = await _client.PostImportAsync(Fixtures.Bytes("cnipa.csv"), "cnipa.csv", fileField: "upload");

        var body = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "Invalid request", "'file'");
        Assert.Equal("file", body.Str("parameter"));
    }

    [Fact]
    public async Task PostImport_UnknownFormat_Answers400WithParameterFormatAndLeavesNothingPending()
    {
        using var response = await _client.PostImportAsync(Fixtures.Bytes("cnipa.csv"), "cnipa.csv", fields: new Dictionary<string, string>(StringComparer.Ordinal) { ["format"] = "xyz" });

        var body = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "Invalid request", "'xyz'", "cnipa");
        Assert.Equal("format", body.Str("parameter"));
        Assert.Equal(0, (await _client.GetJsonAsync("/health")).GetProperty("pendingImports").GetInt32());
    }

    [Fact]
    public async Task PostImport_MalformedMapping_Answers400WithParameterMapping()
    {
        using var response = await _client.PostImportAsync(Fixtures.Bytes("custom.csv"), "custom.csv", fields: new Dictionary<string, string>(StringComparer.Ordinal) { ["mapping"] = "{not json" });

        var body = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "Invalid request", "mapping");
        Assert.Equal("mapping", body.Str("parameter"));
    }

    [Fact]
    public async Task GetImport_FinishedImport_ReturnsItsReportAndListsIt()
    {
        var posted = await _client.ImportFixtureAsync("google.csv");
        var id = posted.Str("id")!;

        var report = await _client.GetJsonAsync($"/api/imports/{id}");
        var list = await _client.GetJsonAsync("/api/imports");

        Assert.Equal(id, report.Str("id"));
        Assert.Equal("completed", report.Str("state"));
        Assert.Equal("google", report.Str("format"));
        Assert.Equal(posted.Long("read"), report.Long("read"));
        Assert.Equal(posted.Long("unchanged"), report.Long("unchanged"));
        Assert.NotNull(report.Str("finishedAt"));
        Assert.Contains(list.EnumerateArray(), r => r.Str("id") == id);
        // Newest first.
        var created = list.EnumerateArray().Select(r => r.GetProperty("createdAt").GetDateTimeOffset()).ToList();
        Assert.Equal(created.OrderByDescending(c => c), created);
    }

    [Fact]
    public async Task GetImport_UnknownId_Answers404Problem()
    {
        using var response = await _client.GetAsync("/api/imports/imp-00000000-000000-deadbeef");

        await response.AssertProblemAsync(HttpStatusCode.NotFound, "Not found", "imp-00000000-000000-deadbeef");
    }

    [Fact]
    public async Task DeleteImport_FinishedImport_Answers409WithKeyAnd401Without()
    {
        var id = (await _client.ImportFixtureAsync("lens.csv")).Str("id")!;

        using var withKey = new HttpRequestMessage(HttpMethod.Delete, $"/api/imports/{id}");
        withKey.Headers.Add("X-Api-Key", PatentNavApiFactory.TestApiKey);
        using var conflict = await _client.SendAsync(withKey);
        using var unauthorized = await _client.DeleteAsync($"/api/imports/{id}");

        await conflict.AssertProblemAsync(HttpStatusCode.Conflict, "Import not running", id, "completed");
        await unauthorized.AssertProblemAsync(HttpStatusCode.Unauthorized, "API key required", "X-Api-Key");
        Assert.Equal("completed", (await _client.GetJsonAsync($"/api/imports/{id}")).Str("state"));
    }

    private static Dictionary<string, string> CustomMapping() =>
        new(StringComparer.Ordinal) { ["mapping"] = Fixtures.Text("custom.mapping.json") };

    private static void AssertAll25Stored(JsonElement report, string fixture)
    {
        Assert.True(report.Long("read") == 25, $"{fixture}: {report}");
        Assert.True(report.Long("rejected") == 0, $"{fixture}: {report.GetProperty("errors")}");
        Assert.Empty(report.GetProperty("errors").EnumerateArray());
        Assert.Equal(25, report.Long("imported") + report.Long("updated") + report.Long("unchanged"));
    }
}

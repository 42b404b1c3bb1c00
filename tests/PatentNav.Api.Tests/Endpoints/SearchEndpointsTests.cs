using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using PatentNav.Api.Tests.Infrastructure;
using Sylvan.Data.Csv;
using Xunit;

namespace PatentNav.Api.Tests.Endpoints;

/// <summary>
/// The seeded sample plus one record imported through the Api whose title and applicant start with spreadsheet formula
/// characters (for the CSV download). The data set is fixed before any test runs, so expected counts are computed from it.
/// </summary>
public sealed class SearchApiFactory : PatentNavApiFactory, IAsyncLifetime
{
    public const string FormulaNumber = "ZZ9999990A";
    public const string FormulaTitle = "=HYPERLINK(\"http://example.invalid\",\"示例装置\")";
    public const string FormulaApplicant = "@（示例）公式测试有限公司";

    public static string FormulaRecordJson => JsonSerializer.Serialize(new Dictionary<string, object>(StringComparer.Ordinal)
    {
        ["publicationNumber"] = FormulaNumber,
        ["kind"] = "inventionApplication",
        ["title"] = FormulaTitle,
        ["applicants"] = new[] { FormulaApplicant },
        ["legalStatus"] = "pending",
        ["filingDate"] = "2020-02-02",
        ["synthetic"] = true,
    });

    /// <summary>Every searchable record: the seeded sample and the formula record.</summary>
    public IReadOnlyList<JsonElement> Records { get; } =
        [.. Fixtures.SampleRecords(), JsonDocument.Parse(FormulaRecordJson).RootElement.Clone()];

    public async Task InitializeAsync()
    {
        using var client = CreateClient();
        var report = await client.PostImportAsync(Encoding.UTF8.GetBytes(FormulaRecordJson + "\n"), "formula.jsonl");
        Assert.Equal(HttpStatusCode.OK, report.StatusCode);
        Assert.Equal(Records.Count, await client.DocumentCountAsync());
    }

    Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;
}

public sealed class SearchEndpointsTests(SearchApiFactory factory) : IClassFixture<SearchApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task GetSearch_ChineseWord_ReturnsScoredHitsWithEmHighlights()
    {
        var expected = factory.Records.Count(r => new[] { "title", "abstract", "claims", "firstClaim" }.Any(f => r.Str(f)?.Contains("装置", StringComparison.Ordinal) == true));

        var body = await _client.GetJsonAsync("/api/search?q=" + Uri.EscapeDataString("装置") + "&size=100");

        Assert.Equal(expected, body.Long("total"));
        var items = body.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(expected, items.Count);
        Assert.All(items, i =>
        {
            Assert.False(string.IsNullOrEmpty(i.Str("publicationNumber")));
            Assert.True(i.GetProperty("score").GetSingle() > 0);
            Assert.Equal(JsonValueKind.Object, i.GetProperty("highlights").ValueKind);
        });
        var titled = items.Single(i => i.Str("publicationNumber") == "CN215539907U");
        Assert.Equal("一种乳油生产用配料装置", titled.Str("title"));
        var snippet = Assert.Single(titled.GetProperty("highlights").GetProperty("title").EnumerateArray()).GetString();
        Assert.Contains("<em>", snippet, StringComparison.Ordinal);
        Assert.Contains("装置", snippet, StringComparison.Ordinal);
        var scores = items.Select(i => i.GetProperty("score").GetSingle()).ToList();
        Assert.Equal(scores.OrderByDescending(s => s), scores);
        Assert.Null(body.Str("nextCursor"));
    }

    [Fact]
    public async Task GetSearch_AllFacets_CountsAddUpToTotal()
    {
        var body = await _client.GetJsonAsync("/api/search?facets=year,ipc,applicant,region,kind,status&facetSize=100&size=1");

        var total = body.Long("total");
        Assert.Equal(factory.Records.Count, total);
        var facets = body.GetProperty("facets");
        foreach (var name in new[] { "year", "ipc", "applicant", "region", "kind", "status" })
        {
            Assert.NotEmpty(facets.GetProperty(name).EnumerateArray());
        }

        // Single-valued facets partition the matches.
        Assert.Equal(total, Counts(facets, "kind").Values.Sum());
        Assert.Equal(total, Counts(facets, "status").Values.Sum());
        Assert.Equal(Expected(r => r.Str("kind")), Counts(facets, "kind"));
        Assert.Equal(Expected(r => r.Str("legalStatus")), Counts(facets, "status"));
        Assert.Equal(
            factory.Records.Count(r => r.TryGetProperty("region", out var g) && g.Str("provinceCode") == "32"),
            Counts(facets, "region")["32"]);
        Assert.Equal(
            factory.Records.Count(r => r.TryGetProperty("ipc", out var ipc) && ipc.EnumerateArray().Any(c => c.GetString() == "H02J")),
            Counts(facets, "ipc")["H02J"]);
        Assert.All(facets.GetProperty("year").EnumerateArray(), v => Assert.Matches("^(19|20)[0-9]{2}$", v.Str("value")));
    }

    [Theory]
    [InlineData("H02S")] // subclass
    [InlineData("H02")] // class
    [InlineData("A01C,B01F")] // any of several
    public async Task GetSearch_IpcPrefix_MatchesRecordsWithACodeUnderIt(string ipc)
    {
        var prefixes = ipc.Split(',');
        var expected = factory.Records
            .Where(r => r.TryGetProperty("ipc", out var codes) && codes.EnumerateArray().Any(c => prefixes.Any(p => c.GetString()!.StartsWith(p, StringComparison.Ordinal))))
            .Select(r => r.Str("publicationNumber"))
            .Order(StringComparer.Ordinal)
            .ToList();

        var body = await _client.GetJsonAsync("/api/search?size=100&ipc=" + Uri.EscapeDataString(ipc));

        Assert.NotEmpty(expected);
        Assert.Equal(expected.Count, body.Long("total"));
        Assert.Equal(expected, body.GetProperty("items").EnumerateArray().Select(i => i.Str("publicationNumber")).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task GetSearch_RegionCodeOrName_GiveTheSameHits()
    {
        var expected = factory.Records.Count(r => r.TryGetProperty("region", out var g) && g.Str("cityCode") == "3207");

        var byCode = await _client.GetJsonAsync("/api/search?size=100&region=3207");
        var byName = await _client.GetJsonAsync("/api/search?size=100&region=" + Uri.EscapeDataString("连云港"));

        Assert.Equal(6, expected);
        Assert.Equal(expected, byCode.Long("total"));
        Assert.Equal(expected, byName.Long("total"));
        Assert.Equal(Numbers(byCode), Numbers(byName));
        Assert.All(byCode.GetProperty("items").EnumerateArray(), i => Assert.Contains("连云港", i.Str("region"), StringComparison.Ordinal));
    }

    [Fact]
    public async Task GetSearch_SortDateDesc_OrdersByFilingDateNewestFirst()
    {
        var body = await _client.GetJsonAsync("/api/search?size=100&sort=date_desc");

        var items = body.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(factory.Records.Count, items.Count);
        var dates = items.Select(i => DateOnly.Parse(i.Str("filingDate")!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(dates.OrderByDescending(d => d), dates);
        Assert.All(items, i => Assert.False(i.TryGetProperty("score", out var s) && s.ValueKind == JsonValueKind.Number));
    }

    [Theory]
    [InlineData("")]
    [InlineData("&sort=date_desc")]
    [InlineData("&sort=date_asc")]
    [InlineData("&q=%E8%A3%85%E7%BD%AE")] // 装置: relevance with ties broken by publication number
    public async Task GetSearch_CursorPagesOfFive_CoverAllHitsInOnePageOrder(string query)
    {
        var all = await _client.GetJsonAsync("/api/search?size=100" + query);
        var expected = Numbers(all);

        var paged = new List<string?>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await _client.GetJsonAsync("/api/search?size=5" + query + (cursor is null ? string.Empty : "&cursor=" + Uri.EscapeDataString(cursor)));
            Assert.Equal(all.Long("total"), page.Long("total"));
            var numbers = Numbers(page);
            Assert.InRange(numbers.Count, 1, 5);
            paged.AddRange(numbers);
            cursor = page.Str("nextCursor");
            pages++;
        }
        while (cursor is not null && pages < 50);

        Assert.True(expected.Count > 5, "the test needs more than one page");
        Assert.Equal(expected.Count, paged.Distinct().Count());
        Assert.Equal(expected, paged);
        Assert.Equal((expected.Count + 4) / 5, pages);
    }

    [Fact]
    public async Task GetSearch_FormatCsv_IsUtf8WithBomOneRowPerHitAndFormulaSafe()
    {
        using var response = await _client.GetAsync("/api/search?format=csv&size=100");
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes.Take(3));
        var rows = ReadCsv(bytes, out var header);
        Assert.Equal("publicationNumber", header[0]);
        Assert.Contains("title", header);
        Assert.Contains("applicants", header);
        Assert.Equal(factory.Records.Count, rows.Count);
        Assert.Equal(factory.Records.Select(r => r.Str("publicationNumber")).Order(StringComparer.Ordinal), rows.Select(r => r["publicationNumber"]).Order(StringComparer.Ordinal));

        var formula = rows.Single(r => r["publicationNumber"] == SearchApiFactory.FormulaNumber);
        Assert.Equal("'" + SearchApiFactory.FormulaTitle, formula["title"]);
        Assert.Equal("'" + SearchApiFactory.FormulaApplicant, formula["applicants"]);
        var plain = rows.Single(r => r["publicationNumber"] == "CN215539907U");
        Assert.Equal("一种乳油生产用配料装置", plain["title"]);
        Assert.All(rows.SelectMany(r => r.Values), v => Assert.False(v.Length > 0 && v[0] is '=' or '+' or '-' or '@', $"unsafe cell {v}"));
    }

    [Fact]
    public async Task GetSearch_FormatCsvWithSize_ReturnsAtMostSizeRows()
    {
        var json = await _client.GetJsonAsync("/api/search?size=3&sort=date_asc");

        using var response = await _client.GetAsync("/api/search?format=csv&size=3&sort=date_asc");
        var rows = ReadCsv(await response.Content.ReadAsByteArrayAsync(), out _);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Numbers(json), rows.Select(r => (string?)r["publicationNumber"]).ToList());
    }

    [Fact]
    public async Task GetSearch_UnbalancedParenthesis_Answers400WithParameterQAndPosition()
    {
        using var response = await _client.GetAsync("/api/search?q=" + Uri.EscapeDataString("title:(a"));

        var body = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "Invalid search");
        Assert.Equal("q", body.Str("parameter"));
        Assert.Equal(JsonValueKind.Number, body.GetProperty("position").ValueKind);
        Assert.InRange(body.GetProperty("position").GetInt32(), 1, "title:(a".Length + 1);
    }

    [Fact]
    public async Task GetSearch_UnknownField_Answers400NamingTheField()
    {
        using var response = await _client.GetAsync("/api/search?q=foo:bar");

        var body = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "Invalid search", "unknown field 'foo'");
        Assert.Equal("q", body.Str("parameter"));
    }

    [Theory]
    [InlineData("kind=xyz", "kind", "xyz")]
    [InlineData("status=maybe", "status", "maybe")]
    [InlineData("sort=random", "sort", "random")]
    [InlineData("cursor=not-a-cursor", "cursor", "cursor")]
    [InlineData("from=2020-13-01", "from", "from")]
    [InlineData("facets=colour", "facets", "colour")]
    public async Task GetSearch_BadParameter_Answers400NamingIt(string query, string parameter, string detail)
    {
        using var response = await _client.GetAsync("/api/search?" + query);

        var body = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "Invalid request", detail);
        Assert.Equal(parameter, body.Str("parameter"));
    }

    [Fact]
    public async Task GetSearch_QueryAboveTheLengthLimit_IsAnInvalidRequestNotASyntaxError()
    {
        // A size limit is the caller's request out of range, not a query the parser could not read (issue 15).
        using var response = await _client.GetAsync("/api/search?q=" + new string('a', 10 * 1024));

        var body = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "Invalid request", "characters long");
        Assert.Equal("q", body.Str("parameter"));
        Assert.False(body.TryGetProperty("position", out _));
    }

    [Theory]
    [InlineData("size=0")]
    [InlineData("size=1001")]
    public async Task GetSearch_SizeOutOfRange_IsAnInvalidRequestNotASyntaxError(string query)
    {
        using var response = await _client.GetAsync("/api/search?" + query);

        var body = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "Invalid request", "size must be between 1 and");
        Assert.Equal("size", body.Str("parameter"));
    }

    [Fact]
    public async Task GetSearch_UnknownFormat_Answers400WithParameterFormat()
    {
        using var response = await _client.GetAsync("/api/search?format=xml");

        var body = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "Invalid request", "xml");
        Assert.Equal("format", body.Str("parameter"));
    }

    [Fact]
    public async Task PostSearch_JsonBody_GivesTheSameHitsAsGet()
    {
        var get = await _client.GetJsonAsync("/api/search?size=100&q=" + Uri.EscapeDataString("装置") + "&region=32&ipc=B01,H02");

        using var response = await _client.PostAsJsonAsync("/api/search", new { q = "装置", region = "32", ipc = new[] { "B01", "H02" }, size = 100 });
        var post = await response.ReadJsonAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(get.Long("total") > 0);
        Assert.Equal(get.Long("total"), post.Long("total"));
        Assert.Equal(Numbers(get), Numbers(post));
    }

    [Fact]
    public async Task PostSearch_BadQuery_Answers400Problem()
    {
        using var response = await _client.PostAsJsonAsync("/api/search", new { q = "title:(a" });

        var body = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "Invalid search");
        Assert.Equal("q", body.Str("parameter"));
    }

    private Dictionary<string, long> Expected(Func<JsonElement, string?> key) =>
        factory.Records.GroupBy(r => key(r) ?? "unknown", StringComparer.Ordinal).ToDictionary(g => g.Key, g => (long)g.Count(), StringComparer.Ordinal);

    private static Dictionary<string, long> Counts(JsonElement facets, string name) =>
        facets.GetProperty(name).EnumerateArray().ToDictionary(v => v.Str("value")!, v => v.Long("count"), StringComparer.Ordinal);

    private static List<string?> Numbers(JsonElement page) =>
        page.GetProperty("items").EnumerateArray().Select(i => i.Str("publicationNumber")).ToList();

    private static List<Dictionary<string, string>> ReadCsv(byte[] bytes, out string[] header)
    {
        using var reader = new StreamReader(new MemoryStream(bytes), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        using var csv = CsvDataReader.Create(reader);
        header = Enumerable.Range(0, csv.FieldCount).Select(csv.GetName).ToArray();
        var rows = new List<Dictionary<string, string>>();
        while (csv.Read())
        {
            rows.Add(Enumerable.Range(0, csv.FieldCount).ToDictionary(csv.GetName, csv.GetString, StringComparer.Ordinal));
        }

        return rows;
    }
}

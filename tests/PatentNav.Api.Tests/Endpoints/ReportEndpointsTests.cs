using System.IO.Compression;
using System.Net;
using System.Text.Json;
using PatentNav.Api.Tests.Infrastructure;
using Xunit;

namespace PatentNav.Api.Tests.Endpoints;

/// <summary>The navigation report and its dataset over the 25 seeded records (3207 has one of them in 新医药: C07K/C12P).</summary>
public sealed class ReportEndpointsTests(PatentNavApiFactory factory) : IClassFixture<PatentNavApiFactory>
{
    private const string Query = "place=3207&industry=city:新医药&minSupport=1";

    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task Json_report_has_direction_positioning_and_paths_matching_the_positioning_endpoint()
    {
        var report = await _client.GetJsonAsync("/api/reports/navigation?" + Query);
        var positioning = await _client.GetJsonAsync("/api/positioning?" + Query);

        Assert.Equal("3207", report.GetProperty("scope").GetProperty("place").Str("id"));
        Assert.Equal("新医药", report.GetProperty("scope").Str("industryName"));
        var region = report.GetProperty("positioning").GetProperty("region");
        Assert.Equal(positioning.GetProperty("placeInField").Long("count"), region.GetProperty("placeInField").Long("count"));
        Assert.True(region.GetProperty("placeInField").Long("count") > 0);
        Assert.Equal(positioning.GetProperty("rta").GetDouble(), region.GetProperty("rta").GetDouble());
        Assert.True(report.GetProperty("direction").GetProperty("trend").Long("total") > 0);
        Assert.NotEmpty(report.GetProperty("paths").GetProperty("recommendations").EnumerateArray());
        Assert.True(report.GetProperty("synthetic").GetBoolean());
        Assert.NotNull(report.GetProperty("basis").Str("generatedAt"));
        Assert.Equal(positioning.GetProperty("conventions").Str("cutoff"), report.GetProperty("basis").Str("dataCutoff"));
    }

    [Fact]
    public async Task Html_markdown_and_downloads_have_their_media_types_and_file_names()
    {
        using var html = await _client.GetAsync("/api/reports/navigation?format=html&" + Query);
        Assert.Equal(HttpStatusCode.OK, html.StatusCode);
        Assert.Equal("text/html", html.Content.Headers.ContentType?.MediaType);
        var page = await html.Content.ReadAsStringAsync();
        Assert.StartsWith("<!DOCTYPE html>", page, StringComparison.Ordinal);
        Assert.Contains("<section id=\"paths\">", page, StringComparison.Ordinal);
        Assert.Contains("<svg ", page, StringComparison.Ordinal);

        var fragment = await _client.GetStringAsync("/api/reports/navigation?format=html&fragment=true&" + Query);
        Assert.StartsWith("<article class=\"pn-report\">", fragment, StringComparison.Ordinal);

        using var md = await _client.GetAsync("/api/reports/navigation?format=md&download=true&" + Query);
        Assert.Equal("text/markdown", md.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", md.Content.Headers.ContentDisposition?.DispositionType);
        Assert.EndsWith(".md", md.Content.Headers.ContentDisposition?.FileNameStar ?? md.Content.Headers.ContentDisposition?.FileName?.Trim('"'), StringComparison.Ordinal);
        Assert.Contains("## 三、发展路径（路径）", await md.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var json = await _client.GetAsync("/api/reports/navigation?download=true&" + Query);
        Assert.Equal("attachment", json.Content.Headers.ContentDisposition?.DispositionType);
        using var doc = JsonDocument.Parse(await json.Content.ReadAsStringAsync());
        Assert.Equal("3207", doc.RootElement.GetProperty("scope").GetProperty("place").Str("id"));
    }

    [Fact]
    public async Task Dataset_comes_as_a_zip_of_csv_files_or_an_xlsx_workbook()
    {
        using var csv = await _client.GetAsync("/api/reports/navigation/data?" + Query);
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("application/zip", csv.Content.Headers.ContentType?.MediaType);
        using (var zip = new ZipArchive(await csv.Content.ReadAsStreamAsync()))
        {
            var names = zip.Entries.Select(e => e.FullName).ToList();
            Assert.Contains("parameters.csv", names);
            Assert.Contains("chokepoints.csv", names);
            Assert.Contains("recommendations.csv", names);
        }

        using var xlsx = await _client.GetAsync("/api/reports/navigation/data?format=xlsx&" + Query);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Content.Headers.ContentType?.MediaType);
        var bytes = await xlsx.Content.ReadAsByteArrayAsync();
        Assert.Equal((byte)'P', bytes[0]);
        Assert.Equal((byte)'K', bytes[1]);
    }

    [Fact]
    public async Task Dataset_as_parquet_reads_back_in_duckdb_with_the_csv_rows()
    {
        using var parquet = await _client.GetAsync("/api/reports/navigation/data?format=parquet&" + Query);
        Assert.Equal(HttpStatusCode.OK, parquet.StatusCode);
        using var csv = await _client.GetAsync("/api/reports/navigation/data?" + Query);
        var dir = Path.Combine(Path.GetTempPath(), "patentnav-parquet-test-" + Guid.NewGuid().ToString("N"));
        try
        {
            new ZipArchive(await parquet.Content.ReadAsStreamAsync()).ExtractToDirectory(dir);
            using var csvZip = new ZipArchive(await csv.Content.ReadAsStreamAsync());
            using var connection = new DuckDB.NET.Data.DuckDBConnection("Data Source=:memory:");
            connection.Open();
            Assert.Equal(
                csvZip.Entries.Select(e => Path.GetFileNameWithoutExtension(e.FullName)).Order(StringComparer.Ordinal),
                Directory.GetFiles(dir).Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal));
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT count(*), sum(\"patents\") FROM '{Path.Combine(dir, "trend_field.parquet")}'";
            using var result = command.ExecuteReader();
            Assert.True(result.Read());
            using var reader = new StreamReader(csvZip.GetEntry("trend_field.csv")!.Open());
            var lines = (await reader.ReadToEndAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            Assert.True(result.GetInt64(0) > 0);
            Assert.Equal(lines.Length - 1, result.GetInt64(0)); // numbers only: one line per row
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Theory]
    [InlineData("/api/reports/navigation?industry=city:高端石化", "place")]
    [InlineData("/api/reports/navigation?place=atlantis&industry=city:高端石化", "place")]
    [InlineData("/api/reports/navigation?place=3207", "industry")]
    [InlineData("/api/reports/navigation?place=3207&industry=city:高端石化&top=0", "top")]
    [InlineData("/api/reports/navigation?place=3207&industry=city:高端石化&format=pdf", "format")]
    [InlineData("/api/reports/navigation?place=3207&industry=city:高端石化&benchmark=mars", "benchmark")]
    [InlineData("/api/reports/navigation/data?place=3207&industry=city:高端石化&format=ods", "format")]
    [InlineData("/api/reports/navigation?place=3207&industry=city:高端石化&clusters=many", "clusters")]
    [InlineData("/api/reports/navigation?place=3207&industry=city:高端石化&clusters=1", "clusters")]
    public async Task Bad_requests_are_400_problems_naming_the_parameter(string url, string parameter)
    {
        using var response = await _client.GetAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.ReadJsonAsync();
        Assert.Equal(parameter, problem.Str("parameter"));
    }

    [Fact]
    public async Task Both_operations_are_documented_with_their_errors()
    {
        var swagger = await _client.GetJsonAsync("/swagger/v1/swagger.json");
        foreach (var path in new[] { "/api/reports/navigation", "/api/reports/navigation/data" })
        {
            var responses = swagger.GetProperty("paths").GetProperty(path).GetProperty("get").GetProperty("responses");
            foreach (var code in new[] { "200", "400", "401", "503" })
            {
                Assert.True(responses.TryGetProperty(code, out _), $"{path} documents no {code}");
            }
        }
    }
}

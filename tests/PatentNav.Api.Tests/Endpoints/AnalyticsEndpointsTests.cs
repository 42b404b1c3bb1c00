using System.Net;
using System.Text.Json;
using PatentNav.Api.Tests.Infrastructure;
using Xunit;

namespace PatentNav.Api.Tests.Endpoints;

public sealed class AnalyticsEndpointsTests(PatentNavApiFactory factory) : IClassFixture<PatentNavApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Theory]
    [InlineData("")]
    [InlineData("&kind=inventionApplication")]
    public async Task GetTrends_YearCountsEqualYearFacet(string filter)
    {
        Assert.Equal(PatentNavApiFactory.SeededDocuments, await _client.DocumentCountAsync());
        var facets = await _client.GetJsonAsync("/api/facets?facets=year&facetSize=1000" + filter);
        var expected = facets.GetProperty("facets").GetProperty("year").EnumerateArray()
            .ToDictionary(v => int.Parse(v.Str("value")!, System.Globalization.CultureInfo.InvariantCulture), v => v.Long("count"));

        var trends = await _client.GetJsonAsync("/api/trends?dateField=filing" + filter);

        var years = trends.GetProperty("years").EnumerateArray().ToList();
        Assert.Equal(expected.OrderBy(kv => kv.Key), years.Where(y => y.Long("count") > 0).Select(y => new KeyValuePair<int, long>(y.GetProperty("year").GetInt32(), y.Long("count"))));
        Assert.All(years.Where(y => !expected.ContainsKey(y.GetProperty("year").GetInt32())), y => Assert.Equal(0, y.Long("count")));
        Assert.Equal(facets.Long("total"), trends.Long("total"));
        Assert.Equal("filing", trends.Str("dateField"));
        Assert.NotNull(trends.Str("cutoff"));
        Assert.Contains(trends.GetProperty("growth").GetProperty("fitted").ValueKind, new[] { JsonValueKind.True, JsonValueKind.False });
        Assert.False(string.IsNullOrEmpty(trends.GetProperty("lifecycle").Str("rule")));
        Assert.True(trends.GetProperty("tooFew").GetBoolean(), "25 sample patents are too few for a reliable rate");
    }

    [Fact]
    public async Task GetTrends_CutoffMakesLastYearIncomplete()
    {
        var trends = await _client.GetJsonAsync("/api/trends?cutoff=2030-06-30");

        Assert.Equal("2030-06-30", trends.Str("cutoff"));
        Assert.Equal([2030], trends.GetProperty("incompleteYears").EnumerateArray().Select(y => y.GetInt32()));
        Assert.Contains(trends.GetProperty("notes").EnumerateArray(), n => n.GetString()!.Contains("2030 is incomplete", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("/api/trends", "dateField=issued", "dateField")]
    [InlineData("/api/trends", "cutoff=2024-13-45", "cutoff")]
    [InlineData("/api/applicants", "top=0", "top")]
    [InlineData("/api/applicants", "top=501", "top")]
    [InlineData("/api/applicants", "kind=patent", "kind")]
    [InlineData("/api/industries/sei", "industry=sei:3", "industry")]
    [InlineData("/api/industries/nope", "", "taxonomy")]
    [InlineData("/api/industries/city", "cutoff=2024-02-30", "cutoff")]
    public async Task GetAnalytics_BadParameter_Returns400NamingIt(string path, string query, string parameter)
    {
        using var response = await _client.GetAsync(path + "?" + query);

        var body = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "Invalid request");
        Assert.Equal(parameter, body.Str("parameter"));
    }

    [Fact]
    public async Task GetIndustries_CountsMatchTheIndustryFilter()
    {
        Assert.Equal(PatentNavApiFactory.SeededDocuments, await _client.DocumentCountAsync());
        var report = await _client.GetJsonAsync("/api/industries/sei");

        Assert.Equal(PatentNavApiFactory.SeededDocuments, report.Long("patents"));
        var items = report.GetProperty("industries").EnumerateArray().ToList();
        Assert.Equal(49, items.Count);
        foreach (var item in items.Where(i => i.Long("patents") > 0))
        {
            var search = await _client.GetJsonAsync("/api/search?size=1&industry=" + Uri.EscapeDataString(item.Str("id")!));
            Assert.Equal(search.Long("total"), item.Long("patents"));
        }

        Assert.Contains(items, i => i.Long("patents") > 0);
        Assert.All(items, i => Assert.NotNull(i.Str("name")));
    }

    [Fact]
    public async Task Swagger_DescribesTrends()
    {
        var doc = await _client.GetJsonAsync("/swagger/v1/swagger.json");

        var get = doc.GetProperty("paths").GetProperty("/api/trends").GetProperty("get");
        Assert.Contains("生命周期", get.Str("summary"), StringComparison.Ordinal);
        Assert.Contains("增长率", get.Str("description"), StringComparison.Ordinal);
        var names = get.GetProperty("parameters").EnumerateArray().Select(p => p.Str("name")).ToList();
        Assert.Contains("dateField", names);
        Assert.Contains("cutoff", names);
        Assert.Contains("industry", names);
        Assert.DoesNotContain("cursor", names);
    }

    [Fact]
    public async Task GetApplicants_TopApplicantCount_EqualsSearchByItsName()
    {
        Assert.Equal(PatentNavApiFactory.SeededDocuments, await _client.DocumentCountAsync());

        var ranking = await _client.GetJsonAsync("/api/applicants?top=5");

        Assert.Equal(PatentNavApiFactory.SeededDocuments, ranking.Long("patents"));
        Assert.False(ranking.GetProperty("firstApplicantOnly").GetBoolean());
        var applicants = ranking.GetProperty("applicants").EnumerateArray().ToList();
        Assert.Equal(5, applicants.Count);
        var top = applicants[0];
        Assert.Equal(1, top.Long("rank"));
        Assert.Equal(2, top.Long("patents"));
        Assert.True(ranking.GetProperty("synthetic").GetBoolean());
        var search = await _client.GetJsonAsync("/api/search?size=1&applicant=" + Uri.EscapeDataString(top.Str("name")!));
        Assert.Equal(search.Long("total"), top.Long("patents"));
        Assert.False(string.IsNullOrEmpty(top.Str("typeRule")));
        Assert.False(string.IsNullOrEmpty(top.Str("originBasis")));
    }

    [Fact]
    public async Task GetApplicants_FirstOnly_SharesAddUpToAtMostOne()
    {
        var all = await _client.GetJsonAsync("/api/applicants?top=500");
        var first = await _client.GetJsonAsync("/api/applicants?top=500&firstOnly=true");

        Assert.True(first.GetProperty("firstApplicantOnly").GetBoolean());
        var firstTotal = first.GetProperty("applicants").EnumerateArray().Sum(a => a.Long("patents"));
        var allTotal = all.GetProperty("applicants").EnumerateArray().Sum(a => a.Long("patents"));
        Assert.Equal(PatentNavApiFactory.SeededDocuments, firstTotal);
        Assert.True(allTotal > firstTotal, "the sample has co-applicants");
        var foreign = all.GetProperty("applicants").EnumerateArray().Where(a => a.Str("origin") == "foreign").Select(a => a.Str("name")).ToList();
        Assert.Contains("(示例)Weidenbrück Maschinenbau GmbH", foreign);
    }

    [Fact]
    public async Task PatentDataset_RunningTheRankingStatementsOnIt_GivesTheSameRanking()
    {
        // The reproducibility promise: the statements of a response, run with their parameters on the exported rows.
        var ranking = await _client.GetJsonAsync("/api/applicants?top=5&kind=inventionApplication");
        var statement = ranking.GetProperty("statements").EnumerateArray().Single(s => s.Str("purpose") == "ranking");

        var (rows, exported) = await RunOnDatasetAsync("kind=inventionApplication", statement);

        var expected = ranking.GetProperty("applicants").EnumerateArray().Select(a => (a.Str("key"), a.Long("patents"))).ToList();
        Assert.Equal(5, expected.Count);
        Assert.Equal(expected, rows.Select(r => ((string?)r[0], Convert.ToInt64(r[1], System.Globalization.CultureInfo.InvariantCulture))));
        Assert.Equal(exported, ranking.Long("patents"));
    }

    [Fact]
    public async Task PatentDataset_RunningTheHighValueStatementOnIt_GivesTheIndicatorsCounts()
    {
        var indicator = await _client.GetJsonAsync("/api/high-value/indicator?place=32");
        var statement = indicator.GetProperty("statements").EnumerateArray().Single(s => s.Str("purpose") == "high-value stock");

        // The statement counts the place's rows: export the place (region=32) and run it on them.
        var (rows, _) = await RunOnDatasetAsync("region=32", statement);

        var domestic = rows.Single(r => (string?)r[0] == "domestic");
        Assert.True(indicator.Long("validInventions") > 0, "the seed has valid inventions in 32");
        Assert.Equal(indicator.Long("validInventions"), Convert.ToInt64(domestic[1], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(indicator.Long("highValue"), Convert.ToInt64(domestic[2], System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>Downloads <c>/api/dataset/patents</c> for the filter, loads it as table <c>patent</c> into an in-memory
    /// DuckDB and runs the statement with its parameters as the response states them (JSON values, as a Python user
    /// passes them); returns the rows and the dataset's row count.</summary>
    private async Task<(List<object?[]> Rows, long Exported)> RunOnDatasetAsync(string filter, JsonElement statement)
    {
        using var response = await _client.GetAsync("/api/dataset/patents?" + filter);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.apache.parquet", response.Content.Headers.ContentType?.MediaType);
        var file = Path.Combine(Path.GetTempPath(), "patentnav-dataset-test-" + Guid.NewGuid().ToString("N") + ".parquet");
        try
        {
            await File.WriteAllBytesAsync(file, await response.Content.ReadAsByteArrayAsync());
            using var connection = new DuckDB.NET.Data.DuckDBConnection("Data Source=:memory:");
            connection.Open();
            using (var load = connection.CreateCommand())
            {
                load.CommandText = $"CREATE TABLE patent AS FROM '{file}'";
                load.ExecuteNonQuery();
            }

            using var command = connection.CreateCommand();
            command.CommandText = statement.Str("sql");
            foreach (var p in statement.GetProperty("parameters").EnumerateObject())
            {
                object? value = p.Value.ValueKind switch
                {
                    JsonValueKind.String => p.Value.GetString(),
                    JsonValueKind.Number => p.Value.TryGetInt64(out var n) ? n : p.Value.GetDouble(),
                    JsonValueKind.True or JsonValueKind.False => p.Value.GetBoolean(),
                    JsonValueKind.Array => p.Value.EnumerateArray().Select(e => e.GetString()!).ToArray(),
                    _ => null,
                };
                command.Parameters.Add(new DuckDB.NET.Data.DuckDBParameter(p.Name, value));
            }

            using var reader = command.ExecuteReader();
            var rows = new List<object?[]>();
            while (reader.Read())
            {
                var row = new object?[reader.FieldCount];
                for (var i = 0; i < row.Length; i++)
                {
                    row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
                }

                rows.Add(row);
            }

            return (rows, long.Parse(response.Headers.GetValues("X-PatentNav-Rows").Single(), System.Globalization.CultureInfo.InvariantCulture));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Swagger_DescribesApplicants()
    {
        var doc = await _client.GetJsonAsync("/swagger/v1/swagger.json");

        var get = doc.GetProperty("paths").GetProperty("/api/applicants").GetProperty("get");
        Assert.Contains("申请人排名", get.Str("summary"), StringComparison.Ordinal);
        Assert.Contains("申请人类型", get.Str("description"), StringComparison.Ordinal);
        Assert.Contains("国内/国外", get.Str("description"), StringComparison.Ordinal);
        var names = get.GetProperty("parameters").EnumerateArray().Select(p => p.Str("name")).ToList();
        Assert.Contains("top", names);
        Assert.Contains("firstOnly", names);
        Assert.Contains("applicant", names);
    }
}

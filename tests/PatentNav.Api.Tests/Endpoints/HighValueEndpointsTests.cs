using System.Net;
using System.Net.Http.Json;
using System.Text;
using PatentNav.Api.Tests.Infrastructure;
using Xunit;

namespace PatentNav.Api.Tests.Endpoints;

public sealed class HighValueEndpointsTests(PatentNavApiFactory factory) : IClassFixture<PatentNavApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    private async Task<HttpResponseMessage> PutListAsync(string list, string csv, string? key = PatentNavApiFactory.TestApiKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, "/api/reference/" + list) { Content = new StringContent(csv, Encoding.UTF8, "text/csv") };
        if (key is not null)
        {
            request.Headers.Add("X-Api-Key", key);
        }

        return await _client.SendAsync(request);
    }

    [Fact]
    public async Task Population_list_is_stored_and_used_by_the_indicator()
    {
        Assert.Equal(PatentNavApiFactory.SeededDocuments, await _client.DocumentCountAsync());
        using (var put = await PutListAsync("population", "地区,年份,人口\n3207,2023,459.4万\n3207,2024,459.0万\n32,2024,85260000\n"))
        {
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
            Assert.Equal(3, (await put.ReadJsonAsync()).GetProperty("population").GetInt32());
        }

        var indicator = await _client.GetJsonAsync("/api/high-value/indicator?place=32&at=2024-12-31&maintenanceYears=10");

        Assert.Equal("32", indicator.Str("place"));
        Assert.Equal(85_260_000, indicator.Long("population"));
        var valid = indicator.Long("validInventions");
        var high = indicator.Long("highValue");
        Assert.InRange(high, 0, valid);
        Assert.Equal(Math.Round(high / 8526.0, 4), indicator.GetProperty("highValuePerTenThousand").GetDouble(), 6);
        Assert.Contains("assessed at 2024-12-31", indicator.Str("parameters"), StringComparison.Ordinal);
        Assert.Equal(5, indicator.GetProperty("byCriterion").GetArrayLength());
    }

    [Fact]
    public async Task A_bad_list_is_refused_whole_naming_rows_and_columns()
    {
        using var bad = await PutListAsync("pledges", "publication_number,amount\nCN114081026B,100\nCN1,abc\n");
        var problem = await bad.AssertProblemAsync(HttpStatusCode.BadRequest, "Invalid reference list", "nothing was stored");
        var errors = problem.GetProperty("errors").EnumerateArray().ToList();
        Assert.Equal(2, errors.Count);
        Assert.All(errors, e => Assert.Equal(3, e.GetProperty("row").GetInt32()));
        Assert.Contains(errors, e => e.Str("column") == "amount" && e.Str("value") == "abc");

        var stored = await _client.GetJsonAsync("/api/reference");
        Assert.False(stored.TryGetProperty("pledgeAmounts", out var pledges) && pledges.ValueKind != System.Text.Json.JsonValueKind.Null, "no pledge list was stored");

        using var unknown = await PutListAsync("salaries", "a,b\n1,2\n");
        await unknown.AssertProblemAsync(HttpStatusCode.BadRequest, "Invalid request", "pledges, awards or population");
        using var noKey = await PutListAsync("awards", "publication_number,award\nCN114081026B,中国专利金奖\n", key: null);
        Assert.Equal(HttpStatusCode.Unauthorized, noKey.StatusCode);
    }

    [Fact]
    public async Task One_patent_and_the_list_and_its_csv()
    {
        var search = await _client.GetJsonAsync("/api/search?size=1&kind=inventionGrant&status=valid");
        Assert.True(search.Long("total") > 0, "the seed has valid invention grants");
        var pn = search.GetProperty("items")[0].Str("publicationNumber")!;

        var one = await _client.GetJsonAsync($"/api/high-value/patents/{pn}");
        Assert.Equal(pn, one.Str("publicationNumber"));
        Assert.Equal(5, one.GetProperty("criteria").GetArrayLength());
        Assert.Contains(one.Str("verdict"), new[] { "highValue", "notHighValue", "undetermined" });

        var list = await _client.GetJsonAsync("/api/high-value/patents?top=2");
        Assert.Equal(search.Long("total"), list.Long("patents"));
        Assert.True(list.GetProperty("items").GetArrayLength() <= 2);
        Assert.Equal(list.Long("patents"), list.GetProperty("counts").EnumerateObject().Sum(p => p.Value.GetInt64()));

        using var csv = await _client.GetAsync("/api/high-value/patents?format=csv");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var text = await csv.Content.ReadAsStringAsync();
        Assert.StartsWith("publicationNumber,title,verdict,strategicEmergingIndustry", text.TrimStart('\uFEFF'), StringComparison.Ordinal);
        Assert.Equal(list.Long("patents") + 1, text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);

        using var missing = await _client.GetAsync("/api/high-value/patents/CN999999999B");
        await missing.AssertProblemAsync(HttpStatusCode.NotFound, "Not found");
    }

    [Theory]
    [InlineData("/api/high-value/indicator?place=连云港", "place")]
    [InlineData("/api/high-value/indicator?place=3207&at=2024-02-30", "at")]
    [InlineData("/api/high-value/patents?maintenanceYears=0", "maintenanceYears")]
    [InlineData("/api/high-value/patents?maintenanceOrigin=priority", "maintenanceOrigin")]
    [InlineData("/api/high-value/patents?verdict=maybe", "verdict")]
    [InlineData("/api/targets?place=3207x", "place")]
    public async Task Bad_parameters_are_400_naming_them(string url, string parameter)
    {
        using var response = await _client.GetAsync(url);
        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "Invalid request");
        Assert.Equal(parameter, problem.Str("parameter"));
    }

    [Fact]
    public async Task Targets_report_progress_and_what_cannot_be_measured()
    {
        var report = await _client.GetJsonAsync("/api/targets?place=3207");
        var targets = report.GetProperty("targets").EnumerateArray().ToList();
        Assert.Equal(4, targets.Count);
        var pledge = targets.Single(t => t.GetProperty("target").Str("metric") == "pledgeFinancing");
        Assert.False(pledge.GetProperty("evaluable").GetBoolean());
        Assert.Contains("pledge", pledge.Str("reason"), StringComparison.Ordinal);
        var grants = targets.Single(t => t.GetProperty("target").Str("metric") == "newInventionGrants");
        Assert.True(grants.GetProperty("evaluable").GetBoolean());

        using var custom = await _client.PostAsJsonAsync("/api/targets?place=32", new[] { new { id = "g", name = "新增发明授权 10 件", metric = "newInventionGrants", value = 10, start = "2020-01-01", end = "2030-12-31", source = "test" } });
        Assert.Equal(HttpStatusCode.OK, custom.StatusCode);
        var one = (await custom.ReadJsonAsync()).GetProperty("targets")[0];
        Assert.Equal("g", one.GetProperty("target").Str("id"));

        using var empty = await _client.PostAsJsonAsync("/api/targets?place=32", Array.Empty<object>());
        await empty.AssertProblemAsync(HttpStatusCode.BadRequest, "Invalid request", "non-empty");
    }
}

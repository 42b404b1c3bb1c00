using System.Net;
using System.Net.Http.Json;
using PatentNav.Api.Tests.Infrastructure;
using Xunit;

namespace PatentNav.Api.Tests.Endpoints;

public sealed class NeedEndpointsTests(PatentNavApiFactory factory) : IClassFixture<PatentNavApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task A_need_finds_the_patent_it_was_written_from()
    {
        Assert.Equal(PatentNavApiFactory.SeededDocuments, await _client.DocumentCountAsync());
        var search = await _client.GetJsonAsync("/api/search?size=25");
        var target = search.GetProperty("items").EnumerateArray().First(i => i.Str("title") is { Length: > 8 });

        using var response = await _client.PostAsJsonAsync("/api/needs/match", new { text = "需要" + target.Str("title") + "的技术", top = 5 });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await response.ReadJsonAsync();
        var patents = result.GetProperty("patents").EnumerateArray().ToList();
        Assert.Contains(patents, p => p.Str("publicationNumber") == target.Str("publicationNumber"));
        Assert.All(patents, p => Assert.False(string.IsNullOrEmpty(p.Str("reason"))));
        Assert.Contains(result.GetProperty("terms").EnumerateArray(), t => t.GetProperty("used").GetBoolean());

        using var csv = await _client.PostAsJsonAsync("/api/needs/match?format=csv", new { text = "需要" + target.Str("title") + "的技术", top = 5 });
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("rank,publicationNumber,title", (await csv.Content.ReadAsStringAsync()).TrimStart('\uFEFF'), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{}", "text")]
    [InlineData("{\"text\":\"碳纤维\",\"top\":0}", "top")]
    [InlineData("{\"text\":\"碳纤维\",\"holderType\":\"alien\"}", "holderType")]
    [InlineData("{\"text\":\"碳纤维\",\"industry\":\"city:不存在\"}", "industry")]
    public async Task Bad_requests_are_400_naming_the_field(string body, string parameter)
    {
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        using var response = await _client.PostAsync("/api/needs/match", content);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(parameter, (await response.ReadJsonAsync()).Str("parameter"));
    }
}

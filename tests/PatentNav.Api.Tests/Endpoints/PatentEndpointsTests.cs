using System.Net;
using PatentNav.Api.Tests.Infrastructure;
using Xunit;

namespace PatentNav.Api.Tests.Endpoints;

public sealed class PatentEndpointsTests(PatentNavApiFactory factory) : IClassFixture<PatentNavApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Theory]
    [InlineData("CN114066023A")]
    [InlineData("CN 114066023 A")]
    [InlineData("CN-114066023-A")]
    [InlineData("cn114066023a")]
    public async Task GetPatent_SeededNumberInAnyWrittenForm_ReturnsTheRecord(string written)
    {
        var record = await _client.GetJsonAsync("/api/patents/" + Uri.EscapeDataString(written));

        Assert.Equal("CN114066023A", record.Str("publicationNumber"));
        Assert.Equal("一种适用于分布式储能方案的收益预测方法", record.Str("title"));
        Assert.Equal("inventionApplication", record.Str("kind"));
        Assert.Equal("3207", record.GetProperty("region").Str("cityCode"));
        Assert.True(record.GetProperty("synthetic").GetBoolean());
    }

    [Fact]
    public async Task GetPatent_UnknownNumber_Answers404Problem()
    {
        using var response = await _client.GetAsync("/api/patents/CN999999999A");

        await response.AssertProblemAsync(HttpStatusCode.NotFound, "Not found", "CN999999999A");
    }

    [Fact]
    public async Task GetSimilar_SeededNumber_ReturnsOthersNotItself()
    {
        var body = await _client.GetJsonAsync("/api/patents/CN%20114066023%20A/similar?size=5");

        Assert.Equal("CN114066023A", body.Str("publicationNumber"));
        var items = body.GetProperty("items").EnumerateArray().ToList();
        Assert.NotEmpty(items);
        Assert.InRange(items.Count, 1, 5);
        Assert.DoesNotContain(items, i => i.Str("publicationNumber") == "CN114066023A");
        var scores = items.Select(i => i.GetProperty("score").GetSingle()).ToList();
        Assert.Equal(scores.OrderByDescending(s => s), scores);
    }

    [Fact]
    public async Task GetSimilar_UnknownNumber_Answers404Problem()
    {
        using var response = await _client.GetAsync("/api/patents/CN999999999A/similar");

        await response.AssertProblemAsync(HttpStatusCode.NotFound, "Not found", "CN999999999A");
    }

    [Fact]
    public async Task GetSimilar_SizeOutOfRange_Answers400WithParameterSize()
    {
        using var response = await _client.GetAsync("/api/patents/CN114066023A/similar?size=0");

        var body = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "Invalid request", "size");
        Assert.Equal("size", body.Str("parameter"));
    }
}

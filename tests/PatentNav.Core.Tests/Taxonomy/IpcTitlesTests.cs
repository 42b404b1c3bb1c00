using System.Text.Json;
using PatentNav.Analytics;
using PatentNav.Taxonomy;

namespace PatentNav.Tests.Taxonomy;

/// <summary>WIPO's IPC titles (Resources/ipc-titles, from ../shared/data/ipc-titles-en) on every unit shown.</summary>
public sealed class IpcTitlesTests
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    [Theory]
    [InlineData("C08K", "Use of inorganic or non-macromolecular organic substances as compounding ingredients")]
    [InlineData("c08k", "Use of inorganic or non-macromolecular organic substances as compounding ingredients")]
    [InlineData("B21B", "Rolling of metal")]
    [InlineData("A01B 1/00", "Hand tools")] // a main group the list carries: its own title, without the cross-reference
    [InlineData("A01B1/02", "Hand tools")] // a subgroup: its main group's title
    [InlineData("C08K 3/04", "Use of inorganic or non-macromolecular organic substances as compounding ingredients")] // no group titles for C08K: the subclass's
    [InlineData("A01", "Agriculture; forestry; animal husbandry; hunting; trapping; fishing")] // a class, in sentence case
    public void Title_IsWiposTitleOfTheMostPreciseLevelItHas(string code, string expected) =>
        Assert.Equal(expected, IpcTitles.Title(code));

    [Theory]
    [InlineData("Z99Z")]
    [InlineData("")]
    [InlineData(null)]
    public void Title_IsNullForACodeTheIpcDoesNotHave(string? code) => Assert.Null(IpcTitles.Title(code));

    [Fact]
    public void ShortTitle_IsTheFirstClause_CutAtAWordWithinSixtyCharacters()
    {
        Assert.Equal("Signalling or calling systems", IpcTitles.ShortTitle("G08B"));
        var battery = IpcTitles.ShortTitle("H01M");
        Assert.NotNull(battery);
        Assert.True(battery.Length <= 61, battery);
        Assert.EndsWith("…", battery, StringComparison.Ordinal);
        Assert.StartsWith("Processes or means, e.g. batteries, for the direct", battery, StringComparison.Ordinal);
        Assert.Equal("G08B Signalling or calling systems", IpcTitles.Labelled("G08B"));
        Assert.Equal("Z99Z", IpcTitles.Labelled("Z99Z"));
    }

    [Fact]
    public void TechnologyPosition_CarriesTheTitle_InItsJson()
    {
        var position = new TechnologyPosition("B21B", new CountInterval(5, 1.6, 11.7), 10, 4.1, 1.3, 9.6, false);
        using var json = JsonDocument.Parse(JsonSerializer.Serialize(position, Web));
        Assert.Equal("Rolling of metal", json.RootElement.GetProperty("title").GetString());
    }
}

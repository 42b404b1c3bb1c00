using PatentNav.Records;
using PatentNav.Taxonomy;

namespace PatentNav.Tests.Taxonomy;

public sealed class IpcPatternTests
{
    [Theory]
    [InlineData("G06F1*", "G06F 1/16", true)]
    [InlineData("G06F1*", "G06F 1/00", true)]
    [InlineData("G06F1*", "G06F 11/14", false)] // a main-group number, not a digit prefix
    [InlineData("G06F1*", "G06F 10/00", false)]
    [InlineData("G06F1*", "G06F", false)] // a subclass-level code is too coarse for a group pattern
    [InlineData("A61K33*", "A61K 33/06", true)]
    [InlineData("A61K33*", "A61K 31/44", false)]
    [InlineData("B41J*", "B41J 2/01", true)]
    [InlineData("B41J*", "B41J", true)]
    [InlineData("B41J*", "B41F 1/00", false)]
    [InlineData("C08*", "C08F 4/00", true)]
    [InlineData("C08*", "C09D", false)]
    [InlineData("G16H", "G16H 50/20", true)] // a bare subclass covers the subclass
    [InlineData("H03M13", "H03M 13/11", true)] // a bare main group covers the group
    public void Matches_WildcardAndLevelPatterns_FollowSourceSemantics(string pattern, string code, bool expected) =>
        Assert.Equal(expected, IpcPattern.Parse(pattern).Matches(IpcCode.Parse(code)));

    [Theory]
    [InlineData("G06F 9/44", true)]
    [InlineData("G06F 9/445", false)] // exact: deeper subgroups are listed separately in the table
    [InlineData("G06F 9/00", false)]
    [InlineData("G06F 9", false)]
    [InlineData("G06F", false)]
    public void Matches_ExactSubgroup_MatchesOnlyThatSubgroup(string code, bool expected) =>
        Assert.Equal(expected, IpcPattern.Parse("G06F9/44").Matches(IpcCode.Parse(code)));

    [Fact]
    public void Parse_Levels_AreReported()
    {
        Assert.Equal(IpcLevel.Class, IpcPattern.Parse("C08*").Level);
        Assert.Equal(IpcLevel.Subclass, IpcPattern.Parse("B41J*").Level);
        Assert.Equal(IpcLevel.MainGroup, IpcPattern.Parse("G06F1*").Level);
        Assert.Equal(IpcLevel.Subgroup, IpcPattern.Parse("G06F9/44").Level);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("G06F9/44*", "subgroup")]
    [InlineData("G0*6F", "only at the end")]
    [InlineData("XYZ", "expected an IPC pattern")]
    [InlineData("A61*K", "only at the end")]
    public void TryParse_Invalid_ExplainsWhy(string text, string reason)
    {
        var r = IpcPattern.TryParse(text);

        Assert.False(r.Success);
        Assert.Contains(reason, r.Error, StringComparison.Ordinal);
    }
}

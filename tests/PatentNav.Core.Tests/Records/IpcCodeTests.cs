using PatentNav.Records;

namespace PatentNav.Tests.Records;

public class IpcCodeTests
{
    [Theory]
    [InlineData("A61K 31/4439")]
    [InlineData("A61K31/4439")]
    [InlineData("A61K0031443900")]
    [InlineData("A61K31/4439(2006.01)")]
    [InlineData("Ａ６１Ｋ３１／４４３９")]
    [InlineData(" a61k 31 / 4439 ")]
    public void TryParse_WrittenForms_GiveTheSameSubgroup(string text)
    {
        var r = IpcCode.TryParse(text);

        Assert.True(r.Success, r.Error);
        Assert.Equal("A61K 31/4439", r.Value.ToString());
        Assert.Equal("A61K31/4439", r.Value.Compact);
        Assert.Equal(IpcLevel.Subgroup, r.Value.Level);
    }

    [Fact]
    public void TryParse_MainGroupWithoutSlash_IsMainGroupLevel()
    {
        var code = IpcCode.Parse("A61K 31");

        Assert.Equal(IpcLevel.MainGroup, code.Level);
        Assert.Equal("A61K 31/00", code.ToString());
    }

    [Theory]
    [InlineData("C08", IpcLevel.Class)]
    [InlineData("C", IpcLevel.Section)]
    [InlineData("C08F", IpcLevel.Subclass)]
    public void TryParse_ShortCodes_HaveTheirLevel(string text, IpcLevel level) =>
        Assert.Equal(level, IpcCode.Parse(text).Level);

    [Theory]
    [InlineData("XYZ")]
    [InlineData("A61 31/00")]
    [InlineData("A61K 0/00")]
    [InlineData("")]
    public void TryParse_BadInput_FailsWithReason(string text)
    {
        var r = IpcCode.TryParse(text);

        Assert.False(r.Success);
        Assert.Contains("expected an IPC code like A61K 31/4439", r.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void LevelKeys_Subgroup_ListsEveryLevelFromSection()
    {
        Assert.Equal(["A", "A61", "A61K", "A61K31", "A61K31/4439"], IpcCode.Parse("A61K 31/4439").LevelKeys());
        Assert.Equal(["A", "A61", "A61K", "A61K31"], IpcCode.Parse("A61K 31/00").LevelKeys());
    }

    [Fact]
    public void ParseList_MixedSeparators_DedupesAndReportsBadParts()
    {
        var (codes, errors) = IpcCode.ParseList("A01M 29/00;G06F；H02G|A01M29/00;XYZ");

        Assert.Equal(["A01M 29/00", "G06F", "H02G"], codes.Select(c => c.ToString()));
        Assert.Single(errors);
        Assert.Contains("XYZ", errors[0], StringComparison.Ordinal);
    }
}

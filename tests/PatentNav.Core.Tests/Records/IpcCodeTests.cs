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

    [Fact]
    public void CanonicalFastPath_GivesTheSameCodeAsTheGeneralParser_AndDeclinesEverythingElse()
    {
        // Every shape around the canonical one: sections in and out of A–H, spaces, group and subgroup lengths 0–7,
        // leading zeros, group 0, trailing characters, lower case, full width, fixed width and edition suffixes.
        string[] prefixes = ["A61K", "H01M", "G06F", "C08L", "I01A", "A6", "A61", "a61k", "A61k", "Ａ61K"];
        string[] groups = ["", "0", "1", "31", "031", "0031", "1234", "12345"];
        string[] subs = ["", "0", "00", "5", "4439", "443900", "1234567"];
        string[] joins = ["", " ", "  ", "-"];
        var accepted = 0;
        var texts = new List<string> { "A61K0031443900", "A61K31/4439(2006.01)", "A61K 31/4439 ", " A61K 31/4439", "A61K 31", "A61K 31/", "A61K/31" };
        foreach (var p in prefixes)
        {
            texts.Add(p);
            foreach (var j in joins)
            {
                foreach (var g in groups)
                {
                    texts.Add(p + j + g);
                    foreach (var sub in subs)
                    {
                        texts.Add(p + j + g + "/" + sub);
                        texts.Add(p + j + g + " / " + sub);
                    }
                }
            }
        }

        foreach (var text in texts)
        {
            var general = IpcCode.TryParseAnyForm(text);
            if (IpcCode.TryParseCanonical(text) is { } fast)
            {
                accepted++;
                Assert.True(general.Success, $"'{text}': the fast path accepted what the general parser rejects ({general.Error})");
                Assert.Equal(general.Value, fast);
                Assert.Equal(general.Value.ToString(), fast.ToString());
                Assert.Equal(general.Value.Level, fast.Level);
                Assert.Equal(general.Value.LevelKeys(), fast.LevelKeys());
            }

            var combined = IpcCode.TryParse(text);
            Assert.Equal(general.Success, combined.Success);
            Assert.Equal(general.Success ? general.Value : default, combined.Success ? combined.Value : default);
            Assert.Equal(general.Success ? null : general.Error, combined.Success ? null : combined.Error);
        }

        Assert.True(accepted > 100, $"the fast path accepted only {accepted} texts");
    }
}

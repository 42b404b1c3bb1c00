using PatentNav.Records;
using PatentNav.Taxonomy;

namespace PatentNav.Tests.Taxonomy;

/// <summary>Assignments pinned from the embedded table (Resources/sei-ipc-2021/sei_ipc_2021_rules.csv), checked against an
/// independent reading of the CSV with the SOURCE.md semantics.</summary>
public sealed class SeiIpcTaxonomyTests
{
    private static readonly SeiIpcTaxonomy Sei = SeiIpcTaxonomy.Default;

    internal static PatentRecord Record(string pn, params string[] codes) => new()
    {
        PublicationNumber = PublicationNumber.Parse(pn),
        Ipc = codes.Select(IpcCode.Parse).ToList(),
        MainIpc = codes.Length > 0 ? IpcCode.Parse(codes[0]) : null,
        Title = "测试记录",
    };

    [Fact]
    public void Default_LoadsTheWholeTable()
    {
        Assert.Equal(9, Sei.Industries.Count);
        Assert.Equal(40, Sei.Branches.Count());
        Assert.Equal(303, Sei.RuleCount);
        Assert.Equal(2672, Sei.PatternCount);
        Assert.Equal(15, Sei.Industries.SelectMany(i => i.Branches).SelectMany(b => b.Rules).Count(r => r.IpcOnly));
        Assert.Equal("先进石化化工新材料", Sei.FindBranch("3.3")!.Name);
        Assert.Equal("新材料产业", Sei.FindIndustry("3")!.Name);
    }

    [Fact]
    public void Assign_G06F11Subgroup_IsNextGenerationNetworksByRule0()
    {
        var a = Assert.Single(Sei.Assign(Record("ZZ0000001A", "G06F 11/20")));

        Assert.Equal("1", a.Code);
        Assert.Equal("1.1", a.BranchCode);
        Assert.Equal("sei:1.1", a.Key);
        Assert.Equal(["G06F 11/20"], a.MatchedCodes);
        Assert.Contains("rule 0", a.Reason, StringComparison.Ordinal);
        Assert.Contains("G06F 11/20 by G06F11*", a.Reason, StringComparison.Ordinal);
        Assert.Contains("计算机和辅助设备修理", a.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Assign_G06F11_14_ExcludedFromRule0Of1_1ButIn1_2()
    {
        // 1.1 rule 0: G06F11* includes, G06F11/14 excluded; 1.2 rule 4 takes the code.
        var assignments = Sei.Assign(Record("ZZ0000002A", "G06F 11/14"));

        Assert.DoesNotContain(assignments, a => a.BranchCode == "1.1");
        Assert.Equal("1.2", Assert.Single(assignments).BranchCode);
    }

    [Fact]
    public void Assign_ExcludedAndIncludedCodes_ReasonNamesTheExclusion()
    {
        // 3.3 rule 0 includes B01J37*, excludes B01J37/025: B01J 37/025 alone is in no branch at all.
        Assert.Empty(Sei.Assign(Record("ZZ0000003A", "B01J 37/025")));

        var a = Assert.Single(Sei.Assign(Record("ZZ0000004A", "B01J 37/02", "B01J 37/025")));
        Assert.Equal("3.3", a.BranchCode);
        Assert.Equal(["B01J 37/02"], a.MatchedCodes);
        Assert.Contains("B01J 37/025 (B01J37/025)", a.Reason, StringComparison.Ordinal);
        Assert.Contains("IPC-only row", a.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("G06F 1/16", "1.5")] // 1.1 rule 2 includes G06F1* but excludes G06F1/16
    [InlineData("G06F 9/44", "1.5")]
    [InlineData("G06F 9/445", "1.3")]
    [InlineData("C08F 4/00", "3.3")]
    [InlineData("B63B 35/03", "2.5")]
    [InlineData("B63B 35/10", "2.5")]
    [InlineData("A61K 31/44", "4.1")]
    [InlineData("A61K 33/00", "4.1")]
    [InlineData("H01M 10/0525", "5.2")]
    [InlineData("F03D 1/00", "6.2")]
    [InlineData("C10G 1/00", "7.3")]
    public void Assign_KnownCodes_PinnedBranch(string code, string branch) =>
        Assert.Equal([branch], Sei.Assign(Record("ZZ0000005A", code)).Select(a => a.BranchCode));

    [Fact]
    public void Assign_SubclassLevelCode_MatchesSubclassPatternAndStatesTheLimit()
    {
        var a = Assert.Single(Sei.Assign(Record("ZZ0000006A", "G06F")));

        Assert.Equal("1.1", a.BranchCode);
        Assert.Contains("G06F by G06F*", a.Reason, StringComparison.Ordinal);
        Assert.Contains("subclass level only", a.Reason, StringComparison.Ordinal);
        Assert.Contains("cannot be checked", a.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Assign_NoCodes_Nothing() =>
        Assert.Empty(Sei.Assign(Record("ZZ0000007A")));
}

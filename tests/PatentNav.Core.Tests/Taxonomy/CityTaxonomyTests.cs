using PatentNav.Records;
using PatentNav.Taxonomy;
using static PatentNav.Tests.Taxonomy.SeiIpcTaxonomyTests;

namespace PatentNav.Tests.Taxonomy;

public sealed class CityTaxonomyTests
{
    private static readonly CityTaxonomy City = CityTaxonomy.Default;

    [Fact]
    public void Default_HasThePlansNineChains()
    {
        Assert.Equal(["高端石化", "新医药", "新材料", "海工装备", "新能源", "智能制造", "新一代信息技术", "节能环保", "数字创意"], City.Chains.Select(c => c.Code));
    }

    [Fact]
    public void Assign_RefiningCode_IsHighEndPetrochemicalsThroughTheExtraIpcRule()
    {
        var a = Assert.Single(City.Assign(Record("ZZ0000010A", "C10G 1/00")), x => x.Code == "高端石化");

        Assert.Contains("refining-basic-petrochemicals", a.Reason, StringComparison.Ordinal);
        Assert.Contains("C10G 1/00 by C10G*", a.Reason, StringComparison.Ordinal);
        Assert.Equal("city:高端石化", a.Key);
    }

    [Fact]
    public void Assign_Sei33Code_IsHighEndPetrochemicalsAndNewMaterials()
    {
        var chains = City.Assign(Record("ZZ0000011A", "C08G 64/00"));

        var petro = Assert.Single(chains, x => x.Code == "高端石化");
        Assert.Contains("SEI 3.3 先进石化化工新材料", petro.Reason, StringComparison.Ordinal);
        Assert.Contains(chains, x => x.Code == "新材料");
    }

    [Fact]
    public void Assign_Sei25Code_IsMarineEngineering()
    {
        var a = Assert.Single(City.Assign(Record("ZZ0000012A", "B63B 35/03")));

        Assert.Equal("海工装备", a.Code);
        Assert.Contains("SEI 2.5 海洋工程装备产业", a.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Assign_Sei41Code_IsNewMedicine() =>
        Assert.Equal(["新医药"], City.Assign(Record("ZZ0000013A", "A61K 31/44")).Select(a => a.Code));

    [Fact]
    public void Assign_KeywordRule_MatchesTitleWithoutIpc()
    {
        var record = Record("ZZ0000014A") with { Title = "一种炼油装置的换热网络" };

        var a = Assert.Single(City.Assign(record));
        Assert.Equal("高端石化", a.Code);
        Assert.Contains("contains '炼油'", a.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ExcludeAndKeywordConditions_CombineWithAnd()
    {
        var city = CityTaxonomy.Parse("""
            { "chains": [ { "code": "催化", "rules": [ { "id": "cat", "ipc": ["B01J*"], "exclude": ["B01J 20*"], "keywords": ["催化"] } ] } ] }
            """);

        Assert.Single(city.Assign(Record("ZZ0000015A", "B01J 23/00") with { Title = "一种催化剂" }));
        Assert.Empty(city.Assign(Record("ZZ0000016A", "B01J 23/00") with { Title = "一种吸附剂" }));
        Assert.Empty(city.Assign(Record("ZZ0000017A", "B01J 20/00") with { Title = "一种催化吸附剂" }));
    }

    [Fact]
    public void Parse_BadPattern_ErrorNamesChainRuleAndField()
    {
        var ex = Assert.Throws<TaxonomyValidationException>(() => CityTaxonomy.Parse("""
            { "chains": [ { "code": "高端石化", "rules": [ { "id": "ok", "sei": ["3.3"] }, { "id": "refining", "ipc": ["C10G*", "C10G**"] } ] } ] }
            """));

        var e = Assert.Single(ex.Errors);
        Assert.Equal("chains[0].rules[1].ipc[1]", e.Path);
        Assert.Contains("chain '高端石化' rule 'refining'", e.Message, StringComparison.Ordinal);
        Assert.Contains("field 'ipc'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SeveralProblems_ListsEach()
    {
        var ex = Assert.Throws<TaxonomyValidationException>(() => CityTaxonomy.Parse("""
            { "chains": [
                { "code": "a", "rules": [ { "sei": ["3.9"] } ] },
                { "code": "A", "rules": [ { "id": "empty" } ] },
                { "code": "c:d", "rules": [] } ] }
            """));

        Assert.Equal(["chains[0].rules[0].sei[0]", "chains[1].code", "chains[1].rules[0]", "chains[2].code", "chains[2].rules"], ex.Errors.Select(e => e.Path));
        Assert.Contains("'3.9' is not an SEI industry", ex.Errors[0].Message, StringComparison.Ordinal);
        Assert.Contains("states no condition", ex.Errors[2].Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "chains": [ { "code": "x", "rules": [ { "ipcs": ["C10G*"] } ] } ] }""", "chains[0].rules[0].ipcs", "unknown property")]
    [InlineData("""{ "chains": [ { "code": "x", "rules": [ { "ipc": "C10G*" } ] } ] }""", "chains[0].rules[0].ipc", "not valid JSON")]
    [InlineData("""{ "chains": [ """, "", "not valid JSON")]
    [InlineData("""{ "name": "x" }""", "chains", "at least one chain")]
    public void Parse_MalformedDocument_ErrorHasPath(string json, string path, string message)
    {
        var e = Assert.Single(Assert.Throws<TaxonomyValidationException>(() => CityTaxonomy.Parse(json)).Errors);

        Assert.StartsWith(path, e.Path, StringComparison.Ordinal);
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToJson_RoundTrips()
    {
        var again = CityTaxonomy.Parse(City.ToJson());

        Assert.Equal(City.ToJson(), again.ToJson());
        Assert.Equal(City.RuleCount, again.RuleCount);
    }
}

using PatentNav.Places;
using PatentNav.Records;

namespace PatentNav.Core.Tests.Places;

/// <summary>Place definitions: the 连云港 default, code and address matching with their explanations, validation paths.</summary>
public sealed class PlaceCatalogTests
{
    private static PatentRecord Record(string address, RegionInfo? region) => new()
    {
        PublicationNumber = PublicationNumber.Parse("CN100000001A"),
        ApplicantAddress = address,
        Region = region,
    };

    private static RegionInfo Lianyungang(string? districtCode, string? districtName) =>
        new("32", "江苏省", "3207", "连云港市", districtCode, districtName, "申请人地址");

    [Fact]
    public void Default_knows_the_city_its_districts_and_three_parks()
    {
        var catalog = PlaceCatalog.Default;

        Assert.Equal(PlaceLevel.City, catalog.Find("3207")!.Level);
        Assert.Equal(6, catalog.Places.Count(p => p.Level == PlaceLevel.District && p.Parent == "3207"));
        Assert.Equal("连云港经济技术开发区", catalog.Find("320771")!.Name);
        Assert.Equal("连云港高新技术产业开发区", catalog.Find("320772")!.Name);
        var xuwei = catalog.Find("徐圩新区");
        Assert.NotNull(xuwei);
        Assert.Equal("xuwei", xuwei.Id);
        Assert.Equal(PlaceLevel.Park, xuwei.Level);
        Assert.Empty(xuwei.Codes);
        Assert.Contains("徐圩", xuwei.AddressPatterns);
    }

    [Fact]
    public void Any_division_code_is_a_place_without_configuration()
    {
        var nanjing = PlaceCatalog.Default.Find("3201");
        Assert.NotNull(nanjing);
        Assert.False(nanjing.Configured);
        Assert.Equal(PlaceLevel.City, nanjing.Level);
        Assert.Equal("南京市", nanjing.Name);
        Assert.Null(PlaceCatalog.Default.Find("9999"));
    }

    [Fact]
    public void Code_match_names_the_code_and_what_decided_the_region()
    {
        var record = Record("江苏省连云港市连云港经济技术开发区示例路1号", Lianyungang("320771", "连云港经济技术开发区"));

        var match = PlaceCatalog.Default.Find("320771")!.Match(record);

        Assert.NotNull(match);
        Assert.Equal("code", match.Rule);
        Assert.Contains("320771", match.Basis, StringComparison.Ordinal);
        Assert.Contains("申请人地址", match.Basis, StringComparison.Ordinal);
    }

    [Fact]
    public void Address_pattern_places_a_patent_in_xuwei_and_says_which_fragment()
    {
        // 徐圩 has no code: the region resolves only to 连云区 (or the city), the address decides the park.
        var record = Record("江苏省连云港市徐圩新区港前大道1号", Lianyungang("320703", "连云区"));

        var matches = PlaceCatalog.Default.Match(record);

        var xuwei = Assert.Single(matches, m => m.PlaceId == "xuwei");
        Assert.Equal("address", xuwei.Rule);
        Assert.Contains("'徐圩新区'", xuwei.Basis, StringComparison.Ordinal);
        Assert.Contains(matches, m => m.PlaceId == "3207" && m.Rule == "code");
        Assert.Contains(matches, m => m.PlaceId == "320703");
        Assert.Contains(matches, m => m.PlaceId == "32" && !string.IsNullOrEmpty(m.Basis));
        Assert.DoesNotContain(matches, m => m.PlaceId == "320771");
    }

    [Fact]
    public void Address_pattern_outside_its_within_region_does_not_count()
    {
        // A 石化产业基地 in another city's address is not 连云港's petrochemical base.
        var elsewhere = Record("浙江省宁波市镇海区石化产业基地示例路8号", new RegionInfo("33", "浙江省", "3302", "宁波市", "330211", "镇海区", "申请人地址"));
        var unknownRegion = Record("连云港石化产业基地示例路8号", null);

        Assert.Null(PlaceCatalog.Default.Find("xuwei")!.Match(elsewhere));
        Assert.NotNull(PlaceCatalog.Default.Find("xuwei")!.Match(unknownRegion));
    }

    [Fact]
    public void Full_width_address_is_normalised_before_matching()
    {
        var record = Record("江苏省连云港市连云港高新区　示例路１号", Lianyungang(null, null));
        var match = PlaceCatalog.Default.Find("320772")!.Match(record);
        Assert.NotNull(match);
        Assert.Equal("address", match.Rule);
    }

    [Fact]
    public void Validation_lists_every_problem_with_its_path()
    {
        const string json = """
            { "places": [
              { "id": "p1", "name": "园区", "level": "park", "codes": ["3299"] },
              { "id": "p1", "name": "", "level": "zone", "addressPatterns": ["徐"] },
              { "id": "1234", "name": "x", "level": "city", "codes": ["3207"], "within": "99" },
              { "id": "p3", "name": "y", "level": "park" }
            ] }
            """;

        var ex = Assert.Throws<PlaceValidationException>(() => PlaceCatalog.Parse(json));

        var paths = ex.Errors.Select(e => e.Path).ToList();
        Assert.Contains("places[0].codes[0]", paths);
        Assert.Contains("places[1].id", paths);
        Assert.Contains("places[1].name", paths);
        Assert.Contains("places[1].level", paths);
        Assert.Contains("places[1].addressPatterns[0]", paths);
        Assert.Contains("places[2].id", paths);
        Assert.Contains("places[2].within", paths);
        Assert.Contains("places[3]", paths);
        Assert.Contains("duplicate id 'p1'", ex.Message + string.Join("|", ex.Errors.Select(e => e.Message)), StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_property_is_refused_with_its_path()
    {
        var ex = Assert.Throws<PlaceValidationException>(() => PlaceCatalog.Parse("""{ "places": [ { "id": "a", "name": "a", "level": "park", "codes": ["3207"], "colour": "red" } ] }"""));
        Assert.Contains("colour", ex.Errors[0].Path, StringComparison.Ordinal);
        Assert.Contains("the known properties are: ", ex.Errors[0].Message, StringComparison.Ordinal);
        Assert.Contains("addressPatterns", ex.Errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Default_round_trips_through_its_json()
    {
        var again = PlaceCatalog.Parse(PlaceCatalog.Default.ToJson());
        Assert.Equal(PlaceCatalog.Default.Places.Select(p => p.Id), again.Places.Select(p => p.Id));
    }
}

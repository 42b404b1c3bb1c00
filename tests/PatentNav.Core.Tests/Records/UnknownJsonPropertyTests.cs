using System.Text.Json;
using PatentNav.Analytics;
using PatentNav.Places;
using PatentNav.Records;
using PatentNav.Search;
using PatentNav.Taxonomy;

namespace PatentNav.Tests.Records;

/// <summary>A developer deserialising a request record with <see cref="PatentJson.Options"/> gets the same refusal of a typo as the Api.</summary>
public class UnknownJsonPropertyTests
{
    [Fact]
    public void SearchRequest_WithATypo_IsRefusedAndTheNearestKnownNameFound()
    {
        var ex = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<SearchRequest>("""{"query":"电池","regoin":"连云港"}""", PatentJson.Options));

        var unknown = UnknownJsonProperty.TryFrom(ex, typeof(SearchRequest), PatentJson.Options);

        Assert.NotNull(unknown);
        Assert.Equal("regoin", unknown.Name);
        Assert.Equal("region", unknown.Suggestion);
        Assert.Equal("unknown property 'regoin'; did you mean 'region'?", unknown.Message);
        Assert.Contains("industry", unknown.KnownNames);
    }

    [Fact]
    public void SearchRequest_KnownProperties_StillRead()
    {
        var request = JsonSerializer.Deserialize<SearchRequest>("""{"query":"电池","region":"连云港","size":5}""", PatentJson.Options);

        Assert.NotNull(request);
        Assert.Equal("连云港", request.Region);
        Assert.Equal(5, request.Size);
    }

    [Fact]
    public void NestedTypo_CarriesItsPath()
    {
        var ex = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<ChokepointRequest>("""{"place":"3207","weights":{"valeu":1}}""", PatentJson.Options));

        var unknown = UnknownJsonProperty.TryFrom(ex, typeof(ChokepointRequest), PatentJson.Options);

        Assert.NotNull(unknown);
        Assert.Equal("weights.valeu", unknown.Path);
        Assert.Equal("value", unknown.Suggestion);
        Assert.Contains("at weights.valeu", unknown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AWrongValue_IsNotMistakenForAnUnknownProperty()
    {
        var ex = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<SearchRequest>("""{"size":"many"}""", PatentJson.Options));

        Assert.Null(UnknownJsonProperty.TryFrom(ex, typeof(SearchRequest), PatentJson.Options));
    }

    [Fact]
    public void ImportedRecords_MayStillCarryExtraFields()
    {
        // JSONL exports carry fields of their own; a record is not a request and keeps reading them leniently.
        var record = PatentJson.Deserialize("""{"publicationNumber":"CN100000001A","title":"一种电池","vendorScore":7}""");

        Assert.Equal("一种电池", record.Title);
    }

    [Theory]
    [InlineData("regoin", "region")]
    [InlineData("Regoin", "region")]
    [InlineData("maxKk", "maxK")]
    [InlineData("query", "q")]
    [InlineData("regionCode", "region")]
    [InlineData("zzzzzz", null)]
    public void Nearest_EditDistanceWithinAThird_ElseTheLongestPrefix(string written, string? expected)
    {
        Assert.Equal(expected, UnknownJsonProperty.Nearest(written, ["q", "region", "industry", "maxK", "size"]));
    }

    [Fact]
    public void PlaceCatalogue_Typo_NamesThePathAndTheNearestKnownName()
    {
        var ex = Assert.Throws<PlaceValidationException>(() => PlaceCatalog.Parse("""{ "places": [ { "id": "a", "name": "a", "level": "park", "cods": ["3207"] } ] }"""));

        Assert.Equal("places[0].cods", ex.Errors[0].Path);
        Assert.Contains("did you mean 'codes'?", ex.Errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CityTaxonomy_Typo_NamesThePathAndTheNearestKnownName()
    {
        var ex = Assert.Throws<TaxonomyValidationException>(() => CityTaxonomy.Parse("""{ "chains": [ { "code": "x", "name": "x", "rulez": [] } ] }"""));

        Assert.Equal("chains[0].rulez", ex.Errors[0].Path);
        Assert.Contains("did you mean 'rules'?", ex.Errors[0].Message, StringComparison.Ordinal);
    }
}

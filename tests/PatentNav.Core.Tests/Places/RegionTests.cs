using System.Reflection;
using PatentNav.Places;

namespace PatentNav.Tests.Places;

public class RegionTests
{
    private static readonly RegionResolver Resolver = RegionResolver.Default;

    [Fact]
    public void EmbeddedResources_HaveTheExpectedManifestNames()
    {
        var names = typeof(AdminDivisions).Assembly.GetManifestResourceNames();

        Assert.Contains("PatentNav.admin-divisions/areas.csv", names);
        Assert.Contains("PatentNav.admin-divisions/cities.csv", names);
        Assert.Contains("PatentNav.admin-divisions/provinces.csv", names);
        Assert.Contains("PatentNav.admin-divisions/LICENSE", names);
    }

    [Fact]
    public void AdminDivisions_Municipalities_AreNamedAfterTheMunicipality()
    {
        Assert.Equal("北京市", AdminDivisions.Default.FindByCode("1101")?.Name);
        Assert.Equal("重庆市", AdminDivisions.Default.FindByCode("5002")?.Name);
        Assert.Equal("海淀区", AdminDivisions.Default.FindByCode("110108")?.Name);
    }

    [Fact]
    public void AdminDivisions_LianyungangZones_ArePresent()
    {
        Assert.Equal("连云港经济技术开发区", AdminDivisions.Default.FindByCode("320771")?.Name);
        Assert.Equal(("连云港高新技术产业开发区", "3207"), (AdminDivisions.Default.FindByCode("320772")?.Name, AdminDivisions.Default.FindByCode("320772")?.ParentCode));
        Assert.Equal(4, AdminDivisions.Default.FindByName("鼓楼区").Count);
    }

    [Fact]
    public void AdminDivisions_AutonomousPrefecture_IsNotCutToACollidingShortName() =>
        Assert.DoesNotContain(AdminDivisions.Default.FindByName("黔西"), d => d.Code == "5223");

    [Theory]
    [InlineData("222000江苏省连云港市海州区朝阳东路", "320706")]
    [InlineData("222000 江苏省连云港市海州区朝阳东路", "320706")]
    [InlineData("江苏连云港海州区朝阳东路", "320706")]
    [InlineData("连云港市海州区朝阳东路", "320706")]
    [InlineData("江苏省连云港市经济技术开发区黄河路1号", "320771")]
    [InlineData("连云港经济技术开发区黄河路1号", "320771")]
    [InlineData("江苏省连云港市高新技术产业开发区1号", "320772")]
    [InlineData("100080 北京市海淀区中关村大街1号", "110108")]
    [InlineData("江苏省南京市鼓楼区北京西路", "320106")]
    [InlineData("上海市浦东新区张江路", "310115")]
    public void ResolveAddress_ChineseAddresses_ResolveToDistrict(string address, string district) =>
        Assert.Equal(district, Resolver.ResolveAddress(address)?.DistrictCode);

    [Fact]
    public void ResolveAddress_Beijing_GivesMunicipalityCity()
    {
        var r = Resolver.ResolveAddress("北京市海淀区中关村大街1号")!;

        Assert.Equal(("11", "北京市", "1101", "北京市", "110108", "海淀区"), (r.ProvinceCode, r.ProvinceName, r.CityCode, r.CityName, r.DistrictCode, r.DistrictName));
        Assert.Contains("申请人地址: 北京市海淀区", r.Basis, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("江苏省连云港市新浦路", "3207", null)]
    [InlineData("江苏省", "32", null)]
    public void ResolveAddress_LessThanDistrict_StopsAtKnownLevel(string address, string code, string? district)
    {
        var r = Resolver.ResolveAddress(address)!;

        Assert.Equal(code, r.CityCode ?? r.ProvinceCode);
        Assert.Equal(district, r.DistrictCode);
    }

    [Theory]
    [InlineData("1600 Amphitheatre Parkway, Mountain View, CA 94043, USA")]
    [InlineData("Tokyo, Japan")]
    [InlineData("鼓楼区某路1号")]
    [InlineData("")]
    public void ResolveAddress_ForeignOrAmbiguous_IsNull(string address) =>
        Assert.Null(Resolver.ResolveAddress(address));

    [Fact]
    public void Resolve_DistrictFieldInsideCityField_Wins()
    {
        var r = Resolver.Resolve(new RegionInput
        {
            City = new RegionField("中国申请人地市", "南京市"),
            District = new RegionField("中国申请人区县", "鼓楼区"),
            Address = new RegionField("申请人地址", "江苏省连云港市海州区"),
        });

        Assert.Equal("320106", r.Region?.DistrictCode);
        Assert.Equal("中国申请人地市=南京市; 中国申请人区县=鼓楼区", r.Region?.Basis);
    }

    [Fact]
    public void Resolve_AmbiguousDistrictWithoutCity_FallsBackToAddress()
    {
        var r = Resolver.Resolve(new RegionInput
        {
            District = new RegionField("中国申请人区县", "鼓楼区"),
            Address = new RegionField("申请人地址", "福建省福州市鼓楼区五四路"),
        });

        Assert.Equal("350102", r.Region?.DistrictCode);
    }

    [Theory]
    [InlineData("32", "32", null)]
    [InlineData("3207", "32", "3207")]
    [InlineData("江苏;连云港", "32", "3207")]
    public void Resolve_ProvinceCodeField_Forms(string value, string province, string? city)
    {
        var r = Resolver.Resolve(new RegionInput { ProvinceCode = new RegionField("申请人省市代码", value) }).Region!;

        Assert.Equal((province, city), (r.ProvinceCode, r.CityCode));
    }

    [Fact]
    public void Resolve_ProvinceCodeAndAgreeingAddress_TakesTheAddressDetail()
    {
        var r = Resolver.Resolve(new RegionInput
        {
            ProvinceCode = new RegionField("国省代码", "32"),
            Address = new RegionField("申请人地址", "222000 江苏省连云港市海州区朝阳东路"),
        }).Region!;

        Assert.Equal("320706", r.DistrictCode);
        Assert.StartsWith("国省代码=32; 申请人地址: 江苏省连云港市海州区", r.Basis, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_ProvinceCodeAndDisagreeingAddress_KeepsTheField()
    {
        var r = Resolver.Resolve(new RegionInput
        {
            ProvinceCode = new RegionField("国省代码", "11"),
            Address = new RegionField("申请人地址", "江苏省连云港市海州区"),
        }).Region!;

        Assert.Equal(("11", null), (r.ProvinceCode, r.DistrictCode));
    }

    [Theory]
    [InlineData("3x")]
    [InlineData("321")]
    public void Resolve_MalformedCode_IsAnError(string value)
    {
        var r = Resolver.Resolve(new RegionInput { ProvinceCode = new RegionField("国省代码", value) });

        Assert.True(r.Failed);
        Assert.Equal("国省代码", r.ErrorField?.Label);
    }

    [Theory]
    [InlineData("99")]
    [InlineData("火星省")]
    public void Resolve_UnknownButWellFormed_IsNullWithoutError(string value)
    {
        var r = Resolver.Resolve(new RegionInput { ProvinceCode = new RegionField("国省代码", value) });

        Assert.False(r.Failed);
        Assert.Null(r.Region);
    }
}

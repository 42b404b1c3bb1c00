using PatentNav.Records;

namespace PatentNav.Tests.Records;

public class NumbersAndDatesTests
{
    [Theory]
    [InlineData("CN114081026A")]
    [InlineData("CN 114081026 A")]
    [InlineData("CN-114081026-A")]
    [InlineData("cn114081026a")]
    [InlineData("ＣＮ１１４０８１０２６Ａ")]
    public void PublicationNumber_Forms_NormaliseToCompact(string text)
    {
        var n = PublicationNumber.Parse(text);

        Assert.Equal("CN114081026A", n.Value);
        Assert.Equal("CN", n.Country);
        Assert.Equal("A", n.KindCode);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not a number")]
    public void PublicationNumber_Bad_FailsWithReason(string text) =>
        Assert.Contains("expected a publication number", PublicationNumber.TryParse(text).Error, StringComparison.Ordinal);

    [Theory]
    [InlineData("2022232206652", "202223220665.2")]
    [InlineData("CN2022232206652", "CN202223220665.2")]
    [InlineData("CN202223220665.2", "CN202223220665.2")]
    [InlineData("cn 202223220665.2", "CN202223220665.2")]
    public void ApplicationNumber_Forms_Normalise(string text, string expected) =>
        Assert.Equal(expected, ApplicationNumber.Parse(text).Value);

    [Theory]
    [InlineData("20221202")]
    [InlineData("2022-12-02")]
    [InlineData("2022/12/2")]
    [InlineData("2022.12.02")]
    [InlineData("2022年12月2日")]
    [InlineData("2022-12-02 00:00:00")]
    [InlineData("44897")]
    public void PatentDate_Forms_Parse(string text) =>
        Assert.Equal(new DateOnly(2022, 12, 2), PatentDate.Parse(text));

    [Theory]
    [InlineData("20220230")]
    [InlineData("2022-13-45")]
    [InlineData("yesterday")]
    public void PatentDate_Invalid_FailsWithReason(string text)
    {
        var r = PatentDate.TryParse(text);

        Assert.False(r.Success);
        Assert.Contains(text, r.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("发明申请", PatentKind.InventionApplication)]
    [InlineData("发明授权", PatentKind.InventionGrant)]
    [InlineData("实用新型", PatentKind.UtilityModel)]
    [InlineData("外观设计", PatentKind.Design)]
    [InlineData("Granted Patent", PatentKind.InventionGrant)]
    [InlineData("Patent Application", PatentKind.InventionApplication)]
    [InlineData("", PatentKind.Unknown)]
    public void ParseKind_ExportWording_MapsToKind(string text, PatentKind kind) =>
        Assert.Equal(kind, PatentVocabulary.ParseKind(text));

    [Theory]
    [InlineData("CN114081026A", PatentKind.InventionApplication)]
    [InlineData("CN111504366B", PatentKind.InventionGrant)]
    [InlineData("CN215792497U", PatentKind.UtilityModel)]
    [InlineData("US2023123456A1", PatentKind.Unknown)]
    public void KindFromPublicationNumber_ChineseKindCodes_InferKind(string number, PatentKind kind) =>
        Assert.Equal(kind, PatentVocabulary.KindFromPublicationNumber(PublicationNumber.Parse(number)));

    [Theory]
    [InlineData("有效", LegalStatus.Valid)]
    [InlineData("公开;实质审查;授权", LegalStatus.Valid)]
    [InlineData("授权;未缴年费专利权终止", LegalStatus.Lapsed)]
    [InlineData("实质审查", LegalStatus.Pending)]
    [InlineData("Active", LegalStatus.Valid)]
    [InlineData("Discontinued", LegalStatus.Lapsed)]
    [InlineData("???", LegalStatus.Unknown)]
    public void ParseLegalStatus_Wording_MapsToStatus(string text, LegalStatus status) =>
        Assert.Equal(status, PatentVocabulary.ParseLegalStatus(text));
}

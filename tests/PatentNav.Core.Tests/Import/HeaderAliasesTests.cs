using PatentNav.Import;

namespace PatentNav.Tests.Import;

public class HeaderAliasesTests
{
    [Theory]
    [InlineData("公开（公告）号", "公开(公告)号")]
    [InlineData(" 公开(公告)号 ", "公开(公告)号")]
    [InlineData("[标]当前申请(专利权)人", "当前申请(专利权)人")]
    [InlineData("标题  (中文)", "标题 (中文)")]
    [InlineData("ＩＰＣ主分类", "IPC主分类")]
    public void Normalize_WidthBracketsMarkerAndSpaces_AreFolded(string header, string expected) =>
        Assert.Equal(expected, HeaderAliases.Normalize(header));

    [Theory]
    [InlineData("公开（公告）号", "publicationNumber")]
    [InlineData("标题 (中文)", "title")]
    [InlineData("标题(中文)", "title")]
    [InlineData("cited by patent count", "forwardCitations")]
    [InlineData("IPC - 现版", "ipc")]
    [InlineData("[标]当前申请(专利权)人", "currentHolders")]
    [InlineData("原始申请(专利权)人", "applicants")]
    public void Lookup_KnownHeaders_MapToCanonicalField(string header, string field) =>
        Assert.Contains(HeaderAliases.Lookup(header), a => a.Field == field);

    [Fact]
    public void Lookup_CnipaBackwardCitationCount_IsNotForwardCitations() =>
        Assert.Empty(HeaderAliases.Lookup("引证数"));

    [Fact]
    public void AliasTable_EveryFieldName_IsCanonical() =>
        Assert.All(HeaderAliases.All, a => Assert.Contains(a.Field, PatentNav.Import.RecordFields.All));

    [Theory]
    [InlineData("lens", "#", "Jurisdiction", "Lens ID", "Title")]
    [InlineData("google", "id", "title", "result link")]
    [InlineData("derwent", "公开号", "标题", "IPC - 现版")]
    [InlineData("patsnap", "标题", "[标]当前申请(专利权)人", "公开(公告)号")]
    [InlineData("incopat", "标题", "当前申请(专利权)人", "中国申请人地市", "公开(公告)号")]
    [InlineData("cnipa", "公开号", "专利名称", "国省代码")]
    public void DetectLayout_DistinctiveHeaders_NameTheLayout(string format, params string[] headers) =>
        Assert.Equal(format, HeaderAliases.DetectLayout(headers)?.Format);
}

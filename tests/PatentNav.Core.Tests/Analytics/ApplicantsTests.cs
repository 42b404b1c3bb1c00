using PatentNav.Analytics;
using PatentNav.Records;

namespace PatentNav.Tests.Analytics;

public sealed class ApplicantsTests
{
    [Theory]
    [InlineData("华为技术股份有限公司")]
    [InlineData("华为技术有限公司\u3000")]
    [InlineData(" 华为技术  有限公司")]
    [InlineData("华为技术集团有限公司")]
    public void Normalize_ChineseLegalFormVariants_MergeIntoOneKey(string variant)
    {
        Assert.Equal(ApplicantNames.Normalize("华为技术有限公司").Key, ApplicantNames.Normalize(variant).Key);
        Assert.Equal("华为技术", ApplicantNames.Normalize(variant).Key);
    }

    [Fact]
    public void NormalizeAndClassify_PastTheCacheCapacity_GiveTheSameAnswers()
    {
        // The results are remembered per name (50,000 at most, then forgotten): the same answer before, during and after.
        var before = (ApplicantNames.Normalize("（示例）华为技术有限公司"), ApplicantNames.Classify("SIEMENS AG", null), ApplicantNames.Classify("SIEMENS AG", "CN"));
        for (var i = 0; i < 60_000; i++)
        {
            var name = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"申请人{i}有限公司");
            Assert.Equal(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"申请人{i}"), ApplicantNames.Normalize(name).Key);
        }

        Assert.Equal(before, (ApplicantNames.Normalize("（示例）华为技术有限公司"), ApplicantNames.Classify("SIEMENS AG", null), ApplicantNames.Classify("SIEMENS AG", "CN")));
        Assert.Equal("(示例)华为技术", before.Item1.Key);
        Assert.Equal(ApplicantOrigin.Foreign, before.Item2.Origin);
        Assert.Equal(ApplicantOrigin.Domestic, before.Item3.Origin);
    }

    [Fact]
    public void Normalize_FullWidthLatinAndCoLtdSpellings_MergeCaseInsensitively()
    {
        var fullWidth = ApplicantNames.Normalize("ＨＵＡＷＥＩ Co., Ltd.");
        var halfWidth = ApplicantNames.Normalize("Huawei Co.,Ltd");

        Assert.Equal("HUAWEI", fullWidth.Key);
        Assert.Equal(fullWidth.Key, halfWidth.Key);
        Assert.Equal("HUAWEI Co., Ltd.", fullWidth.DisplayName);
    }

    [Fact]
    public void Normalize_ChineseAndLatinNames_AreNotTranslatedIntoOneApplicant()
    {
        Assert.NotEqual(ApplicantNames.Normalize("华为技术有限公司").Key, ApplicantNames.Normalize("Huawei Technologies Co., Ltd.").Key);
    }

    [Fact]
    public void Normalize_DemoPrefix_IsKeptWithParenthesesNormalised()
    {
        var full = ApplicantNames.Normalize("（示例）连云港临渊智能装备股份有限公司");
        var half = ApplicantNames.Normalize("(示例)连云港临渊智能装备有限公司");

        Assert.Equal("(示例)连云港临渊智能装备", full.Key);
        Assert.Equal(full.Key, half.Key);
        Assert.Equal("(示例)连云港临渊智能装备股份有限公司", full.DisplayName);
    }

    [Theory]
    [InlineData("有限公司", "有限公司")]
    [InlineData("Nordhafen Chemie GmbH", "NORDHAFEN CHEMIE")]
    [InlineData("Siemens AG", "SIEMENS")]
    [InlineData("HUAWAG", "HUAWAG")]
    [InlineData("株式会社日立製作所", "日立製作所")]
    [InlineData("Toyota Jidosha K.K.", "TOYOTA JIDOSHA")]
    public void Normalize_LegalFormEdgeCases(string name, string key) =>
        Assert.Equal(key, ApplicantNames.Normalize(name).Key);

    [Theory]
    [InlineData("（示例）东海理工大学", null, ApplicantType.University, ApplicantOrigin.Domestic)]
    [InlineData("清远职业技术学院", null, ApplicantType.University, ApplicantOrigin.Domestic)]
    [InlineData("Massachusetts Institute of Technology", "US", ApplicantType.University, ApplicantOrigin.Foreign)]
    [InlineData("Stanford University", null, ApplicantType.University, ApplicantOrigin.Unknown)]
    [InlineData("（示例）海州化工研究院", null, ApplicantType.ResearchInstitute, ApplicantOrigin.Domestic)]
    [InlineData("中国科学院大连化学物理研究所", "CN", ApplicantType.ResearchInstitute, ApplicantOrigin.Domestic)]
    [InlineData("Fraunhofer Research Institute", "DE", ApplicantType.ResearchInstitute, ApplicantOrigin.Foreign)]
    [InlineData("（示例）王甲子", null, ApplicantType.Individual, ApplicantOrigin.Domestic)]
    [InlineData("张三", "CN", ApplicantType.Individual, ApplicantOrigin.Domestic)]
    [InlineData("John Smith", "US", ApplicantType.Individual, ApplicantOrigin.Foreign)]
    [InlineData("（示例）Nordhafen Chemie GmbH", null, ApplicantType.Enterprise, ApplicantOrigin.Foreign)]
    [InlineData("江苏某某化工研究院有限公司", null, ApplicantType.Enterprise, ApplicantOrigin.Domestic)]
    [InlineData("华为技术有限公司", "CN", ApplicantType.Enterprise, ApplicantOrigin.Domestic)]
    [InlineData("Huawei Technologies Co., Ltd.", null, ApplicantType.Enterprise, ApplicantOrigin.Unknown)]
    [InlineData("株式会社日立製作所", null, ApplicantType.Enterprise, ApplicantOrigin.Foreign)]
    [InlineData("连云港石化机械厂", null, ApplicantType.Enterprise, ApplicantOrigin.Domestic)]
    [InlineData("连云港市第一人民医院", null, ApplicantType.Other, ApplicantOrigin.Domestic)]
    [InlineData("国家电网", null, ApplicantType.Other, ApplicantOrigin.Domestic)] // 4 Han characters, but 国家 and 电网 are organisational words
    [InlineData("中国银行", null, ApplicantType.Other, ApplicantOrigin.Domestic)]
    [InlineData("欧阳明华", null, ApplicantType.Individual, ApplicantOrigin.Domestic)]
    [InlineData("连云港市人民政府办公室", null, ApplicantType.Other, ApplicantOrigin.Domestic)]
    public void Classify_Table(string name, string? country, ApplicantType type, ApplicantOrigin origin)
    {
        var c = ApplicantNames.Classify(name, country);

        Assert.Equal(type, c.Type);
        Assert.Equal(origin, c.Origin);
        Assert.False(string.IsNullOrEmpty(c.TypeRule));
        Assert.False(string.IsNullOrEmpty(c.OriginBasis));
    }

    [Fact]
    public void Classify_CountryCode_DecidesOverTheName()
    {
        var c = ApplicantNames.Classify("华为技术有限公司", "DE");

        Assert.Equal(ApplicantOrigin.Foreign, c.Origin);
        Assert.Equal("applicant country DE", c.OriginBasis);
    }

    private static PatentRecord Record(string pn, int year, PatentKind kind, LegalStatus status, string? country, params string[] applicants) => new()
    {
        PublicationNumber = PublicationNumber.Parse(pn),
        FilingDate = new DateOnly(year, 3, 1),
        Kind = kind,
        LegalStatus = status,
        ApplicantCountry = country,
        Applicants = applicants,
    };

    internal static List<PatentRecord> Sample() =>
    [
        Record("CN100000001A", 2018, PatentKind.InventionApplication, LegalStatus.Valid, "CN", "华为技术有限公司", "东海理工大学"),
        Record("CN100000002A", 2020, PatentKind.InventionApplication, LegalStatus.Pending, "CN", "华为技术股份有限公司"),
        Record("CN100000003B", 2021, PatentKind.InventionGrant, LegalStatus.Valid, "CN", "东海理工大学", "华为技术有限公司"),
        Record("CN100000004U", 2019, PatentKind.UtilityModel, LegalStatus.Valid, "DE", "Nordhafen Chemie GmbH", "华为技术有限公司 "),
        Record("CN100000005A", 2022, PatentKind.InventionApplication, LegalStatus.Lapsed, "CN", "华为技术有限公司", "华为技术股份有限公司"),
        Record("CN100000006A", 2022, PatentKind.InventionApplication, LegalStatus.Pending, null),
    ];

    [Fact]
    public void Rank_AllApplicants_CountsEachCoApplicantOncePerPatent()
    {
        var ranking = Applicants.Rank(Sample());

        Assert.Equal(6, ranking.Patents);
        Assert.Equal(1, ranking.PatentsWithoutApplicant);
        Assert.Equal(3, ranking.DistinctApplicants);
        Assert.False(ranking.FirstApplicantOnly);
        var huawei = ranking.Applicants[0];
        Assert.Equal(1, huawei.Rank);
        Assert.Equal("华为技术", huawei.Key);
        Assert.Equal("华为技术有限公司", huawei.Name);
        Assert.Equal(5, huawei.Patents); // patent 5 lists two variants of the same applicant: counted once
        Assert.Equal(5.0 / 6, huawei.Share, 10);
        Assert.Equal(2018, huawei.FirstFilingYear);
        Assert.Equal(2022, huawei.LastFilingYear);
        Assert.Equal(2, huawei.ValidInventions);
        Assert.Equal(["华为技术有限公司", "华为技术股份有限公司", "华为技术有限公司 "], huawei.Variants);
        Assert.Equal(ApplicantType.Enterprise, huawei.Type);
        Assert.Equal(ApplicantOrigin.Domestic, huawei.Origin);

        var university = ranking.Applicants[1];
        Assert.Equal(("东海理工大学", 2L, 2L, ApplicantType.University), (university.Name, university.Patents, university.ValidInventions, university.Type));
        var foreign = ranking.Applicants[2];
        Assert.Equal((ApplicantOrigin.Foreign, "applicant country DE", 1L), (foreign.Origin, foreign.OriginBasis, foreign.Patents));
    }

    [Fact]
    public void Rank_FirstOnly_CountsLeadApplicantsOnly()
    {
        var ranking = Applicants.Rank(Sample(), new ApplicantRankOptions { FirstApplicantOnly = true });

        Assert.True(ranking.FirstApplicantOnly);
        Assert.Contains("first applicant only", ranking.Counting, StringComparison.Ordinal);
        Assert.Equal([("华为技术", 3L), ("东海理工大学", 1L), ("NORDHAFEN CHEMIE", 1L)], ranking.Applicants.Select(a => (a.Key, a.Patents)));
        Assert.True(ranking.Applicants.Sum(a => a.Share) <= 1.0);
    }

    [Fact]
    public void Rank_Top_LimitsRowsButNotDistinctCount()
    {
        var ranking = Applicants.Rank(Sample(), new ApplicantRankOptions { Top = 1 });

        Assert.Single(ranking.Applicants);
        Assert.Equal(3, ranking.DistinctApplicants);
    }

    [Fact]
    public void Rank_TopBelowOne_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Applicants.Rank(Sample(), new ApplicantRankOptions { Top = 0 }));
}

using System.Globalization;
using PatentNav.Analytics;
using PatentNav.Places;
using PatentNav.Records;
using PatentNav.Taxonomy;

namespace PatentNav.Reports;

/// <summary>What one read of the field's records gives a report: control, talent, enterprises and operation candidates.</summary>
/// <param name="Control">Who controls the field.</param>
/// <param name="Inventors">Leading inventors outside the place.</param>
/// <param name="Attract">Leading domestic enterprises outside the place with no patent in it.</param>
/// <param name="ValidInventions">Valid invention patents of the place in the field.</param>
/// <param name="HighValue">Of those, high-value.</param>
/// <param name="Undetermined">Of those, undetermined.</param>
/// <param name="HighValuePatents">The place's high-value patents, most criteria met first.</param>
/// <param name="Operation">Operation candidates.</param>
/// <param name="OperatedPatents">Place patents in the field with a transfer, licence or pledge recorded.</param>
/// <param name="Synthetic">Whether some records read are synthetic.</param>
internal sealed record FieldReading(
    FieldControl Control,
    IReadOnlyList<InventorRank> Inventors,
    IReadOnlyList<ApplicantRank> Attract,
    long ValidInventions,
    long HighValue,
    long Undetermined,
    IReadOnlyList<ReportPatent> HighValuePatents,
    IReadOnlyList<OperationCandidate> Operation,
    long OperatedPatents,
    bool Synthetic);

/// <summary>
/// The navigation report's own arithmetic: the read of the field's records and the recommendations (路径), each naming the
/// figures it rests on. Pure functions; thread-safe.
/// </summary>
public static class NavigationReports
{
    /// <summary>How countries and origins are decided, as the report states it.</summary>
    public const string ControlBasis =
        "country of the first applicant: the export's applicant country, else CN when the record has a Chinese region, else the origin rule of the applicant name (Han script → CN; kana, Hangul, foreign legal forms → foreign, country unknown); " +
        "HK, MO and TW count as domestic; concentration (CR4, HHI) over all applicants of each patent, a patent with k applicants giving each 1/k";

    private static readonly IReadOnlyDictionary<string, string> CountryNames = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["CN"] = "中国", ["US"] = "美国", ["JP"] = "日本", ["KR"] = "韩国", ["DE"] = "德国", ["FR"] = "法国", ["GB"] = "英国",
        ["CH"] = "瑞士", ["NL"] = "荷兰", ["IT"] = "意大利", ["SE"] = "瑞典", ["FI"] = "芬兰", ["DK"] = "丹麦", ["BE"] = "比利时",
        ["AT"] = "奥地利", ["ES"] = "西班牙", ["CA"] = "加拿大", ["AU"] = "澳大利亚", ["IL"] = "以色列", ["IN"] = "印度",
        ["SG"] = "新加坡", ["RU"] = "俄罗斯", ["NO"] = "挪威", ["IE"] = "爱尔兰", ["HK"] = "中国香港", ["MO"] = "中国澳门", ["TW"] = "中国台湾",
        ["FOREIGN"] = "国外（国别不详）", ["UNKNOWN"] = "未知",
    };

    internal static FieldReading ReadField(IEnumerable<PatentRecord> records, Place place, int top, HighValueOptions highValue, DateOnly asOf, SeiIpcTaxonomy sei)
    {
        var all = new List<PatentRecord>();
        var outside = new List<PatentRecord>();
        var placeKeys = new HashSet<string>(StringComparer.Ordinal);
        var countries = new Dictionary<string, long>(StringComparer.Ordinal);
        var provinces = new Dictionary<string, (string Name, long Patents)>(StringComparer.Ordinal);
        var holderWeights = new Dictionary<string, double>(StringComparer.Ordinal);
        long validInventions = 0, highValueCount = 0, undetermined = 0, operated = 0;
        var synthetic = false;
        var assessed = new List<(ReportPatent Patent, HighValueAssessment Assessment)>();
        foreach (var r in records)
        {
            all.Add(r);
            synthetic |= r.Synthetic;
            var country = CountryOf(r);
            countries[country] = countries.GetValueOrDefault(country) + 1;
            if (r.Region is { } region)
            {
                var (name, n) = provinces.GetValueOrDefault(region.ProvinceCode, (region.ProvinceName, 0));
                provinces[region.ProvinceCode] = (name, n + 1);
            }

            var keys = r.Applicants.Select(a => ApplicantNames.Normalize(a).Key).Where(k => k.Length > 0).Distinct(StringComparer.Ordinal).ToList();
            foreach (var k in keys)
            {
                holderWeights[k] = holderWeights.GetValueOrDefault(k) + (1.0 / keys.Count);
            }

            if (place.Match(r) is null)
            {
                outside.Add(r);
                continue;
            }

            placeKeys.UnionWith(keys);
            operated += (r.TransferCount ?? 0) + (r.LicenceCount ?? 0) + (r.PledgeCount ?? 0) > 0 ? 1 : 0;
            if (r.Kind != PatentKind.InventionGrant || r.LegalStatus != LegalStatus.Valid)
            {
                continue;
            }

            validInventions++;
            var assessment = HighValuePatents.Assess(r, highValue, asOf, sei);
            if (assessment.Verdict == HighValueVerdict.Undetermined)
            {
                undetermined++;
            }
            else if (assessment.Verdict == HighValueVerdict.HighValue)
            {
                highValueCount++;
            }

            assessed.Add((ToReportPatent(r, assessment), assessment));
        }

        // Index order changes when background merges rewrite segments: rank in publication-number order, so that the same data
        // gives the same report whatever the segments look like.
        all.Sort(ByNumber);
        outside.Sort(ByNumber);
        var weights = holderWeights.Values.ToList();
        var counts = new FieldCounts(
            all.Count,
            synthetic,
            countries,
            provinces,
            RegionalStatistics.ConcentrationRatio(weights),
            RegionalStatistics.Hhi(weights),
            Applicants.Rank(all, new ApplicantRankOptions { Top = top }),
            Attractable(Applicants.Rank(outside, new ApplicantRankOptions { Top = AttractCandidates }), placeKeys.Contains, top),
            Positioning.RankInventors(outside, top),
            validInventions,
            highValueCount,
            undetermined,
            operated,
            assessed);
        return Read(counts, top);
    }

    /// <summary>The applicants outside the place a ranking of <see cref="AttractCandidates"/> offers for attraction:
    /// domestic enterprises not already applying in the place.</summary>
    internal static IReadOnlyList<ApplicantRank> Attractable(ApplicantRanking outside, Func<string, bool> inPlace, int top) => outside.Applicants
        .Where(a => a.Type == ApplicantType.Enterprise && a.Origin == ApplicantOrigin.Domestic && !inPlace(a.Key))
        .Take(top)
        .ToList();

    /// <summary>How many leading applicants outside the place are considered for attraction.</summary>
    internal const int AttractCandidates = 200;

    /// <summary>What the field's records give the report, however counted (records in memory, or SQL over the analytical store).</summary>
    /// <param name="Patents">The field's patents in the benchmark.</param>
    /// <param name="Synthetic">Whether any is synthetic.</param>
    /// <param name="Countries">Patents per country (<see cref="CountryOf(PatentRecord)"/>).</param>
    /// <param name="Provinces">Patents per province code, with its name.</param>
    /// <param name="Cr4">CR4 of applicants (fractional counts).</param>
    /// <param name="Hhi">HHI of applicants.</param>
    /// <param name="Ranking">The leading applicants.</param>
    /// <param name="Attract">Applicants to attract.</param>
    /// <param name="Inventors">Leading inventors outside the place.</param>
    /// <param name="ValidInventions">The place's valid invention grants.</param>
    /// <param name="HighValue">High-value ones.</param>
    /// <param name="Undetermined">Undetermined ones.</param>
    /// <param name="Operated">The place's patents transferred, licensed or pledged.</param>
    /// <param name="Assessed">The place's assessed valid grants: all of them, or at least the leading ones of each list.</param>
    internal sealed record FieldCounts(
        long Patents,
        bool Synthetic,
        IReadOnlyDictionary<string, long> Countries,
        IReadOnlyDictionary<string, (string Name, long Patents)> Provinces,
        double? Cr4,
        double? Hhi,
        ApplicantRanking Ranking,
        IReadOnlyList<ApplicantRank> Attract,
        IReadOnlyList<InventorRank> Inventors,
        long ValidInventions,
        long HighValue,
        long Undetermined,
        long Operated,
        IReadOnlyList<(ReportPatent Patent, HighValueAssessment Assessment)> Assessed);

    /// <summary>The ordering of a place's valid grants in the report's lists: criteria met, then forward citations, then number.</summary>
    internal static IOrderedEnumerable<(ReportPatent Patent, HighValueAssessment Assessment)> InReportOrder(IEnumerable<(ReportPatent Patent, HighValueAssessment Assessment)> assessed) => assessed
        .OrderByDescending(a => a.Patent.CriteriaMet.Count)
        .ThenByDescending(a => a.Patent.ForwardCitations ?? -1)
        .ThenBy(a => a.Patent.PublicationNumber, StringComparer.Ordinal);

    internal static FieldReading Read(FieldCounts c, int top)
    {
        var known = c.Countries.Where(x => x.Key != "UNKNOWN").Sum(x => x.Value);
        var foreign = c.Countries.Where(x => x.Key is not ("UNKNOWN" or "CN" or "HK" or "MO" or "TW")).Sum(x => x.Value);
        var cr4 = c.Cr4 is { } cr ? Round(cr) : (double?)null;
        var hhi = c.Hhi is { } h ? Round(h) : (double?)null;
        var provinceTotal = c.Provinces.Values.Sum(v => v.Patents);
        var control = new FieldControl(
            c.Patents,
            c.Countries.OrderByDescending(x => x.Value).ThenBy(x => x.Key, StringComparer.Ordinal).Take(top)
                .Select(x => new ShareRow(x.Key == "UNKNOWN" ? "—" : x.Key, CountryNames.GetValueOrDefault(x.Key, x.Key), x.Value, Share(x.Value, c.Patents))).ToList(),
            c.Provinces.OrderByDescending(p => p.Value.Patents).ThenBy(p => p.Key, StringComparer.Ordinal).Take(top)
                .Select(p => new ShareRow(p.Key, p.Value.Name, p.Value.Patents, Share(p.Value.Patents, provinceTotal))).ToList(),
            c.Ranking,
            cr4,
            hhi,
            known == 0 ? null : Round((double)foreign / known),
            DescribeConcentration(cr4, hhi),
            ControlBasis);

        var ordered = InReportOrder(c.Assessed).ToList();
        var highValuePatents = ordered.Where(a => a.Assessment.Verdict == HighValueVerdict.HighValue).Select(a => a.Patent).Take(top).ToList();
        var operation = new List<OperationCandidate>();
        operation.AddRange(ordered
            .Where(a => a.Patent.HolderType is ApplicantType.University or ApplicantType.ResearchInstitute
                && (a.Assessment.Verdict == HighValueVerdict.HighValue || a.Patent.ForwardCitations >= 5))
            .Take(top)
            .Select(a => new OperationCandidate("licence-or-transfer", a.Patent, OperationReason(a.Patent, "高校或科研院所持有的有效发明专利", "可向本地企业许可或转让"))));
        operation.AddRange(ordered
            .Where(a => a.Patent.HolderType == ApplicantType.Enterprise && a.Assessment.Verdict == HighValueVerdict.HighValue)
            .Take(top)
            .Select(a => new OperationCandidate("pledge", a.Patent, OperationReason(a.Patent, "企业持有的高价值有效发明专利", "可作为质押融资标的"))));

        return new FieldReading(
            control,
            c.Inventors,
            c.Attract,
            c.ValidInventions,
            c.HighValue,
            c.Undetermined,
            highValuePatents,
            operation,
            c.Operated,
            c.Synthetic);
    }

    /// <summary>How to rerun the appendix's statements.</summary>
    internal const string StatementsIntro = "报告中的每个计数均由以下 SQL 语句在分析库（DuckDB）上算出。下载工作区的 patent 表（Parquet 导出，分析库的同一张表），以表名 patent 载入，即可用 DuckDB 命令行或 Python（duckdb.sql(sql, params=参数)）复算；matched 表为全文检索命中的公开号，hv_pledge、hv_award 为已上传的质押金额与获奖名单。";

    /// <summary>A statement's parameters as JSON (dates as yyyy-MM-dd).</summary>
    internal static string ParametersJson(Analytics.SqlStatement statement) =>
        System.Text.Json.JsonSerializer.Serialize(statement.Parameters, PatentJson.Options);

    /// <summary>A report patent of an assessed record.</summary>
    internal static (ReportPatent Patent, HighValueAssessment Assessment) Assessed(PatentRecord r, HighValueOptions highValue, DateOnly asOf, SeiIpcTaxonomy sei)
    {
        var assessment = HighValuePatents.Assess(r, highValue, asOf, sei);
        return (ToReportPatent(r, assessment), assessment);
    }

    internal static ClusterOverview Summarize(ClusterReport report, IReadOnlyList<string> notes) =>
        new(
            report.Patents,
            report.Clustered,
            report.K,
            report.Selection.Method == "given"
                ? string.Create(CultureInfo.InvariantCulture, $"固定 k = {report.K}")
                : string.Create(CultureInfo.InvariantCulture, $"按轮廓系数在 k = {report.Selection.MinK}–{report.Selection.MaxK} 中选定 k = {report.Selection.K}，样本 {report.Selection.SilhouettePatents} 件"),
            report.Clusters.Select(c => new ClusterSummary(
                c.Id,
                c.Label,
                c.Size,
                Round(c.Share),
                c.Growth.Growth.AnnualGrowth is { } g ? Round(g) : null,
                c.Growth.Lifecycle.Label,
                c.FirstYear,
                c.LastYear,
                Round(c.X),
                Round(c.Y),
                Head(c.TopApplicants)?.Name,
                Head(c.Representatives)?.PublicationNumber,
                Head(c.Representatives)?.Title)).ToList(),
            report.Map.Method,
            report.Settings.Seed,
            [.. notes.Where(n => !n.Contains("maxMapPatents", StringComparison.Ordinal))]);

    internal static NavigationReport Compose(
        NavigationScope scope,
        ReportBasis basis,
        PositioningReport region,
        ChokepointReport chokepoints,
        ClusterOverview clusters,
        FieldReading field,
        HighValueIndicator? indicator,
        string? indicatorRegion,
        string highValueParameters,
        int top)
    {
        var direction = new DirectionPart(region.Growth.Benchmark, clusters, field.Control);
        var positioning = new PositioningPart(
            region,
            new HighValuePart(field.ValidInventions, field.HighValue, field.Undetermined, field.HighValuePatents, indicator, indicatorRegion, highValueParameters),
            chokepoints);
        var paths = new PathsPart([], field.Inventors, field.Attract, field.Operation, field.OperatedPatents);
        var recommendations = Recommend(scope, direction, positioning, paths, top);
        var synthetic = field.Synthetic || region.SyntheticRecords > 0 || chokepoints.SyntheticRecords > 0;
        var notes = new List<string>();
        if (synthetic)
        {
            notes.Add("本报告所依据的部分记录为合成演示数据（synthetic: true）：申请人、地区、日期与法律状态为生成值，数字仅用于演示方法，不反映真实产业状况。");
        }

        // The analyses' own notes follow (in English, as their APIs state them), less the synthetic-data statements the
        // Chinese note above already makes.
        notes.AddRange(region.Notes.Concat(chokepoints.Notes).Concat(clusters.Notes)
            .Where(n => !n.Contains("synthetic", StringComparison.OrdinalIgnoreCase))
            .Distinct(StringComparer.Ordinal));
        return new NavigationReport(
            $"{scope.Place.Name} · {scope.IndustryName} 产业专利导航报告",
            scope,
            basis,
            direction,
            positioning,
            paths with { Recommendations = recommendations },
            synthetic,
            notes);
    }

    /// <summary>The counting conventions in Chinese, as the rendered reports print them (the JSON keeps the full English statement).</summary>
    public static string ConventionsText(CountingConventions conventions)
    {
        ArgumentNullException.ThrowIfNull(conventions);
        var years = conventions.DateField switch
        {
            DateField.Publication => "按公开年统计",
            DateField.Grant => "按授权年统计（未授权的不计年份）",
            _ => "按申请年统计（无申请日时按公开年）",
        };
        var range = conventions.From is null && conventions.To is null
            ? string.Empty
            : $"，日期范围 {conventions.From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "不限"} 至 {conventions.To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "不限"}";
        return years + range + "；以件计：一件公开文献计为一件专利，数据无同族标识，未做同族合并；数据截止日之后的年份与截止日所在的不完整年份不参与增长拟合。";
    }

    /// <summary>How patents are attributed to places, in Chinese.</summary>
    public const string AttributionText = "专利按导出文件的地区字段（无则按第一申请人地址解析，GB/T 2260 代码）归属行政区；园区按其区划代码或申请人地址中的园区地址关键词归属。";

    /// <summary>How patents are matched to a place, in Chinese.</summary>
    public static string DescribePlace(Place place)
    {
        ArgumentNullException.ThrowIfNull(place);
        var parts = new List<string>();
        if (place.Codes.Count > 0)
        {
            parts.Add("区划代码 " + string.Join("、", place.Codes));
        }

        if (place.AddressPatterns.Count > 0)
        {
            parts.Add("申请人地址含" + string.Join("或", place.AddressPatterns.Select(p => $"“{p}”")) + (place.Within is null ? string.Empty : $"（地区已知时须在 {place.Within} 内）"));
        }

        return string.Join("；或", parts);
    }

    /// <summary>The high-value parameters in Chinese.</summary>
    public static string DescribeHighValue(HighValueOptions options, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(options);
        var origin = options.MaintenanceOrigin == MaintenanceOrigin.Filing ? "申请日" : "授权日";
        var pledges = options.PledgeAmounts is null ? "（未提供质押金额）" : $"（质押金额 {options.PledgeAmounts.Count} 件）";
        var awards = options.Awards is null ? "未提供获奖名单" : $"获奖名单 {options.Awards.Count} 件";
        return string.Create(CultureInfo.InvariantCulture, $"评估日 {asOf:yyyy-MM-dd}；维持年限自{origin}起算，超过 {options.MaintenanceYears} 年；质押融资门槛 {options.PledgeThreshold / 10_000m:#,0.##} 万元{pledges}；{awards}");
    }

    /// <summary>The chokepoint method in Chinese (the JSON keeps the full statement, <see cref="Chokepoints.Method"/>).</summary>
    public const string ChokepointMethodText =
        "方法：技术单元为每件专利主 IPC 的大组（只到小类时按小类），专利数少于最小支持数的单元不评分。四个维度——价值（专利规模、增长、被引、同族、高价值占比）、" +
        "差距（本地与领先城市或国家之比、中国与领先国家份额之比、本地 RTA）、垄断（国外权利人占比、HHI、CR4）、突破难度（高价值专利中国外与前四名占比，减去国内增长）。" +
        "各指标在评分单元间 min–max 归一化，维度取可计算指标的均值，得分为各维度加权平均，缺失维度的权重按比例重新分配。完整表述见 JSON 的 positioning.chokepoints.method。";

    /// <summary>How countries and concentration are counted, in Chinese (the JSON keeps <see cref="ControlBasis"/>).</summary>
    public const string ControlBasisText = "国别按第一申请人：导出文件的申请人国别，否则有中国地区代码的记为中国，否则按申请人名称判断（汉字→中国；假名、谚文、外国公司形式→国外，国别不详）；港澳台计入国内。集中度（CR4、HHI）按每件专利的全部申请人计算，k 个申请人各计 1/k。";

    /// <summary>Who the peers are, in Chinese.</summary>
    public static string PeersText(PeerRanking rank)
    {
        ArgumentNullException.ThrowIfNull(rank);
        return rank.Level == Places.PlaceLevel.Park
            ? "同级地区：地区目录中的园区，各按其区划代码与地址关键词归属；合成数据中其他园区可能没有专利。"
            : "同级地区：基准内同级行政区（按区划代码统计）。";
    }

    /// <summary>The lifecycle rule in Chinese, with its numbers.</summary>
    public static string LifecycleText(LifecycleResult lifecycle)
    {
        ArgumentNullException.ThrowIfNull(lifecycle);
        return lifecycle.RecentGrowth is null
            ? $"生命周期：{lifecycle.Label}（完整年份不足，无法判定）"
            : $"生命周期：{lifecycle.Label}（近五年年均增长 {Growth(lifecycle.RecentGrowth)}，近三年占比 {Percent(lifecycle.RecentShare)}；判定规则见 JSON 的 lifecycle.rule）";
    }

    /// <summary>An index between 0 and 1 as the report prints it (three decimals).</summary>
    public static string Index(double? value) => value is { } v ? v.ToString("0.000", CultureInfo.InvariantCulture) : "—";

    /// <summary>The family's Chinese label.</summary>
    public static string Label(RecommendationFamily family) => family switch
    {
        RecommendationFamily.IndustrialStructure => "产业结构优化",
        RecommendationFamily.Enterprises => "企业培育与招引",
        RecommendationFamily.Talent => "人才引育",
        RecommendationFamily.Innovation => "技术创新",
        _ => "专利运营",
    };

    /// <summary>A share or ratio as the report prints it (one decimal per cent).</summary>
    public static string Percent(double? value) => value is { } v ? (v * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%" : "—";

    /// <summary>An IPC unit's title as the first clause of a parenthesis, or nothing when it has none.</summary>
    private static string TitleClause(string? title) => title is null ? string.Empty : $"{title}；";

    /// <summary>A ratio as the report prints it (two decimals).</summary>
    public static string Ratio(double? value) => value is { } v ? v.ToString("0.00", CultureInfo.InvariantCulture) : "—";

    /// <summary>A count as the report prints it (thousands separated).</summary>
    public static string Count(long value) => value.ToString("#,0", CultureInfo.InvariantCulture);

    /// <summary>A growth rate as the report prints it (signed per cent).</summary>
    public static string Growth(double? value) => value is { } v ? (v >= 0 ? "+" : string.Empty) + (v * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%" : "—";

    private static List<Recommendation> Recommend(NavigationScope scope, DirectionPart direction, PositioningPart positioning, PathsPart paths, int top)
    {
        var list = new List<Recommendation>();
        var r = positioning.Region;
        var place = scope.Place.Name;
        var industry = scope.IndustryName;
        var few = Math.Min(3, top);

        // 产业结构优化: specialisation, strengths, weak links, growth.
        if (r.PlaceInField.Count == 0)
        {
            list.Add(Rec(
                RecommendationFamily.IndustrialStructure,
                "产业基础",
                $"{place}在{industry}领域暂无专利（本地全部专利 {Count(r.PlaceAll)} 件）：尚未形成技术基础，宜以招引企业和引进成果转化为起点，而非自主布局全链条。",
                Fig("本地领域专利", "positioning.region.placeInField.count", Count(r.PlaceInField.Count)),
                Fig("本地全部专利", "positioning.region.placeAll", Count(r.PlaceAll))));
        }
        else
        {
            var degree = r.RtaLower > 1 ? "显著高于基准" : r.RtaUpper < 1 ? "显著低于基准" : "与基准无显著差别（区间跨 1）";
            var advice = r.RtaLower > 1
                ? "宜作为主导产业巩固提升，围绕优势方向延链、强链"
                : r.RtaUpper < 1
                    ? "该产业在本地专业化不足，应聚焦少数细分方向集中投入，避免全面铺开"
                    : "可结合增长速度与优势技术确定重点方向";
            list.Add(Rec(
                RecommendationFamily.IndustrialStructure,
                "专业化水平",
                $"{place}在{industry}领域有专利 {Count(r.PlaceInField.Count)} 件，占基准领域专利的 {Percent(r.ShareOfField)}；显示性技术优势指数 RTA 为 {Ratio(r.Rta)}（95% 区间 {Ratio(r.RtaLower)}–{Ratio(r.RtaUpper)}），专业化程度{degree}：{advice}。" + (r.TooFew ? "（本地专利少于最小支持数，数字仅作参考。）" : string.Empty),
                Fig("本地领域专利", "positioning.region.placeInField.count", Count(r.PlaceInField.Count)),
                Fig("领域份额", "positioning.region.shareOfField", Percent(r.ShareOfField)),
                Fig("RTA", "positioning.region.rta", Ratio(r.Rta))));
        }

        var lifecycle = direction.Trend.Lifecycle;
        list.Add(Rec(
            RecommendationFamily.IndustrialStructure,
            "发展阶段",
            $"基准范围内{industry}领域处于{lifecycle.Label}，年均增长 {Growth(direction.Trend.Growth.AnnualGrowth)}；本地增长与基准相比：{GrowthVerdict(r.Growth.Verdict)}（相对差 {Growth(r.Growth.Relative)}）。"
                + (lifecycle.Stage is LifecycleStage.Emerging or LifecycleStage.Growth ? "领域仍在扩张，适合提前布局新兴方向。" : lifecycle.Stage is LifecycleStage.Maturity or LifecycleStage.Decline ? "领域趋于成熟，宜以质量提升与细分突破为主。" : string.Empty),
            Fig("生命周期", "direction.trend.lifecycle.label", lifecycle.Label),
            Fig("领域年均增长", "direction.trend.growth.annualGrowth", Growth(direction.Trend.Growth.AnnualGrowth)),
            Fig("本地相对增长", "positioning.region.growth.relative", Growth(r.Growth.Relative))));

        var strong = r.Strongest.Select((t, i) => (t, i)).Where(x => !x.t.TooFew && x.t.Rta > 1).Take(few).ToList();
        if (strong.Count > 0)
        {
            list.Add(Rec(
                RecommendationFamily.IndustrialStructure,
                "巩固优势技术",
                "巩固本地优势技术方向：" + string.Join("；", strong.Select(x => $"{x.t.Code}（{TitleClause(x.t.Title)}RTA {Ratio(x.t.Rta)}，本地 {Count(x.t.Place.Count)} 件）")) + "。",
                [.. strong.SelectMany(x => new[]
                {
                    Fig($"{x.t.Code} RTA", $"positioning.region.strongest[{x.i}].rta", Ratio(x.t.Rta)),
                    Fig($"{x.t.Code} 本地专利", $"positioning.region.strongest[{x.i}].place.count", Count(x.t.Place.Count)),
                })]));
        }

        var weak = r.Weakest.Select((t, i) => (t, i)).Where(x => x.t.Rta is null or < 1).Take(few).ToList();
        if (weak.Count > 0)
        {
            list.Add(Rec(
                RecommendationFamily.IndustrialStructure,
                "补齐薄弱环节",
                "补齐薄弱环节（基准中规模较大而本地相对不足的技术）：" + string.Join("；", weak.Select(x => $"{x.t.Code}（{TitleClause(x.t.Title)}基准 {Count(x.t.Benchmark)} 件，本地 {Count(x.t.Place.Count)} 件，RTA {Ratio(x.t.Rta)}）")) + "。",
                [.. weak.SelectMany(x => new[]
                {
                    Fig($"{x.t.Code} 基准专利", $"positioning.region.weakest[{x.i}].benchmark", Count(x.t.Benchmark)),
                    Fig($"{x.t.Code} RTA", $"positioning.region.weakest[{x.i}].rta", Ratio(x.t.Rta)),
                })]));
        }

        // 企业培育与招引.
        var local = r.Applicants.Applicants.Select((a, i) => (a, i)).Where(x => x.a.Type == ApplicantType.Enterprise).Take(few).ToList();
        list.Add(local.Count > 0
            ? Rec(
                RecommendationFamily.Enterprises,
                "培育本地龙头企业",
                "重点培育本地领域内专利最多的企业：" + string.Join("；", local.Select(x => $"{x.a.Name}（{Count(x.a.Patents)} 件，有效发明 {Count(x.a.ValidInventions)} 件）")) + "，支持其建设高价值专利组合。",
                [.. local.Select(x => Fig($"{x.a.Name} 专利", $"positioning.region.applicants.applicants[{x.i}].patents", Count(x.a.Patents)))])
            : Rec(
                RecommendationFamily.Enterprises,
                "培育本地龙头企业",
                $"{place}在{industry}领域暂无企业申请人：企业培育需从招引入手。",
                Fig("本地领域专利", "positioning.region.placeInField.count", Count(r.PlaceInField.Count))));
        var attract = paths.Attract.Take(few).Select((a, i) => (a, i)).ToList();
        if (attract.Count > 0)
        {
            list.Add(Rec(
                RecommendationFamily.Enterprises,
                "招商引资",
                "招引对象：基准范围内该领域专利领先、尚未在本地布局的国内企业——" + string.Join("；", attract.Select(x => $"{x.a.Name}（{Count(x.a.Patents)} 件）")) + "。",
                [.. attract.Select(x => Fig($"{x.a.Name} 专利", $"paths.attract[{x.i}].patents", Count(x.a.Patents)))]));
        }

        // 人才引育.
        var recruit = paths.Inventors.Take(few).Select((v, i) => (v, i)).ToList();
        if (recruit.Count > 0)
        {
            list.Add(Rec(
                RecommendationFamily.Talent,
                "引进领军发明人",
                "可引进或柔性合作的本地以外领军发明人：" + string.Join("；", recruit.Select(x => $"{x.v.Name}（{x.v.Applicant ?? "申请人不详"}，{Count(x.v.Patents)} 件）")) + "。发明人按姓名统计，同名者会合并，联系前请核实。",
                [.. recruit.Select(x => Fig($"{x.v.Name} 专利", $"paths.inventors[{x.i}].patents", Count(x.v.Patents)))]));
        }

        var keep = r.Inventors.Take(few).Select((v, i) => (v, i)).ToList();
        if (keep.Count > 0)
        {
            list.Add(Rec(
                RecommendationFamily.Talent,
                "稳定本地研发骨干",
                "本地领域内最活跃的发明人：" + string.Join("；", keep.Select(x => $"{x.v.Name}（{x.v.Applicant ?? "申请人不详"}，{Count(x.v.Patents)} 件）")) + "，宜纳入人才支持计划。",
                [.. keep.Select(x => Fig($"{x.v.Name} 专利", $"positioning.region.inventors[{x.i}].patents", Count(x.v.Patents)))]));
        }

        // 技术创新: chokepoints and partners.
        var entries = positioning.Chokepoints.Entries.Take(few).Select((e, i) => (e, i)).ToList();
        if (entries.Count > 0)
        {
            list.Add(Rec(
                RecommendationFamily.Innovation,
                "攻关卡脖子技术",
                "建议列入“揭榜挂帅”攻关清单的技术单元：" + string.Join("；", entries.Select(x =>
                    $"{x.e.Unit}（{TitleClause(x.e.Title)}得分 {Ratio(x.e.Score)}，{x.e.Evidence.Patents} 件，本地 {x.e.Evidence.PlacePatents} 件"
                    + (x.e.Evidence.ForeignShare is { } fs ? $"，国外权利人占 {Percent(fs)}" : string.Empty)
                    + (x.e.Evidence.LeaderCountry is { } lc ? $"，领先国家 {CountryNames.GetValueOrDefault(lc, lc)}" : string.Empty) + "）")) + "。",
                [.. entries.SelectMany(x => new[]
                {
                    Fig($"{x.e.Unit} 得分", $"positioning.chokepoints.entries[{x.i}].score", Ratio(x.e.Score)),
                    Fig($"{x.e.Unit} 本地专利", $"positioning.chokepoints.entries[{x.i}].evidence.placePatents", Count(x.e.Evidence.PlacePatents)),
                })]));
            var partners = entries
                .SelectMany(x => x.e.Institutions.Select((p, j) => (p, x.i, j, x.e.Unit)))
                .GroupBy(x => x.p.Name, StringComparer.Ordinal)
                .Select(g => g.First())
                .Take(few)
                .ToList();
            list.Add(partners.Count > 0
                ? Rec(
                    RecommendationFamily.Innovation,
                    "产学研合作伙伴",
                    "围绕上述技术单元可联合的高校与科研院所：" + string.Join("；", partners.Select(x => $"{x.p.Name}（{x.Unit} 内 {x.p.InUnit} 件）")) + "。",
                    [.. partners.Select(x => Fig($"{x.p.Name} 单元内专利", $"positioning.chokepoints.entries[{x.i}].institutions[{x.j}].inUnit", Count(x.p.InUnit)))])
                : Rec(
                    RecommendationFamily.Innovation,
                    "产学研合作伙伴",
                    "上述技术单元中未发现本地以外的高校或科研院所专利权人：合作对象需在更大范围（如全国基准）中寻找。",
                    Fig("首个技术单元", "positioning.chokepoints.entries[0].unit", entries[0].e.Unit)));
        }
        else
        {
            list.Add(Rec(
                RecommendationFamily.Innovation,
                "攻关卡脖子技术",
                $"该领域没有专利数达到最小支持数（{positioning.Chokepoints.MinSupport} 件）的技术单元，无法形成卡脖子清单。",
                Fig("评分单元数", "positioning.chokepoints.scored", Count(positioning.Chokepoints.Scored))));
        }

        // 专利运营.
        var licence = paths.Operation.Select((o, i) => (o, i)).Where(x => x.o.Action == "licence-or-transfer").Take(few).ToList();
        var pledge = paths.Operation.Select((o, i) => (o, i)).Where(x => x.o.Action == "pledge").Take(few).ToList();
        list.Add(Rec(
            RecommendationFamily.Operation,
            "运营基础",
            $"本地领域内有效发明专利 {Count(positioning.HighValue.ValidInventions)} 件，其中高价值 {Count(positioning.HighValue.HighValuePatents)} 件、待定 {Count(positioning.HighValue.Undetermined)} 件；已有转让、许可或质押记录的专利 {Count(paths.OperatedPatents)} 件。",
            Fig("有效发明专利", "positioning.highValue.validInventions", Count(positioning.HighValue.ValidInventions)),
            Fig("高价值专利", "positioning.highValue.highValuePatents", Count(positioning.HighValue.HighValuePatents)),
            Fig("已运营专利", "paths.operatedPatents", Count(paths.OperatedPatents))));
        if (licence.Count > 0)
        {
            list.Add(Rec(
                RecommendationFamily.Operation,
                "许可与转让",
                "推动向本地企业许可或转让：" + string.Join("；", licence.Select(x => $"{x.o.Patent.PublicationNumber} {x.o.Patent.Title}（{x.o.Patent.Holder}）")) + "。",
                [.. licence.Select(x => Fig("候选专利", $"paths.operation[{x.i}].patent.publicationNumber", x.o.Patent.PublicationNumber))]));
        }

        if (pledge.Count > 0)
        {
            list.Add(Rec(
                RecommendationFamily.Operation,
                "质押融资",
                "可支持企业开展专利质押融资的标的：" + string.Join("；", pledge.Select(x => $"{x.o.Patent.PublicationNumber} {x.o.Patent.Title}（{x.o.Patent.Holder}）")) + "。",
                [.. pledge.Select(x => Fig("候选专利", $"paths.operation[{x.i}].patent.publicationNumber", x.o.Patent.PublicationNumber))]));
        }

        return list;
    }

    private static Recommendation Rec(RecommendationFamily family, string title, string text, params ReportFigure[] evidence) =>
        new(family, Label(family), title, text, evidence);

    private static ReportFigure Fig(string label, string path, string value) => new(label, path, value);

    private static string GrowthVerdict(string verdict) => verdict switch
    {
        "faster" => "快于基准",
        "slower" => "慢于基准",
        "notDistinguishable" => "与基准无显著差别",
        _ => "无法比较（数据不足）",
    };

    private static string CountryOf(PatentRecord r, string? firstApplicant)
    {
        if (!string.IsNullOrWhiteSpace(r.ApplicantCountry))
        {
            return r.ApplicantCountry.Trim().ToUpperInvariant();
        }

        if (r.Region is not null)
        {
            return "CN";
        }

        if (firstApplicant is null)
        {
            return "UNKNOWN";
        }

        return ApplicantNames.Classify(firstApplicant, null).Origin switch
        {
            ApplicantOrigin.Domestic => "CN",
            ApplicantOrigin.Foreign => "FOREIGN",
            _ => "UNKNOWN",
        };
    }

    /// <summary>The holder a report names for a patent (its first current holder, else its first applicant) and its type.</summary>
    internal static (string? Holder, ApplicantType Type) HolderOf(PatentRecord r)
    {
        var holder = Head(r.CurrentHolders) ?? Head(r.Applicants);
        holder = holder is null ? null : ApplicantNames.Normalize(holder).DisplayName;
        return (holder, holder is null ? ApplicantType.Other : ApplicantNames.Classify(holder, r.ApplicantCountry).Type);
    }

    /// <summary>The country a report counts a patent under: its applicant country, else CN with a Chinese region, else
    /// by the first applicant's name (CN, FOREIGN or UNKNOWN).</summary>
    internal static string CountryOf(PatentRecord r) => CountryOf(r, Head(r.Applicants) ?? Head(r.CurrentHolders));

    private static ReportPatent ToReportPatent(PatentRecord r, HighValueAssessment assessment)
    {
        var (holder, type) = HolderOf(r);
        var year = r.FilingDate?.Year ?? r.PublicationDate?.Year;
        return new ReportPatent(r.PublicationNumber.ToString(), r.Title, holder, type, year, [.. assessment.Met], r.ForwardCitations, r.FamilySize, r.TransferCount, r.LicenceCount, r.PledgeCount);
    }

    private static string OperationReason(ReportPatent p, string who, string action)
    {
        var met = p.CriteriaMet.Count > 0 ? "满足高价值标准（" + string.Join("、", p.CriteriaMet.Select(CriterionLabel)) + "）" : "被引 " + (p.ForwardCitations ?? 0).ToString(CultureInfo.InvariantCulture) + " 次";
        return $"{who}，{met}：{action}";
    }

    /// <summary>A high-value criterion in Chinese.</summary>
    public static string CriterionLabel(HighValueCriterion c) => c switch
    {
        HighValueCriterion.StrategicEmergingIndustry => "战略性新兴产业",
        HighValueCriterion.OverseasFamily => "海外同族",
        HighValueCriterion.MaintainedOverTenYears => "维持十年以上",
        HighValueCriterion.HighPledgeFinancing => "质押融资一千万元以上",
        _ => "获奖专利",
    };

    private static string DescribeConcentration(double? cr4, double? hhi)
    {
        if (cr4 is null || hhi is null)
        {
            return "无法计算（没有申请人）";
        }

        var level = hhi >= 0.25 ? "高度集中" : hhi >= 0.15 ? "中度集中" : "分散竞争";
        return $"{level}：CR4 {Percent(cr4)}，HHI {hhi.Value.ToString("0.000", CultureInfo.InvariantCulture)}（规则：HHI ≥ 0.25 高度集中，0.15–0.25 中度集中，其余分散竞争）";
    }

    private static int ByNumber(PatentRecord a, PatentRecord b) => string.CompareOrdinal(a.PublicationNumber.Value, b.PublicationNumber.Value);

    private static double Share(long part, long total) => total == 0 ? 0 : Round((double)part / total);

    private static double Round(double value) => Math.Round(value, 6);

    private static T? Head<T>(IReadOnlyList<T> list)
        where T : class => list.Count > 0 ? list[0] : null;
}

using System.Globalization;
using System.Text;
using PatentNav.Taxonomy;

namespace PatentNav.Reports;

/// <summary>The report as Markdown (CommonMark with pipe tables): the same text, figures and tables as the HTML, without charts.</summary>
public static class ReportMarkdown
{
    /// <summary>Renders the report.</summary>
    public static string Render(NavigationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var sb = new StringBuilder(32 * 1024);
        var b = report.Basis;
        sb.Append("# ").Append(report.Title).Append("\n\n");
        if (report.Synthetic)
        {
            sb.Append("> **演示数据**：本报告所依据的部分记录为合成数据（申请人、地区、日期、法律状态为生成值），数字仅用于展示方法，不反映真实产业状况。\n\n");
        }

        Table(sb, ["项目", "内容"],
        [
            ["地区", $"{report.Scope.Place.Name}（{report.Scope.Place.Id}）：{report.Scope.PlaceRule}"],
            ["产业", $"{report.Scope.IndustryName}（{report.Scope.Industry}）"],
            ["比较基准", report.Scope.BenchmarkName],
            ["数据截止日", b.DataCutoff?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "—"],
            ["生成时间", b.GeneratedAt.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture)],
            ["统计口径", NavigationReports.ConventionsText(b.Conventions)],
            ["地区归属", NavigationReports.AttributionText],
            ["参数", string.Join("；", b.Parameters.Select(p => $"{p.Name} = {p.Value}"))],
            ["库内专利", $"{NavigationReports.Count(b.WorkspacePatents)} 件 · {b.Engine}"],
        ]);

        var d = report.Direction;
        var t = d.Trend;
        sb.Append("## 一、产业发展方向（方向）\n\n### 1. 申请趋势与生命周期\n\n");
        sb.Append(CultureInfo.InvariantCulture, $"基准范围内领域专利 {NavigationReports.Count(t.Total)} 件；年均增长（泊松）{NavigationReports.Growth(t.Growth.AnnualGrowth)}，复合增长率 {NavigationReports.Growth(t.Cagr.Value)}；{NavigationReports.LifecycleText(t.Lifecycle)}。\n\n");
        Table(sb, ["年份", "专利", "完整年份"], t.Years.Select(y => new[] { y.Year.ToString(CultureInfo.InvariantCulture), NavigationReports.Count(y.Count), y.Complete ? "是" : "否" }));
        sb.Append("### 2. 技术构成与演进（技术聚类）\n\n");
        if (d.Clusters.Clusters.Count == 0)
        {
            sb.Append(string.Join("；", d.Clusters.Notes)).Append("\n\n");
        }
        else
        {
            sb.Append(CultureInfo.InvariantCulture, $"{NavigationReports.Count(d.Clusters.Clustered)} 件专利聚为 {d.Clusters.K} 个技术主题（{d.Clusters.Selection}）。技术功效地图见 HTML 版。\n\n");
            Table(sb, ["#", "技术主题", "专利", "占比", "年均增长", "阶段", "主要申请人"], d.Clusters.Clusters.Select(c => new[]
            {
                c.Id.ToString(CultureInfo.InvariantCulture), c.Label, NavigationReports.Count(c.Size), NavigationReports.Percent(c.Share), NavigationReports.Growth(c.AnnualGrowth), c.Lifecycle, c.LeadingApplicant ?? "—",
            }));
        }

        var k = d.Control;
        sb.Append("### 3. 产业控制力\n\n");
        sb.Append(CultureInfo.InvariantCulture, $"国外申请人占比 {NavigationReports.Percent(k.ForeignShare)}；{k.Concentration}。\n\n");
        Table(sb, ["国别", "专利", "占比"], k.Countries.Select(c => new[] { c.Name, NavigationReports.Count(c.Patents), NavigationReports.Percent(c.Share) }));
        Table(sb, ["申请人", "类型", "专利", "有效发明"], k.Applicants.Applicants.Select(a => new[] { a.Name, a.Type.ToString(), NavigationReports.Count(a.Patents), NavigationReports.Count(a.ValidInventions) }));

        var p = report.Positioning.Region;
        sb.Append("## 二、区域产业定位（定位）\n\n");
        sb.Append(CultureInfo.InvariantCulture, $"本地领域专利 {NavigationReports.Count(p.PlaceInField.Count)} 件（本地全部 {NavigationReports.Count(p.PlaceAll)} 件），占基准领域的 {NavigationReports.Percent(p.ShareOfField)}；RTA {NavigationReports.Ratio(p.Rta)}（95% 区间 {NavigationReports.Ratio(p.RtaLower)}–{NavigationReports.Ratio(p.RtaUpper)}）；同级地区排名 {p.Rank.RankByPatents}/{p.Rank.Peers}；相对基准增长 {NavigationReports.Growth(p.Growth.Relative)}。\n\n");
        sb.Append("### 1. 优势与薄弱技术（RTA）\n\n");
        Table(sb, ["类型", "技术单元", "本地", "基准", "RTA"],
            p.Strongest.Select(x => new[] { "优势", x.Label, NavigationReports.Count(x.Place.Count), NavigationReports.Count(x.Benchmark), NavigationReports.Ratio(x.Rta) })
                .Concat(p.Weakest.Select(x => new[] { "薄弱", x.Label, NavigationReports.Count(x.Place.Count), NavigationReports.Count(x.Benchmark), NavigationReports.Ratio(x.Rta) })));
        sb.Append("### 2. 同级地区比较\n\n");
        Table(sb, ["地区", "领域专利", "全部专利", "领域份额", "RTA"], p.Rank.Top.Select(x => new[] { x.Name, NavigationReports.Count(x.InField), NavigationReports.Count(x.All), NavigationReports.Percent(x.ShareOfField), NavigationReports.Ratio(x.Rta) }));
        sb.Append("### 3. 本地主要申请人与发明人\n\n");
        Table(sb, ["申请人", "类型", "专利", "有效发明"], p.Applicants.Applicants.Select(a => new[] { a.Name, a.Type.ToString(), NavigationReports.Count(a.Patents), NavigationReports.Count(a.ValidInventions) }));
        Table(sb, ["发明人", "主要申请人", "专利"], p.Inventors.Select(x => new[] { x.Name, x.Applicant ?? "—", NavigationReports.Count(x.Patents) }));
        var h = report.Positioning.HighValue;
        sb.Append("### 4. 高价值专利\n\n");
        sb.Append(CultureInfo.InvariantCulture, $"本地领域有效发明专利 {NavigationReports.Count(h.ValidInventions)} 件，其中高价值 {NavigationReports.Count(h.HighValuePatents)} 件，待定 {NavigationReports.Count(h.Undetermined)} 件。");
        if (h.Indicator is { } ind)
        {
            sb.Append(CultureInfo.InvariantCulture, $"{h.IndicatorRegion} 全部产业高价值发明专利 {NavigationReports.Count(ind.HighValue)} 件，每万人口 {(ind.HighValuePerTenThousand is { } v ? v.ToString("0.00", CultureInfo.InvariantCulture) : "—（未提供人口数据）")}。");
        }

        sb.Append("\n\n");
        Table(sb, ["公开号", "名称", "权利人", "满足标准"], h.Patents.Select(x => new[] { x.PublicationNumber, x.Title ?? "—", x.Holder ?? "—", string.Join("、", x.CriteriaMet.Select(NavigationReports.CriterionLabel)) }));
        sb.Append("参数：").Append(h.Parameters).Append("\n\n");
        var c = report.Positioning.Chokepoints;
        sb.Append("### 5. 卡脖子技术清单\n\n");
        Table(sb, ["#", "技术单元", "得分", "专利", "本地", "国外占比", "领先国家/城市", "合作院所"], c.Entries.Select(e => new[]
        {
            e.Rank.ToString(CultureInfo.InvariantCulture), e.Label, NavigationReports.Ratio(e.Score), NavigationReports.Count(e.Evidence.Patents), NavigationReports.Count(e.Evidence.PlacePatents),
            NavigationReports.Percent(e.Evidence.ForeignShare), string.Join(" / ", new[] { e.Evidence.LeaderCountry, e.Evidence.LeaderCity }.Where(s => s is not null)), string.Join("；", e.Institutions.Select(x => x.Name)),
        }));
        sb.Append(NavigationReports.ChokepointMethodText).Append("\n\n");

        sb.Append("## 三、发展路径（路径）\n\n");
        foreach (var family in report.Paths.Recommendations.GroupBy(r => r.Family))
        {
            sb.Append("### ").Append(NavigationReports.Label(family.Key)).Append("\n\n");
            foreach (var r in family)
            {
                sb.Append("- **").Append(r.Title).Append("**：").Append(r.Text).Append("\n  依据：")
                    .Append(string.Join("；", r.Evidence.Select(f => $"{f.Label} {f.Value}（`{f.Path}`）"))).Append('\n');
            }

            sb.Append('\n');
        }

        sb.Append("## 说明\n\n");
        foreach (var n in report.Notes)
        {
            sb.Append("- ").Append(n).Append('\n');
        }

        sb.Append("- 数据集（CSV/XLSX/Parquet）与本报告同时提供，口径与参数相同。\n");
        if (report.Statements.Count > 0)
        {
            sb.Append("\n## 附录：计算语句\n\n").Append(NavigationReports.StatementsIntro).Append("\n\n");
            foreach (var st in report.Statements)
            {
                sb.Append("**").Append(st.Purpose).Append("**　参数：`").Append(NavigationReports.ParametersJson(st)).Append("`\n\n```sql\n").Append(st.Sql.Trim()).Append("\n```\n\n");
            }
        }

        return sb.ToString();
    }

    private static void Table(StringBuilder sb, IReadOnlyList<string> header, IEnumerable<string[]> rows)
    {
        var list = rows.ToList();
        if (list.Count == 0)
        {
            sb.Append("（无数据）\n\n");
            return;
        }

        sb.Append("| ").AppendJoin(" | ", header.Select(Cell)).Append(" |\n|");
        sb.Append(string.Concat(header.Select(_ => "---|"))).Append('\n');
        foreach (var row in list)
        {
            sb.Append("| ").AppendJoin(" | ", row.Select(Cell)).Append(" |\n");
        }

        sb.Append('\n');
    }

    private static string Cell(string? text) => (text ?? string.Empty).Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}

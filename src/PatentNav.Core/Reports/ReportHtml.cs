using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using PatentNav.Analytics;

namespace PatentNav.Reports;

/// <summary>
/// The report as HTML: a self-contained document (inline CSS, charts as inline SVG, no script, opens offline) or the
/// <c>&lt;article class="pn-report"&gt;</c> fragment a page embeds. Every key number is
/// <c>&lt;span data-figure="{JSON path}" data-value="{raw JSON value}"&gt;</c>, so the page can be checked against the JSON.
/// </summary>
public static class ReportHtml
{
    private const string Css = """
        .pn-report{font-family:'Noto Sans CJK SC','Source Han Sans SC','WenQuanYi Zen Hei','WenQuanYi Micro Hei','Microsoft YaHei','PingFang SC',sans-serif;color:#1d2733;line-height:1.65;max-width:980px;margin:0 auto;padding:8px 20px 40px}
        .pn-report h1{font-size:26px;margin:12px 0 4px}
        .pn-report h2{font-size:21px;margin:34px 0 10px;padding-bottom:6px;border-bottom:2px solid #1f6fb2}
        .pn-report h3{font-size:17px;margin:22px 0 8px}
        .pn-report .synthetic{background:#fff4d6;border:1px solid #e0b443;padding:8px 12px;border-radius:4px;margin:10px 0}
        .pn-report .kpis{display:flex;flex-wrap:wrap;gap:10px;margin:10px 0}
        .pn-report .kpi{border:1px solid #dde3ea;border-radius:6px;padding:8px 14px;min-width:130px;background:#fafcfe}
        .pn-report .kpi b{display:block;font-size:20px;color:#1f6fb2}
        .pn-report .kpi small{color:#5b6773}
        .pn-report .kpi b small{display:block;font-size:12px;font-weight:normal}
        .pn-report .ipc-title{color:#5b6773;font-size:12px}
        .pn-report table{border-collapse:collapse;width:100%;margin:8px 0 14px;font-size:14px}
        .pn-report th,.pn-report td{border:1px solid #dde3ea;padding:4px 8px;text-align:left;vertical-align:top}
        .pn-report th{background:#eef3f8;white-space:nowrap}
        .pn-report td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
        .pn-report td.s{white-space:nowrap}
        .pn-report td.none{color:#8a96a3;text-align:center}
        .pn-report .rec code{font-size:11px;color:#8a96a3}
        .pn-report figure.pn-chart{margin:12px 0}
        .pn-report .rec{border-left:4px solid #1f6fb2;background:#f7f9fb;padding:8px 14px;margin:10px 0}
        .pn-report .rec .evidence{font-size:13px;color:#4a5663}
        .pn-report .meta td:first-child{width:160px;color:#4a5663}
        .pn-report .note{font-size:13px;color:#4a5663}
        """;

    /// <summary>Renders the report.</summary>
    /// <param name="report">The report.</param>
    /// <param name="fragment">True for the <c>&lt;article&gt;</c> element alone (with its scoped style), false for a complete document.</param>
    public static string Render(NavigationReport report, bool fragment = false)
    {
        ArgumentNullException.ThrowIfNull(report);
        var w = new Writer(ReportJson.ToNode(report));
        var sb = w.Sb;
        if (!fragment)
        {
            sb.Append("<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
            sb.Append("<title>").Append(E(report.Title)).Append("</title><style>body{margin:0;background:#fff}").Append(Css).Append("</style></head><body>\n");
        }

        sb.Append("<article class=\"pn-report\">");
        if (fragment)
        {
            sb.Append("<style>").Append(Css).Append("</style>");
        }

        Header(w, report);
        Direction(w, report);
        Positioning(w, report);
        Paths(w, report);
        Footer(w, report);
        sb.Append("</article>\n");
        if (!fragment)
        {
            sb.Append("</body></html>\n");
        }

        return sb.ToString();
    }

    private static void Header(Writer w, NavigationReport r)
    {
        var sb = w.Sb;
        sb.Append("<header><h1>").Append(E(r.Title)).Append("</h1>");
        if (r.Synthetic)
        {
            sb.Append("<p class=\"synthetic\"><b>演示数据</b>：本报告所依据的部分记录为合成数据（申请人、地区、日期、法律状态为生成值），数字仅用于展示方法，不反映真实产业状况。</p>");
        }

        var b = r.Basis;
        sb.Append("<table class=\"meta\"><tbody>");
        Row(sb, "地区", E($"{r.Scope.Place.Name}（{r.Scope.Place.Id}）") + "<br><span class=\"note\">" + E(r.Scope.PlaceRule) + "</span>");
        Row(sb, "产业", E($"{r.Scope.IndustryName}（{r.Scope.Industry}）"));
        Row(sb, "比较基准", E(r.Scope.BenchmarkName));
        Row(sb, "数据截止日", w.Fig("basis.dataCutoff", b.DataCutoff?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "—"));
        Row(sb, "生成时间", E(b.GeneratedAt.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture)));
        Row(sb, "统计口径", E(NavigationReports.ConventionsText(b.Conventions)));
        Row(sb, "地区归属", E(NavigationReports.AttributionText));
        Row(sb, "参数", E(string.Join("；", b.Parameters.Select(p => $"{p.Name} = {p.Value}"))));
        Row(sb, "库内专利", w.Fig("basis.workspacePatents", NavigationReports.Count(b.WorkspacePatents)) + " 件 · " + E(b.Engine));
        sb.Append("</tbody></table></header>");
    }

    private static void Direction(Writer w, NavigationReport r)
    {
        var sb = w.Sb;
        var d = r.Direction;
        var t = d.Trend;
        sb.Append("<section id=\"direction\"><h2>一、产业发展方向（方向）</h2>");
        sb.Append("<h3>1. 申请趋势与生命周期</h3><div class=\"kpis\">");
        Kpi(sb, "领域专利（基准）", w.Fig("direction.trend.total", NavigationReports.Count(t.Total)) + " 件");
        Kpi(sb, "年均增长（泊松）", w.Fig("direction.trend.growth.annualGrowth", NavigationReports.Growth(t.Growth.AnnualGrowth)));
        Kpi(sb, "复合增长率", w.Fig("direction.trend.cagr.value", NavigationReports.Growth(t.Cagr.Value)));
        Kpi(sb, "生命周期", w.Fig("direction.trend.lifecycle.label", t.Lifecycle.Label));
        sb.Append("</div>");
        w.Chart("trend", SvgCharts.Lines("领域申请趋势（件/年）", [("基准：" + r.Scope.IndustryName, t.Years.Select(y => new SeriesPoint(y.Year, y.Count, y.Complete)).ToList())]));
        sb.Append("<p class=\"note\">").Append(E(GrowthText(t.Growth))).Append('；').Append(E(NavigationReports.LifecycleText(t.Lifecycle)))
            .Append("。按申请年统计时，发明专利申请一般在 18 个月后才公开，最近一两年的数量偏低可能来自公开滞后，而非申请减少。</p>");

        var c = d.Clusters;
        sb.Append("<h3>2. 技术构成与演进（技术聚类）</h3>");
        if (c.Clusters.Count == 0)
        {
            sb.Append("<p>").Append(E(string.Join("；", c.Notes))).Append("</p>");
        }
        else
        {
            sb.Append("<p>").Append(w.Fig("direction.clusters.clustered", NavigationReports.Count(c.Clustered))).Append(" 件专利聚为 ")
                .Append(w.Fig("direction.clusters.k", c.K.ToString(CultureInfo.InvariantCulture))).Append(" 个技术主题（").Append(E(c.Selection)).Append("）。</p>");
            w.Chart("landscape", SvgCharts.Map("技术功效地图（气泡面积 = 专利数，颜色 = 年均增长）", c.Clusters.Select(x => new Bubble(x.Id, x.X, x.Y, x.Size, x.Label, x.AnnualGrowth)).ToList()));
            sb.Append("<table><thead><tr><th>#</th><th>技术主题</th><th>专利</th><th>占比</th><th>年均增长</th><th>阶段</th><th>主要申请人</th><th>代表专利</th></tr></thead><tbody>");
            for (var i = 0; i < c.Clusters.Count; i++)
            {
                var x = c.Clusters[i];
                var p = $"direction.clusters.clusters[{i}]";
                sb.Append("<tr><td>").Append(x.Id).Append("</td><td>").Append(E(x.Label)).Append("</td>")
                    .Append(N(w.Fig(p + ".size", NavigationReports.Count(x.Size))))
                    .Append(N(w.Fig(p + ".share", NavigationReports.Percent(x.Share))))
                    .Append(N(w.Fig(p + ".annualGrowth", NavigationReports.Growth(x.AnnualGrowth))))
                    .Append("<td class=\"s\">").Append(E(x.Lifecycle)).Append("</td><td>").Append(E(x.LeadingApplicant ?? "—")).Append("</td><td>")
                    .Append(E(x.Representative is null ? "—" : $"{x.Representative} {x.RepresentativeTitle}")).Append("</td></tr>");
            }

            sb.Append("</tbody></table><p class=\"note\">年均增长为全期泊松回归；阶段按近五年增长与近三年占比判定，二者可以不同（如长期增长而近年回落的主题处于成熟或衰退期）。</p>");
        }

        var k = d.Control;
        sb.Append("<h3>3. 产业控制力</h3><div class=\"kpis\">");
        Kpi(sb, "国外申请人占比", w.Fig("direction.control.foreignShare", NavigationReports.Percent(k.ForeignShare)));
        Kpi(sb, "CR4", w.Fig("direction.control.cr4", NavigationReports.Percent(k.Cr4)));
        Kpi(sb, "HHI", w.Fig("direction.control.hhi", NavigationReports.Index(k.Hhi)));
        sb.Append("</div><p>").Append(E(k.Concentration)).Append("</p>");
        w.Chart("countries", SvgCharts.Bars("申请人国别（件）", k.Countries.Select(x => new Bar(x.Name, x.Patents, NavigationReports.Count(x.Patents))).ToList()));
        w.Chart("applicants", SvgCharts.Bars("领域主要申请人（件）", k.Applicants.Applicants.Select(a => new Bar(a.Name, a.Patents, NavigationReports.Count(a.Patents))).ToList()));
        if (k.Provinces.Count > 0)
        {
            sb.Append("<table><thead><tr><th>省份</th><th>专利</th><th>占国内</th></tr></thead><tbody>");
            for (var i = 0; i < k.Provinces.Count; i++)
            {
                sb.Append("<tr><td>").Append(E(k.Provinces[i].Name)).Append("</td>")
                    .Append(N(w.Fig($"direction.control.provinces[{i}].patents", NavigationReports.Count(k.Provinces[i].Patents))))
                    .Append(N(NavigationReports.Percent(k.Provinces[i].Share))).Append("</tr>");
            }

            sb.Append("</tbody></table>");
        }

        sb.Append("<p class=\"note\">").Append(E(NavigationReports.ControlBasisText)).Append("</p></section>");
    }

    private static void Positioning(Writer w, NavigationReport r)
    {
        var sb = w.Sb;
        var p = r.Positioning.Region;
        sb.Append("<section id=\"positioning\"><h2>二、区域产业定位（定位）</h2><div class=\"kpis\">");
        Kpi(sb, "本地领域专利", w.Fig("positioning.region.placeInField.count", NavigationReports.Count(p.PlaceInField.Count)) + " 件");
        Kpi(sb, "占基准领域份额", w.Fig("positioning.region.shareOfField", NavigationReports.Percent(p.ShareOfField)));
        Kpi(sb, "RTA（显示性技术优势）", w.Fig("positioning.region.rta", NavigationReports.Ratio(p.Rta)) + (p.RtaLower is null ? string.Empty : $"<small>95% 区间 {NavigationReports.Ratio(p.RtaLower)}–{NavigationReports.Ratio(p.RtaUpper)}</small>"));
        Kpi(sb, "同级地区排名（专利数）", w.Fig("positioning.region.rank.rankByPatents", p.Rank.RankByPatents.ToString(CultureInfo.InvariantCulture)) + $" / {p.Rank.Peers}");
        Kpi(sb, "相对基准增长", w.Fig("positioning.region.growth.relative", NavigationReports.Growth(p.Growth.Relative)));
        sb.Append("</div>");
        sb.Append("<p>本地全部专利 ").Append(w.Fig("positioning.region.placeAll", NavigationReports.Count(p.PlaceAll)))
            .Append(" 件，其中该领域占 ").Append(w.Fig("positioning.region.fieldShareOfPlace", NavigationReports.Percent(p.FieldShareOfPlace)))
            .Append("；基准中该领域占 ").Append(w.Fig("positioning.region.fieldShareOfBenchmark", NavigationReports.Percent(p.FieldShareOfBenchmark))).Append('。');
        if (p.TooFew)
        {
            sb.Append("本地领域专利少于最小支持数 ").Append(p.MinSupport).Append(" 件，数字仅作参考。");
        }

        sb.Append("</p>");
        w.Chart("place-trend", SvgCharts.Lines("本地领域申请趋势（件/年）", [
            ("本地：" + r.Scope.Place.Name, p.Growth.Place.Years.Select(y => new SeriesPoint(y.Year, y.Count, y.Complete)).ToList()),
        ]));

        sb.Append("<h3>1. 优势与薄弱技术（RTA）</h3>");
        var techs = p.Strongest.Select(t => (t, kind: "优势")).Concat(p.Weakest.Where(t => !p.Strongest.Any(s => s.Code == t.Code)).Select(t => (t, kind: "薄弱"))).ToList();
        w.Chart("rta", SvgCharts.Bars("技术单元 RTA（红线 = 1，与基准持平）", techs.Select(x => new Bar(x.t.Code, x.t.Rta ?? 0, NavigationReports.Ratio(x.t.Rta))).ToList(), 1, "RTA = 1"));
        sb.Append("<table><thead><tr><th>类型</th><th>技术单元</th><th>本地</th><th>基准</th><th>RTA</th><th>95% 区间</th></tr></thead><tbody>");
        for (var i = 0; i < p.Strongest.Count; i++)
        {
            TechRow(w, "优势", p.Strongest[i], $"positioning.region.strongest[{i}]");
        }

        for (var i = 0; i < p.Weakest.Count; i++)
        {
            TechRow(w, "薄弱", p.Weakest[i], $"positioning.region.weakest[{i}]");
        }

        None(sb, p.Strongest.Count + p.Weakest.Count, 6);
        sb.Append("</tbody></table>");

        sb.Append("<h3>2. 同级地区比较</h3><table><thead><tr><th>地区</th><th>领域专利</th><th>全部专利</th><th>领域份额</th><th>RTA</th></tr></thead><tbody>");
        for (var i = 0; i < p.Rank.Top.Count; i++)
        {
            var x = p.Rank.Top[i];
            sb.Append("<tr><td>").Append(E(x.Name)).Append("</td>")
                .Append(N(w.Fig($"positioning.region.rank.top[{i}].inField", NavigationReports.Count(x.InField))))
                .Append(N(NavigationReports.Count(x.All))).Append(N(NavigationReports.Percent(x.ShareOfField))).Append(N(NavigationReports.Ratio(x.Rta))).Append("</tr>");
        }

        None(sb, p.Rank.Top.Count, 5);

        sb.Append("</tbody></table><p class=\"note\">").Append(E(NavigationReports.PeersText(p.Rank))).Append("</p>");

        sb.Append("<h3>3. 本地主要申请人与发明人</h3>");
        w.Chart("place-applicants", SvgCharts.Bars("本地领域申请人（件）", p.Applicants.Applicants.Select(a => new Bar(a.Name, a.Patents, NavigationReports.Count(a.Patents))).ToList()));
        sb.Append("<table><thead><tr><th>发明人</th><th>主要申请人</th><th>专利</th><th>年份</th></tr></thead><tbody>");
        for (var i = 0; i < p.Inventors.Count; i++)
        {
            var x = p.Inventors[i];
            sb.Append("<tr><td>").Append(E(x.Name)).Append("</td><td>").Append(E(x.Applicant ?? "—")).Append("</td>")
                .Append(N(w.Fig($"positioning.region.inventors[{i}].patents", NavigationReports.Count(x.Patents))))
                .Append("<td class=\"s\">").Append(x.FirstYear).Append('–').Append(x.LastYear).Append("</td></tr>");
        }

        None(sb, p.Inventors.Count, 4);

        sb.Append("</tbody></table>");

        var h = r.Positioning.HighValue;
        sb.Append("<h3>4. 高价值专利</h3><div class=\"kpis\">");
        Kpi(sb, "本地领域有效发明", w.Fig("positioning.highValue.validInventions", NavigationReports.Count(h.ValidInventions)) + " 件");
        Kpi(sb, "其中高价值", w.Fig("positioning.highValue.highValuePatents", NavigationReports.Count(h.HighValuePatents)) + " 件");
        Kpi(sb, "待定（信息不足）", w.Fig("positioning.highValue.undetermined", NavigationReports.Count(h.Undetermined)) + " 件");
        if (h.Indicator is { } ind)
        {
            Kpi(sb, $"每万人口高价值发明（{h.IndicatorRegion}）", ind.HighValuePerTenThousand is { } v
                ? w.Fig("positioning.highValue.indicator.highValuePerTenThousand", v.ToString("0.00", CultureInfo.InvariantCulture))
                : "未提供人口数据");
            Kpi(sb, $"全部高价值发明（{h.IndicatorRegion}）", w.Fig("positioning.highValue.indicator.highValue", NavigationReports.Count(ind.HighValue)) + " 件");
        }

        sb.Append("</div>");
        if (h.Patents.Count > 0)
        {
            PatentTable(w, h.Patents, "positioning.highValue.patents");
        }

        sb.Append("<p class=\"note\">").Append(E(h.Parameters)).Append("</p>");

        var c = r.Positioning.Chokepoints;
        sb.Append("<h3>5. 卡脖子技术清单</h3><p>评分单元 ").Append(w.Fig("positioning.chokepoints.scored", NavigationReports.Count(c.Scored)))
            .Append(" 个（共 ").Append(NavigationReports.Count(c.Units)).Append(" 个单元，专利 ").Append(NavigationReports.Count(c.Patents)).Append(" 件）。</p>");
        if (c.Entries.Count > 0)
        {
            w.Chart("chokepoints", SvgCharts.Bars("卡脖子得分（0–1）", c.Entries.Select(e => new Bar(e.Unit, e.Score, NavigationReports.Ratio(e.Score))).ToList()));
            sb.Append("<table><thead><tr><th>#</th><th>技术单元</th><th>得分</th><th>价值</th><th>差距</th><th>垄断</th><th>突破难度</th><th>专利</th><th>本地</th><th>国外占比</th><th>领先国家/城市</th><th>合作院所</th></tr></thead><tbody>");
            for (var i = 0; i < c.Entries.Count; i++)
            {
                var e = c.Entries[i];
                var path = $"positioning.chokepoints.entries[{i}]";
                sb.Append("<tr><td>").Append(e.Rank).Append("</td><td class=\"s\">").Append(UnitCell(e.Unit, e.Title, e.Terms)).Append("</td>")
                    .Append(N(w.Fig(path + ".score", NavigationReports.Ratio(e.Score))));
                foreach (var comp in e.Components)
                {
                    sb.Append(N(NavigationReports.Ratio(comp.Score)));
                }

                sb.Append(N(w.Fig(path + ".evidence.patents", NavigationReports.Count(e.Evidence.Patents))))
                    .Append(N(w.Fig(path + ".evidence.placePatents", NavigationReports.Count(e.Evidence.PlacePatents))))
                    .Append(N(NavigationReports.Percent(e.Evidence.ForeignShare)))
                    .Append("<td>").Append(E(string.Join(" / ", new[] { e.Evidence.LeaderCountry, e.Evidence.LeaderCity }.Where(s => s is not null)))).Append("</td><td>")
                    .Append(E(string.Join("；", e.Institutions.Select(x => x.Name)))).Append("</td></tr>");
            }

            sb.Append("</tbody></table>");
        }

        sb.Append("<p class=\"note\">").Append(E(NavigationReports.ChokepointMethodText)).Append("</p></section>");
    }

    private static void Paths(Writer w, NavigationReport r)
    {
        var sb = w.Sb;
        sb.Append("<section id=\"paths\"><h2>三、发展路径（路径）</h2>");
        var recs = r.Paths.Recommendations;
        foreach (var family in recs.Select(x => x.Family).Distinct())
        {
            sb.Append("<h3>").Append(E(NavigationReports.Label(family))).Append("</h3>");
            for (var i = 0; i < recs.Count; i++)
            {
                if (recs[i].Family != family)
                {
                    continue;
                }

                var rec = recs[i];
                sb.Append("<div class=\"rec\" data-family=\"").Append(E(rec.Family.ToString())).Append("\"><b>").Append(E(rec.Title)).Append("</b><p>").Append(E(rec.Text)).Append("</p><div class=\"evidence\">依据：");
                sb.Append(string.Join("；", rec.Evidence.Select(f => E(f.Label) + " " + w.Fig(f.Path, f.Value) + " <code>" + E(f.Path) + "</code>")));
                sb.Append("</div></div>");
            }
        }

        if (r.Paths.Attract.Count > 0)
        {
            sb.Append("<h3>附：招引对象（本地以外的国内企业）</h3><table><thead><tr><th>企业</th><th>专利</th><th>有效发明</th></tr></thead><tbody>");
            for (var i = 0; i < r.Paths.Attract.Count; i++)
            {
                var a = r.Paths.Attract[i];
                sb.Append("<tr><td>").Append(E(a.Name)).Append("</td>").Append(N(w.Fig($"paths.attract[{i}].patents", NavigationReports.Count(a.Patents)))).Append(N(NavigationReports.Count(a.ValidInventions))).Append("</tr>");
            }

            sb.Append("</tbody></table>");
        }

        if (r.Paths.Inventors.Count > 0)
        {
            sb.Append("<h3>附：本地以外的领军发明人</h3><table><thead><tr><th>发明人</th><th>主要申请人</th><th>专利</th></tr></thead><tbody>");
            for (var i = 0; i < r.Paths.Inventors.Count; i++)
            {
                var x = r.Paths.Inventors[i];
                sb.Append("<tr><td>").Append(E(x.Name)).Append("</td><td>").Append(E(x.Applicant ?? "—")).Append("</td>").Append(N(w.Fig($"paths.inventors[{i}].patents", NavigationReports.Count(x.Patents)))).Append("</tr>");
            }

            sb.Append("</tbody></table>");
        }

        if (r.Paths.Operation.Count > 0)
        {
            sb.Append("<h3>附：专利运营候选</h3><table><thead><tr><th>方式</th><th>专利</th><th>权利人</th><th>理由</th></tr></thead><tbody>");
            foreach (var o in r.Paths.Operation)
            {
                sb.Append("<tr><td class=\"s\">").Append(o.Action == "pledge" ? "质押融资" : "许可/转让").Append("</td><td>").Append(E($"{o.Patent.PublicationNumber} {o.Patent.Title}"))
                    .Append("</td><td>").Append(E(o.Patent.Holder ?? "—")).Append("</td><td>").Append(E(o.Reason)).Append("</td></tr>");
            }

            sb.Append("</tbody></table>");
        }

        sb.Append("</section>");
    }

    private static void Footer(Writer w, NavigationReport r)
    {
        var sb = w.Sb;
        sb.Append("<footer><h2>说明与技术注记</h2><ul class=\"note\">");
        foreach (var n in r.Notes)
        {
            sb.Append("<li>").Append(E(n)).Append("</li>");
        }

        sb.Append("<li>数据集（CSV/XLSX/Parquet）与本报告同时提供，口径与参数相同。</li></ul>");
        if (r.Statements.Count > 0)
        {
            sb.Append("<details class=\"appendix\"><summary>附录：计算语句（").Append(r.Statements.Count).Append(" 条 SQL）</summary><p class=\"note\">").Append(E(NavigationReports.StatementsIntro)).Append("</p>");
            foreach (var st in r.Statements)
            {
                sb.Append("<h3>").Append(E(st.Purpose)).Append("</h3><p class=\"note\">参数：<code>").Append(E(NavigationReports.ParametersJson(st))).Append("</code></p><pre>").Append(E(st.Sql.Trim())).Append("</pre>");
            }

            sb.Append("</details>");
        }

        sb.Append("</footer>");
    }

    private static void None(StringBuilder sb, int rows, int columns)
    {
        if (rows == 0)
        {
            sb.Append("<tr><td class=\"none\" colspan=\"").Append(columns).Append("\">无</td></tr>");
        }
    }

    /// <summary>An IPC unit with WIPO's title under it, when it has one.</summary>
    private static string UnitCell(string code, string? title, IReadOnlyList<string> terms)
    {
        var cell = E(code) + (terms.Count == 0 ? string.Empty : " <b class=\"unit-terms\">" + E(string.Join("、", terms)) + "</b>");
        return title is null ? cell : $"{cell}<br><small class=\"ipc-title\">{E(title)}</small>";
    }

    private static void TechRow(Writer w, string kind, TechnologyPosition t, string path) =>
        w.Sb.Append("<tr><td class=\"s\">").Append(kind).Append("</td><td class=\"s\">").Append(UnitCell(t.Code, t.Title, t.Terms)).Append("</td>")
            .Append(N(w.Fig(path + ".place.count", NavigationReports.Count(t.Place.Count))))
            .Append(N(w.Fig(path + ".benchmark", NavigationReports.Count(t.Benchmark))))
            .Append(N(w.Fig(path + ".rta", NavigationReports.Ratio(t.Rta))))
            .Append(N($"{NavigationReports.Ratio(t.RtaLower)}–{NavigationReports.Ratio(t.RtaUpper)}")).Append("</tr>");

    private static void PatentTable(Writer w, IReadOnlyList<ReportPatent> patents, string path)
    {
        var sb = w.Sb;
        sb.Append("<table><thead><tr><th>公开号</th><th>名称</th><th>权利人</th><th>满足标准</th><th>被引</th><th>同族</th></tr></thead><tbody>");
        for (var i = 0; i < patents.Count; i++)
        {
            var p = patents[i];
            sb.Append("<tr><td>").Append(w.Fig($"{path}[{i}].publicationNumber", p.PublicationNumber)).Append("</td><td>").Append(E(p.Title ?? "—")).Append("</td><td>").Append(E(p.Holder ?? "—"))
                .Append("</td><td>").Append(E(string.Join("、", p.CriteriaMet.Select(NavigationReports.CriterionLabel)))).Append("</td>")
                .Append(N(p.ForwardCitations?.ToString(CultureInfo.InvariantCulture) ?? "—")).Append(N(p.FamilySize?.ToString(CultureInfo.InvariantCulture) ?? "—")).Append("</tr>");
        }

        sb.Append("</tbody></table>");
    }

    private static string GrowthText(GrowthFit g) => g.Fitted
        ? $"泊松回归 {g.FromYear}–{g.ToYear} 年：年均增长 {NavigationReports.Growth(g.AnnualGrowth)}（95% 区间 {NavigationReports.Growth(g.Lower)} 至 {NavigationReports.Growth(g.Upper)}）"
        : "未拟合增长：" + g.Reason;

    private static void Row(StringBuilder sb, string label, string html) =>
        sb.Append("<tr><td>").Append(E(label)).Append("</td><td>").Append(html).Append("</td></tr>");

    private static void Kpi(StringBuilder sb, string label, string html) =>
        sb.Append("<div class=\"kpi\"><small>").Append(E(label)).Append("</small><b>").Append(html).Append("</b></div>");

    private static string N(string html) => "<td class=\"n\">" + html + "</td>";

    private static string E(string? text) => WebUtility.HtmlEncode(text ?? string.Empty);

    private sealed class Writer(JsonNode root)
    {
        public StringBuilder Sb { get; } = new(64 * 1024);

        /// <summary>A number tied to its JSON path; printed plain when the JSON has no value there (null).</summary>
        public string Fig(string path, string display)
        {
            var raw = ReportJson.Raw(ReportJson.At(root, path));
            return raw is null
                ? E(display)
                : $"<span data-figure=\"{E(path)}\" data-value=\"{E(raw)}\">{E(display)}</span>";
        }

        public void Chart(string name, string svg) =>
            Sb.Append("<figure class=\"pn-chart\" data-chart=\"").Append(name).Append("\">").Append(svg).Append("</figure>");
    }
}

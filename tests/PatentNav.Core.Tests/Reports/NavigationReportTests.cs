using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using MiniExcelLibs;
using PatentNav.Analytics;
using PatentNav.Core.Tests.Taxonomy;
using PatentNav.Records;
using PatentNav.Reports;
using PatentNav.Search;

namespace PatentNav.Core.Tests.Reports;

/// <summary>
/// The navigation report over the whole bundled sample (8,534 real titles and abstracts with synthetic applicants, places
/// and dates): its parts agree with the analyses they come from, every figure it cites exists, and it is deterministic.
/// </summary>
public sealed partial class NavigationReportTests(SampleWorkspace sample) : IClassFixture<SampleWorkspace>
{
    private static readonly NavigationRequest Park = new() { Place = "320771", Industry = "city:新材料" };

    private readonly PatentWorkspace _ws = sample.Workspace;

    [Fact]
    public async Task The_parts_are_the_analyses_with_the_same_parameters()
    {
        var report = await _ws.Reports.BuildNavigationReportAsync(Park);

        Assert.Equal("320771", report.Scope.Place.Id);
        Assert.Equal("新材料", report.Scope.IndustryName);
        Assert.Contains("新材料", report.Title, StringComparison.Ordinal);

        var positioning = await _ws.Analytics.PositionAsync(new PositioningRequest { Place = "320771", Industry = "city:新材料", Cutoff = report.Basis.DataCutoff });
        Assert.Equal(Json(positioning with { Statements = [] }), Json(report.Positioning.Region));
        var chokepoints = await _ws.Analytics.ChokepointsAsync(new ChokepointRequest { Place = "320771", Industry = "city:新材料", Top = 10, Partners = 3, Cutoff = report.Basis.DataCutoff });
        Assert.Equal(Json(chokepoints with { Statements = [] }), Json(report.Positioning.Chokepoints));

        // The statements of the parts move to the report's appendix, each once, named by its section.
        Assert.Equal(positioning.Statements.Select(s => s.Sql), report.Statements.Where(s => s.Purpose.StartsWith("定位", StringComparison.Ordinal)).Select(s => s.Sql));
        Assert.Equal(chokepoints.Statements.Select(s => s.Sql), report.Statements.Where(s => s.Purpose.StartsWith("卡脖子", StringComparison.Ordinal)).Select(s => s.Sql));
        Assert.Contains(report.Statements, s => s.Purpose.StartsWith("产业控制力与路径", StringComparison.Ordinal) && s.Sql.Contains("hv_grant", StringComparison.Ordinal));
        Assert.Equal(Json(positioning.Growth.Benchmark), Json(report.Direction.Trend));

        // Control counts every field patent of the benchmark (the workspace).
        var field = (await _ws.Search.SearchAsync(new SearchRequest { Industry = "city:新材料", Size = 1, Highlight = false })).Total;
        Assert.Equal(field, report.Direction.Control.Patents);
        Assert.Equal(field, report.Direction.Trend.Total);
        Assert.InRange(report.Direction.Control.Cr4!.Value, 0, 1);
        Assert.InRange(report.Direction.Control.Hhi!.Value, 0, report.Direction.Control.Cr4!.Value);

        // Clusters cover the field's patents with text; their sizes add up.
        Assert.InRange(report.Direction.Clusters.K, 3, 10);
        Assert.Equal(report.Direction.Clusters.Clustered, report.Direction.Clusters.Clusters.Sum(c => c.Size));
        Assert.True(report.Direction.Clusters.Patents <= field);

        // The indicator is the park's own region code.
        Assert.Equal("320771", report.Positioning.HighValue.IndicatorRegion);
        Assert.NotNull(report.Positioning.HighValue.Indicator);
        Assert.True(report.Positioning.HighValue.HighValuePatents + report.Positioning.HighValue.Undetermined <= report.Positioning.HighValue.ValidInventions);
        Assert.All(report.Positioning.HighValue.Patents, p => Assert.NotEmpty(p.CriteriaMet));
    }

    [Fact]
    public async Task Paths_cover_the_five_families_and_every_evidence_path_leads_to_its_value()
    {
        var report = await _ws.Reports.BuildNavigationReportAsync(Park);
        var json = ReportJson.ToNode(report);

        Assert.Equal(
            Enum.GetValues<RecommendationFamily>().Order(),
            report.Paths.Recommendations.Select(r => r.Family).Distinct().Order());
        foreach (var rec in report.Paths.Recommendations)
        {
            Assert.NotEmpty(rec.Evidence);
            Assert.False(string.IsNullOrWhiteSpace(rec.Text));
            foreach (var figure in rec.Evidence)
            {
                var raw = ReportJson.Raw(ReportJson.At(json, figure.Path));
                Assert.True(raw is not null, $"{rec.Title}: {figure.Path} is not in the report");
                AssertShows(raw!, figure.Value, figure.Path);
            }
        }

        // Attraction candidates hold no patent in the park's field; recruitable inventors are counted outside it.
        var local = report.Positioning.Region.Applicants.Applicants.Select(a => a.Key).ToHashSet(StringComparer.Ordinal);
        Assert.NotEmpty(report.Paths.Attract);
        Assert.All(report.Paths.Attract, a =>
        {
            Assert.DoesNotContain(a.Key, local);
            Assert.Equal(ApplicantType.Enterprise, a.Type);
            Assert.Equal(ApplicantOrigin.Domestic, a.Origin);
        });
        Assert.All(report.Paths.Operation, o => Assert.Contains(o.Action, new[] { "licence-or-transfer", "pledge" }));
    }

    [Fact]
    public async Task Same_data_and_parameters_give_the_same_report_html_markdown_and_dataset()
    {
        var a = Normalised(await _ws.Reports.BuildNavigationReportAsync(Park));
        var b = Normalised(await _ws.Reports.BuildNavigationReportAsync(Park));

        Assert.Equal(ReportJson.Serialize(a), ReportJson.Serialize(b));
        Assert.Equal(ReportHtml.Render(a), ReportHtml.Render(b));
        Assert.Equal(ReportMarkdown.Render(a), ReportMarkdown.Render(b));
        Assert.Equal(ReportDataset.ToCsvZip(ReportDataset.From(a)), ReportDataset.ToCsvZip(ReportDataset.From(b)));
    }

    [Fact]
    public async Task Html_is_self_contained_and_every_figure_carries_its_json_value()
    {
        var report = await _ws.Reports.BuildNavigationReportAsync(Park);
        var json = ReportJson.ToNode(report);
        var html = ReportHtml.Render(report);

        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.EndsWith("</html>\n", html, StringComparison.Ordinal);
        Assert.Contains("<section id=\"direction\"><h2>一、产业发展方向（方向）</h2>", html, StringComparison.Ordinal);
        Assert.Contains("<section id=\"positioning\"><h2>二、区域产业定位（定位）</h2>", html, StringComparison.Ordinal);
        Assert.Contains("<section id=\"paths\"><h2>三、发展路径（路径）</h2>", html, StringComparison.Ordinal);
        Assert.Contains("演示数据", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch("(src|href)=\"(https?:)?//", html);
        foreach (var chart in new[] { "trend", "landscape", "applicants", "rta", "place-trend" })
        {
            Assert.Matches($"<figure class=\"pn-chart\" data-chart=\"{chart}\"><svg ", html);
        }

        var figures = FigurePattern().Matches(html);
        Assert.True(figures.Count > 40, $"only {figures.Count} figures");
        foreach (Match m in figures)
        {
            var path = System.Net.WebUtility.HtmlDecode(m.Groups[1].Value);
            Assert.Equal(ReportJson.Raw(ReportJson.At(json, path)), System.Net.WebUtility.HtmlDecode(m.Groups[2].Value));
        }

        Assert.Contains($"data-figure=\"positioning.region.rta\" data-value=\"{ReportJson.Raw(ReportJson.At(json, "positioning.region.rta"))}\">{NavigationReports.Ratio(report.Positioning.Region.Rta)}<", html, StringComparison.Ordinal);

        var fragment = ReportHtml.Render(report, fragment: true);
        Assert.StartsWith("<article class=\"pn-report\"><style>", fragment, StringComparison.Ordinal);
        Assert.DoesNotContain("<html", fragment, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Markdown_and_the_dataset_carry_the_same_figures()
    {
        var report = await _ws.Reports.BuildNavigationReportAsync(Park);

        var md = ReportMarkdown.Render(report);
        Assert.Contains("## 一、产业发展方向（方向）", md, StringComparison.Ordinal);
        Assert.Contains("## 二、区域产业定位（定位）", md, StringComparison.Ordinal);
        Assert.Contains("## 三、发展路径（路径）", md, StringComparison.Ordinal);
        Assert.Contains($"RTA {NavigationReports.Ratio(report.Positioning.Region.Rta)}", md, StringComparison.Ordinal);
        Assert.Contains("数据截止日", md, StringComparison.Ordinal);

        var tables = ReportDataset.From(report);
        using var zip = new ZipArchive(new MemoryStream(ReportDataset.ToCsvZip(tables)));
        Assert.Equal(tables.Select(t => t.Name + ".csv"), zip.Entries.Select(e => e.FullName));
        using (var reader = new StreamReader(zip.GetEntry("chokepoints.csv")!.Open(), Encoding.UTF8))
        {
            var lines = (await reader.ReadToEndAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            Assert.Equal(report.Positioning.Chokepoints.Entries.Count + 1, lines.Length);
            Assert.StartsWith("rank,unit,score", lines[0], StringComparison.Ordinal);
            Assert.StartsWith("1," + report.Positioning.Chokepoints.Entries[0].Unit + ",", lines[1], StringComparison.Ordinal);
        }

        using var xlsx = new MemoryStream(ReportDataset.ToXlsx(tables));
        Assert.Equal(tables.Select(t => t.Name), MiniExcel.GetSheetNames(xlsx));
        xlsx.Position = 0;
        var positioning = MiniExcel.Query(xlsx, useHeaderRow: true, sheetName: "positioning").Cast<IDictionary<string, object?>>().ToList();
        var rta = positioning.Single(r => (string?)r["indicator"] == "rta")["value"];
        Assert.Equal(report.Positioning.Region.Rta!.Value, Convert.ToDouble(rta, System.Globalization.CultureInfo.InvariantCulture), 9);
        xlsx.Position = 0;
        Assert.Equal(report.Direction.Trend.Years.Count, MiniExcel.Query(xlsx, useHeaderRow: true, sheetName: "trend_field").Count());
    }

    [Fact]
    public async Task The_readme_report_example_runs()
    {
        var workspace = _ws;
        var dir = Directory.CreateTempSubdirectory("patentnav-readme-report-").FullName;
        var output = new StringWriter();
        try
        {
            // --- README report example start (Console → output, files in a temporary folder) ---
            NavigationReport report = await workspace.Reports.BuildNavigationReportAsync(new NavigationRequest
            {
                Place = "320771",
                Industry = "city:新材料",
            });
            output.WriteLine($"{report.Title}: RTA {report.Positioning.Region.Rta:0.00}");
            foreach (var r in report.Paths.Recommendations)
            {
                output.WriteLine($"[{r.FamilyLabel}] {r.Title}: {r.Text}");
            }

            File.WriteAllText(Path.Combine(dir, "report.html"), ReportHtml.Render(report));
            File.WriteAllText(Path.Combine(dir, "report.md"), ReportMarkdown.Render(report));
            File.WriteAllBytes(Path.Combine(dir, "report-data.xlsx"), ReportDataset.ToXlsx(ReportDataset.From(report)));
            // --- README report example end ---

            Assert.Contains("[产业结构优化] 专业化水平", output.ToString(), StringComparison.Ordinal);
            Assert.True(new FileInfo(Path.Combine(dir, "report-data.xlsx")).Length > 10_000);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Theory]
    [InlineData(null, "city:新材料", 10, "place")]
    [InlineData("atlantis", "city:新材料", 10, "place")]
    [InlineData("320771", null, 10, "industry")]
    [InlineData("320771", "city:不存在", 10, "industry")]
    [InlineData("320771", "city:新材料", 0, "top")]
    public async Task Bad_requests_name_the_parameter(string? place, string? industry, int top, string parameter)
    {
        var ex = await Assert.ThrowsAsync<InvalidRequestException>(() => _ws.Reports.BuildNavigationReportAsync(new NavigationRequest { Place = place, Industry = industry, Top = top }));
        Assert.Equal(parameter, ex.Parameter);
    }

    [Fact]
    public async Task A_field_too_small_to_cluster_still_gets_a_report_that_says_so()
    {
        // 海工装备 gets no patents from the sample's subclass-only codes: the report states the absence instead of failing.
        var report = await _ws.Reports.BuildNavigationReportAsync(new NavigationRequest { Place = "3207", Industry = "city:海工装备" });

        Assert.Equal(0, report.Positioning.Region.PlaceInField.Count);
        Assert.Empty(report.Direction.Clusters.Clusters);
        Assert.Contains(report.Direction.Clusters.Notes, n => n.StartsWith("no technology clusters", StringComparison.Ordinal));
        Assert.Contains(report.Paths.Recommendations, r => r.Title == "产业基础");
        Assert.Contains("无数据", ReportHtml.Render(report), StringComparison.Ordinal);
    }

    /// <summary>The shown value is the JSON value as the report formats it: a count, a ratio, a per cent, or the text itself.</summary>
    private static void AssertShows(string raw, string shown, string path)
    {
        if (!double.TryParse(raw, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var value))
        {
            Assert.Equal(raw, shown);
            return;
        }

        var text = shown.Replace(",", string.Empty, StringComparison.Ordinal).TrimStart('+');
        var percent = text.EndsWith('%');
        var number = double.Parse(percent ? text[..^1] : text, System.Globalization.CultureInfo.InvariantCulture);
        var expected = percent ? value * 100 : value;
        var tolerance = percent ? 0.05 : 0.005;
        Assert.True(Math.Abs(expected - number) <= tolerance + 1e-9, $"{path}: JSON {raw} shown as {shown}");
    }

    private static NavigationReport Normalised(NavigationReport r) => r with { Basis = r.Basis with { GeneratedAt = DateTimeOffset.UnixEpoch } };

    private static string Json<T>(T value) => JsonSerializer.Serialize(value, PatentJson.Options);

    [GeneratedRegex("data-figure=\"([^\"]+)\" data-value=\"([^\"]*)\"")]
    private static partial Regex FigurePattern();
}

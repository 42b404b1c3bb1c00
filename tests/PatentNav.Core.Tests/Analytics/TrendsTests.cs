using PatentNav.Analytics;
using PatentNav.Records;
using PatentNav.Search;
using PatentNav.Workspace;

namespace PatentNav.Tests.Analytics;

public sealed class TrendsTests
{
    private static readonly DateOnly EndOf2023 = new(2023, 12, 31);

    private static Dictionary<int, long> Series(int firstYear, params long[] counts) =>
        counts.Select((c, i) => (Year: firstYear + i, Count: c)).ToDictionary(x => x.Year, x => x.Count);

    private static List<YearCount> Complete(int firstYear, params long[] counts) =>
        counts.Select((c, i) => new YearCount(firstYear + i, c, true)).ToList();

    [Fact]
    public void Analyze_GeometricSeries_RecoversTwentyPercentGrowth()
    {
        var counts = Enumerable.Range(0, 10).Select(t => (long)Math.Round(100 * Math.Pow(1.2, t))).ToArray();

        var report = Trends.Analyze(Series(2014, counts), DateField.Filing, EndOf2023);

        Assert.True(report.Growth.Fitted);
        Assert.InRange(report.Growth.AnnualGrowth!.Value, 0.19, 0.21);
        Assert.InRange(0.2, report.Growth.Lower!.Value, report.Growth.Upper!.Value);
        Assert.False(report.Growth.QuasiPoisson);
        Assert.True(report.Growth.Dispersion < 1, $"rounding only: dispersion {report.Growth.Dispersion}");
        Assert.Equal(10, report.Growth.Years);
        Assert.Empty(report.IncompleteYears);
        Assert.False(report.TooFew);
        Assert.InRange(report.Cagr.Value!.Value, 0.199, 0.201);
    }

    [Fact]
    public void FitGrowth_TwoYears_EqualsClosedFormLogRatio()
    {
        // Independent check: with two years the Poisson model is saturated and the MLE of b is ln(c2/c1).
        var fit = Trends.FitGrowth(Complete(2020, 37, 81));

        Assert.True(fit.Fitted);
        Assert.Equal(Math.Log(81.0 / 37.0), fit.Slope!.Value, 9);
        Assert.Equal((81.0 / 37.0) - 1, fit.AnnualGrowth!.Value, 9);
        // SE of ln(c2/c1) under Poisson: sqrt(1/c1 + 1/c2).
        Assert.Equal(Math.Sqrt((1.0 / 37) + (1.0 / 81)), fit.PoissonStdError!.Value, 6);
        Assert.Equal(0, fit.DegreesOfFreedom);
        Assert.Null(fit.Dispersion);
        Assert.Equal(0, fit.Deviance!.Value, 9);
    }

    [Fact]
    public void FitGrowth_WithZeroYears_FitsWithFiniteInterval()
    {
        var fit = Trends.FitGrowth(Complete(2015, 0, 2, 0, 5, 7, 0, 12, 15, 20));

        Assert.True(fit.Fitted);
        Assert.True(double.IsFinite(fit.AnnualGrowth!.Value));
        Assert.True(double.IsFinite(fit.Lower!.Value) && double.IsFinite(fit.Upper!.Value));
        Assert.True(fit.Lower < fit.AnnualGrowth && fit.AnnualGrowth < fit.Upper);
        Assert.True(fit.AnnualGrowth > 0);
    }

    [Fact]
    public void Analyze_AllZeroCounts_SaysCannotFit()
    {
        var report = Trends.Analyze(Series(2018, 0, 0, 0), DateField.Filing, EndOf2023);

        Assert.Empty(report.Years);
        Assert.False(report.Growth.Fitted);
        Assert.Null(report.Growth.AnnualGrowth);
        Assert.StartsWith("cannot fit", report.Growth.Reason, StringComparison.Ordinal);
        Assert.Null(report.Cagr.Value);
        Assert.StartsWith("undefined", report.Cagr.Note, StringComparison.Ordinal);
        Assert.Equal(LifecycleStage.Unknown, report.Lifecycle.Stage);
        Assert.True(report.TooFew);
    }

    [Fact]
    public void FitGrowth_AllZeroYears_SaysCannotFit()
    {
        var fit = Trends.FitGrowth(Complete(2018, 0, 0, 0, 0));

        Assert.False(fit.Fitted);
        Assert.Contains("zero", fit.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Analyze_SingleYear_SaysCannotFit()
    {
        var report = Trends.Analyze(Series(2022, 40), DateField.Filing, EndOf2023);

        // 2022 with patents, 2023 listed as a zero year up to the cut-off: patents in only one year.
        Assert.Equal([2022, 2023], report.Years.Select(y => y.Year));
        Assert.False(report.Growth.Fitted);
        Assert.Contains("only one", report.Growth.Reason, StringComparison.Ordinal);
        Assert.Null(report.Cagr.Value);

        var alone = Trends.FitGrowth(Complete(2022, 40));
        Assert.False(alone.Fitted);
        Assert.Contains("fewer than 2", alone.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Analyze_CutoffInsideLastYear_ExcludesItFromFitAndSaysSo()
    {
        var counts = Series(2016, 100, 120, 144, 173, 207, 249, 299, 60);

        var report = Trends.Analyze(counts, DateField.Filing, new DateOnly(2023, 3, 31), "given");

        Assert.Equal([2023], report.IncompleteYears);
        Assert.False(report.Years[^1].Complete);
        Assert.Equal(60, report.Years[^1].Count);
        Assert.Equal(2022, report.Growth.ToYear);
        Assert.Equal(7, report.Growth.Years);
        Assert.InRange(report.Growth.AnnualGrowth!.Value, 0.19, 0.21);
        Assert.Equal(2022, report.Cagr.ToYear);
        Assert.Equal(report.Total - 60, report.CompleteTotal);
        Assert.Contains(report.Notes, n => n.Contains("2023 is incomplete", StringComparison.Ordinal) && n.Contains("excluded from the growth fit", StringComparison.Ordinal));
    }

    [Fact]
    public void Analyze_CutoffLaterThanData_ListsZeroYearsUpToCutoff()
    {
        var report = Trends.Analyze(Series(2015, 50, 40, 30), DateField.Publication, new DateOnly(2021, 12, 31));

        Assert.Equal(Enumerable.Range(2015, 7), report.Years.Select(y => y.Year));
        Assert.All(report.Years.Skip(3), y => Assert.Equal(0, y.Count));
        Assert.True(report.Growth.AnnualGrowth < 0);
        Assert.Equal(LifecycleStage.Decline, report.Lifecycle.Stage);
        Assert.Equal(DateField.Publication, report.DateField);
    }

    [Fact]
    public void Analyze_NoCutoff_NothingComplete()
    {
        var report = Trends.Analyze(Series(2015, 50, 40, 30), DateField.Filing, null);

        Assert.Equal([2015, 2016, 2017], report.IncompleteYears);
        Assert.False(report.Growth.Fitted);
        Assert.Contains(report.Notes, n => n.Contains("No data cut-off", StringComparison.Ordinal));
    }

    [Fact]
    public void Analyze_SmallTotal_IsFlaggedTooFew()
    {
        var report = Trends.Analyze(Series(2019, 3, 5, 6, 8, 7), DateField.Filing, EndOf2023);

        Assert.True(report.TooFew);
        Assert.Contains(report.Notes, n => n.Contains("too few", StringComparison.Ordinal));
        Assert.False(Trends.Analyze(Series(2019, 3, 5, 6, 8, 8), DateField.Filing, EndOf2023).TooFew);
    }

    [Theory]
    [InlineData(new long[] { 10, 20, 40 }, 2020, 2022, 1.0)]
    [InlineData(new long[] { 0, 8, 0, 18, 0 }, 2019, 2021, 0.5)]
    [InlineData(new long[] { 100, 50, 25 }, 2018, 2020, -0.5)]
    public void ComputeCagr_UsesFirstAndLastYearsWithPatents(long[] counts, int from, int to, double expected)
    {
        var cagr = Trends.ComputeCagr(Complete(from - Array.FindIndex(counts, c => c > 0), counts));

        Assert.Equal(from, cagr.FromYear);
        Assert.Equal(to, cagr.ToYear);
        Assert.Equal(expected, cagr.Value!.Value, 9);
    }

    [Fact]
    public void ComputeCagr_OneYearWithPatents_IsUndefined()
    {
        var cagr = Trends.ComputeCagr(Complete(2020, 0, 9, 0));

        Assert.Null(cagr.Value);
        Assert.Contains("fewer than 2", cagr.Note, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-0.10, 0.2, LifecycleStage.Decline, "衰退期")]
    [InlineData(-0.0999, 0.2, LifecycleStage.Maturity, "成熟期")]
    [InlineData(0.0999, 0.9, LifecycleStage.Maturity, "成熟期")]
    [InlineData(0.10, 0.5999, LifecycleStage.Growth, "成长期")]
    [InlineData(0.10, 0.60, LifecycleStage.Emerging, "萌芽期")]
    [InlineData(0.50, 0.30, LifecycleStage.Growth, "成长期")]
    [InlineData(-0.30, 0.90, LifecycleStage.Decline, "衰退期")]
    public void ClassifyLifecycle_Boundaries(double growth, double share, LifecycleStage stage, string label)
    {
        var result = Trends.ClassifyLifecycle(growth, share);

        Assert.Equal(stage, result.Stage);
        Assert.Equal(label, result.Label);
        Assert.False(string.IsNullOrWhiteSpace(result.Rule));
    }

    [Fact]
    public void ClassifyLifecycle_FromYears_UsesLastFiveYearsAndLastThreeShare()
    {
        // Long flat history, then five years of +30 %: growth but not emerging (most patents are old).
        var counts = Enumerable.Repeat(100L, 15).Concat(Enumerable.Range(1, 5).Select(t => (long)Math.Round(100 * Math.Pow(1.3, t)))).ToArray();
        var growth = Trends.ClassifyLifecycle(Complete(2004, counts));
        Assert.Equal(LifecycleStage.Growth, growth.Stage);
        Assert.InRange(growth.RecentGrowth!.Value, 0.28, 0.32);

        var young = Trends.ClassifyLifecycle(Complete(2019, 2, 5, 12, 30, 70));
        Assert.Equal(LifecycleStage.Emerging, young.Stage);

        var flat = Trends.ClassifyLifecycle(Complete(2016, 50, 52, 49, 51, 50, 48, 50, 51));
        Assert.Equal(LifecycleStage.Maturity, flat.Stage);

        // Patents stopped: the 5-year window holds one year with patents, so it is extended back and reads as decline.
        var stopped = Trends.ClassifyLifecycle(Complete(2014, 60, 50, 40, 30, 0, 0, 0, 0));
        Assert.Equal(LifecycleStage.Decline, stopped.Stage);

        var twoYears = Trends.ClassifyLifecycle(Complete(2022, 50, 60));
        Assert.Equal(LifecycleStage.Unknown, twoYears.Stage);
    }

    [Fact]
    public void FitGrowth_Overdispersed_WidensIntervalBySqrtDispersion()
    {
        var fit = Trends.FitGrowth(Complete(2012, 20, 90, 15, 120, 30, 200, 40, 260, 60, 300));

        Assert.True(fit.Fitted);
        Assert.True(fit.Dispersion > Trends.OverdispersionThreshold);
        Assert.True(fit.QuasiPoisson);
        Assert.Equal(fit.PoissonStdError!.Value * Math.Sqrt(fit.Dispersion!.Value), fit.StdError!.Value, 12);
        Assert.Contains(fit.Notes, n => n.Contains("quasi-Poisson", StringComparison.Ordinal));

        var poissonWidth = Math.Exp(fit.Slope!.Value + (1.959963984540054 * fit.PoissonStdError.Value)) - Math.Exp(fit.Slope.Value - (1.959963984540054 * fit.PoissonStdError.Value));
        Assert.True(fit.Upper - fit.Lower > poissonWidth * 1.4);
    }

    [Fact]
    public void Analyze_IsDeterministic()
    {
        var counts = Series(2010, 3, 0, 7, 9, 4, 15, 22, 18, 30, 41, 12);
        var a = Trends.Analyze(counts, DateField.Filing, new DateOnly(2020, 6, 30));
        var b = Trends.Analyze(counts, DateField.Filing, new DateOnly(2020, 6, 30));

        Assert.Equal(a.Growth.AnnualGrowth, b.Growth.AnnualGrowth);
        Assert.Equal(a.Growth.Upper, b.Growth.Upper);
        Assert.Equal(a.Lifecycle, b.Lifecycle);
    }

    [Fact]
    public void CountByYear_FilingFallsBackToPublicationYear()
    {
        var records = new[]
        {
            Record("CN114081026A", filing: new DateOnly(2019, 5, 1), publication: new DateOnly(2020, 11, 3)),
            Record("CN114081027A", filing: null, publication: new DateOnly(2021, 2, 1)),
            Record("CN114081028A", filing: null, publication: null),
        };

        var filing = Trends.CountByYear(records, DateField.Filing, out var undatedFiling);
        var publication = Trends.CountByYear(records, DateField.Publication, out var undatedPublication);

        Assert.Equal(new Dictionary<int, long> { [2019] = 1, [2021] = 1 }, filing);
        Assert.Equal(1, undatedFiling);
        Assert.Equal(new Dictionary<int, long> { [2020] = 1, [2021] = 1 }, publication);
        Assert.Equal(1, undatedPublication);
    }

    private static PatentRecord Record(string number, DateOnly? filing, DateOnly? publication) =>
        new() { PublicationNumber = PublicationNumber.Parse(number), FilingDate = filing, PublicationDate = publication };
}

public sealed class WorkspaceTrendsTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "patentnav-trends-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    [Theory]
    [InlineData(DateField.Filing)]
    [InlineData(DateField.Publication)]
    public async Task TrendsAsync_CountsEqualRecordsReadBack(DateField dateField)
    {
        using var ws = PatentWorkspace.Open(new PatentWorkspaceOptions { DataDirectory = _dir });
        await ws.Imports.ImportFileAsync(WorkspaceTests.Fixture("patents-sample.jsonl"));
        var records = new List<PatentRecord>();
        await foreach (var r in ws.Search.ReadAllAsync())
        {
            records.Add(r);
        }

        var expected = Trends.CountByYear(records, dateField, out _);
        var latest = records.SelectMany(r => new[] { r.FilingDate, r.PublicationDate, r.GrantDate }).Max();

        var report = await ws.Analytics.TrendsAsync(new SearchRequest(), new TrendOptions { DateField = dateField });

        Assert.Equal(expected.Where(kv => kv.Value > 0), report.Years.Where(y => y.Count > 0).Select(y => new KeyValuePair<int, long>(y.Year, y.Count)));
        Assert.Equal(latest, report.Cutoff);
        Assert.Equal(dateField, report.DateField);
    }

    [Fact]
    public async Task TrendsAsync_GivenCutoffAndFilter_AreUsed()
    {
        using var ws = PatentWorkspace.Open(new PatentWorkspaceOptions { DataDirectory = _dir });
        await ws.Imports.ImportFileAsync(WorkspaceTests.Fixture("patents-sample.jsonl"));

        var all = await ws.Analytics.TrendsAsync(new SearchRequest(), new TrendOptions { Cutoff = new DateOnly(2030, 6, 30) });
        var none = await ws.Analytics.TrendsAsync(new SearchRequest { Query = "不存在的词语组合xyz" });

        Assert.Equal(new DateOnly(2030, 6, 30), all.Cutoff);
        Assert.Equal("given", all.CutoffSource);
        Assert.Equal(2030, all.Years[^1].Year);
        Assert.Equal([2030], all.IncompleteYears);
        Assert.Equal(0, none.Total);
        Assert.False(none.Growth.Fitted);
    }
}

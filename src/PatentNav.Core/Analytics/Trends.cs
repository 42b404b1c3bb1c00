using System.Globalization;
using System.Text.Json.Serialization;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;
using PatentNav.Records;
using PatentNav.Search;

namespace PatentNav.Analytics;

/// <summary>Filing trends (申请趋势) of any record set: counts per year, Poisson growth rate (增长率), CAGR and lifecycle stage (生命周期).</summary>
/// <remarks>Pure functions: the same counts and cut-off give the same report. Thread-safe.</remarks>
public static class Trends
{
    /// <summary>Below this many patents in the complete years, rates are flagged as unreliable (样本过少).</summary>
    public const long MinReliableTotal = 30;

    /// <summary>Pearson χ²/df above this counts as large overdispersion: the growth CI is widened by √dispersion (quasi-Poisson).</summary>
    public const double OverdispersionThreshold = 2.0;

    /// <summary>The lifecycle uses the growth fitted on at most this many most recent complete years.</summary>
    public const int LifecycleWindowYears = 5;

    /// <summary>The lifecycle needs at least this many complete years.</summary>
    public const int LifecycleMinYears = 3;

    /// <summary>Recent annual growth at or above this (+10 %) is growing: 成长期, or 萌芽期 when the field is also young.</summary>
    public const double GrowthThreshold = 0.10;

    /// <summary>Recent annual growth at or below this (−10 %) is decline (衰退期).</summary>
    public const double DeclineThreshold = -0.10;

    /// <summary>Share of all complete-year patents filed in the last 3 complete years at or above which a growing field is
    /// young, i.e. emerging (萌芽期): most of its patents are recent.</summary>
    public const double EmergingRecentShare = 0.60;

    private const int MaxIterations = 100;
    private const double ConvergenceTolerance = 1e-10;

    /// <summary>Counts records per year of <paramref name="dateField"/>.</summary>
    /// <remarks>Filing counts use the filing year and, when the filing date is unknown, the publication year (as the
    /// <see cref="FacetNames.Year"/> facet does). Records without the date are not counted; <paramref name="undated"/> says how many.</remarks>
    public static IReadOnlyDictionary<int, long> CountByYear(IEnumerable<PatentRecord> records, DateField dateField, out long undated)
    {
        ArgumentNullException.ThrowIfNull(records);
        var counts = new SortedDictionary<int, long>();
        undated = 0;
        foreach (var r in records)
        {
            var date = dateField switch
            {
                DateField.Filing => r.FilingDate ?? r.PublicationDate,
                DateField.Publication => r.PublicationDate,
                DateField.Grant => r.GrantDate,
                _ => throw new ArgumentOutOfRangeException(nameof(dateField), dateField, "expected filing, publication or grant"),
            };
            if (date is { } d)
            {
                counts[d.Year] = counts.GetValueOrDefault(d.Year) + 1;
            }
            else
            {
                undated++;
            }
        }

        return counts;
    }

    /// <summary>Analyses counts per year.</summary>
    /// <param name="countsPerYear">Patents per year; missing years inside the range count as zero.</param>
    /// <param name="dateField">Which date was counted (stated in the report).</param>
    /// <param name="cutoff">The data cut-off date (数据截止日); a year is complete when its 31 December is on or before it.
    /// <c>null</c> when unknown: then no year is complete and nothing is fitted.</param>
    /// <param name="cutoffSource">Where the cut-off came from, stated in the report.</param>
    public static TrendReport Analyze(IReadOnlyDictionary<int, long> countsPerYear, DateField dateField, DateOnly? cutoff, string? cutoffSource = null)
    {
        ArgumentNullException.ThrowIfNull(countsPerYear);
        if (countsPerYear.Any(kv => kv.Value < 0))
        {
            throw new ArgumentException("counts must be zero or more", nameof(countsPerYear));
        }

        var notes = new List<string>();
        var nonEmpty = countsPerYear.Where(kv => kv.Value > 0).Select(kv => kv.Key).ToList();
        var years = new List<YearCount>();
        if (nonEmpty.Count > 0)
        {
            var first = nonEmpty.Min();
            var last = Math.Max(nonEmpty.Max(), cutoff?.Year ?? int.MinValue);
            for (var y = first; y <= last; y++)
            {
                years.Add(new YearCount(y, countsPerYear.GetValueOrDefault(y), IsComplete(y, cutoff)));
            }
        }

        var complete = years.Where(y => y.Complete).ToList();
        var incomplete = years.Where(y => !y.Complete).Select(y => y.Year).ToList();
        if (incomplete.Count > 0)
        {
            notes.Add(cutoff is null
                ? "No data cut-off date is known, so no year counts as complete and nothing is fitted."
                : string.Create(CultureInfo.InvariantCulture, $"{string.Join(", ", incomplete)} {(incomplete.Count == 1 ? "is" : "are")} incomplete (cut-off {cutoff:yyyy-MM-dd} is before 31 December): reported but excluded from the growth fit, CAGR and lifecycle."));
        }

        if (dateField == DateField.Filing && cutoff is not null)
        {
            notes.Add("Counted by filing year (申请年): invention applications are published about 18 months after filing, so the last two complete years may still be undercounted.");
        }

        var completeTotal = complete.Sum(y => y.Count);
        var tooFew = completeTotal < MinReliableTotal;
        if (tooFew)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"Only {completeTotal} patents in complete years (fewer than {MinReliableTotal}): too few for a reliable rate."));
        }

        var growth = FitGrowth(complete);
        var cagr = ComputeCagr(complete);
        var lifecycle = ClassifyLifecycle(complete);
        var label = cutoffSource ?? (cutoff is null ? "none" : "given");
        return new TrendReport(dateField, DateFieldDescription(dateField), cutoff, label, years, years.Sum(y => y.Count), completeTotal, incomplete, tooFew, growth, cagr, lifecycle, notes);
    }

    /// <summary>Fits the Poisson GLM log(μₜ) = a + b·t to complete years by IRLS and returns the annual growth exp(b) − 1 with a 95 % Wald CI.</summary>
    /// <remarks>Zero years are kept (the Poisson likelihood handles them). The fit is refused, with the reason, when fewer
    /// than two years are given or fewer than two years have patents (the maximum-likelihood slope is then infinite or undefined).
    /// When Pearson χ²/df exceeds <see cref="OverdispersionThreshold"/>, the standard error is multiplied by √(χ²/df) (quasi-Poisson).</remarks>
    public static GrowthFit FitGrowth(IReadOnlyList<YearCount> years)
    {
        ArgumentNullException.ThrowIfNull(years);
        if (years.Count < 2)
        {
            return GrowthFit.NotFitted(years, "cannot fit: fewer than 2 complete years");
        }

        if (years.Count(y => y.Count > 0) < 2)
        {
            return GrowthFit.NotFitted(years, years.All(y => y.Count == 0)
                ? "cannot fit: every complete year has zero patents"
                : "cannot fit: patents in only one complete year (the growth rate is unbounded)");
        }

        // Centre t for a well-conditioned X'WX; the slope b is unchanged.
        var n = years.Count;
        var mean = years.Average(y => (double)y.Year);
        var x = Matrix<double>.Build.Dense(n, 2, (i, j) => j == 0 ? 1.0 : years[i].Year - mean);
        var yv = Vector<double>.Build.Dense(n, i => years[i].Count);

        // Start from μ = y + 0.5 so that zero years have a finite log.
        var mu = yv.Map(v => v + 0.5);
        var eta = mu.Map(Math.Log);
        var beta = Vector<double>.Build.Dense(2);
        var deviance = Deviance(yv, mu);
        var iterations = 0;
        var converged = false;
        Matrix<double> xtwx = Matrix<double>.Build.Dense(2, 2);
        while (iterations < MaxIterations)
        {
            iterations++;
            var z = eta + (yv - mu).PointwiseDivide(mu);
            var xw = x.Clone();
            for (var i = 0; i < n; i++)
            {
                xw.SetRow(i, x.Row(i) * mu[i]);
            }

            xtwx = x.TransposeThisAndMultiply(xw);
            beta = xtwx.Solve(xw.TransposeThisAndMultiply(z));
            eta = x * beta;
            mu = eta.Map(Math.Exp);
            var next = Deviance(yv, mu);
            if (Math.Abs(next - deviance) / (Math.Abs(next) + 0.1) < ConvergenceTolerance)
            {
                deviance = next;
                converged = true;
                break;
            }

            deviance = next;
        }

        if (!converged || !beta.All(double.IsFinite))
        {
            return GrowthFit.NotFitted(years, string.Create(CultureInfo.InvariantCulture, $"cannot fit: IRLS did not converge in {MaxIterations} iterations"));
        }

        // Covariance at the final μ.
        var xwFinal = x.Clone();
        for (var i = 0; i < n; i++)
        {
            xwFinal.SetRow(i, x.Row(i) * mu[i]);
        }

        var covariance = x.TransposeThisAndMultiply(xwFinal).Inverse();
        var b = beta[1];
        var a = beta[0] - (b * mean); // intercept at year 0, for log(μ) = a + b·year
        var poissonSe = Math.Sqrt(covariance[1, 1]);
        var pearson = 0.0;
        for (var i = 0; i < n; i++)
        {
            pearson += (yv[i] - mu[i]) * (yv[i] - mu[i]) / mu[i];
        }

        var df = n - 2;
        double? dispersion = df > 0 ? pearson / df : null;
        var quasi = dispersion > OverdispersionThreshold;
        var se = quasi ? poissonSe * Math.Sqrt(dispersion!.Value) : poissonSe;
        var zc = Normal.InvCDF(0, 1, 0.975);
        if (!double.IsFinite(se) || !double.IsFinite(Math.Exp(b + (zc * se))))
        {
            return GrowthFit.NotFitted(years, "cannot fit: the standard error is not finite");
        }

        var notes = new List<string>();
        if (df == 0)
        {
            notes.Add("Two years only: the fit is exact (b = ln(c₂/c₁)) and overdispersion cannot be checked.");
        }

        if (quasi)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"Overdispersed (Pearson χ²/df = {dispersion:0.##} > {OverdispersionThreshold}): the confidence interval is widened by √{dispersion:0.##} (quasi-Poisson)."));
        }

        return new GrowthFit(
            true,
            null,
            years[0].Year,
            years[^1].Year,
            n,
            Math.Exp(b) - 1,
            Math.Exp(b - (zc * se)) - 1,
            Math.Exp(b + (zc * se)) - 1,
            a,
            b,
            se,
            poissonSe,
            deviance,
            pearson,
            df,
            dispersion,
            quasi,
            iterations,
            notes);
    }

    /// <summary>The compound annual growth rate between the first and the last complete year with patents: (c_last / c_first)^(1/years) − 1.</summary>
    public static CagrResult ComputeCagr(IReadOnlyList<YearCount> years)
    {
        ArgumentNullException.ThrowIfNull(years);
        var withPatents = years.Where(y => y.Count > 0).ToList();
        if (withPatents.Count < 2)
        {
            return new CagrResult(null, null, null, null, null, "undefined: fewer than 2 complete years with patents");
        }

        var first = withPatents[0];
        var last = withPatents[^1];
        var value = Math.Pow((double)last.Count / first.Count, 1.0 / (last.Year - first.Year)) - 1;
        return new CagrResult(value, first.Year, last.Year, first.Count, last.Count, "uses only the two end years; the Poisson growth uses every year");
    }

    /// <summary>Classifies the lifecycle stage (生命周期) from the complete years.</summary>
    /// <remarks>Needs <see cref="LifecycleMinYears"/> complete years and a growth fit over the last
    /// <see cref="LifecycleWindowYears"/> of them (extended back until two of its years have patents); then <see cref="ClassifyLifecycle(double, double)"/> decides.</remarks>
    public static LifecycleResult ClassifyLifecycle(IReadOnlyList<YearCount> years)
    {
        ArgumentNullException.ThrowIfNull(years);
        if (years.Count < LifecycleMinYears)
        {
            return new LifecycleResult(LifecycleStage.Unknown, "不确定", null, null, string.Create(CultureInfo.InvariantCulture, $"undetermined: fewer than {LifecycleMinYears} complete years"));
        }

        // A field whose patents stopped (…, 40, 30, 0, 0, 0, 0) has patents in only one year of the window: extend the
        // window back until it holds two years with patents, so that it reads as decline rather than "cannot fit".
        var start = Math.Max(0, years.Count - LifecycleWindowYears);
        while (start > 0 && years.Skip(start).Count(y => y.Count > 0) < 2)
        {
            start--;
        }

        var fit = FitGrowth(years.Skip(start).ToList());
        var total = years.Sum(y => y.Count);
        if (!fit.Fitted || total == 0)
        {
            return new LifecycleResult(LifecycleStage.Unknown, "不确定", null, null, "undetermined: " + (fit.Reason ?? "no patents"));
        }

        var share = (double)years.Skip(years.Count - 3).Sum(y => y.Count) / total;
        return ClassifyLifecycle(fit.AnnualGrowth!.Value, share);
    }

    /// <summary>The lifecycle rule, applied in this order: growth ≤ −10 % → 衰退期 decline; growth ≥ +10 % and ≥ 60 % of
    /// the patents in the last 3 complete years → 萌芽期 emerging; growth ≥ +10 % → 成长期 growth; otherwise 成熟期 maturity.</summary>
    /// <param name="recentGrowth">Poisson annual growth over the last (up to) 5 complete years, extended back until two of them have patents; e.g. 0.12 for +12 %.</param>
    /// <param name="recentShare">Share (0–1) of all complete-year patents that fall in the last 3 complete years.</param>
    public static LifecycleResult ClassifyLifecycle(double recentGrowth, double recentShare)
    {
        var facts = string.Create(CultureInfo.InvariantCulture, $"recent growth {recentGrowth:+0.0%;-0.0%}, last 3 years' share {recentShare:0.0%}");
        if (recentGrowth <= DeclineThreshold)
        {
            return new LifecycleResult(LifecycleStage.Decline, "衰退期", recentGrowth, recentShare, $"decline: {facts}; growth ≤ −10 %");
        }

        if (recentGrowth >= GrowthThreshold && recentShare >= EmergingRecentShare)
        {
            return new LifecycleResult(LifecycleStage.Emerging, "萌芽期", recentGrowth, recentShare, $"emerging: {facts}; growth ≥ +10 % and ≥ 60 % of patents in the last 3 years");
        }

        if (recentGrowth >= GrowthThreshold)
        {
            return new LifecycleResult(LifecycleStage.Growth, "成长期", recentGrowth, recentShare, $"growth: {facts}; growth ≥ +10 % with < 60 % of patents in the last 3 years");
        }

        return new LifecycleResult(LifecycleStage.Maturity, "成熟期", recentGrowth, recentShare, $"maturity: {facts}; growth between −10 % and +10 %");
    }

    private static bool IsComplete(int year, DateOnly? cutoff) => cutoff is { } c && new DateOnly(year, 12, 31) <= c;

    internal static string DateFieldDescription(DateField field) => field switch
    {
        DateField.Filing => "filing year (申请年); publication year when the filing date is unknown",
        DateField.Publication => "publication year (公开年)",
        DateField.Grant => "grant year (授权年)",
        _ => field.ToString(),
    };

    private static double Deviance(Vector<double> y, Vector<double> mu)
    {
        var d = 0.0;
        for (var i = 0; i < y.Count; i++)
        {
            d += (y[i] > 0 ? y[i] * Math.Log(y[i] / mu[i]) : 0) - (y[i] - mu[i]);
        }

        return 2 * d;
    }
}

/// <summary>Options of a workspace trend (趋势) analysis.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record TrendOptions
{
    /// <summary>Which date is counted; filing (申请日) by default. Also the date the filter's from/to apply to.</summary>
    public DateField DateField { get; init; }

    /// <summary>The data cut-off date; by default the latest filing, publication or grant date in the whole workspace.</summary>
    public DateOnly? Cutoff { get; init; }
}

/// <summary>Patents in one year.</summary>
/// <param name="Year">The calendar year.</param>
/// <param name="Count">Patents counted in it (zero years inside the range are listed).</param>
/// <param name="Complete">False when the data cut-off is before 31 December of the year: excluded from fits.</param>
public sealed record YearCount(int Year, long Count, bool Complete);

/// <summary>A trend report (趋势分析) of one record set.</summary>
/// <param name="DateField">The date counted.</param>
/// <param name="Counting">The counting convention in words.</param>
/// <param name="Cutoff">The data cut-off date (数据截止日), or null when unknown.</param>
/// <param name="CutoffSource">Where the cut-off came from.</param>
/// <param name="Years">Every year from the first with patents to the later of the last with patents and the cut-off year.</param>
/// <param name="Total">Patents counted (all years).</param>
/// <param name="CompleteTotal">Patents in complete years.</param>
/// <param name="IncompleteYears">Years reported but excluded from the fit (cut-off before their 31 December).</param>
/// <param name="TooFew">True when complete years hold fewer than <see cref="Trends.MinReliableTotal"/> patents.</param>
/// <param name="Growth">The Poisson growth rate (增长率) with its CI, or the reason it cannot be fitted.</param>
/// <param name="Cagr">The compound annual growth rate, or why it is undefined.</param>
/// <param name="Lifecycle">The lifecycle stage (生命周期) and the rule that decided it.</param>
/// <param name="Notes">Statements about the counting, the cut-off and the reliability.</param>
public sealed record TrendReport(
    DateField DateField,
    string Counting,
    DateOnly? Cutoff,
    string CutoffSource,
    IReadOnlyList<YearCount> Years,
    long Total,
    long CompleteTotal,
    IReadOnlyList<int> IncompleteYears,
    bool TooFew,
    GrowthFit Growth,
    CagrResult Cagr,
    LifecycleResult Lifecycle,
    IReadOnlyList<string> Notes)
{
    /// <summary>The SQL that counted a workspace trend over the analytical store, with its parameters (empty for counts
    /// given in memory).</summary>
    public IReadOnlyList<SqlStatement> Statements { get; init; } = [];
}

/// <summary>A Poisson GLM growth fit log(μₜ) = a + b·year, by IRLS.</summary>
/// <param name="Fitted">False when the data cannot be fitted; <paramref name="Reason"/> says why and the numbers are null.</param>
/// <param name="Reason">Why nothing was fitted.</param>
/// <param name="FromYear">First year fitted.</param>
/// <param name="ToYear">Last year fitted.</param>
/// <param name="Years">Years fitted (zero years included).</param>
/// <param name="AnnualGrowth">exp(b) − 1, e.g. 0.2 for +20 % a year.</param>
/// <param name="Lower">Lower bound of the 95 % CI of the growth.</param>
/// <param name="Upper">Upper bound of the 95 % CI of the growth.</param>
/// <param name="Intercept">a (log scale, at year 0).</param>
/// <param name="Slope">b (log scale, per year).</param>
/// <param name="StdError">Standard error of b used for the CI (quasi-Poisson when <paramref name="QuasiPoisson"/>).</param>
/// <param name="PoissonStdError">Standard error of b under the plain Poisson model.</param>
/// <param name="Deviance">Residual deviance.</param>
/// <param name="PearsonChiSquare">Pearson χ².</param>
/// <param name="DegreesOfFreedom">Years − 2.</param>
/// <param name="Dispersion">Pearson χ²/df, null when df = 0.</param>
/// <param name="QuasiPoisson">True when the CI was widened for overdispersion.</param>
/// <param name="Iterations">IRLS iterations.</param>
/// <param name="Notes">Statements about the fit.</param>
public sealed record GrowthFit(
    bool Fitted,
    string? Reason,
    int? FromYear,
    int? ToYear,
    int Years,
    double? AnnualGrowth,
    double? Lower,
    double? Upper,
    double? Intercept,
    double? Slope,
    double? StdError,
    double? PoissonStdError,
    double? Deviance,
    double? PearsonChiSquare,
    int? DegreesOfFreedom,
    double? Dispersion,
    bool QuasiPoisson,
    int Iterations,
    IReadOnlyList<string> Notes)
{
    internal static GrowthFit NotFitted(IReadOnlyList<YearCount> years, string reason) =>
        new(false, reason, years.Count > 0 ? years[0].Year : null, years.Count > 0 ? years[^1].Year : null, years.Count, null, null, null, null, null, null, null, null, null, null, null, false, 0, []);
}

/// <summary>The compound annual growth rate (年复合增长率).</summary>
/// <param name="Value">(c_last/c_first)^(1/(last − first)) − 1, or null when undefined.</param>
/// <param name="FromYear">First complete year with patents.</param>
/// <param name="ToYear">Last complete year with patents.</param>
/// <param name="FromCount">Patents in <paramref name="FromYear"/>.</param>
/// <param name="ToCount">Patents in <paramref name="ToYear"/>.</param>
/// <param name="Note">Why it is undefined, or what it uses.</param>
public sealed record CagrResult(double? Value, int? FromYear, int? ToYear, long? FromCount, long? ToCount, string Note);

/// <summary>Technology lifecycle stage (技术生命周期).</summary>
public enum LifecycleStage
{
    /// <summary>Not enough data (不确定).</summary>
    Unknown = 0,

    /// <summary>萌芽期: growing, most patents recent.</summary>
    Emerging,

    /// <summary>成长期: growing.</summary>
    Growth,

    /// <summary>成熟期: roughly flat.</summary>
    Maturity,

    /// <summary>衰退期: shrinking.</summary>
    Decline,
}

/// <summary>A lifecycle stage and the rule that decided it.</summary>
/// <param name="Stage">The stage.</param>
/// <param name="Label">The Chinese name (萌芽期, 成长期, 成熟期, 衰退期, 不确定).</param>
/// <param name="RecentGrowth">Poisson growth over the last (up to) 5 complete years.</param>
/// <param name="RecentShare">Share of complete-year patents in the last 3 complete years.</param>
/// <param name="Rule">The rule applied, with the numbers.</param>
public sealed record LifecycleResult(LifecycleStage Stage, string Label, double? RecentGrowth, double? RecentShare, string Rule);

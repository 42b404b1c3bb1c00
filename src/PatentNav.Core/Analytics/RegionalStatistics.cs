using MathNet.Numerics.Distributions;

namespace PatentNav.Analytics;

/// <summary>A count with its exact (Garwood) Poisson confidence interval.</summary>
/// <param name="Count">The observed count.</param>
/// <param name="Lower">Lower bound of the expected count.</param>
/// <param name="Upper">Upper bound of the expected count.</param>
public sealed record CountInterval(long Count, double Lower, double Upper);

/// <summary>
/// The statistics of regional positioning and chokepoints: revealed technological advantage (RTA), exact Poisson intervals,
/// concentration (HHI, CR4) and min–max normalisation. Pure functions; thread-safe.
/// </summary>
public static class RegionalStatistics
{
    /// <summary>The confidence level of every interval (95 %).</summary>
    public const double Confidence = 0.95;

    /// <summary>
    /// Revealed technological advantage (显示性技术优势, RTA; Balassa's index for patents): the place's share of the field
    /// divided by the place's share of all fields, both within the benchmark:
    /// RTA = (a / c) ÷ (b / d) with a = place in field, b = place in all fields, c = benchmark in field, d = benchmark in all fields.
    /// </summary>
    /// <returns>The RTA; <c>null</c> when a denominator is zero (the place or the field has no patents in the benchmark).</returns>
    /// <remarks>RTA &gt; 1: the place is specialised in the field; &lt; 1: under-represented; 1: as the benchmark.</remarks>
    public static double? Rta(long placeInField, long placeAll, long benchmarkInField, long benchmarkAll)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(placeInField);
        ArgumentOutOfRangeException.ThrowIfNegative(placeAll);
        ArgumentOutOfRangeException.ThrowIfNegative(benchmarkInField);
        ArgumentOutOfRangeException.ThrowIfNegative(benchmarkAll);
        if (placeAll == 0 || benchmarkInField == 0 || benchmarkAll == 0)
        {
            return null;
        }

        return (double)placeInField / benchmarkInField / ((double)placeAll / benchmarkAll);
    }

    /// <summary>The exact (Garwood) 95 % interval of a Poisson mean given an observed count k: [χ²(0.025; 2k)/2, χ²(0.975; 2k+2)/2],
    /// with lower bound 0 for k = 0 (MathNet's chi-square quantiles).</summary>
    public static CountInterval PoissonInterval(long count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var alpha = 1 - Confidence;
        var lower = count == 0 ? 0.0 : ChiSquared.InvCDF(2.0 * count, alpha / 2) / 2;
        var upper = ChiSquared.InvCDF((2.0 * count) + 2, 1 - (alpha / 2)) / 2;
        return new CountInterval(count, lower, upper);
    }

    /// <summary>The RTA interval that follows from the Poisson interval of the place's field count, holding the other three
    /// counts fixed (for a place much smaller than its benchmark the place's own count dominates the uncertainty).</summary>
    /// <returns>(lower, upper), or <c>null</c> when the RTA is undefined.</returns>
    public static (double Lower, double Upper)? RtaInterval(long placeInField, long placeAll, long benchmarkInField, long benchmarkAll)
    {
        if (Rta(1, placeAll, benchmarkInField, benchmarkAll) is not { } perPatent)
        {
            return null;
        }

        var ci = PoissonInterval(placeInField);
        return (ci.Lower * perPatent, ci.Upper * perPatent);
    }

    /// <summary>The Herfindahl–Hirschman index (HHI) of holders' counts: Σ sᵢ² with sᵢ = countᵢ ÷ Σ counts, between 1/n and 1
    /// (1: one holder has everything). Multiply by 10,000 for the antitrust scale.</summary>
    /// <returns>The HHI, or <c>null</c> when the counts sum to zero.</returns>
    public static double? Hhi(IEnumerable<double> counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var list = counts.ToList();
        if (list.Any(c => c < 0))
        {
            throw new ArgumentOutOfRangeException(nameof(counts), "counts must not be negative");
        }

        var total = list.Sum();
        return total <= 0 ? null : list.Sum(c => (c / total) * (c / total));
    }

    /// <summary>The concentration ratio CRₙ: the share of the <paramref name="n"/> largest holders (CR4 by default).</summary>
    /// <returns>The ratio, or <c>null</c> when the counts sum to zero.</returns>
    public static double? ConcentrationRatio(IEnumerable<double> counts, int n = 4)
    {
        ArgumentNullException.ThrowIfNull(counts);
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        var list = counts.ToList();
        var total = list.Sum();
        return total <= 0 ? null : list.OrderByDescending(c => c).Take(n).Sum() / total;
    }

    /// <summary>
    /// Min–max normalisation across units: (x − min) ÷ (max − min) over the values present; missing values stay missing.
    /// When every present value is equal (no spread), each becomes 0.5: the indicator does not tell the units apart.
    /// </summary>
    public static IReadOnlyList<double?> MinMax(IReadOnlyList<double?> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var present = values.Where(v => v is not null && double.IsFinite(v.Value)).Select(v => v!.Value).ToList();
        if (present.Count == 0)
        {
            return values.Select(_ => (double?)null).ToList();
        }

        var min = present.Min();
        var max = present.Max();
        var range = max - min;
        return values.Select(v => v is { } x && double.IsFinite(x) ? (double?)(range <= 1e-12 ? 0.5 : (x - min) / range) : null).ToList();
    }
}

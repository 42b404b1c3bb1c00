using PatentNav.Analytics;

namespace PatentNav.Core.Tests.Analytics;

/// <summary>RTA, Poisson intervals, HHI, CR4 and min–max normalisation on hand-computed numbers.</summary>
public sealed class RegionalStatisticsTests
{
    [Fact]
    public void Rta_is_the_place_share_of_the_field_over_its_share_of_everything()
    {
        // Place: 20 of the field's 100 patents, 200 of the benchmark's 10,000: (20/100)/(200/10000) = 0.2/0.02 = 10.
        Assert.Equal(10.0, RegionalStatistics.Rta(20, 200, 100, 10_000)!.Value, 10);
        // As specialised as the benchmark: 1.
        Assert.Equal(1.0, RegionalStatistics.Rta(2, 200, 100, 10_000)!.Value, 10);
        Assert.Equal(0.0, RegionalStatistics.Rta(0, 200, 100, 10_000)!.Value, 10);
        Assert.Null(RegionalStatistics.Rta(0, 0, 100, 10_000));
        Assert.Null(RegionalStatistics.Rta(0, 10, 0, 10_000));
    }

    [Fact]
    public void Poisson_interval_is_the_exact_Garwood_interval()
    {
        // Tabulated exact 95 % limits: k=0 → [0, 3.689]; k=1 → [0.0253, 5.572]; k=10 → [4.795, 18.39].
        var zero = RegionalStatistics.PoissonInterval(0);
        Assert.Equal(0, zero.Lower);
        Assert.Equal(3.689, zero.Upper, 3);
        var one = RegionalStatistics.PoissonInterval(1);
        Assert.Equal(0.0253, one.Lower, 4);
        Assert.Equal(5.572, one.Upper, 3);
        var ten = RegionalStatistics.PoissonInterval(10);
        Assert.Equal(4.795, ten.Lower, 3);
        Assert.Equal(18.39, ten.Upper, 2);
    }

    [Fact]
    public void Rta_interval_scales_the_count_interval()
    {
        var (lower, upper) = RegionalStatistics.RtaInterval(10, 200, 100, 10_000)!.Value;
        // One patent is worth (1/100)/(200/10000) = 0.5 of RTA.
        Assert.Equal(4.795 * 0.5, lower, 3);
        Assert.Equal(18.39 * 0.5, upper, 2);
    }

    [Fact]
    public void Hhi_and_cr4_on_known_shares()
    {
        // Shares 0.5, 0.2, 0.1, 0.1, 0.05, 0.05: HHI = 0.25+0.04+0.01+0.01+0.0025+0.0025 = 0.315; CR4 = 0.9.
        double[] counts = [50, 20, 10, 10, 5, 5];
        Assert.Equal(0.315, RegionalStatistics.Hhi(counts)!.Value, 10);
        Assert.Equal(0.9, RegionalStatistics.ConcentrationRatio(counts)!.Value, 10);
        Assert.Equal(1.0, RegionalStatistics.Hhi([7])!.Value, 10);
        Assert.Equal(0.25, RegionalStatistics.Hhi([1, 1, 1, 1])!.Value, 10);
        Assert.Null(RegionalStatistics.Hhi([]));
        Assert.Null(RegionalStatistics.ConcentrationRatio([0, 0]));
    }

    [Fact]
    public void MinMax_keeps_missing_values_and_gives_half_without_spread()
    {
        var n = RegionalStatistics.MinMax([2.0, null, 4.0, 3.0]);
        Assert.Equal([0.0, null, 1.0, 0.5], n);
        Assert.Equal([0.5, 0.5, null], RegionalStatistics.MinMax([7.0, 7.0, null]));
        Assert.Equal([null, null], RegionalStatistics.MinMax([null, null]));
    }
}

using System.Globalization;
using System.Text.Json.Serialization;
using PatentNav.Records;
using PatentNav.Taxonomy;

namespace PatentNav.Analytics;

/// <summary>What a target measures.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TargetMetric>))]
public enum TargetMetric
{
    /// <summary>每万人口高价值发明专利拥有量 at the end date.</summary>
    HighValuePerTenThousand,

    /// <summary>新增发明专利授权: invention grants to domestic holders in the place between the start and end dates.</summary>
    NewInventionGrants,

    /// <summary>专利实施许可转让: recorded licences and transfers of the place's patents (counts in the data).</summary>
    LicencesAndTransfers,

    /// <summary>知识产权质押融资: pledge-financing amounts (CNY) of the place's patents (supplied amounts).</summary>
    PledgeFinancing,
}

/// <summary>A target of the city plan (or any other).</summary>
/// <param name="Id">A short id.</param>
/// <param name="Name">Its name as the plan writes it.</param>
/// <param name="Metric">What it measures.</param>
/// <param name="Value">The target value.</param>
/// <param name="Start">Start of the plan period (baseline: the day before).</param>
/// <param name="End">End of the plan period (the deadline).</param>
/// <param name="Source">Where the target comes from.</param>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record PlanTarget(string Id, string Name, TargetMetric Metric, decimal Value, DateOnly Start, DateOnly End, string Source);

/// <summary>Progress on one target.</summary>
/// <param name="Target">The target.</param>
/// <param name="Evaluable">False when the data cannot measure it; <paramref name="Reason"/> says why.</param>
/// <param name="Reason">Why it cannot be measured.</param>
/// <param name="Current">The value at the data's cut-off (or the end date, if earlier).</param>
/// <param name="Baseline">The value at the baseline date (the day before the period starts), where meaningful.</param>
/// <param name="Progress">Current ÷ target (for the per-10,000 indicator) or achieved ÷ target (for counts and sums accumulated in the period).</param>
/// <param name="MeasuredAt">The date the current value describes.</param>
/// <param name="Method">How it was measured, in words.</param>
public sealed record TargetProgress(
    PlanTarget Target,
    bool Evaluable,
    string? Reason,
    decimal? Current,
    decimal? Baseline,
    double? Progress,
    DateOnly? MeasuredAt,
    string Method);

/// <summary>Progress on a set of targets for a place.</summary>
/// <param name="Place">The region code.</param>
/// <param name="Cutoff">The data's cut-off.</param>
/// <param name="Targets">Each target's progress.</param>
/// <param name="Parameters">The high-value parameters used.</param>
/// <param name="Synthetic">Whether some records carry synthetic demonstration data.</param>
/// <param name="Notes">Caveats.</param>
public sealed record TargetReport(string Place, DateOnly? Cutoff, IReadOnlyList<TargetProgress> Targets, string Parameters, bool Synthetic, IReadOnlyList<string> Notes)
{
    /// <summary>The SQL statements that counted the figures, with their parameters (see <see cref="SqlStatement"/>).</summary>
    public IReadOnlyList<SqlStatement> Statements { get; init; } = [];
}

/// <summary>Target tracking (目标监测) for the city plan's patent targets. Pure; thread-safe.</summary>
public static class PlanTargets
{
    private const string PlanSource = "连云港市知识产权强市建设方案（2024—2026年）, 主要目标";

    /// <summary>The plan's patent targets for 2024–2026: 万人高价值发明专利拥有量 10, 新增发明专利授权 5,000, 专利商标实施许可转让合同备案
    /// 2,000 (the data hold patent licences and transfers only), 知识产权质押融资累计 60 亿元.</summary>
    public static IReadOnlyList<PlanTarget> Defaults { get; } =
    [
        new("high-value-per-10k", "万人高价值发明专利拥有量达10件", TargetMetric.HighValuePerTenThousand, 10m, new DateOnly(2024, 1, 1), new DateOnly(2026, 12, 31), PlanSource),
        new("new-invention-grants", "新增发明专利授权5000件", TargetMetric.NewInventionGrants, 5000m, new DateOnly(2024, 1, 1), new DateOnly(2026, 12, 31), PlanSource),
        new("licence-transfer", "专利商标实施许可转让合同备案数2000件以上", TargetMetric.LicencesAndTransfers, 2000m, new DateOnly(2024, 1, 1), new DateOnly(2026, 12, 31), PlanSource),
        new("pledge-financing", "知识产权质押融资累计达60亿元", TargetMetric.PledgeFinancing, 6_000_000_000m, new DateOnly(2024, 1, 1), new DateOnly(2026, 12, 31), PlanSource),
    ];

    /// <summary>Measures every target over the place's records (all kinds and statuses).</summary>
    public static TargetReport Track(
        IReadOnlyList<PatentRecord> placeRecords,
        string place,
        IReadOnlyList<PlanTarget> targets,
        ReferenceLists references,
        HighValueOptions options,
        SeiIpcTaxonomy sei,
        DateOnly? cutoff)
    {
        ArgumentNullException.ThrowIfNull(placeRecords);
        return Track(new RecordCounts(placeRecords, references, options, sei), place, targets, references, options, sei, cutoff);
    }

    /// <summary>Measures every target from <paramref name="counts"/> (records in memory or SQL over the analytical store).</summary>
    internal static TargetReport Track(
        ITargetCounts counts,
        string place,
        IReadOnlyList<PlanTarget> targets,
        ReferenceLists references,
        HighValueOptions options,
        SeiIpcTaxonomy sei,
        DateOnly? cutoff)
    {
        ArgumentNullException.ThrowIfNull(counts);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(references);
        var results = new List<TargetProgress>();
        foreach (var t in targets)
        {
            var measuredAt = cutoff is { } c && c < t.End ? c : t.End;
            results.Add(t.Metric switch
            {
                TargetMetric.HighValuePerTenThousand => HighValue(t, counts, place, references, options, sei, cutoff, measuredAt),
                TargetMetric.NewInventionGrants => NewGrants(t, counts, measuredAt),
                TargetMetric.LicencesAndTransfers => Licences(t, counts, measuredAt),
                _ => Pledges(t, counts, references, measuredAt),
            });
        }

        var notes = new List<string>();
        if (cutoff is null)
        {
            notes.Add("The workspace has no dated records: nothing can be measured.");
        }

        return new TargetReport(place, cutoff, results, HighValuePatents.Describe(options, cutoff ?? DateOnly.MinValue), counts.Synthetic, notes);
    }

    private static TargetProgress HighValue(PlanTarget t, ITargetCounts counts, string place, ReferenceLists references, HighValueOptions options, SeiIpcTaxonomy sei, DateOnly? cutoff, DateOnly at)
    {
        const string Method = "每万人口高价值发明专利拥有量 at the date (the high-value indicator); baseline at the day before the period";
        var current = HighValueIndicators.Assemble(counts.Indicator(at), place, at, references.PopulationFor(place, at.Year), options, cutoff, sei);
        var baselineDate = t.Start.AddDays(-1);
        var baseline = HighValueIndicators.Assemble(counts.Indicator(baselineDate), place, baselineDate, references.PopulationFor(place, baselineDate.Year), options, cutoff, sei);
        if (current.HighValuePerTenThousand is not { } value)
        {
            return new TargetProgress(t, false, $"no population supplied for {place} (the population reference list)", null, null, null, at, Method);
        }

        return new TargetProgress(t, true, null, (decimal)value, (decimal?)baseline.HighValuePerTenThousand, Math.Round(value / (double)t.Value, 4), at, Method);
    }

    private static TargetProgress NewGrants(PlanTarget t, ITargetCounts counts, DateOnly at)
    {
        const string Method = "invention grants (any current status) granted from the start date to the date, first holder domestic; grant date, else the grant's publication date";
        var n = counts.NewGrants(t.Start, at);
        return new TargetProgress(t, true, null, n, 0, Math.Round(n / (double)t.Value, 4), at, Method);
    }

    private static TargetProgress Licences(PlanTarget t, ITargetCounts counts, DateOnly at)
    {
        const string Method = "sum of the licence and transfer counts recorded on the place's patents; the data carry counts, not dated contracts, so events before the period are included and trademark contracts are not";
        var (known, sum, total) = counts.LicencesAndTransfers();
        if (known == 0)
        {
            return new TargetProgress(t, false, "the data have no licence or transfer counts (import an export with 许可次数/转让次数 columns)", null, null, null, at, Method);
        }

        return new TargetProgress(t, true, null, sum, null, Math.Round(sum / (double)t.Value, 4), at, string.Create(CultureInfo.InvariantCulture, $"{Method}; {known} of {total} patents carry the counts"));
    }

    private static TargetProgress Pledges(PlanTarget t, ITargetCounts counts, ReferenceLists references, DateOnly at)
    {
        const string Method = "sum of the supplied pledge-financing amounts (the pledges reference list) of the place's patents; the amounts carry no dates, so pledges before the period are included";
        if (references.PledgeAmounts is null)
        {
            return new TargetProgress(t, false, "no pledge amounts supplied (the pledges reference list)", null, null, null, at, Method);
        }

        var sum = counts.PledgeSum();
        return new TargetProgress(t, true, null, sum, null, Math.Round((double)(sum / t.Value), 4), at, Method);
    }

    /// <summary>The counts target tracking needs over a place's patents (all kinds and statuses).</summary>
    internal interface ITargetCounts
    {
        /// <summary>Whether some of the place's patents are synthetic.</summary>
        bool Synthetic { get; }

        /// <summary>The high-value indicator's counts at a date.</summary>
        HighValueIndicators.Counts Indicator(DateOnly at);

        /// <summary>Invention grants (any status) granted from <paramref name="start"/> to <paramref name="at"/>, first owner domestic.</summary>
        long NewGrants(DateOnly start, DateOnly at);

        /// <summary>Patents carrying a licence or transfer count, the sum of those counts, and all the place's patents.</summary>
        (long Known, long Sum, long Total) LicencesAndTransfers();

        /// <summary>The sum of the supplied pledge amounts of the place's patents (0 when none is supplied).</summary>
        decimal PledgeSum();
    }

    private sealed class RecordCounts(IReadOnlyList<PatentRecord> records, ReferenceLists references, HighValueOptions options, SeiIpcTaxonomy sei) : ITargetCounts
    {
        public bool Synthetic => records.Any(r => r.Synthetic);

        public HighValueIndicators.Counts Indicator(DateOnly at) => HighValueIndicators.Count(records, at, options, sei);

        public long NewGrants(DateOnly start, DateOnly at) => records.Count(r => r.Kind == PatentKind.InventionGrant
            && (r.GrantDate ?? r.PublicationDate) is { } g && g >= start && g <= at
            && HighValueIndicators.HolderOrigin(r) == ApplicantOrigin.Domestic);

        public (long Known, long Sum, long Total) LicencesAndTransfers()
        {
            var known = records.Where(r => r.LicenceCount is not null || r.TransferCount is not null).ToList();
            return (known.Count, known.Sum(r => (long)(r.LicenceCount ?? 0) + (r.TransferCount ?? 0)), records.Count);
        }

        public decimal PledgeSum() =>
            references.PledgeAmounts is { } amounts ? records.Sum(r => amounts.GetValueOrDefault(r.PublicationNumber.Value)) : 0m;
    }
}

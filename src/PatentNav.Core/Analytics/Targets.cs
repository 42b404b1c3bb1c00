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
public sealed record TargetReport(string Place, DateOnly? Cutoff, IReadOnlyList<TargetProgress> Targets, string Parameters, bool Synthetic, IReadOnlyList<string> Notes);

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
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(references);
        var results = new List<TargetProgress>();
        foreach (var t in targets)
        {
            var measuredAt = cutoff is { } c && c < t.End ? c : t.End;
            results.Add(t.Metric switch
            {
                TargetMetric.HighValuePerTenThousand => HighValue(t, placeRecords, place, references, options, sei, cutoff, measuredAt),
                TargetMetric.NewInventionGrants => NewGrants(t, placeRecords, measuredAt),
                TargetMetric.LicencesAndTransfers => Licences(t, placeRecords, measuredAt),
                _ => Pledges(t, placeRecords, references, measuredAt),
            });
        }

        var notes = new List<string>();
        if (cutoff is null)
        {
            notes.Add("The workspace has no dated records: nothing can be measured.");
        }

        return new TargetReport(place, cutoff, results, HighValuePatents.Describe(options, cutoff ?? DateOnly.MinValue), placeRecords.Any(r => r.Synthetic), notes);
    }

    private static TargetProgress HighValue(PlanTarget t, IReadOnlyList<PatentRecord> records, string place, ReferenceLists references, HighValueOptions options, SeiIpcTaxonomy sei, DateOnly? cutoff, DateOnly at)
    {
        const string Method = "每万人口高价值发明专利拥有量 at the date (see /api/high-value/indicator); baseline at the day before the period";
        var current = HighValueIndicators.Compute(records, place, at, references.PopulationFor(place, at.Year), options, sei, cutoff);
        var baselineDate = t.Start.AddDays(-1);
        var baseline = HighValueIndicators.Compute(records, place, baselineDate, references.PopulationFor(place, baselineDate.Year), options, sei, cutoff);
        if (current.HighValuePerTenThousand is not { } value)
        {
            return new TargetProgress(t, false, $"no population supplied for {place} (PUT /api/reference/population)", null, null, null, at, Method);
        }

        return new TargetProgress(t, true, null, (decimal)value, (decimal?)baseline.HighValuePerTenThousand, Math.Round(value / (double)t.Value, 4), at, Method);
    }

    private static TargetProgress NewGrants(PlanTarget t, IReadOnlyList<PatentRecord> records, DateOnly at)
    {
        const string Method = "invention grants (any current status) granted from the start date to the date, first holder domestic; grant date, else the grant's publication date";
        var n = records.Count(r => r.Kind == PatentKind.InventionGrant
            && (r.GrantDate ?? r.PublicationDate) is { } g && g >= t.Start && g <= at
            && HighValueIndicators.HolderOrigin(r) == ApplicantOrigin.Domestic);
        return new TargetProgress(t, true, null, n, 0, Math.Round(n / (double)t.Value, 4), at, Method);
    }

    private static TargetProgress Licences(PlanTarget t, IReadOnlyList<PatentRecord> records, DateOnly at)
    {
        const string Method = "sum of the licence and transfer counts recorded on the place's patents; the data carry counts, not dated contracts, so events before the period are included and trademark contracts are not";
        var known = records.Where(r => r.LicenceCount is not null || r.TransferCount is not null).ToList();
        if (known.Count == 0)
        {
            return new TargetProgress(t, false, "the data have no licence or transfer counts (import an export with 许可次数/转让次数 columns)", null, null, null, at, Method);
        }

        var sum = known.Sum(r => (long)(r.LicenceCount ?? 0) + (r.TransferCount ?? 0));
        return new TargetProgress(t, true, null, sum, null, Math.Round(sum / (double)t.Value, 4), at, string.Create(CultureInfo.InvariantCulture, $"{Method}; {known.Count} of {records.Count} patents carry the counts"));
    }

    private static TargetProgress Pledges(PlanTarget t, IReadOnlyList<PatentRecord> records, ReferenceLists references, DateOnly at)
    {
        const string Method = "sum of the supplied pledge-financing amounts (PUT /api/reference/pledges) of the place's patents; the amounts carry no dates, so pledges before the period are included";
        if (references.PledgeAmounts is not { } amounts)
        {
            return new TargetProgress(t, false, "no pledge amounts supplied (PUT /api/reference/pledges)", null, null, null, at, Method);
        }

        var sum = records.Sum(r => amounts.GetValueOrDefault(r.PublicationNumber.Value));
        return new TargetProgress(t, true, null, sum, null, Math.Round((double)(sum / t.Value), 4), at, Method);
    }
}

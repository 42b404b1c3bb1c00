using System.Globalization;
using PatentNav.Records;
using PatentNav.Taxonomy;

namespace PatentNav.Analytics;

/// <summary>每万人口高价值发明专利拥有量 for a place at a date, with the plain 每万人口发明专利拥有量 beside it.</summary>
/// <param name="Place">The region code (32, 3207, 320706).</param>
/// <param name="At">The date of the stock.</param>
/// <param name="Population">The population used (persons), or null when none was supplied.</param>
/// <param name="PopulationYear">The year of that figure (the latest not after <paramref name="At"/>'s year).</param>
/// <param name="ValidInventions">Valid invention patents of domestic holders in the place at the date (有效发明专利).</param>
/// <param name="HighValue">Of those, high-value ones (meeting at least one criterion).</param>
/// <param name="Undetermined">Of those, ones meeting no criterion so far with some criteria not evaluable.</param>
/// <param name="HighValuePerTenThousand">HighValue ÷ (population ÷ 10,000); null without population.</param>
/// <param name="InventionsPerTenThousand">ValidInventions ÷ (population ÷ 10,000); null without population.</param>
/// <param name="ByCriterion">Patents meeting each criterion (a patent can meet several), and how many could not be evaluated on it.</param>
/// <param name="ByIndustry">High-value patents per SEI industry (a patent can be in several; none: not in a strategic emerging industry).</param>
/// <param name="Excluded">Valid invention patents of the place left out, by reason (foreign holder, holder origin unknown).</param>
/// <param name="Parameters">The parameters in words (assessment date, maintenance origin and years, pledge threshold, lists).</param>
/// <param name="Counting">The counting convention in words.</param>
/// <param name="Cutoff">The data's cut-off (latest date in the workspace).</param>
/// <param name="Synthetic">Whether some counted records carry synthetic demonstration data.</param>
/// <param name="Notes">Caveats.</param>
public sealed record HighValueIndicator(
    string Place,
    DateOnly At,
    long? Population,
    int? PopulationYear,
    int ValidInventions,
    int HighValue,
    int Undetermined,
    double? HighValuePerTenThousand,
    double? InventionsPerTenThousand,
    IReadOnlyList<CriterionCount> ByCriterion,
    IReadOnlyList<IndustryCount> ByIndustry,
    IReadOnlyDictionary<string, int> Excluded,
    string Parameters,
    string Counting,
    DateOnly? Cutoff,
    bool Synthetic,
    IReadOnlyList<string> Notes)
{
    /// <summary>The SQL statements that counted the figures, with their parameters (see <see cref="SqlStatement"/>).</summary>
    public IReadOnlyList<SqlStatement> Statements { get; init; } = [];
}

/// <summary>How many patents met a criterion, and on how many it could not be evaluated.</summary>
/// <param name="Criterion">The criterion.</param>
/// <param name="Met">Patents meeting it.</param>
/// <param name="Unknown">Patents on which it could not be evaluated.</param>
public sealed record CriterionCount(HighValueCriterion Criterion, int Met, int Unknown);

/// <summary>High-value patents in one SEI industry.</summary>
/// <param name="Industry">Its filter value (<c>sei:3</c>) or <c>none</c>.</param>
/// <param name="Name">Its name.</param>
/// <param name="Patents">High-value patents in it.</param>
public sealed record IndustryCount(string Industry, string Name, int Patents);

/// <summary>
/// The indicator arithmetic over a place's records: which patents count at a date, and the breakdowns. Pure; thread-safe.
/// </summary>
/// <remarks>
/// <para>Counted: invention grants whose legal status is valid now and whose grant date (publication date of the grant when
/// the grant date is unknown) is on or before the date; the first current holder (else the first applicant) must be
/// domestic (<see cref="ApplicantNames.Classify"/>: country code CN/HK/MO/TW or a Chinese name). The place comes from the
/// record's region (the export's region fields or the first applicant's address).</para>
/// <para>The data hold today's legal status, not its history: a patent that lapsed between the date and today is missing
/// from a past stock, so values at past dates are lower bounds. Reports say so.</para>
/// </remarks>
public static class HighValueIndicators
{
    /// <summary>Computes the indicator from the place's invention grants.</summary>
    public static HighValueIndicator Compute(
        IEnumerable<PatentRecord> placeGrants,
        string place,
        DateOnly at,
        PopulationEntry? population,
        HighValueOptions options,
        SeiIpcTaxonomy sei,
        DateOnly? cutoff)
    {
        ArgumentNullException.ThrowIfNull(placeGrants);
        ArgumentNullException.ThrowIfNull(options);
        return Assemble(Count(placeGrants, at, options, sei), place, at, population, options, cutoff, sei);
    }

    /// <summary>The indicator's counts over the place's records (see <see cref="Assemble"/>).</summary>
    internal static Counts Count(IEnumerable<PatentRecord> placeGrants, DateOnly at, HighValueOptions options, SeiIpcTaxonomy sei)
    {
        var criteria = Enum.GetValues<HighValueCriterion>().ToDictionary(c => c, _ => (Met: 0L, Unknown: 0L));
        var industries = new Dictionary<string, long>(StringComparer.Ordinal);
        var excluded = new Dictionary<string, long>(StringComparer.Ordinal);
        long valid = 0, high = 0, undetermined = 0;
        var synthetic = false;
        foreach (var r in placeGrants)
        {
            if (!CountsAt(r, at))
            {
                continue;
            }

            var origin = HolderOrigin(r);
            if (origin != ApplicantOrigin.Domestic)
            {
                var key = ExclusionOf(origin);
                excluded[key] = excluded.GetValueOrDefault(key) + 1;
                continue;
            }

            valid++;
            synthetic |= r.Synthetic;
            var a = HighValuePatents.Assess(r, options, at, sei);
            foreach (var c in a.Criteria)
            {
                var (met, unknown) = criteria[c.Criterion];
                criteria[c.Criterion] = (met + (c.Outcome == CriterionOutcome.Met ? 1 : 0), unknown + (c.Outcome == CriterionOutcome.Unknown ? 1 : 0));
            }

            if (a.Verdict == HighValueVerdict.Undetermined)
            {
                undetermined++;
            }

            if (a.Verdict != HighValueVerdict.HighValue)
            {
                continue;
            }

            high++;
            var assigned = sei.Assign(r).Select(x => "sei:" + x.Code).Distinct().ToList();
            foreach (var key in assigned.Count > 0 ? assigned : [NoIndustry])
            {
                industries[key] = industries.GetValueOrDefault(key) + 1;
            }
        }

        return new Counts(valid, high, undetermined, criteria, industries, excluded, synthetic);
    }

    /// <summary>The industry key of high-value patents in no strategic emerging industry.</summary>
    internal const string NoIndustry = "none";

    /// <summary>The key under which <see cref="HighValueIndicator.Excluded"/> counts a holder origin other than domestic.</summary>
    internal static string ExclusionOf(ApplicantOrigin origin) => origin == ApplicantOrigin.Foreign ? "foreign holder" : "holder origin unknown";

    /// <summary>What the indicator counts, however counted (records in memory or SQL over the analytical store).</summary>
    /// <param name="ValidInventions">Counted patents (domestic holders).</param>
    /// <param name="HighValue">Of those, high-value.</param>
    /// <param name="Undetermined">Of those, undetermined.</param>
    /// <param name="Criteria">Per criterion: met, and not evaluable.</param>
    /// <param name="Industries">High-value patents per SEI industry key (<c>sei:3</c>, or <see cref="NoIndustry"/>).</param>
    /// <param name="Excluded">Left-out patents by reason (<see cref="ExclusionOf"/>).</param>
    /// <param name="Synthetic">Whether a counted patent is synthetic.</param>
    internal sealed record Counts(
        long ValidInventions,
        long HighValue,
        long Undetermined,
        IReadOnlyDictionary<HighValueCriterion, (long Met, long Unknown)> Criteria,
        IReadOnlyDictionary<string, long> Industries,
        IReadOnlyDictionary<string, long> Excluded,
        bool Synthetic);

    /// <summary>The indicator from its counts: per-10,000 values, breakdowns in a stable order, parameters and notes.</summary>
    internal static HighValueIndicator Assemble(Counts counts, string place, DateOnly at, PopulationEntry? population, HighValueOptions options, DateOnly? cutoff, SeiIpcTaxonomy sei)
    {
        ArgumentNullException.ThrowIfNull(counts);
        double? Per10K(long n) => population is null ? null : Math.Round(n / (population.Population / 10_000.0), 4);
        var notes = new List<string>();
        if (population is null)
        {
            notes.Add($"No population for {place} in or before {at.Year}: supply it in the population reference list to get the per-10,000 values.");
        }
        else if (population.Year != at.Year)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"Population of {population.Year} used for {at.Year} (the latest supplied)."));
        }

        if (cutoff is { } c2 && at < c2)
        {
            notes.Add("The data hold today's legal status: patents that lapsed after the date are missing, so a past stock is a lower bound.");
        }

        if (cutoff is { } c3 && at > c3)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"The date is after the data's cut-off {c3:yyyy-MM-dd}: grants after the cut-off are not in the data."));
        }

        if (counts.Undetermined > 0)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"{counts.Undetermined} patents meet no criterion so far but could not be fully evaluated (see byCriterion.unknown): the high-value count is a lower bound."));
        }

        string NameOf(string key) => key == NoIndustry ? "不属于战略性新兴产业" : sei.FindIndustry(key["sei:".Length..])?.Name ?? key;
        return new HighValueIndicator(
            place,
            at,
            population?.Population,
            population?.Year,
            checked((int)counts.ValidInventions),
            checked((int)counts.HighValue),
            checked((int)counts.Undetermined),
            Per10K(counts.HighValue),
            Per10K(counts.ValidInventions),
            Enum.GetValues<HighValueCriterion>().Select(c => counts.Criteria.TryGetValue(c, out var v) ? new CriterionCount(c, checked((int)v.Met), checked((int)v.Unknown)) : new CriterionCount(c, 0, 0)).ToList(),
            counts.Industries.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => new IndustryCount(kv.Key, NameOf(kv.Key), checked((int)kv.Value))).ToList(),
            counts.Excluded.OrderBy(kv => kv.Key, StringComparer.Ordinal).ToDictionary(kv => kv.Key, kv => checked((int)kv.Value), StringComparer.Ordinal),
            HighValuePatents.Describe(options, at),
            "stock of valid invention patents (invention grants, legal status valid, granted on or before the date) whose first holder (current holder, else applicant) is domestic, in the place by the record's region; one patent counts once",
            cutoff,
            counts.Synthetic,
            notes);
    }

    /// <summary>Whether the record is a valid invention grant granted on or before <paramref name="at"/>.</summary>
    public static bool CountsAt(PatentRecord record, DateOnly at)
    {
        ArgumentNullException.ThrowIfNull(record);
        return record.Kind == PatentKind.InventionGrant
            && record.LegalStatus == LegalStatus.Valid
            && (record.GrantDate ?? record.PublicationDate) is { } granted
            && granted <= at;
    }

    /// <summary>The origin of the record's first holder (current holder, else applicant; see <see cref="ApplicantNames.FirstOwner"/>).</summary>
    public static ApplicantOrigin HolderOrigin(PatentRecord record) =>
        ApplicantNames.FirstOwner(record).Class?.Origin ?? ApplicantOrigin.Unknown;
}

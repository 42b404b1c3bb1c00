using System.Globalization;
using System.Text.Json.Serialization;
using PatentNav.Records;
using PatentNav.Taxonomy;

namespace PatentNav.Analytics;

/// <summary>CNIPA's five criteria of a high-value invention patent (高价值发明专利).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<HighValueCriterion>))]
public enum HighValueCriterion
{
    /// <summary>1. It belongs to a strategic emerging industry (战略性新兴产业, SEI–IPC 2021 table).</summary>
    StrategicEmergingIndustry,

    /// <summary>2. It has a family member abroad (海外同族专利).</summary>
    OverseasFamily,

    /// <summary>3. It has been maintained for more than 10 years (维持年限超过10年).</summary>
    MaintainedOverTenYears,

    /// <summary>4. It secured a relatively high pledge-financing amount (质押融资金额较高).</summary>
    HighPledgeFinancing,

    /// <summary>5. It won a State Science and Technology Award or the China Patent Award (国家科学技术奖 / 中国专利奖).</summary>
    Award,
}

/// <summary>Whether a criterion is met.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CriterionOutcome>))]
public enum CriterionOutcome
{
    /// <summary>The data lacks what the criterion needs: it could not be evaluated.</summary>
    Unknown = 0,

    /// <summary>Met.</summary>
    Met,

    /// <summary>Not met.</summary>
    NotMet,
}

/// <summary>The overall verdict for one patent.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<HighValueVerdict>))]
public enum HighValueVerdict
{
    /// <summary>Not a valid invention patent (or its validity is unknown): the criteria do not apply.</summary>
    NotApplicable = 0,

    /// <summary>A valid invention patent meeting at least one criterion.</summary>
    HighValue,

    /// <summary>A valid invention patent meeting none, with every criterion evaluated.</summary>
    NotHighValue,

    /// <summary>A valid invention patent meeting none so far, with some criteria not evaluable: it may be high-value.</summary>
    Undetermined,
}

/// <summary>The origin of the maintenance period.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<MaintenanceOrigin>))]
public enum MaintenanceOrigin
{
    /// <summary>From the filing date (申请日), as patent years (专利年度) run.</summary>
    Filing = 0,

    /// <summary>From the grant date (授权公告日).</summary>
    Grant,
}

/// <summary>
/// The parameters CNIPA does not publish, and the reference lists the criteria need; every assessment states the values used.
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record HighValueOptions
{
    /// <summary>The date the patents are assessed at (validity, maintenance); default: the data's cut-off.</summary>
    public DateOnly? AsOf { get; init; }

    /// <summary>Where the maintenance period starts; default <see cref="MaintenanceOrigin.Filing"/>.</summary>
    public MaintenanceOrigin MaintenanceOrigin { get; init; }

    /// <summary>Years of maintenance that must be exceeded; default 10 ("more than 10 years": a patent filed on
    /// 2014-06-30 qualifies from 2024-07-01 on, not on 2024-06-30).</summary>
    public int MaintenanceYears { get; init; } = 10;

    /// <summary>The pledge-financing amount (CNY) from which criterion 4 is met; default 10,000,000 (1,000 万元).</summary>
    public decimal PledgeThreshold { get; init; } = 10_000_000m;

    /// <summary>Pledge-financing amounts (CNY) by publication number, or null when none were supplied (criterion 4 is then
    /// unknown for a pledged patent).</summary>
    public IReadOnlyDictionary<string, decimal>? PledgeAmounts { get; init; }

    /// <summary>Award-winning patents (publication number → award name), or null when no list was supplied (criterion 5
    /// is then unknown for every patent).</summary>
    public IReadOnlyDictionary<string, string>? Awards { get; init; }
}

/// <summary>The outcome of one criterion for one patent, with its evidence.</summary>
/// <param name="Criterion">The criterion.</param>
/// <param name="Outcome">Met, not met, or unknown.</param>
/// <param name="Evidence">Why, in words (the industry rule, the family countries, the dates, the amount, the award).</param>
public sealed record CriterionResult(HighValueCriterion Criterion, CriterionOutcome Outcome, string Evidence);

/// <summary>The high-value assessment of one patent.</summary>
/// <param name="PublicationNumber">The patent.</param>
/// <param name="Title">Its title.</param>
/// <param name="Verdict">The verdict.</param>
/// <param name="Reason">Why the criteria do not apply, for <see cref="HighValueVerdict.NotApplicable"/>.</param>
/// <param name="Criteria">All five criteria (empty when not applicable).</param>
public sealed record HighValueAssessment(
    string PublicationNumber,
    string? Title,
    HighValueVerdict Verdict,
    string? Reason,
    IReadOnlyList<CriterionResult> Criteria)
{
    /// <summary>The criteria met.</summary>
    [JsonIgnore]
    public IEnumerable<HighValueCriterion> Met => Criteria.Where(c => c.Outcome == CriterionOutcome.Met).Select(c => c.Criterion);

    /// <summary>The criteria that could not be evaluated.</summary>
    [JsonIgnore]
    public IEnumerable<HighValueCriterion> Unknown => Criteria.Where(c => c.Outcome == CriterionOutcome.Unknown).Select(c => c.Criterion);
}

/// <summary>
/// CNIPA's high-value invention patent criteria (高价值发明专利) applied to records. Pure functions; thread-safe.
/// </summary>
/// <remarks>
/// <para>Only a valid invention patent (kind invention grant, legal status valid) can be high-value. Each criterion is met,
/// not met, or unknown when the record lacks the field it needs (IPC codes, family, dates, pledges, an award list); the
/// verdict is high-value when any criterion is met, undetermined when none is met but some are unknown.</para>
/// <para>Rules: (1) the SEI–IPC 2021 table assigns the patent to a strategic emerging industry (no IPC codes: unknown);
/// (2) a family country other than CN (HK, MO and TW count as abroad for this purpose, as in CNIPA's overseas-filing
/// statistics); family countries unknown but family size 1: not met; otherwise unknown; (3) the assessment date is more
/// than <see cref="HighValueOptions.MaintenanceYears"/> years after the filing (or grant) date; (4) a pledge amount ≥ the
/// threshold in the supplied amounts; no pledge recorded (count 0): not met; pledged but no amount: unknown; (5) in the
/// supplied award list; no list: unknown.</para>
/// </remarks>
public static class HighValuePatents
{
    /// <summary>Assesses one record at <paramref name="asOf"/>.</summary>
    public static HighValueAssessment Assess(PatentRecord record, HighValueOptions options, DateOnly asOf, SeiIpcTaxonomy sei)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(sei);
        var pn = record.PublicationNumber.Value;
        if (record.Kind != PatentKind.InventionGrant)
        {
            return new HighValueAssessment(pn, record.Title, HighValueVerdict.NotApplicable, $"not an invention grant (kind {record.Kind})", []);
        }

        if (record.LegalStatus != LegalStatus.Valid)
        {
            return new HighValueAssessment(pn, record.Title, HighValueVerdict.NotApplicable, $"legal status is {record.LegalStatus.ToString().ToLowerInvariant()}, not valid", []);
        }

        var criteria = new List<CriterionResult>(5)
        {
            Sei(record, sei),
            Family(record),
            Maintenance(record, options, asOf),
            Pledge(record, options),
            Award(record, options),
        };
        var verdict = criteria.Any(c => c.Outcome == CriterionOutcome.Met) ? HighValueVerdict.HighValue
            : criteria.Any(c => c.Outcome == CriterionOutcome.Unknown) ? HighValueVerdict.Undetermined
            : HighValueVerdict.NotHighValue;
        return new HighValueAssessment(pn, record.Title, verdict, null, criteria);
    }

    /// <summary>The parameters as one sentence, for reports.</summary>
    public static string Describe(HighValueOptions options, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(options);
        return string.Create(
            CultureInfo.InvariantCulture,
            $"assessed at {asOf:yyyy-MM-dd}; maintenance counted from the {(options.MaintenanceOrigin == MaintenanceOrigin.Filing ? "filing" : "grant")} date, more than {options.MaintenanceYears} years; pledge threshold {options.PledgeThreshold:0.##} CNY ({(options.PledgeAmounts is null ? "no pledge amounts supplied" : $"{options.PledgeAmounts.Count} pledge amounts supplied")}); {(options.Awards is null ? "no award list supplied" : $"award list of {options.Awards.Count} patents")}");
    }

    private static CriterionResult Sei(PatentRecord record, SeiIpcTaxonomy sei)
    {
        if (record.MainIpc is null && record.Ipc.Count == 0)
        {
            return new(HighValueCriterion.StrategicEmergingIndustry, CriterionOutcome.Unknown, "no IPC codes in the record");
        }

        var assigned = sei.Assign(record);
        return assigned.Count > 0
            ? new(HighValueCriterion.StrategicEmergingIndustry, CriterionOutcome.Met, string.Join("; ", assigned.Take(3).Select(a => $"{a.BranchCode ?? a.Code} {a.BranchName ?? a.Name}: {a.Reason}")))
            : new(HighValueCriterion.StrategicEmergingIndustry, CriterionOutcome.NotMet, "no SEI–IPC 2021 rule matches its IPC codes");
    }

    private static CriterionResult Family(PatentRecord record)
    {
        if (record.FamilyCountries is { } countries)
        {
            var abroad = countries.Select(c => c.Trim().ToUpperInvariant()).Where(c => c.Length > 0 && c != "CN").Distinct(StringComparer.Ordinal).ToList();
            return abroad.Count > 0
                ? new(HighValueCriterion.OverseasFamily, CriterionOutcome.Met, "family members in " + string.Join(", ", abroad))
                : new(HighValueCriterion.OverseasFamily, CriterionOutcome.NotMet, "family only in CN");
        }

        return record.FamilySize switch
        {
            1 => new(HighValueCriterion.OverseasFamily, CriterionOutcome.NotMet, "family size 1 (no other member)"),
            { } n => new(HighValueCriterion.OverseasFamily, CriterionOutcome.Unknown, $"family size {n}, countries not in the data"),
            null => new(HighValueCriterion.OverseasFamily, CriterionOutcome.Unknown, "no family data in the record"),
        };
    }

    private static CriterionResult Maintenance(PatentRecord record, HighValueOptions options, DateOnly asOf)
    {
        var (origin, name) = options.MaintenanceOrigin == MaintenanceOrigin.Filing ? (record.FilingDate, "filed") : (record.GrantDate, "granted");
        if (origin is not { } start)
        {
            return new(HighValueCriterion.MaintainedOverTenYears, CriterionOutcome.Unknown, $"no {(options.MaintenanceOrigin == MaintenanceOrigin.Filing ? "filing" : "grant")} date in the record");
        }

        var threshold = start.AddYears(options.MaintenanceYears);
        return asOf > threshold
            ? new(HighValueCriterion.MaintainedOverTenYears, CriterionOutcome.Met, string.Create(CultureInfo.InvariantCulture, $"{name} {start:yyyy-MM-dd}, valid at {asOf:yyyy-MM-dd}: more than {options.MaintenanceYears} years"))
            : new(HighValueCriterion.MaintainedOverTenYears, CriterionOutcome.NotMet, string.Create(CultureInfo.InvariantCulture, $"{name} {start:yyyy-MM-dd}: {options.MaintenanceYears} years are exceeded only after {threshold:yyyy-MM-dd}"));
    }

    private static CriterionResult Pledge(PatentRecord record, HighValueOptions options)
    {
        var pn = record.PublicationNumber.Value;
        if (options.PledgeAmounts?.TryGetValue(pn, out var amount) == true)
        {
            return amount >= options.PledgeThreshold
                ? new(HighValueCriterion.HighPledgeFinancing, CriterionOutcome.Met, string.Create(CultureInfo.InvariantCulture, $"pledged for {amount:0.##} CNY ≥ {options.PledgeThreshold:0.##}"))
                : new(HighValueCriterion.HighPledgeFinancing, CriterionOutcome.NotMet, string.Create(CultureInfo.InvariantCulture, $"pledged for {amount:0.##} CNY < {options.PledgeThreshold:0.##}"));
        }

        return record.PledgeCount switch
        {
            0 => new(HighValueCriterion.HighPledgeFinancing, CriterionOutcome.NotMet, "no pledge recorded (pledge count 0)"),
            { } n => new(HighValueCriterion.HighPledgeFinancing, CriterionOutcome.Unknown, $"pledged {n} time(s), amount not supplied"),
            null => options.PledgeAmounts is null
                ? new(HighValueCriterion.HighPledgeFinancing, CriterionOutcome.Unknown, "no pledge data in the record and no pledge amounts supplied")
                : new(HighValueCriterion.HighPledgeFinancing, CriterionOutcome.Unknown, "not in the supplied pledge amounts, and the record has no pledge count"),
        };
    }

    private static CriterionResult Award(PatentRecord record, HighValueOptions options)
    {
        if (options.Awards is null)
        {
            return new(HighValueCriterion.Award, CriterionOutcome.Unknown, "no award list supplied");
        }

        return options.Awards.TryGetValue(record.PublicationNumber.Value, out var award)
            ? new(HighValueCriterion.Award, CriterionOutcome.Met, award)
            : new(HighValueCriterion.Award, CriterionOutcome.NotMet, $"not in the supplied award list ({options.Awards.Count} patents)");
    }
}

/// <summary>The valid invention patents of a subset by high-value verdict (see <see cref="Workspace.AnalyticsService.SelectHighValueAsync"/>).</summary>
/// <param name="Patents">Valid invention patents in the subset.</param>
/// <param name="Counts">Of those, per verdict (highValue, notHighValue, undetermined).</param>
/// <param name="PublicationNumbers">The selected patents (the wanted verdict, up to the limit) in publication-number order.</param>
/// <param name="AsOf">The assessment date.</param>
/// <param name="Parameters">The parameters in words.</param>
public sealed record HighValueSelection(long Patents, IReadOnlyDictionary<HighValueVerdict, long> Counts, IReadOnlyList<string> PublicationNumbers, DateOnly AsOf, string Parameters)
{
    /// <summary>The SQL statements that counted and selected the patents, with their parameters.</summary>
    public IReadOnlyList<SqlStatement> Statements { get; init; } = [];
}

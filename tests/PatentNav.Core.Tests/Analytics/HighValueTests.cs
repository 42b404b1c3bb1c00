using System.Text;
using PatentNav.Analytics;
using PatentNav.Records;
using PatentNav.Taxonomy;

namespace PatentNav.Core.Tests.Analytics;

/// <summary>CNIPA's five criteria on hand-built records at their boundaries.</summary>
public sealed class HighValueTests
{
    private static readonly SeiIpcTaxonomy Sei = SeiIpcTaxonomy.Default;
    private static readonly DateOnly At = new(2024, 6, 30);

    private static PatentRecord Grant(Func<PatentRecord, PatentRecord>? change = null)
    {
        var r = new PatentRecord
        {
            PublicationNumber = PublicationNumber.Parse("CN100000001B"),
            Kind = PatentKind.InventionGrant,
            LegalStatus = LegalStatus.Valid,
            Title = "一种数控机床主轴",
            Ipc = [IpcCode.Parse("B23Q 1/00")],
            Applicants = ["江苏示例机床有限公司"],
            FilingDate = new DateOnly(2020, 1, 1),
            GrantDate = new DateOnly(2022, 1, 1),
            FamilyCountries = ["CN"],
            PledgeCount = 0,
        };
        return change is null ? r : change(r);
    }

    private static CriterionResult Criterion(HighValueAssessment a, HighValueCriterion c) => a.Criteria.Single(x => x.Criterion == c);

    [Fact]
    public void Maintenance_must_exceed_ten_years_exactly_ten_is_not_enough()
    {
        var filed = Grant(r => r with { FilingDate = new DateOnly(2014, 6, 30) });
        var onTheDay = HighValuePatents.Assess(filed, new HighValueOptions(), new DateOnly(2024, 6, 30), Sei);
        var dayAfter = HighValuePatents.Assess(filed, new HighValueOptions(), new DateOnly(2024, 7, 1), Sei);

        Assert.Equal(CriterionOutcome.NotMet, Criterion(onTheDay, HighValueCriterion.MaintainedOverTenYears).Outcome);
        Assert.Equal(CriterionOutcome.Met, Criterion(dayAfter, HighValueCriterion.MaintainedOverTenYears).Outcome);
        Assert.Equal(HighValueVerdict.HighValue, dayAfter.Verdict);
    }

    [Fact]
    public void Maintenance_origin_is_a_parameter()
    {
        var r = Grant(x => x with { FilingDate = new DateOnly(2012, 1, 1), GrantDate = new DateOnly(2016, 1, 1) });
        var byFiling = HighValuePatents.Assess(r, new HighValueOptions(), At, Sei);
        var byGrant = HighValuePatents.Assess(r, new HighValueOptions { MaintenanceOrigin = MaintenanceOrigin.Grant }, At, Sei);
        Assert.Equal(CriterionOutcome.Met, Criterion(byFiling, HighValueCriterion.MaintainedOverTenYears).Outcome);
        Assert.Equal(CriterionOutcome.NotMet, Criterion(byGrant, HighValueCriterion.MaintainedOverTenYears).Outcome);
        Assert.Contains("grant date", HighValuePatents.Describe(new HighValueOptions { MaintenanceOrigin = MaintenanceOrigin.Grant }, At), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(LegalStatus.Lapsed)]
    [InlineData(LegalStatus.Pending)]
    [InlineData(LegalStatus.Unknown)]
    public void Only_valid_patents_can_be_high_value(LegalStatus status)
    {
        var a = HighValuePatents.Assess(Grant(r => r with { LegalStatus = status, FilingDate = new DateOnly(2000, 1, 1) }), new HighValueOptions(), At, Sei);
        Assert.Equal(HighValueVerdict.NotApplicable, a.Verdict);
        Assert.Empty(a.Criteria);
    }

    [Fact]
    public void Utility_models_and_applications_are_not_assessed()
    {
        Assert.Equal(HighValueVerdict.NotApplicable, HighValuePatents.Assess(Grant(r => r with { Kind = PatentKind.UtilityModel }), new HighValueOptions(), At, Sei).Verdict);
        Assert.Equal(HighValueVerdict.NotApplicable, HighValuePatents.Assess(Grant(r => r with { Kind = PatentKind.InventionApplication }), new HighValueOptions(), At, Sei).Verdict);
    }

    [Fact]
    public void Sei_industry_meets_criterion_one_with_the_rule_as_evidence()
    {
        var battery = Grant(r => r with { Ipc = [IpcCode.Parse("H01M 10/0525")] });
        var a = HighValuePatents.Assess(battery, new HighValueOptions(), At, Sei);
        var c = Criterion(a, HighValueCriterion.StrategicEmergingIndustry);
        Assert.Equal(CriterionOutcome.Met, c.Outcome);
        Assert.Contains("H01M", c.Evidence, StringComparison.Ordinal);

        var noIpc = HighValuePatents.Assess(Grant(r => r with { Ipc = [], MainIpc = null }), new HighValueOptions(), At, Sei);
        Assert.Equal(CriterionOutcome.Unknown, Criterion(noIpc, HighValueCriterion.StrategicEmergingIndustry).Outcome);
    }

    [Fact]
    public void Overseas_family_and_its_unknowns()
    {
        Assert.Equal(CriterionOutcome.Met, Criterion(HighValuePatents.Assess(Grant(r => r with { FamilyCountries = ["CN", "US", "EP"] }), new(), At, Sei), HighValueCriterion.OverseasFamily).Outcome);
        Assert.Equal(CriterionOutcome.NotMet, Criterion(HighValuePatents.Assess(Grant(), new(), At, Sei), HighValueCriterion.OverseasFamily).Outcome);
        Assert.Equal(CriterionOutcome.NotMet, Criterion(HighValuePatents.Assess(Grant(r => r with { FamilyCountries = null, FamilySize = 1 }), new(), At, Sei), HighValueCriterion.OverseasFamily).Outcome);
        Assert.Equal(CriterionOutcome.Unknown, Criterion(HighValuePatents.Assess(Grant(r => r with { FamilyCountries = null, FamilySize = 4 }), new(), At, Sei), HighValueCriterion.OverseasFamily).Outcome);
        Assert.Equal(CriterionOutcome.Unknown, Criterion(HighValuePatents.Assess(Grant(r => r with { FamilyCountries = null }), new(), At, Sei), HighValueCriterion.OverseasFamily).Outcome);
    }

    [Fact]
    public void Pledge_threshold_is_inclusive_and_unknown_without_an_amount()
    {
        var pledged = Grant(r => r with { PledgeCount = 2 });
        var amounts = new Dictionary<string, decimal>(StringComparer.Ordinal) { ["CN100000001B"] = 10_000_000m };
        Assert.Equal(CriterionOutcome.Met, Criterion(HighValuePatents.Assess(pledged, new() { PledgeAmounts = amounts }, At, Sei), HighValueCriterion.HighPledgeFinancing).Outcome);
        Assert.Equal(CriterionOutcome.NotMet, Criterion(HighValuePatents.Assess(pledged, new() { PledgeAmounts = amounts, PledgeThreshold = 10_000_001m }, At, Sei), HighValueCriterion.HighPledgeFinancing).Outcome);
        Assert.Equal(CriterionOutcome.Unknown, Criterion(HighValuePatents.Assess(pledged, new(), At, Sei), HighValueCriterion.HighPledgeFinancing).Outcome);
        Assert.Equal(CriterionOutcome.NotMet, Criterion(HighValuePatents.Assess(Grant(), new(), At, Sei), HighValueCriterion.HighPledgeFinancing).Outcome);
        Assert.Equal(CriterionOutcome.Unknown, Criterion(HighValuePatents.Assess(Grant(r => r with { PledgeCount = null }), new(), At, Sei), HighValueCriterion.HighPledgeFinancing).Outcome);
    }

    [Fact]
    public void Without_an_award_list_the_award_criterion_is_unknown_and_the_verdict_undetermined()
    {
        var plain = HighValuePatents.Assess(Grant(), new HighValueOptions(), At, Sei);
        Assert.Equal(CriterionOutcome.Unknown, Criterion(plain, HighValueCriterion.Award).Outcome);
        Assert.Equal(HighValueVerdict.Undetermined, plain.Verdict);

        var awards = new Dictionary<string, string>(StringComparer.Ordinal) { ["CN100000099B"] = "中国专利金奖" };
        var withList = HighValuePatents.Assess(Grant(), new HighValueOptions { Awards = awards }, At, Sei);
        Assert.Equal(HighValueVerdict.NotHighValue, withList.Verdict);
        var winner = HighValuePatents.Assess(Grant(r => r with { PublicationNumber = PublicationNumber.Parse("CN100000099B") }), new HighValueOptions { Awards = awards }, At, Sei);
        Assert.Equal(HighValueVerdict.HighValue, winner.Verdict);
        Assert.Equal("中国专利金奖", Criterion(winner, HighValueCriterion.Award).Evidence);
    }

    [Fact]
    public void Indicator_counts_domestic_valid_grants_at_the_date_and_divides_by_population()
    {
        var awards = new Dictionary<string, string>(StringComparer.Ordinal);
        PatentRecord Numbered(int n, Func<PatentRecord, PatentRecord> change) =>
            change(Grant(r => r with { PublicationNumber = PublicationNumber.Parse($"CN1000000{n:00}B") }));
        var records = new[]
        {
            Numbered(1, r => r with { Ipc = [IpcCode.Parse("H01M 10/0525")] }),                                    // high value (SEI)
            Numbered(2, r => r),                                                                                    // valid, not high value
            Numbered(3, r => r with { Applicants = ["Siemens AG"], Ipc = [IpcCode.Parse("H01M 10/0525")] }),     // foreign holder: excluded
            Numbered(4, r => r with { LegalStatus = LegalStatus.Lapsed }),                                          // lapsed: not counted
            Numbered(5, r => r with { GrantDate = new DateOnly(2025, 1, 1), Ipc = [IpcCode.Parse("H01M 10/0525")] }), // granted after the date
            Numbered(6, r => r with { CurrentHolders = ["东海理工大学"], Applicants = ["Siemens AG"], FamilyCountries = ["CN", "JP"] }), // transferred to a domestic holder
        };

        var indicator = HighValueIndicators.Compute(records, "3207", At, new PopulationEntry("3207", 2024, 4_590_000), new HighValueOptions { Awards = awards }, Sei, new DateOnly(2024, 12, 31));

        Assert.Equal(3, indicator.ValidInventions);
        Assert.Equal(2, indicator.HighValue);
        Assert.Equal(1, indicator.Excluded["foreign holder"]);
        Assert.Equal(Math.Round(2 / 459.0, 4), indicator.HighValuePerTenThousand);
        Assert.Equal(Math.Round(3 / 459.0, 4), indicator.InventionsPerTenThousand);
        Assert.Equal(1, indicator.ByCriterion.Single(c => c.Criterion == HighValueCriterion.OverseasFamily).Met);
        Assert.Contains(indicator.ByIndustry, i => i.Industry.StartsWith("sei:", StringComparison.Ordinal) && i.Patents == 1);
        Assert.Contains(indicator.Notes, n => n.Contains("lower bound", StringComparison.Ordinal));
    }

    [Fact]
    public void Without_population_the_indicator_says_what_to_supply()
    {
        var indicator = HighValueIndicators.Compute([Grant()], "3207", At, null, new HighValueOptions(), Sei, At);
        Assert.Null(indicator.HighValuePerTenThousand);
        Assert.Contains(indicator.Notes, n => n.Contains("population", StringComparison.Ordinal));
    }

    [Fact]
    public void Reference_lists_parse_and_refuse_bad_rows_naming_them()
    {
        var pledges = (IReadOnlyDictionary<string, decimal>)ReferenceLists.Parse(ReferenceListKind.PledgeAmounts, Encoding.UTF8.GetBytes("公开号,质押金额\nCN100000001B,1200万元\nCN 100000001 B,300000\nCN100000002B,\"5,000,000\"\n"));
        Assert.Equal(12_300_000m, pledges["CN100000001B"]);
        Assert.Equal(5_000_000m, pledges["CN100000002B"]);

        var population = (IReadOnlyList<PopulationEntry>)ReferenceLists.Parse(ReferenceListKind.Population, Encoding.UTF8.GetBytes("place,year,population\n3207,2023,459.4万\n"));
        Assert.Equal(4_594_000, Assert.Single(population).Population);

        var ex = Assert.Throws<ReferenceListException>(() => ReferenceLists.Parse(ReferenceListKind.PledgeAmounts, Encoding.UTF8.GetBytes("publication_number,amount\nCN100000001B,100\nnot-a-number,abc\n")));
        Assert.Equal(2, ex.Errors.Count);
        Assert.Equal((3, "publication_number"), (ex.Errors[0].Row, ex.Errors[0].Column));
        Assert.Equal((3, "amount", "abc"), (ex.Errors[1].Row, ex.Errors[1].Column, ex.Errors[1].Value));

        var missing = Assert.Throws<ReferenceListException>(() => ReferenceLists.Parse(ReferenceListKind.Awards, Encoding.UTF8.GetBytes("publication_number\nCN100000001B\n")));
        Assert.Contains("award column", missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Targets_measure_what_the_data_can_and_say_what_it_cannot()
    {
        var records = new[]
        {
            Grant(r => r with { GrantDate = new DateOnly(2024, 3, 1), TransferCount = 2, LicenceCount = 1 }),
            Grant(r => r with { PublicationNumber = PublicationNumber.Parse("CN100000002B"), GrantDate = new DateOnly(2023, 3, 1) }),
        };
        var refs = ReferenceLists.Empty with { Population = [new PopulationEntry("3207", 2023, 4_594_000), new PopulationEntry("3207", 2024, 4_590_000)] };

        var report = PlanTargets.Track(records, "3207", PlanTargets.Defaults, refs, new HighValueOptions(), Sei, new DateOnly(2024, 12, 31));

        var grants = report.Targets.Single(t => t.Target.Metric == TargetMetric.NewInventionGrants);
        Assert.Equal(1m, grants.Current);
        Assert.Equal(Math.Round(1 / 5000.0, 4), grants.Progress);
        Assert.Equal(new DateOnly(2024, 12, 31), grants.MeasuredAt);
        Assert.Equal(3m, report.Targets.Single(t => t.Target.Metric == TargetMetric.LicencesAndTransfers).Current);
        var pledge = report.Targets.Single(t => t.Target.Metric == TargetMetric.PledgeFinancing);
        Assert.False(pledge.Evaluable);
        Assert.Contains("pledge amounts", pledge.Reason, StringComparison.Ordinal);
        var hv = report.Targets.Single(t => t.Target.Metric == TargetMetric.HighValuePerTenThousand);
        Assert.True(hv.Evaluable);
        Assert.NotNull(hv.Baseline);
    }
}

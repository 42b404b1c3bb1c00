using System.Text.Json;
using PatentNav.Analytics;
using PatentNav.Core.Tests.Taxonomy;
using PatentNav.Places;
using PatentNav.Records;
using PatentNav.Search;
using PatentNav.Taxonomy;

namespace PatentNav.Core.Tests.Analytics;

/// <summary>Chokepoint lists on constructed scenarios whose answer is known by design, and on the sample data.</summary>
public sealed class ChokepointTests(SampleWorkspace sample) : IClassFixture<SampleWorkspace>
{
    private static readonly DateOnly AsOf = new(2024, 12, 31);
    private static readonly RegionInfo Lianyungang = new("32", "江苏省", "3207", "连云港市", "320706", "海州区", "申请人地址");
    private static readonly RegionInfo Nanjing = new("32", "江苏省", "3201", "南京市", "320102", "玄武区", "申请人地址");
    private static int _serial;

    private static PatentRecord Patent(string ipc, string applicant, string? country, RegionInfo? region, int year, Func<PatentRecord, PatentRecord>? change = null)
    {
        var n = Interlocked.Increment(ref _serial);
        var r = new PatentRecord
        {
            PublicationNumber = PublicationNumber.Parse($"CN{100000000 + n}B"),
            Kind = PatentKind.InventionGrant,
            LegalStatus = LegalStatus.Valid,
            Title = "一种" + ipc + "相关的方法 " + n,
            MainIpc = IpcCode.Parse(ipc),
            Ipc = [IpcCode.Parse(ipc)],
            Applicants = [applicant],
            ApplicantCountry = country,
            Region = region,
            ApplicantAddress = region is null ? "1 Example Road, Houston, USA" : region.CityName + "示例路1号",
            FilingDate = new DateOnly(year, 3, 1),
            GrantDate = new DateOnly(year + 2, 3, 1),
            ForwardCitations = 3,
            FamilySize = 2,
            FamilyCountries = ["CN", "US"],
            PledgeCount = 0,
        };
        return change is null ? r : change(r);
    }

    /// <summary>X (C07C 1/00): 12 patents, foreign holders only, the place has none. Y (C07C 2/00): 12 patents, the place holds 9.</summary>
    private static List<PatentRecord> Scenario(Func<PatentRecord, PatentRecord>? change = null)
    {
        var records = new List<PatentRecord>();
        for (var i = 0; i < 12; i++)
        {
            records.Add(Patent("C07C 1/04", i % 3 == 0 ? "Example Chemicals GmbH" : "Sample Petro Inc.", i % 3 == 0 ? "DE" : "US", null, 2016 + (i % 8), change));
        }

        for (var i = 0; i < 12; i++)
        {
            var local = i < 9;
            records.Add(Patent("C07C 2/08", local ? $"（示例）连云港石化{i % 3}有限公司" : "（示例）南京理工示例大学", "CN", local ? Lianyungang : Nanjing, 2016 + (i % 8), change));
        }

        return records;
    }

    private static ChokepointReport Run(IEnumerable<PatentRecord> records, ChokepointRequest? request = null)
    {
        var list = records.ToList();
        var place = PlaceCatalog.Default.Find("3207")!;
        request ??= new ChokepointRequest { Place = "3207", Ipc = ["C07C"] };
        var conventions = new CountingConventions(DateField.Filing, "filing year", CountingConventions.DocumentUnits, null, null, AsOf, "given", CountingConventions.PlaceAttribution);
        return Chokepoints.Compute(list, place, list.Count(r => place.Match(r) is not null), list.Count, request, new HighValueOptions(), AsOf, SeiIpcTaxonomy.Default, "IPC C07C", conventions);
    }

    private static ChokepointComponent Component(ChokepointEntry e, string name) => e.Components.Single(c => c.Name == name);

    private static ChokepointIndicator Indicator(ChokepointEntry e, string component, string name) => Component(e, component).Indicators.Single(i => i.Name == name);

    [Fact]
    public void Foreign_held_unit_where_the_place_has_nothing_ranks_above_the_unit_the_place_leads()
    {
        var report = Run(Scenario());

        Assert.Equal(2, report.Scored);
        var x = report.Entries[0];
        var y = report.Entries[1];
        Assert.Equal("C07C 1/00", x.Unit);
        Assert.Equal("C07C 2/00", y.Unit);
        Assert.True(x.Score > y.Score);

        // Monopoly: all valid grants of X are foreign; two holders with 4 and 8 patents: HHI = (1/3)² + (2/3)² = 5/9, CR4 = 1.
        Assert.Equal(1.0, x.Evidence.ForeignShare);
        Assert.Equal(Math.Round(5.0 / 9, 4), x.Evidence.Hhi);
        Assert.Equal(1.0, x.Evidence.Cr4);
        Assert.Equal(0.0, y.Evidence.ForeignShare);
        Assert.Equal(1.0, Indicator(x, "monopoly", "foreignShare").Normalised);
        Assert.Equal(0.0, Indicator(y, "monopoly", "foreignShare").Normalised);

        // Gap: the place has nothing in X (placeGap 1, RTA 0 → 1/(1+0) = 1), and leads Y's cities (placeGap 0).
        Assert.Equal(0, x.Evidence.PlacePatents);
        Assert.Equal(1.0, Indicator(x, "gap", "placeGap").Raw);
        Assert.Equal(1.0, Indicator(x, "gap", "rtaGap").Raw);
        Assert.Equal(1.0, Indicator(x, "gap", "countryGap").Raw);
        Assert.Equal(9, y.Evidence.PlacePatents);
        Assert.Equal(0.0, Indicator(y, "gap", "placeGap").Raw);
        Assert.Equal(0.0, Indicator(y, "gap", "countryGap").Raw);
        Assert.Equal("US", x.Evidence.LeaderCountry);
        Assert.Equal("3207 连云港市", y.Evidence.LeaderCity);
        Assert.Equal(1.0, Component(x, "gap").Score);
        Assert.Equal(0.0, Component(y, "gap").Score);

        // Evidence: the top holders with counts and shares.
        Assert.Equal("Sample Petro Inc.", x.Evidence.TopHolders[0].Name);
        Assert.Equal(8, x.Evidence.TopHolders[0].Patents);
        Assert.Equal(ApplicantOrigin.Foreign, x.Evidence.TopHolders[0].Origin);
        Assert.Empty(x.Missing);
        Assert.All(x.Components, c => Assert.Equal(0.25, c.WeightUsed));
    }

    [Fact]
    public void Partners_are_local_applicants_and_institutions_elsewhere_with_their_patents()
    {
        var report = Run(Scenario());
        var x = report.Entries.Single(e => e.Unit == "C07C 1/00");

        // Nobody local holds X itself, but the place's firms hold the neighbouring group C07C 2/00 (next to it).
        Assert.NotEmpty(x.LocalApplicants);
        Assert.All(x.LocalApplicants, p => Assert.Equal(0, p.InUnit));
        Assert.All(x.LocalApplicants, p => Assert.All(p.Patents, pp => Assert.Equal("next", pp.Relation)));
        var university = Assert.Single(x.Institutions);
        Assert.Equal(ApplicantType.University, university.Type);
        Assert.Equal(3, university.NextToUnit);
        Assert.Equal(3, university.Patents.Count);
    }

    [Fact]
    public void Weights_change_the_order_and_are_renormalised()
    {
        var monopolyOnly = Run(Scenario(), new ChokepointRequest { Place = "3207", Ipc = ["C07C"], Weights = new ChokepointWeights(0, 0, 1, 0) });
        Assert.Equal("C07C 1/00", monopolyOnly.Entries[0].Unit);
        Assert.Equal(1.0, Component(monopolyOnly.Entries[0], "monopoly").WeightUsed);
        Assert.Equal(Component(monopolyOnly.Entries[0], "monopoly").Score, monopolyOnly.Entries[0].Score);
    }

    [Fact]
    public void Missing_citations_change_the_explanation_not_only_the_number()
    {
        var with = Run(Scenario());
        var without = Run(Scenario(r => r with { ForwardCitations = null }));

        Assert.DoesNotContain(with.MissingIndicators, m => m.StartsWith("citations", StringComparison.Ordinal));
        Assert.Contains(without.MissingIndicators, m => m.StartsWith("citations:", StringComparison.Ordinal) && m.Contains("被引证次数", StringComparison.Ordinal));
        var indicator = Indicator(without.Entries[0], "value", "citations");
        Assert.Null(indicator.Raw);
        Assert.Contains("no forward citations", indicator.Missing, StringComparison.Ordinal);
        Assert.Null(Indicator(with.Entries[0], "value", "citations").Missing);
    }

    [Fact]
    public void Missing_applicant_country_falls_back_to_names_and_says_so()
    {
        // Without the country field, "Sample Petro Inc." is still foreign by its legal form, but "Example Chemicals" without
        // a legal form cannot be placed: the origin basis and the missing-field list say why.
        var report = Run(Scenario(r => r with { ApplicantCountry = null, Applicants = [r.Applicants[0].Replace(" GmbH", string.Empty, StringComparison.Ordinal)] }));

        Assert.Contains(report.MissingIndicators, m => m.StartsWith("applicantCountry:", StringComparison.Ordinal));
        var x = report.Entries.Single(e => e.Unit == "C07C 1/00");
        Assert.Contains(x.Evidence.TopHolders, h => h.Origin == ApplicantOrigin.Unknown && h.OriginBasis.Contains("does not tell", StringComparison.Ordinal));
        Assert.Contains(x.Evidence.TopHolders, h => h.Origin == ApplicantOrigin.Foreign && h.OriginBasis.Contains("legal form", StringComparison.Ordinal));
        Assert.Equal(1.0, x.Evidence.ForeignShare); // of the holders whose origin is known
    }

    [Fact]
    public void A_component_without_any_indicator_is_left_out_and_its_weight_spread()
    {
        // Pending applications without dates: no valid grants (no high-value patents) and no growth → difficulty has nothing.
        var report = Run(Scenario(r => r with { Kind = PatentKind.InventionApplication, LegalStatus = LegalStatus.Pending, FilingDate = null, GrantDate = null }));

        foreach (var entry in report.Entries)
        {
            Assert.Null(Component(entry, "difficulty").Score);
            Assert.Equal(0, Component(entry, "difficulty").WeightUsed);
            Assert.Contains(entry.Missing, m => m.StartsWith("difficulty:", StringComparison.Ordinal) && m.Contains("spread over the others", StringComparison.Ordinal));
            Assert.All(entry.Components.Where(c => c.Name != "difficulty"), c => Assert.Equal(Math.Round(1.0 / 3, 4), c.WeightUsed));
            Assert.Contains("all documents", entry.Evidence.ForeignShareBasis, StringComparison.Ordinal);
        }

        Assert.Equal("C07C 1/00", report.Entries[0].Unit);
    }

    [Fact]
    public void The_list_does_not_depend_on_record_order()
    {
        var records = Scenario();
        var forward = JsonSerializer.Serialize(Run(records), PatentJson.Options);
        var shuffled = records.OrderBy(r => r.PublicationNumber.Value.GetHashCode(StringComparison.Ordinal)).Reverse().ToList();
        Assert.Equal(forward, JsonSerializer.Serialize(Run(shuffled), PatentJson.Options));
    }

    [Fact]
    public async Task Sample_workspace_list_is_deterministic_and_states_its_conventions()
    {
        var request = new ChokepointRequest { Place = "3207", Industry = "city:高端石化", Top = 10 };
        var progress = new List<AnalysisProgress>();
        var first = await sample.Workspace.Analytics.ChokepointsAsync(request, new SyncProgress(progress.Add));
        var second = await sample.Workspace.Analytics.ChokepointsAsync(request);

        Assert.Equal(JsonSerializer.Serialize(first, PatentJson.Options), JsonSerializer.Serialize(second, PatentJson.Options));
        Assert.NotEmpty(first.Entries);
        Assert.Equal(await Total(new SearchRequest { Industry = "city:高端石化" }), first.Patents);
        Assert.Contains(first.Notes, n => n.Contains("synthetic", StringComparison.Ordinal));
        Assert.Contains(first.Notes, n => n.Contains("subclass", StringComparison.Ordinal));
        Assert.All(first.Entries, e => Assert.Equal("subclass", e.UnitLevel));
        Assert.Equal(first.Entries.Select(e => e.Score).OrderByDescending(s => s), first.Entries.Select(e => e.Score));
        Assert.Contains(progress, p => p.Stage == "units" && p.Total == first.Scored && p.Done == first.Scored);
    }

    [Theory]
    [InlineData(0, 5)]
    [InlineData(24, 5)]
    [InlineData(500, 5)]
    [InlineData(501, 6)]
    [InlineData(1011, 11)]
    [InlineData(128490, 1285)]
    public void Default_minimum_support_is_five_and_one_percent_of_the_field(long fieldPatents, int expected) =>
        Assert.Equal(expected, Chokepoints.MinSupportFor(fieldPatents));

    /// <summary>Constructed: the scenario's X and Y (12 patents each) in a field of 1,024 patents, with a niche unit W of 8
    /// patents, foreign-held and growing, and a large local unit Z of 992.</summary>
    [Fact]
    public void Default_minimum_support_scales_with_the_field_so_a_niche_unit_is_not_scored()
    {
        var records = Scenario();
        for (var i = 0; i < 8; i++)
        {
            records.Add(Patent("C07C 9/00", "Niche Alarm Systems Inc.", "US", null, 2017 + i));
        }

        for (var i = 0; i < 992; i++)
        {
            records.Add(Patent("C07C 5/02", $"（示例）连云港化工{i % 7}有限公司", "CN", Lianyungang, 2010 + (i % 15)));
        }

        var scaled = Run(records);
        Assert.Equal(11, scaled.MinSupport); // ⌈1 % × 1,024⌉
        Assert.DoesNotContain(scaled.Entries, e => e.Unit == "C07C 9/00");
        Assert.Equal(["C07C 1/00", "C07C 2/00", "C07C 5/00"], scaled.Entries.Select(e => e.Unit).Order(StringComparer.Ordinal));
        Assert.Contains(scaled.Notes, n => n.StartsWith("Minimum support 11: at least 5 patents and 1 % of the field's 1024 patents", StringComparison.Ordinal));

        // Asked for explicitly, the minimum is the user's: the niche unit is scored, and the note about the default is gone.
        var fixedFive = Run(records, new ChokepointRequest { Place = "3207", Ipc = ["C07C"], MinSupport = 5 });
        Assert.Equal(5, fixedFive.MinSupport);
        Assert.Contains(fixedFive.Entries, e => e.Unit == "C07C 9/00");
        Assert.DoesNotContain(fixedFive.Notes, n => n.StartsWith("Minimum support", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Default_minimum_support_is_the_same_in_the_store_as_in_memory()
    {
        var report = await sample.Workspace.Analytics.ChokepointsAsync(new ChokepointRequest { Place = "3207", Industry = "city:新材料", Top = 50 });
        Assert.Equal(Chokepoints.MinSupportFor(report.Patents), report.MinSupport);
        Assert.All(report.Entries, e => Assert.True(e.Evidence.Patents >= report.MinSupport, $"{e.Unit}: {e.Evidence.Patents} patents"));
        Assert.Contains(report.Statements, s => s.Parameters.TryGetValue("min_support", out var v) && Convert.ToInt64(v, System.Globalization.CultureInfo.InvariantCulture) == report.MinSupport);
    }

    [Fact]
    public async Task Units_carry_distinctive_terms_of_their_own_titles()
    {
        var report = await sample.Workspace.Analytics.ChokepointsAsync(new ChokepointRequest { Place = "3207", Industry = "city:新材料", Top = 10 });
        Assert.Contains(report.Entries, e => e.Terms.Count > 0);
        foreach (var entry in report.Entries.Where(e => e.Terms.Count > 0))
        {
            // Each term occurs in the titles of the unit's own field patents.
            var hits = await sample.Workspace.Search.SearchAsync(new SearchRequest { Industry = "city:新材料", Query = $"ipc:{entry.Unit.Replace(" ", string.Empty, StringComparison.Ordinal)} AND title:\"{entry.Terms[0]}\"", Size = 1, Highlight = false });
            Assert.True(hits.Total >= 2, $"{entry.Unit}: '{entry.Terms[0]}' in {hits.Total} titles");
            Assert.Contains(string.Join("、", entry.Terms), entry.Label, StringComparison.Ordinal);
            Assert.DoesNotContain(entry.Terms, GenericPatentTermsContains);
        }

        var position = await sample.Workspace.Analytics.PositionAsync(new PositioningRequest { Place = "3207", Industry = "city:新材料" });
        Assert.Contains(position.Strongest.Concat(position.Weakest), t => t.Terms.Count > 0);
    }

    private static bool GenericPatentTermsContains(string term) => PatentNav.Text.GenericPatentTerms.Contains(term);

    [Fact]
    public void DistinctiveTerms_prefer_what_the_unit_has_and_the_field_lacks()
    {
        // Constructed token lists: 石墨烯 is in most of the unit's titles and few of the field's; 材料 is everywhere.
        IReadOnlyCollection<string>[] unit = [["石墨烯", "材料", "导热"], ["石墨烯", "材料"], ["石墨烯", "导热", "制备"], ["材料", "涂层"]];
        var field = new Dictionary<string, int> { ["石墨烯"] = 5, ["材料"] = 80, ["导热"] = 10, ["涂层"] = 30, ["制备"] = 60 };

        Assert.Equal(["石墨烯", "导热"], DistinctiveTerms.Of(unit, field, 100));
        Assert.Equal(["石墨烯"], DistinctiveTerms.Of(unit, field, 100, top: 1));
        Assert.Empty(DistinctiveTerms.Of([], field, 100));
        IReadOnlyCollection<string>[] compound = [["复合材料", "材料"], ["复合材料", "材料"]];
        Assert.Equal(["复合材料"], DistinctiveTerms.Of(compound, new Dictionary<string, int>(), 100)); // 材料 adds nothing beside it
    }

    [Fact]
    public async Task Bad_options_name_their_parameter()
    {
        var weights = await Assert.ThrowsAsync<InvalidRequestException>(() => sample.Workspace.Analytics.ChokepointsAsync(new ChokepointRequest { Place = "3207", Ipc = ["C"], Weights = new ChokepointWeights(-1) }));
        Assert.Equal("weights.value", weights.Parameter);
        var place = await Assert.ThrowsAsync<InvalidRequestException>(() => sample.Workspace.Analytics.ChokepointsAsync(new ChokepointRequest { Ipc = ["C"] }));
        Assert.Equal("place", place.Parameter);
    }

    private async Task<long> Total(SearchRequest r) => (await sample.Workspace.Search.SearchAsync(r with { Size = 1, Highlight = false })).Total;

    private sealed class SyncProgress(Action<AnalysisProgress> report) : IProgress<AnalysisProgress>
    {
        public void Report(AnalysisProgress value) => report(value);
    }
}

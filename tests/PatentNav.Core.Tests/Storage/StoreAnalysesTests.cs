using System.Text.Json;
using PatentNav.Analytics;
using PatentNav.Core.Tests.Taxonomy;
using PatentNav.Records;
using PatentNav.Search;
using PatentNav.Storage;
using PatentNav.Workspace;

namespace PatentNav.Tests.Storage;

/// <summary>
/// Oracle tests: each counting analysis computed by SQL over the analytical store equals the in-memory analysis of
/// <see cref="Analytics"/> over the same records (the index's records matching the filter), on the bundled sample
/// (data-samples/patents.jsonl: real titles and IPC codes, synthetic applicants and dates, labelled (示例)).
/// </summary>
public sealed class StoreAnalysesTests(SampleWorkspace sample) : IClassFixture<SampleWorkspace>
{
    public static TheoryData<string, bool> Filters => new()
    {
        { "{}", false },
        { "{}", true },
        { """{"region":"连云港"}""", false },
        { """{"region":"32"}""", true },
        { """{"industry":"sei:3"}""", false },
        { """{"industry":"city:新材料"}""", true },
        { """{"ipc":["C08","A61K 31"]}""", false },
        { """{"query":"电池"}""", false },
        { """{"query":"电池","region":"江苏"}""", true },
        { """{"applicant":"示例"}""", false },
        { """{"kind":"inventionGrant","status":"valid"}""", false },
        { """{"from":"2018-01-01","to":"2020-12-31"}""", false },
        { """{"from":"2019-01-01","dateField":"publication"}""", true },
        { """{"query":"无此词语组合九九九"}""", false },
    };

    [Theory]
    [MemberData(nameof(Filters))]
    public async Task RankApplicants_Sql_EqualsTheInMemoryRanking(string filterJson, bool firstOnly)
    {
        var ws = sample.Workspace;
        var filter = JsonSerializer.Deserialize<SearchRequest>(filterJson, PatentJson.Options)!;
        var options = new ApplicantRankOptions { Top = 500, FirstApplicantOnly = firstOnly };

        var sql = await ws.Analytics.RankApplicantsAsync(filter, options);
        var oracle = ws.Index.ReadMatches(filter, int.MaxValue, "the oracle", records => Applicants.Rank(records, options), CancellationToken.None, withText: false);

        Assert.Equal(Json(oracle), Json(sql with { Statements = [] }));
        Assert.Equal(["patents", "ranking"], sql.Statements.Select(s => s.Purpose));
        Assert.Equal(!string.IsNullOrEmpty(filter.Query) || !string.IsNullOrEmpty(filter.Applicant), sql.Statements[1].Matched is not null);
    }

    [Fact]
    public async Task RankApplicants_SampleHasCoApplicantsAndCountries_SoTheOracleComparesSomething()
    {
        var ranking = await sample.Workspace.Analytics.RankApplicantsAsync(new SearchRequest(), new ApplicantRankOptions { Top = 500 });

        Assert.True(ranking.Patents > 8000);
        Assert.True(ranking.Applicants.Sum(a => a.Patents) > ranking.Patents); // co-applicants count a patent each
        Assert.Contains(ranking.Applicants, a => a.OriginBasis.StartsWith("applicant country", StringComparison.Ordinal));
        Assert.Contains(ranking.Applicants, a => a.ValidInventions > 0);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task RankApplicants_NameVariantsRepeatsAndCountries_SqlEqualsTheInMemoryRanking(bool firstOnly)
    {
        // ApplicantsTests' records: variants of one applicant, one written twice on a patent, a foreign lead, no applicant.
        var dir = Path.Combine(Path.GetTempPath(), "patentnav-store-rank-" + Guid.NewGuid().ToString("N"));
        try
        {
            using var ws = PatentWorkspace.Open(new PatentWorkspaceOptions { DataDirectory = dir });
            var jsonl = string.Join('\n', PatentNav.Tests.Analytics.ApplicantsTests.Sample().Select(PatentJson.Serialize));
            await ws.Imports.ImportAsync(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(jsonl)));
            var options = new ApplicantRankOptions { FirstApplicantOnly = firstOnly };

            var sql = await ws.Analytics.RankApplicantsAsync(new SearchRequest(), options);
            var oracle = Applicants.Rank(await ws.Search.ReadAllAsync().ToListAsync(), options);

            Assert.Equal(Json(oracle), Json(sql with { Statements = [] }));
            Assert.Contains(sql.Applicants, a => a.Variants.Count > 1);
            Assert.Contains(sql.Applicants, a => a.OriginBasis == "applicant country DE");
            Assert.Equal(1, sql.PatentsWithoutApplicant);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task RankApplicants_StatementsCarryTheirParameters()
    {
        var ranking = await sample.Workspace.Analytics.RankApplicantsAsync(new SearchRequest { Region = "连云港", Industry = "sei:3" }, new ApplicantRankOptions { Top = 7 });

        var statement = ranking.Statements[1];
        Assert.Contains("list_contains(region_keys, $region)", statement.Sql, StringComparison.Ordinal);
        Assert.Equal("连云港", statement.Parameters["region"]);
        Assert.Equal(7, statement.Parameters["top"]);
        Assert.Contains("sei:3", statement.Parameters["industry"] as string[] ?? [(string)statement.Parameters["industry"]!]);
    }

    [Fact]
    public async Task Statements_UseTheLevelColumnForARegionCode_AndTheListForAName()
    {
        var byCode = await sample.Workspace.Analytics.RankApplicantsAsync(new SearchRequest { Region = "3207", Industry = "city:新材料" });
        var byName = await sample.Workspace.Analytics.RankApplicantsAsync(new SearchRequest { Region = "连云港", Industry = "city:新材料" });

        Assert.Contains("city = $region", byCode.Statements[1].Sql, StringComparison.Ordinal);
        // The field by the joined text column (a substring test), not the list: several times faster, same patents.
        Assert.Contains("contains(industries_text, '|' || $industry || '|')", byCode.Statements[1].Sql, StringComparison.Ordinal);
        Assert.True(byCode.Patents > 0, "the sample has new-materials patents in 3207");
        // 连云港 is 3207: the name (a list search) and the code (a column) select the same patents.
        Assert.Equal(byName.Patents, byCode.Patents);
    }

    [Fact]
    public async Task RankApplicants_BadFilter_NamesTheParameter()
    {
        var ex = await Assert.ThrowsAsync<InvalidRequestException>(() => sample.Workspace.Analytics.RankApplicantsAsync(new SearchRequest { Ipc = ["XYZ"] }));
        Assert.Equal("ipc", ex.Parameter);
    }

    public static TheoryData<string, DateField> TrendFilters => new()
    {
        { "{}", DateField.Filing },
        { "{}", DateField.Publication },
        { "{}", DateField.Grant },
        { """{"region":"连云港","industry":"city:新材料"}""", DateField.Filing },
        { """{"query":"电池","from":"2018-01-01"}""", DateField.Filing },
        { """{"ipc":["H01M"],"from":"2019-01-01","to":"2021-12-31"}""", DateField.Publication },
        { """{"kind":"utilityModel"}""", DateField.Grant },
    };

    [Theory]
    [MemberData(nameof(TrendFilters))]
    public async Task Trends_SqlCounts_EqualTheIndexDocValueCounts(string filterJson, DateField field)
    {
        var ws = sample.Workspace;
        var filter = JsonSerializer.Deserialize<SearchRequest>(filterJson, PatentJson.Options)! with { DateField = field };

        var report = await ws.Analytics.TrendsAsync(filter, new TrendOptions { DateField = field });
        var (matches, latest) = ws.Index.CountYears(filter, field, latestOfAll: true, CancellationToken.None);

        Assert.Equal(
            matches.Counts.Where(kv => kv.Value > 0),
            report.Years.Where(y => y.Count > 0).Select(y => new KeyValuePair<int, long>(y.Year, y.Count)));
        Assert.Equal(new DateOnly(latest / 10000, latest / 100 % 100, latest % 100), report.Cutoff);
        Assert.Equal(matches.Undated > 0, report.Notes.Any(n => n.Contains("are not counted", StringComparison.Ordinal)));
        Assert.Contains(report.Statements, s => s.Purpose == "patents per year");
    }

    [Theory]
    [InlineData("sei", "{}")]
    [InlineData("city", "{}")]
    [InlineData("sei", """{"region":"江苏","from":"2018-01-01"}""")]
    [InlineData("city", """{"query":"材料"}""")]
    public async Task IndustrySummaries_SqlCounts_EqualSearchCounts(string taxonomy, string filterJson)
    {
        var ws = sample.Workspace;
        var filter = JsonSerializer.Deserialize<SearchRequest>(filterJson, PatentJson.Options)!;

        var report = await ws.Analytics.SummarizeIndustriesAsync(taxonomy, filter);

        Assert.Equal((await ws.Search.SearchAsync(filter with { Size = 1 })).Total, report.Patents);
        Assert.Contains(report.Industries, i => i.Patents > 0 && i.ValidInventions > 0 && i.Growth.Fitted);
        foreach (var industry in report.Industries)
        {
            var scoped = filter with { Industry = industry.Id, Size = 1 };
            Assert.Equal((await ws.Search.SearchAsync(scoped)).Total, industry.Patents);
            var valid = (await ws.Search.SearchAsync(scoped with { Kind = PatentKind.InventionApplication, Status = LegalStatus.Valid })).Total
                + (await ws.Search.SearchAsync(scoped with { Kind = PatentKind.InventionGrant, Status = LegalStatus.Valid })).Total;
            Assert.Equal(valid, industry.ValidInventions);
            var trend = await ws.Analytics.TrendsAsync(scoped, new TrendOptions());
            Assert.Equal(Json(trend.Growth), Json(industry.Growth));
            Assert.Equal(Json(trend.Lifecycle), Json(industry.Lifecycle));
        }

        var topLevel = report.Industries.Where(i => i.Parent is null).Select(i => "\"" + i.Id + "\"");
        var clause = "industry:(" + string.Join(" OR ", topLevel) + ")";
        var assigned = (await ws.Search.SearchAsync(filter with { Query = string.IsNullOrEmpty(filter.Query) ? clause : $"({filter.Query}) AND {clause}", Size = 1 })).Total;
        Assert.Equal(report.Patents - assigned, report.Unassigned);
    }

    public static TheoryData<string> PositioningRequests => new()
    {
        """{"place":"320771","industry":"city:新材料"}""",
        """{"place":"320771","ipc":["H02"],"benchmark":"32"}""",
        """{"place":"320771","ipc":["G06"],"technologyLevel":"subclass","benchmark":"places:3207,320771,xuwei"}""",
        """{"place":"3207","industry":"sei:3","benchmark":"nation","from":"2016-01-01","to":"2022-12-31"}""",
        """{"place":"32","industry":"city:新材料","ipc":["C08"],"dateField":"publication","minSupport":2,"top":25}""",
        """{"place":"320706","industry":"sei:4","benchmark":"3207","dateField":"grant"}""",
    };

    [Theory]
    [MemberData(nameof(PositioningRequests))]
    public async Task Position_Sql_EqualsTheInMemoryPositioning(string requestJson)
    {
        var ws = sample.Workspace;
        var request = JsonSerializer.Deserialize<PositioningRequest>(requestJson, PatentJson.Options)!;
        var place = ws.Settings.Places.Find(request.Place!)!;

        var sql = await ws.Analytics.PositionAsync(request);

        // The oracle reads the benchmark's records from the index and counts them in memory (Positioning.Compute).
        var benchmark = request.Benchmark?.ToString() ?? "workspace";
        var region = benchmark.Length is 2 or 4 or 6 && benchmark.All(char.IsAsciiDigit) ? benchmark : null;
        Func<PatentRecord, bool> member = benchmark switch
        {
            "nation" => r => r.Region is not null,
            _ when benchmark.StartsWith("places:", StringComparison.Ordinal) => r => benchmark[7..].Split(',').Any(id => ws.Settings.Places.Find(id)!.Match(r) is not null),
            _ => _ => true,
        };
        var parks = ws.Settings.Places.Places.Where(p => p.Level == PatentNav.Places.PlaceLevel.Park).ToList();
        var dated = new SearchRequest { Region = region, DateField = request.DateField, From = request.From, To = request.To };
        var field = new SearchRequest { Industry = request.Industry, Ipc = request.Ipc };
        var oracle = ws.Index.ReadMatchesFlagged(
            dated,
            field,
            int.MaxValue,
            "the oracle",
            rows => Positioning.Compute(rows.Where(r => member(r.Record)).Select(r => new Positioning.BenchmarkRecord(r.Record, r.Flagged)), place, parks, request, sql.Field, sql.Benchmark, sql.Conventions.Cutoff, sql.Conventions.CutoffSource),
            CancellationToken.None);

        Assert.True(oracle.PlaceInField.Count > 0 && oracle.BenchmarkInField > oracle.PlaceInField.Count, $"the fixture compares nothing: {Json(oracle.PlaceInField)}");
        // The units' distinctive terms come from titles, after the counting: not part of the comparison.
        var counted = sql with { Statements = [], Strongest = sql.Strongest.Select(t => t with { Terms = [] }).ToList(), Weakest = sql.Weakest.Select(t => t with { Terms = [] }).ToList() };
        Assert.Equal(Json(oracle), Json(counted));
        Assert.Contains(sql.Statements, s => s.Purpose.StartsWith("a, b, c, d", StringComparison.Ordinal));
        Assert.All(sql.Statements, s => Assert.DoesNotContain("{", s.Sql.Replace("{}", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Position_Sql_ParksByAddressPattern_EqualTheInMemoryPositioning()
    {
        // Constructed parks (not the city's): the sample's synthetic addresses decide them, by pattern, within a region or not.
        var catalogue = PatentNav.Places.PlaceCatalog.Parse("""
            { "places": [
              { "id": "south", "name": "示例南路园", "level": "park", "addressPatterns": ["示例南路"], "within": "32" },
              { "id": "mixed", "name": "混合园", "level": "park", "codes": ["320771"], "addressPatterns": ["高新区", "示例北路"], "within": "3201" },
              { "id": "anywhere", "name": "无限定园", "level": "park", "addressPatterns": ["示例路1"] } ] }
            """);
        var parks = catalogue.Places.ToList();
        var request = new PositioningRequest { Place = "south", Ipc = ["G", "H"], MinSupport = 3 };
        var ws = sample.Workspace;
        var filter = StoreFilter.From(new SearchRequest(), ws.Settings.Taxonomies);
        var field = StoreFilter.From(new SearchRequest { Ipc = request.Ipc }, ws.Settings.Taxonomies);
        await ws.Analytics.WhenReadyAsync();

        foreach (var place in parks)
        {
            using var session = new StoreSession(ws.ReadyStore(), filter, null);
            var sql = StoreAnalyses.Position(session, null, field, place, parks, request with { Place = place.Id }, "G or H", "workspace", null, "none", CancellationToken.None);
            var oracle = ws.Index.ReadMatchesFlagged(
                new SearchRequest(),
                new SearchRequest { Ipc = request.Ipc },
                int.MaxValue,
                "the oracle",
                rows => Positioning.Compute(rows.Select(r => new Positioning.BenchmarkRecord(r.Record, r.Flagged)), place, parks, request with { Place = place.Id }, "G or H", "workspace", null, "none"),
                CancellationToken.None);

            Assert.True(oracle.PlaceAll > 0, $"{place.Id} matches nothing in the sample");
            Assert.Equal(Json(oracle), Json(sql with { Statements = [] }));
        }
    }

    public static TheoryData<string> ChokepointRequests => new()
    {
        """{"place":"3207","industry":"city:新材料","minSupport":3,"top":50}""",
        """{"place":"320771","ipc":["G06","H04"],"unitLevel":"subclass","partners":8,"top":200,"minSupport":2}""",
        """{"place":"32","industry":"sei:3","from":"2016-01-01","dateField":"publication","weights":{"value":1,"gap":0,"monopoly":2,"difficulty":1}}""",
        """{"place":"xuwei","industry":"city:高端石化","minSupport":1,"top":30}""",
    };

    [Theory]
    [MemberData(nameof(ChokepointRequests))]
    public async Task Chokepoints_Sql_EqualTheInMemoryList(string requestJson)
    {
        var ws = sample.Workspace;
        var request = JsonSerializer.Deserialize<ChokepointRequest>(requestJson, PatentJson.Options)!;
        var place = ws.Settings.Places.Find(request.Place!)!;

        var sql = await ws.Analytics.ChokepointsAsync(request);

        var asOf = sql.Conventions.Cutoff!.Value;
        var dated = new SearchRequest { DateField = request.DateField, From = request.From, To = request.To };
        var placeAll = ws.Index.ReadMatches(dated, int.MaxValue, "the oracle", records => records.LongCount(r => place.Match(r) is not null), CancellationToken.None, withText: false);
        var all = (await ws.Search.SearchAsync(dated with { Size = 1 })).Total;
        var oracle = ws.Index.ReadMatches(
            dated with { Industry = request.Industry, Ipc = request.Ipc },
            int.MaxValue,
            "the oracle",
            records => Chokepoints.Compute(records, place, placeAll, all, request, ws.Analytics.WithReferences(null) with { AsOf = asOf }, asOf, ws.Settings.Taxonomies.Sei, sql.Field, sql.Conventions),
            CancellationToken.None,
            withText: false);

        Assert.True(oracle.Entries.Count > 3, $"the fixture compares little: {oracle.Entries.Count} entries");
        Assert.Contains(oracle.Entries, e => e.Evidence.TopHolders.Count > 0);
        // The units' distinctive terms come from titles, after the counting: not part of the comparison.
        Assert.Equal(Json(oracle), Json(sql with { Statements = [], Entries = sql.Entries.Select(e => e with { Terms = [] }).ToList() }));
        Assert.Contains(sql.Statements, s => s.Purpose.StartsWith("per unit", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Chokepoints_Sql_WithReferenceLists_EqualTheInMemoryList()
    {
        var ws = sample.Workspace;
        var request = new ChokepointRequest { Place = "3207", Ipc = ["G06", "H04", "H01"], MinSupport = 3, Top = 60 };
        var place = ws.Settings.Places.Find("3207")!;
        var field = new SearchRequest { Ipc = request.Ipc };
        var grants = ws.Index.ReadMatches(field with { Kind = PatentKind.InventionGrant, Status = LegalStatus.Valid }, int.MaxValue, "the oracle", r => r.ToList(), CancellationToken.None, withText: false);
        var asOf = new DateOnly(2024, 12, 31);
        // Constructed lists over real numbers of the sample (every fourth grant awarded, every fifth pledged for 20 million).
        var options = new HighValueOptions
        {
            AsOf = asOf,
            MaintenanceYears = 30,
            Awards = grants.Where((_, i) => i % 4 == 0).ToDictionary(r => r.PublicationNumber.Value, _ => "构造的测试奖项"),
            PledgeAmounts = grants.Where((_, i) => i % 5 == 0).ToDictionary(r => r.PublicationNumber.Value, _ => 20_000_000m),
        };
        var conventions = new CountingConventions(DateField.Filing, "filing", CountingConventions.DocumentUnits, null, null, asOf, "given", CountingConventions.PlaceAttribution);
        await ws.Analytics.WhenReadyAsync();
        using var session = new StoreSession(ws.ReadyStore(), StoreFilter.From(field, ws.Settings.Taxonomies), null);

        var sql = StoreAnalyses.Chokepoints(session, StoreFilter.From(new SearchRequest(), ws.Settings.Taxonomies), place, request, options, asOf, ws.Settings.Taxonomies.Sei, "G06/H04/H01", conventions, null, CancellationToken.None);
        var placeAll = ws.Index.ReadMatches(new SearchRequest(), int.MaxValue, "the oracle", records => records.LongCount(r => place.Match(r) is not null), CancellationToken.None, withText: false);
        var oracle = ws.Index.ReadMatches(field, int.MaxValue, "the oracle", records => Chokepoints.Compute(records, place, placeAll, ws.Search.DocumentCount, request, options, asOf, ws.Settings.Taxonomies.Sei, "G06/H04/H01", conventions), CancellationToken.None, withText: false);

        Assert.Contains(oracle.Entries, e => e.Evidence.HighValuePatents > 0);
        Assert.Equal(Json(oracle), Json(sql with { Statements = [] }));
        Assert.Contains(sql.Statements, s => s.Sql.Contains("hv_award", StringComparison.Ordinal) && s.Sql.Contains("hv_pledge", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Chokepoints_Sql_HavePartnersInTheSample()
    {
        var report = await sample.Workspace.Analytics.ChokepointsAsync(new ChokepointRequest { Place = "3207", Ipc = ["G06", "H04", "H02"], MinSupport = 2, Top = 100, Partners = 5 });

        Assert.Contains(report.Entries, e => e.LocalApplicants.Count > 0);
        Assert.Contains(report.Entries, e => e.Institutions.Count > 0);
    }

    public static TheoryData<string> HighValueOptionSets => new()
    {
        "{}",
        """{"maintenanceOrigin":"grant","maintenanceYears":3}""",
        """{"maintenanceYears":20,"pledgeThreshold":1}""",
    };

    [Theory]
    [MemberData(nameof(HighValueOptionSets))]
    public async Task HighValueVerdict_Sql_EqualsTheAssessmentOfEveryValidGrant(string optionsJson)
    {
        var ws = sample.Workspace;
        var options = JsonSerializer.Deserialize<HighValueOptions>(optionsJson, PatentJson.Options)!;
        var grants = ws.Index.ReadMatches(new SearchRequest { Kind = PatentKind.InventionGrant, Status = LegalStatus.Valid }, int.MaxValue, "the oracle", r => r.ToList(), CancellationToken.None, withText: false);
        // Constructed reference lists over real numbers of the sample: every third grant pledged (amounts 0.5–2 × 10 million), every seventh awarded.
        options = options with
        {
            PledgeAmounts = grants.Where((_, i) => i % 3 == 0).Select((r, i) => (r.PublicationNumber.Value, Amount: 5_000_000m * (1 + (i % 4)))).ToDictionary(x => x.Value, x => x.Amount),
            Awards = grants.Where((_, i) => i % 7 == 0).ToDictionary(r => r.PublicationNumber.Value, _ => "中国专利优秀奖（构造的测试名单）"),
        };
        var asOf = new DateOnly(2024, 12, 31);
        await ws.Analytics.WhenReadyAsync();

        foreach (var withLists in new[] { false, true })
        {
            var o = withLists ? options : options with { PledgeAmounts = null, Awards = null };
            using var session = new StoreSession(ws.ReadyStore(), StoreFilter.From(new SearchRequest(), ws.Settings.Taxonomies), null);
            var parameters = new Dictionary<string, object?>();
            var verdict = StoreAnalyses.HighValueVerdict(session, o, asOf, ws.Settings.Taxonomies.Sei, parameters, out var joins);
            var sql = session.Run("verdicts", $"SELECT pn, {verdict} AS v FROM patent{joins} WHERE ({verdict}) IS NOT NULL", parameters, r =>
            {
                var d = new Dictionary<string, string>();
                while (r.Read())
                {
                    d[r.GetString(0)] = r.GetString(1);
                }

                return d;
            }, CancellationToken.None);

            var expected = grants.ToDictionary(g => g.PublicationNumber.Value, g => JsonNamingPolicy.CamelCase.ConvertName(HighValuePatents.Assess(g, o, asOf, ws.Settings.Taxonomies.Sei).Verdict.ToString()));
            Assert.Equal(expected.OrderBy(x => x.Key, StringComparer.Ordinal), sql.OrderBy(x => x.Key, StringComparer.Ordinal));
            Assert.True(expected.Values.Distinct().Count() >= 2, "the sample's grants all get one verdict: nothing is compared");
        }
    }

    public static TheoryData<string, string?, bool> IndicatorCases => new()
    {
        { "3207", null, false },
        { "3207", null, true },
        { "32", "2021-06-30", true },
        { "320706", null, false },
        { "11", "2019-12-31", false },
    };

    [Theory]
    [MemberData(nameof(IndicatorCases))]
    public async Task HighValueIndicator_Sql_EqualsTheInMemoryIndicator(string place, string? at, bool withLists)
    {
        var ws = sample.Workspace;
        var records = ws.Index.ReadMatches(new SearchRequest { Region = place }, int.MaxValue, "the oracle", r => r.ToList(), CancellationToken.None, withText: false);
        var options = withLists ? ConstructedLists(records) : new HighValueOptions { PledgeAmounts = new Dictionary<string, decimal>(), Awards = new Dictionary<string, string>() };
        var date = at is null ? ws.Analytics.DataCutoff()!.Value : DateOnly.Parse(at, System.Globalization.CultureInfo.InvariantCulture);
        await ws.Analytics.WhenReadyAsync();

        var sql = await ws.Analytics.HighValueIndicatorAsync(place, date, options);
        var oracle = HighValueIndicators.Compute(records, place, date, ws.Settings.References.PopulationFor(place, date.Year), ws.Analytics.WithReferences(options) with { AsOf = date }, ws.Settings.Taxonomies.Sei, ws.Analytics.DataCutoff());

        Assert.True(place == "11" || oracle.ValidInventions > 0, "the fixture compares little");
        Assert.Equal(Json(oracle), Json(sql with { Statements = [] }));
        Assert.Contains(sql.Statements, s => s.Purpose.Contains("high-value", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("3207", false)]
    [InlineData("3207", true)]
    [InlineData("32", true)]
    public async Task TrackTargets_Sql_EqualTheInMemoryTracking(string place, bool withLists)
    {
        var ws = sample.Workspace;
        var records = ws.Index.ReadMatches(new SearchRequest { Region = place }, int.MaxValue, "the oracle", r => r.ToList(), CancellationToken.None, withText: false);
        var options = withLists ? ConstructedLists(records) : new HighValueOptions();
        // Constructed population (not official figures) so that the per-10,000 target is measured.
        var references = withLists
            ? new ReferenceLists(options.PledgeAmounts, options.Awards, [new PopulationEntry(place, 2020, 4_600_000), new PopulationEntry(place, 2024, 4_590_000)])
            : ReferenceLists.Empty;
        var cutoff = ws.Analytics.DataCutoff();
        await ws.Analytics.WhenReadyAsync();
        using var session = new StoreSession(ws.ReadyStore(), StoreFilter.From(new SearchRequest { Region = place }, ws.Settings.Taxonomies), null);

        var sql = PlanTargets.Track(new StoreAnalyses.TargetCounts(session, references, options, ws.Settings.Taxonomies.Sei, CancellationToken.None), place, PlanTargets.Defaults, references, options, ws.Settings.Taxonomies.Sei, cutoff);
        var oracle = PlanTargets.Track(records, place, PlanTargets.Defaults, references, options, ws.Settings.Taxonomies.Sei, cutoff);

        Assert.Equal(Json(oracle), Json(sql));
        Assert.Equal(withLists, oracle.Targets.Count(t => t.Evaluable) >= 3);
        Assert.Contains(session.Statements, s => s.Purpose == "new invention grants");
    }

    [Fact]
    public async Task SelectHighValue_Sql_EqualsTheAssessmentOfTheFilter()
    {
        var ws = sample.Workspace;
        var filter = new SearchRequest { Industry = "city:新材料" };
        var asOf = new DateOnly(2024, 12, 31);
        var options = new HighValueOptions { AsOf = asOf, PledgeAmounts = new Dictionary<string, decimal>(), Awards = new Dictionary<string, string>() };
        var grants = ws.Index.ReadMatches(filter with { Kind = PatentKind.InventionGrant, Status = LegalStatus.Valid }, int.MaxValue, "the oracle", r => r.ToList(), CancellationToken.None, withText: false);
        var expected = grants.Select(g => HighValuePatents.Assess(g, options, asOf, ws.Settings.Taxonomies.Sei)).ToList();
        await ws.Analytics.WhenReadyAsync();

        var all = await ws.Analytics.SelectHighValueAsync(filter, options);
        var high = await ws.Analytics.SelectHighValueAsync(filter, options, HighValueVerdict.HighValue, limit: 5);

        Assert.Equal(expected.Count, all.Patents);
        Assert.Equal(expected.GroupBy(a => a.Verdict).OrderBy(g => g.Key).Select(g => (g.Key, (long)g.Count())), all.Counts.Where(kv => kv.Value > 0).OrderBy(kv => kv.Key).Select(kv => (kv.Key, kv.Value)));
        Assert.Equal(grants.Select(g => g.PublicationNumber.Value).Order(StringComparer.Ordinal), all.PublicationNumbers);
        var highNumbers = expected.Where(a => a.Verdict == HighValueVerdict.HighValue).Select(a => a.PublicationNumber).Order(StringComparer.Ordinal).Take(5).ToList();
        Assert.NotEmpty(highNumbers);
        Assert.Equal(highNumbers, high.PublicationNumbers);
        var assessed = await ws.Analytics.StreamHighValueAssessmentsAsync(high.PublicationNumbers, options).ToListAsync();
        Assert.All(assessed, a => Assert.Equal(HighValueVerdict.HighValue, a.Verdict));
        Assert.Equal(highNumbers, assessed.Select(a => a.PublicationNumber));
    }

    // Constructed reference lists over real numbers of the sample (every third record pledged, every sixth awarded).
    private static HighValueOptions ConstructedLists(IReadOnlyList<PatentRecord> records) => new()
    {
        PledgeAmounts = records.Where((_, i) => i % 3 == 0).Select((r, i) => (r.PublicationNumber.Value, Amount: 2_500_000m * (1 + (i % 5)))).ToDictionary(x => x.Value, x => x.Amount),
        Awards = records.Where((_, i) => i % 6 == 0).ToDictionary(r => r.PublicationNumber.Value, _ => "中国专利优秀奖（构造的测试名单）"),
    };

    [Theory]
    [InlineData("320771", "city:新材料", null, 10)]
    [InlineData("3207", "sei:3", "32", 5)]
    [InlineData("320706", "city:新材料", null, 20)]
    public async Task ReportField_Sql_EqualsTheInMemoryRead(string placeId, string industry, string? region, int top)
    {
        var ws = sample.Workspace;
        var place = ws.Settings.Places.Find(placeId)!;
        var asOf = new DateOnly(2024, 12, 31);
        var highValue = ws.Analytics.WithReferences(null) with { AsOf = asOf };
        var filter = new SearchRequest { Industry = industry, Region = region };
        await ws.Analytics.WhenReadyAsync();
        using var session = new StoreSession(ws.ReadyStore(), StoreFilter.From(filter, ws.Settings.Taxonomies), null);

        var (sql, statements) = StoreAnalyses.ReadField(session, null, place, top, highValue, asOf, ws.Settings.Taxonomies.Sei, pns => pns.Select(pn => ws.Search.GetAsync(pn).Result!).ToList(), CancellationToken.None);
        var oracle = ws.Index.ReadMatches(filter, int.MaxValue, "the oracle", records => PatentNav.Reports.NavigationReports.ReadField(records, place, top, highValue, asOf, ws.Settings.Taxonomies.Sei), CancellationToken.None, withText: false);

        Assert.True(oracle.ValidInventions > 0 && oracle.Control.Applicants.Applicants.Count > 0, "the fixture compares little");
        Assert.Equal(Json(oracle), Json(sql with { Control = sql.Control with { Applicants = sql.Control.Applicants with { Statements = [] } } }));
        Assert.Contains(statements, s => s.Purpose.Contains("valid invention grants the report lists", StringComparison.Ordinal));
    }

    private static string Json<T>(T value) => JsonSerializer.Serialize(value, PatentJson.Options);
}

using System.Text.Json;
using PatentNav.Analytics;
using PatentNav.Core.Tests.Taxonomy;
using PatentNav.Records;
using PatentNav.Search;

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
        { """{"q":"电池"}""", false },
        { """{"q":"电池","region":"江苏"}""", true },
        { """{"applicant":"示例"}""", false },
        { """{"kind":"inventionGrant","status":"valid"}""", false },
        { """{"from":"2018-01-01","to":"2020-12-31"}""", false },
        { """{"from":"2019-01-01","dateField":"publication"}""", true },
        { """{"q":"无此词语组合九九九"}""", false },
    };

    [Theory]
    [MemberData(nameof(Filters))]
    public async Task RankApplicants_Sql_EqualsTheInMemoryRanking(string filterJson, bool firstOnly)
    {
        var ws = sample.Workspace;
        var filter = JsonSerializer.Deserialize<SearchRequest>(filterJson, PatentJson.Options)!;
        var options = new ApplicantRankOptions { Top = 500, FirstApplicantOnly = firstOnly };

        var sql = await ws.RankApplicantsAsync(filter, options);
        var oracle = ws.Index.ReadMatches(filter, int.MaxValue, "the oracle", records => Applicants.Rank(records, options), CancellationToken.None, withText: false);

        Assert.Equal(Json(oracle), Json(sql with { Statements = [] }));
        Assert.Equal(["patents", "ranking"], sql.Statements.Select(s => s.Purpose));
        Assert.Equal(!string.IsNullOrEmpty(filter.Query) || !string.IsNullOrEmpty(filter.Applicant), sql.Statements[1].Matched is not null);
    }

    [Fact]
    public async Task RankApplicants_SampleHasCoApplicantsAndCountries_SoTheOracleComparesSomething()
    {
        var ranking = await sample.Workspace.RankApplicantsAsync(new SearchRequest(), new ApplicantRankOptions { Top = 500 });

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
            await ws.ImportAsync(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(jsonl)));
            var options = new ApplicantRankOptions { FirstApplicantOnly = firstOnly };

            var sql = await ws.RankApplicantsAsync(new SearchRequest(), options);
            var oracle = Applicants.Rank(await ws.ReadAllAsync().ToListAsync(), options);

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
        var ranking = await sample.Workspace.RankApplicantsAsync(new SearchRequest { Region = "连云港", Industry = "sei:3" }, new ApplicantRankOptions { Top = 7 });

        var statement = ranking.Statements[1];
        Assert.Contains("list_contains(region_keys, $region)", statement.Sql, StringComparison.Ordinal);
        Assert.Equal("连云港", statement.Parameters["region"]);
        Assert.Equal(7, statement.Parameters["top"]);
        Assert.Contains("sei:3", (string[])statement.Parameters["industry"]!);
    }

    [Fact]
    public async Task RankApplicants_BadFilter_NamesTheParameter()
    {
        var ex = await Assert.ThrowsAsync<QuerySyntaxException>(() => sample.Workspace.RankApplicantsAsync(new SearchRequest { Ipc = ["XYZ"] }));
        Assert.Equal("ipc", ex.Parameter);
    }

    private static string Json<T>(T value) => JsonSerializer.Serialize(value, PatentJson.Options);
}

using System.ComponentModel;
using Microsoft.AspNetCore.Http.HttpResults;
using PatentNav.Analytics;
using PatentNav.Api.Infrastructure;
using PatentNav.Taxonomy;
using PatentNav.Workspace;

namespace PatentNav.Api.Endpoints;

/// <summary>Analyses of any subset of the workspace: trends (趋势), applicant rankings (申请人排名) and industry summaries (产业概况).</summary>
internal static class AnalyticsEndpoints
{
    private const string TrendsDescription =
        "Counts per year (趋势) of the patents matching the same filters as `/api/search`, by filing (申请年, default; publication year when the filing date is unknown — equal to the `year` facet), publication or grant year (`dateField`; from/to restrict the same date). " +
        "Zero years inside the range are listed. The data cut-off (`cutoff`, default: the latest date in the workspace) marks every year whose 31 December is after it as incomplete: reported, but excluded from the fits, and said so in `notes`.\n\n" +
        "**Growth rate (增长率)**: Poisson GLM log(μ) = a + b·year fitted by IRLS over the complete years (zeros allowed); `annualGrowth` = exp(b) − 1 with a 95 % Wald CI. When Pearson χ²/df > 2 the CI is widened by √(χ²/df) (quasi-Poisson, `quasiPoisson: true`). Fewer than two complete years, or patents in only one, give `fitted: false` with the `reason`.\n\n" +
        "**CAGR** between the first and last complete year with patents (undefined otherwise). **Lifecycle (生命周期)**: with g = Poisson growth over the last ≤5 complete years and s = share of the last 3 complete years: g ≤ −10 % 衰退期 decline; g ≥ +10 % and s ≥ 60 % 萌芽期 emerging; g ≥ +10 % 成长期 growth; otherwise 成熟期 maturity; fewer than 3 complete years 不确定. `tooFew` when complete years hold fewer than 30 patents.\n\n" +
        "Example: `GET /api/trends?industry=city:高端石化&cutoff=2024-06-30` → `{\"dateField\":\"filing\",\"cutoff\":\"2024-06-30\",\"years\":[{\"year\":2019,\"count\":12,\"complete\":true},…,{\"year\":2024,\"count\":7,\"complete\":false}],\"incompleteYears\":[2024],\"growth\":{\"fitted\":true,\"annualGrowth\":0.18,\"lower\":0.05,\"upper\":0.33,…},\"cagr\":{\"value\":0.21,…},\"lifecycle\":{\"stage\":\"growth\",\"label\":\"成长期\",\"rule\":\"growth: recent growth +18.0%, …\"},\"notes\":[…]}`. " +
        "Counted by SQL over the analytical store: `statements` lists each statement with its parameters (see `/api/applicants`).\n\n" +
        "Errors: 400 with `parameter` for an unknown dateField, a bad date or filter; 503 with `Retry-After` while the analytical store is being rebuilt.";

    private const string ApplicantsDescription =
        "Applicant ranking (申请人排名) of the patents matching the same filters as `/api/search`. " +
        "Name variants are merged: NFKC (full-width → half-width letters, spaces and parentheses), white space collapsed, trailing legal forms stripped repeatedly (股份有限公司, 有限责任公司, 集团有限公司, 有限公司, 集团, 公司; Co., Ltd. / Co.,Ltd / Ltd. / Inc. / Corp. / Corporation / GmbH / AG / S.A. / LLC / PLC / K.K. / 株式会社, case-insensitive); prefixes such as （示例） stay part of the name. `variants` lists the names as written that were merged.\n\n" +
        "**Counting**: by default every co-applicant (共同申请人) counts a patent once (shares can add up to more than 100 %); `firstOnly=true` counts only the lead applicant. `share` = patents ÷ matching patents (documents). Years are filing years; `validInventions` (有效发明) are invention documents with legal status valid.\n\n" +
        "**Applicant type (申请人类型)**, first rule that matches: company legal form → enterprise (企业); 大学/University → university (高校); 研究院/研究所/科学院/研究中心/实验室/Academy/Research Institute/Laboratory → researchInstitute (科研院所); 学院/College/Institute of Technology → university; 厂/集团/企业/Group → enterprise; 2–4 Han characters or 2–3 capitalised Latin words with no organisational word → individual (个人); else other (其他). `typeRule` says which.\n\n" +
        "**国内/国外 (origin)**: the record's applicant country code when the applicant is listed first (CN, HK, MO, TW → domestic); otherwise the name: kana/Hangul/株式会社 → foreign, Han → domestic, Latin with GmbH/AG/S.A./Inc/Corp/LLC/PLC/K.K. → foreign, else unknown. `originBasis` says which.\n\n" +
        "Example: `GET /api/applicants?industry=city:高端石化&top=10` → `{\"patents\":120,\"counting\":\"all applicants: …\",\"applicants\":[{\"rank\":1,\"name\":\"(示例)东海理工大学\",\"variants\":[…],\"type\":\"university\",\"origin\":\"domestic\",\"patents\":14,\"share\":0.117,…}],…}`. " +
        "**Method**: counted by SQL over the analytical store (`analytics.duckdb`, no cap on the matches); `statements` lists each statement with its parameters — run them with the DuckDB CLI or `duckdb.sql(sql, params=parameters)` in Python on the store or the exported dataset to reproduce every figure. With `q` or `applicant`, the statements read the table `matched(pn)`: the publication numbers the search index matched (`matched` says which).\n\n" +
        "Errors: 400 with `parameter` for a bad filter or top outside 1–500; 503 with `Retry-After` while the analytical store is being rebuilt from the index (`/health` shows its progress).";

    public static IEndpointRouteBuilder MapAnalyticsEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api").WithTags("Analytics").AddEndpointFilter<ReadKeyFilter>().AddEndpointFilter<AnalysisTimeLimit>()
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        group.MapGet("/trends", GetTrends)
            .WithName("Trends")
            .WithSummary("Trend, growth rate and lifecycle of any subset (趋势 · 增长率 · 生命周期)")
            .WithDescription(TrendsDescription)
            .Produces<TrendReport>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        group.MapGet("/applicants", GetApplicants)
            .WithName("Applicants")
            .WithSummary("Applicant ranking with merged names, type and 国内/国外 (申请人排名 · 申请人类型)")
            .WithDescription(ApplicantsDescription)
            .Produces<ApplicantRanking>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        group.MapGet("/industries/{taxonomy}", GetIndustries)
            .WithName("IndustrySummaries")
            .WithSummary("Industry summaries: size, share, growth and lifecycle of every industry (产业概况)")
            .WithDescription(IndustriesDescription)
            .Produces<IndustrySummaryReport>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        group.MapGet("/dataset/patents", GetPatentDataset)
            .WithName("PatentDataset")
            .WithSummary("The analytical store's rows of any subset, as Parquet (the data the analyses' SQL runs on)")
            .WithDescription(DatasetDescription)
            .Produces<byte[]>(StatusCodes.Status200OK, ParquetContentType)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        return app;
    }

    private const string ParquetContentType = "application/vnd.apache.parquet";

    private const string DatasetDescription =
        "One Parquet file (`patents.parquet`) with the analytical store's row of every patent matching the same filters as `/api/search`: the columns the counting analyses read (kind, status, dates, year, region codes and keys, applicants with their merge keys and display names, holders, inventors, IPC at each level, industries, citations, family, transfers, licences, pledges, synthetic flag, import id). " +
        "Load it as table `patent` and the `statements` of `/api/applicants`, `/api/trends` and `/api/industries/{taxonomy}` give the same figures: in DuckDB `CREATE TABLE patent AS FROM 'patents.parquet'`, in Python `duckdb.sql(sql, params=parameters)` after that. The `X-PatentNav-Rows` header gives the row count, `X-PatentNav-Statement` the selecting statement.\n\n" +
        "Errors: 400 with `parameter` for a bad filter; 503 with `Retry-After` while the analytical store is being rebuilt.";

    private static async Task<IResult> GetPatentDataset([AsParameters] FilterParameters parameters, AnalyticsService analytics, HttpContext http, CancellationToken cancellationToken)
    {
        var path = Path.Combine(Path.GetTempPath(), "patentnav-dataset-" + Guid.NewGuid().ToString("N") + ".parquet");
        try
        {
            var (rows, statement) = await analytics.ExportPatentsParquetAsync(parameters.ToFilter(), path, cancellationToken);
            http.Response.Headers["X-PatentNav-Rows"] = rows.ToString(System.Globalization.CultureInfo.InvariantCulture);
            http.Response.Headers["X-PatentNav-Statement"] = Uri.EscapeDataString(statement.Sql);
            var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 1 << 16, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
            return Results.File(stream, ParquetContentType, "patents.parquet");
        }
        catch
        {
            File.Delete(path);
            throw;
        }
    }

    private const string IndustriesDescription =
        "Every industry of a taxonomy over the patents matching the same filters as `/api/search` (except `industry`): `sei` gives the 9 strategic emerging industries (战略性新兴产业) each followed by its branches (40 in all), `city` the city's priority chains (重点产业链). " +
        "Per industry: `patents`, `share` of the matching patents (a patent can be in several industries, so shares can add up to more than 1), `validInventions` (有效发明专利: invention patents with legal status valid), and the trend figures of `/api/trends` (Poisson `growth` with 95 % CI, `cagr`, `lifecycle` with its rule, `tooFew`) under the same `dateField` and `cutoff`. `unassigned` counts matching patents in none of the industries. Use an item's `id` as `industry=` in search and the other analytics.\n\n" +
        "Example: `GET /api/industries/city?region=3207` → `{\"taxonomy\":\"city\",\"patents\":812,\"unassigned\":301,\"industries\":[{\"id\":\"city:高端石化\",\"name\":\"高端石化\",\"level\":\"chain\",\"patents\":97,\"share\":0.119,\"validInventions\":31,\"growth\":{…},\"lifecycle\":{\"label\":\"成熟期\",…}},…]}`. " +
        "Counted by one SQL statement over the analytical store (`statements`, with its parameters).\n\n" +
        "Errors: 400 with `parameter` for an unknown taxonomy, an `industry` filter, a bad date or filter; 503 with `Retry-After` while the analytical store is being rebuilt.";

    private static async Task<Ok<IndustrySummaryReport>> GetIndustries(
        [Description("sei (战略性新兴产业, with branches) or city (重点产业链)")] string taxonomy,
        [AsParameters] TrendParameters parameters,
        AnalyticsService analytics,
        CancellationToken cancellationToken)
    {
        var (filter, options) = parameters.ToRequest();
        return TypedResults.Ok(await analytics.SummarizeIndustriesAsync(taxonomy, filter, options, cancellationToken));
    }

    private static async Task<Ok<ApplicantRanking>> GetApplicants([AsParameters] ApplicantParameters parameters, AnalyticsService analytics, CancellationToken cancellationToken)
    {
        var (filter, options) = parameters.ToRequest();
        return TypedResults.Ok(await analytics.RankApplicantsAsync(filter, options, cancellationToken));
    }

    private static async Task<Ok<TrendReport>> GetTrends([AsParameters] TrendParameters parameters, AnalyticsService analytics, CancellationToken cancellationToken)
    {
        var (filter, options) = parameters.ToRequest();
        return TypedResults.Ok(await analytics.TrendsAsync(filter, options, cancellationToken));
    }
}

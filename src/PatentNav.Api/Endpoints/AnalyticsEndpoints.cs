using Microsoft.AspNetCore.Http.HttpResults;
using PatentNav.Analytics;
using PatentNav.Api.Infrastructure;

namespace PatentNav.Api.Endpoints;

/// <summary>Analyses of any subset of the workspace: trends (趋势).</summary>
internal static class AnalyticsEndpoints
{
    private const string TrendsDescription =
        "Counts per year (趋势) of the patents matching the same filters as `/api/search`, by filing (申请年, default; publication year when the filing date is unknown — equal to the `year` facet), publication or grant year (`dateField`; from/to restrict the same date). " +
        "Zero years inside the range are listed. The data cut-off (`cutoff`, default: the latest date in the workspace) marks every year whose 31 December is after it as incomplete: reported, but excluded from the fits, and said so in `notes`.\n\n" +
        "**Growth rate (增长率)**: Poisson GLM log(μ) = a + b·year fitted by IRLS over the complete years (zeros allowed); `annualGrowth` = exp(b) − 1 with a 95 % Wald CI. When Pearson χ²/df > 2 the CI is widened by √(χ²/df) (quasi-Poisson, `quasiPoisson: true`). Fewer than two complete years, or patents in only one, give `fitted: false` with the `reason`.\n\n" +
        "**CAGR** between the first and last complete year with patents (undefined otherwise). **Lifecycle (生命周期)**: with g = Poisson growth over the last ≤5 complete years and s = share of the last 3 complete years: g ≤ −10 % 衰退期 decline; g ≥ +10 % and s ≥ 60 % 萌芽期 emerging; g ≥ +10 % 成长期 growth; otherwise 成熟期 maturity; fewer than 3 complete years 不确定. `tooFew` when complete years hold fewer than 30 patents.\n\n" +
        "Example: `GET /api/trends?industry=city:高端石化&cutoff=2024-06-30` → `{\"dateField\":\"filing\",\"cutoff\":\"2024-06-30\",\"years\":[{\"year\":2019,\"count\":12,\"complete\":true},…,{\"year\":2024,\"count\":7,\"complete\":false}],\"incompleteYears\":[2024],\"growth\":{\"fitted\":true,\"annualGrowth\":0.18,\"lower\":0.05,\"upper\":0.33,…},\"cagr\":{\"value\":0.21,…},\"lifecycle\":{\"stage\":\"growth\",\"label\":\"成长期\",\"rule\":\"growth: recent growth +18.0%, …\"},\"notes\":[…]}`. " +
        "Errors: 400 with `parameter` for an unknown dateField, a bad date or filter.";

    public static IEndpointRouteBuilder MapAnalyticsEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api").WithTags("Analytics").AddEndpointFilter<ReadKeyFilter>();

        group.MapGet("/trends", GetTrends)
            .WithName("Trends")
            .WithSummary("Trend, growth rate and lifecycle of any subset (趋势 · 增长率 · 生命周期)")
            .WithDescription(TrendsDescription)
            .Produces<TrendReport>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        return app;
    }

    private static async Task<Ok<TrendReport>> GetTrends([AsParameters] TrendParameters parameters, PatentWorkspace workspace, CancellationToken cancellationToken)
    {
        var (filter, options) = parameters.ToRequest();
        return TypedResults.Ok(await workspace.TrendsAsync(filter, options, cancellationToken));
    }
}

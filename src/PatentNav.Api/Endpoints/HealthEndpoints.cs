namespace PatentNav.Api.Endpoints;

/// <summary>Liveness and index state.</summary>
internal static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health", Health)
            .WithTags("Health")
            .WithName("Health")
            .WithSummary("Service health and index state")
            .WithDescription("200 once the index is open, with the number of searchable patent records, the last commit, the imports queued or running, the analysis jobs queued or running, and the analytical store's state: `building` (with rows written of the total) after a crash, a deleted `analytics.duckdb` or a data directory from an earlier build — counting analyses answer 503 with `Retry-After` until it is `ready`.")
            .Produces<HealthResponse>(StatusCodes.Status200OK);
        return app;
    }

    private static IResult Health(PatentWorkspace workspace, Infrastructure.AnalysisJobs jobs) =>
        TypedResults.Ok(new HealthResponse("ok", workspace.Search.DocumentCount, workspace.Maintenance.LastCommit, workspace.Imports.Pending, jobs.Pending, workspace.Analytics.Status));
}

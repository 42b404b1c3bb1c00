using System.ComponentModel;
using Microsoft.AspNetCore.Http.HttpResults;
using PatentNav.Api.Infrastructure;

namespace PatentNav.Api.Endpoints;

/// <summary>Long analyses running in the background (分析任务): status, progress, result, cancellation.</summary>
internal static class JobEndpoints
{
    public static IEndpointRouteBuilder MapJobEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/jobs").WithTags("Jobs");

        group.MapGet("/", List)
            .AddEndpointFilter<ReadKeyFilter>()
            .WithName("ListJobs")
            .WithSummary("Analysis jobs known now, newest first")
            .WithDescription("Jobs started by analysis endpoints that can take long (e.g. POST /api/clusters). Finished jobs are kept for 2 hours (at most 200); a restart forgets them. Results are left out of the list: GET /api/jobs/{id}. Errors: 401 when reads require a key.")
            .Produces<IReadOnlyList<JobStatus>>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        group.MapGet("/{id}", Get)
            .AddEndpointFilter<ReadKeyFilter>()
            .WithName("GetJob")
            .WithSummary("Status, progress and result of a job")
            .WithDescription("`state`: queued, running, succeeded, failed, cancelled. While running, `progress` names the stage with done/total. Once succeeded, `result` holds the analysis (its shape is documented by the endpoint that started the job). A failed job carries `error` and `errorStatus` (400: the request was invalid; 500: an internal error, logged). Errors: 404 unknown or forgotten id; 401 when reads require a key.")
            .Produces<JobStatus>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        group.MapDelete("/{id}", Cancel)
            .AddEndpointFilter<ReadKeyFilter>()
            .WithName("CancelJob")
            .WithSummary("Cancel a queued or running job")
            .WithDescription("The job stops at its next check (within a second or so for clustering) and ends in state cancelled; nothing is stored by analysis jobs, so nothing needs undoing. Errors: 404 unknown id; 409 the job had already finished; 401 when reads require a key.")
            .Produces<JobStatus>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        return app;
    }

    private static Ok<List<JobStatus>> List(AnalysisJobs jobs) =>
        TypedResults.Ok(jobs.List().Select(j => j with { Result = null }).ToList());

    private static IResult Get([Description("Job id")] string id, AnalysisJobs jobs) =>
        jobs.Get(id) is { } status ? TypedResults.Ok(status) : Problems.NotFound($"No job with id '{id}' (finished jobs are forgotten after 2 hours or a restart).");

    private static IResult Cancel([Description("Job id")] string id, AnalysisJobs jobs) =>
        jobs.Cancel(id) switch
        {
            null => Problems.NotFound($"No job with id '{id}'."),
            false => TypedResults.Problem(detail: $"Job '{id}' has already finished ({jobs.Get(id)?.State}).", statusCode: StatusCodes.Status409Conflict, title: "Job finished"),
            true => TypedResults.Accepted(AnalysisJobs.Location(id), jobs.Get(id)),
        };
}

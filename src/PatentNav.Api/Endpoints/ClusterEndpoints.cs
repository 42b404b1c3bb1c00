using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using PatentNav.Analytics;
using PatentNav.Api.Infrastructure;
using PatentNav.Records;
using PatentNav.Search;

namespace PatentNav.Api.Endpoints;

/// <summary>Technology clusters (技术聚类) and the landscape map (专利地图) of any subset, as analysis jobs.</summary>
internal static class ClusterEndpoints
{
    private const string Description =
        "\"What technologies make up this industry, or this search result?\" Starts a clustering job over the patents matching the same filters as `/api/search` (JSON body, every field optional; no filter = the whole workspace) and answers **202** with the job and `Location: /api/jobs/{id}`. " +
        "Poll `GET /api/jobs/{id}` until `state` is `succeeded` (the clusters are in `result`), `failed` (`error`, `errorStatus`) or `cancelled`; `DELETE /api/jobs/{id}` cancels. With `wait` (seconds, ≤ 60) the request answers **200** with the finished job when it is done in time. Jobs run one at a time and are kept for 2 hours.\n\n" +
        "**Method.** Title + abstract are segmented as `POST /api/text/segment` shows (`features`: SmartCn words, patent stop list, the workspace's discovered terms such as 碳纤维 re-joined); generic patent words (用于, 制备, 提高 …) are left out. Vectors: sublinear TF-IDF over tokens in ≥ 2 patents and ≤ 50 % of them (at most 20,000), L2-normalised. Clustering: ML.NET k-means (k-means++, one thread, seeded), then spherical (cosine) k-means passes from its centroids. " +
        "**k**: given (2–50), or chosen automatically: every k from `minK` (2) to min(`maxK` (20), ⌊√(n/2)⌋) is tried on a seeded sample of ≤ 10,000 patents and the highest mean cosine silhouette (rounded to 3 decimals; ties to the smaller k) wins — `result.selection` lists every candidate's score. " +
        "**Labels** (`label`, `terms`): the terms with the highest p·ln(p/q), p = share of the cluster's patents containing the term, q = share outside; only multi-character Chinese terms, no stop or generic words. Each cluster also has `size`, `share`, `cohesion` (mean cosine to the centroid), `representatives` (closest to the centroid), `topApplicants` (names merged as in `/api/applicants`), `growth` (the `/api/trends` analysis of the cluster: Poisson growth rate with CI, CAGR, lifecycle) and its map position `x`, `y`.\n\n" +
        "**Map** (`result.map`): clusters by classical MDS of the centroids; each patent at the softmax(cos/0.05)-weighted average of its 3 most similar clusters' positions; at most 10,000 patents listed (a seeded sample beyond that, said in `note`). The same data, filters, k and seed give the same clusters, labels and map.\n\n" +
        "Example: `POST /api/clusters {\"q\":\"锂离子电池 OR 石墨烯 OR 光伏\",\"maxK\":12}` → 202 `{\"id\":\"3f2a9c…\",\"kind\":\"clusters\",\"state\":\"queued\",…}`; then `GET /api/jobs/3f2a9c…` → `{\"state\":\"succeeded\",\"result\":{\"patents\":523,\"k\":3,\"selection\":{\"method\":\"silhouette\",\"candidates\":[{\"k\":2,\"silhouette\":0.061},…]},\"clusters\":[{\"id\":1,\"label\":\"光伏、组件、发电\",\"size\":349,\"representatives\":[…],\"topApplicants\":[…],\"growth\":{…},\"x\":0.41,\"y\":-0.12},…],\"map\":{\"patents\":[{\"publicationNumber\":\"CN…\",\"cluster\":1,\"x\":0.39,\"y\":-0.1}…]}}}`.\n\n" +
        "Errors (ProblemDetails, before any job starts): 503 when counting the matches outlasts `PatentNav:AnalysisTimeoutSeconds` (waiting for the result never does: the answer is then 202); 400 with `parameter` for a bad filter, `k` outside 2–50 or not below the number of matching patents, `minK`/`maxK` out of range, `wait` outside 0–60; 400 when no patent matches. When more than `PatentNav:MaxClusterPatents` (default 200,000) match, a seeded sample of that many is clustered and `sampling` states the rule. A job can still fail with `errorStatus` 400 when too few matching patents have text features for k.";

    public static IEndpointRouteBuilder MapClusterEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/clusters", Start)
            .WithTags("Analytics")
            .AddEndpointFilter<ReadKeyFilter>()
            .AddEndpointFilter<AnalysisTimeLimit>()
            .WithName("Clusters")
            .WithSummary("Technology clusters and landscape map of any subset (技术聚类 · 专利地图), as a job")
            .WithDescription(Description)
            .Accepts<ClusterParameters>("application/json")
            .Produces<ClusterJob>(StatusCodes.Status202Accepted)
            .Produces<ClusterJob>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    private static async Task<IResult> Start(
        [FromBody] ClusterParameters? parameters,
        PatentWorkspace workspace,
        AnalysisJobs jobs,
        IOptions<PatentNavApiOptions> settings,
        HttpContext http,
        CancellationToken cancellationToken)
    {
        parameters ??= new ClusterParameters();
        var max = settings.Value.MaxClusterPatents;
        var (filter, options) = parameters.ToRequest(max);

        // Checks that need the index but no clustering: a bad query, nothing or too much to cluster, k too large.
        var matches = (await workspace.Search.SearchAsync(new SearchRequest(filter) { Size = 1, Highlight = false }, cancellationToken)).Total;
        if (matches == 0)
        {
            throw new InvalidRequestException("no patent matches the filters; there is nothing to cluster");
        }

        if (options.K is { } k && k >= matches)
        {
            throw new InvalidRequestException(string.Create(CultureInfo.InvariantCulture, $"k = {k} needs more than {k} patents; {matches} match"), parameter: "k");
        }

        var started = jobs.Start("clusters", async (progress, ct) =>
            (object)await workspace.Analytics.ClusterAsync(filter, options, progress, ct));
        var status = started;
        if (parameters.Wait is > 0)
        {
            try
            {
                status = await jobs.WaitAsync(started.Id, TimeSpan.FromSeconds(parameters.Wait.Value), cancellationToken) ?? started;
            }
            catch (OperationCanceledException) when (!http.RequestAborted.IsCancellationRequested)
            {
                // PatentNav:AnalysisTimeoutSeconds passed while waiting: the job runs on; answer 202 with its status.
                status = jobs.Get(started.Id) ?? started;
            }
        }

        var job = ClusterJob.From(status);
        var location = AnalysisJobs.Location(job.Id);
        if (job.State is JobState.Queued or JobState.Running)
        {
            return TypedResults.Accepted(location, job);
        }

        http.Response.Headers.Location = location;
        return TypedResults.Ok(job);
    }
}

using System.ComponentModel;
using System.Globalization;
using PatentNav.Analytics;
using PatentNav.Api.Infrastructure;
using PatentNav.Records;
using PatentNav.Search;

namespace PatentNav.Api.Endpoints;

/// <summary>
/// A technology clustering request (技术聚类): the filters of <c>/api/search</c> choose the patents (all of them when none
/// is given); <c>k</c> fixes the number of clusters, or it is chosen automatically.
/// </summary>
public sealed record ClusterParameters : FilterParameters
{
    /// <summary>The longest a request may wait for its result (<see cref="Wait"/>).</summary>
    public const int MaxWaitSeconds = 60;

    /// <summary>Number of clusters, 2–50; omit it to choose k automatically by the mean cosine silhouette over k = minK…min(maxK, ⌊√(n/2)⌋).</summary>
    /// <example>8</example>
    [Description("Number of clusters, 2-50; omit it to choose k automatically (highest mean cosine silhouette over k = minK…min(maxK, ⌊√(n/2)⌋), ties to the smaller k)")]
    public int? K { get; init; }

    /// <summary>Smallest k tried when k is chosen automatically; default 2.</summary>
    /// <example>2</example>
    [Description("Smallest k tried when k is automatic; default 2")]
    public int? MinK { get; init; }

    /// <summary>Largest k tried when k is chosen automatically (2–50); default 20.</summary>
    /// <example>12</example>
    [Description("Largest k tried when k is automatic (2-50); default 20")]
    public int? MaxK { get; init; }

    /// <summary>Seed of k-means and of the samples; default 42. The same data, filters, k and seed give the same clusters.</summary>
    /// <example>42</example>
    [Description("Seed of k-means and the samples; default 42. Same data + parameters + seed = same clusters")]
    public int? Seed { get; init; }

    /// <summary>Seconds to wait for the result before answering 202 (0–60); default 0. Small subsets finish within a second or two.</summary>
    /// <example>0</example>
    [Description("Seconds to wait for the result before answering 202 (0-60); default 0: answer 202 at once")]
    public int? Wait { get; init; }

    /// <summary>The Core filter and options; throws InvalidRequestException naming the bad parameter.</summary>
    internal (PatentFilter Filter, ClusterOptions Options) ToRequest(int maxPatents)
    {
        var options = new ClusterOptions
        {
            K = K,
            MinK = MinK ?? 2,
            MaxK = MaxK ?? new ClusterOptions().MaxK,
            Seed = Seed ?? new ClusterOptions().Seed,
            MaxPatents = maxPatents,
        };
        if (options.Check() is { } problem)
        {
            throw new InvalidRequestException(problem.Message, parameter: problem.Parameter);
        }

        if (Wait is < 0 or > MaxWaitSeconds)
        {
            throw new InvalidRequestException(string.Create(CultureInfo.InvariantCulture, $"wait must be between 0 and {MaxWaitSeconds} seconds, got {Wait}"), parameter: "wait");
        }

        return (ToFilter(), options);
    }
}

/// <summary>A clustering job (分析任务): the status of <c>GET /api/jobs/{id}</c>, with the clusters once it has succeeded.</summary>
/// <param name="Id">Job id; follow <c>GET /api/jobs/{id}</c>, cancel with <c>DELETE /api/jobs/{id}</c>.</param>
/// <param name="Kind">Always <c>clusters</c>.</param>
/// <param name="State">queued, running, succeeded, failed or cancelled.</param>
/// <param name="CreatedAt">When it was submitted (UTC).</param>
/// <param name="StartedAt">When it began running.</param>
/// <param name="FinishedAt">When it ended.</param>
/// <param name="Progress">While running: the stage (terms, reading, vectors, choosingK, clustering, describing) with done/total.</param>
/// <param name="Error">Why it failed.</param>
/// <param name="ErrorStatus">400: the request cannot be clustered (e.g. too few patents with text for k); 500: an internal error (logged).</param>
/// <param name="Result">The technology clusters and landscape map, once succeeded.</param>
public sealed record ClusterJob(
    string Id,
    string Kind,
    JobState State,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    AnalysisProgress? Progress,
    string? Error,
    int? ErrorStatus,
    ClusterReport? Result)
{
    internal static ClusterJob From(JobStatus s) =>
        new(s.Id, s.Kind, s.State, s.CreatedAt, s.StartedAt, s.FinishedAt, s.Progress, s.Error, s.ErrorStatus, s.Result as ClusterReport);
}

using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Serialization;
using PatentNav.Records;

namespace PatentNav.Api.Infrastructure;

/// <summary>The state of an analysis job.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<JobState>))]
public enum JobState
{
    /// <summary>Waiting for a free slot.</summary>
    Queued,

    /// <summary>Running; see <see cref="JobStatus.Progress"/>.</summary>
    Running,

    /// <summary>Finished; the result is in <see cref="JobStatus.Result"/>.</summary>
    Succeeded,

    /// <summary>Stopped with an error; see <see cref="JobStatus.Error"/>.</summary>
    Failed,

    /// <summary>Cancelled by a client (DELETE) or by shutdown.</summary>
    Cancelled,
}

/// <summary>A long analysis (clustering, model training …) running in the background.</summary>
/// <param name="Id">Job id.</param>
/// <param name="Kind">What it computes, e.g. <c>clusters</c>.</param>
/// <param name="State">Its state.</param>
/// <param name="CreatedAt">When it was submitted (UTC).</param>
/// <param name="StartedAt">When it began running.</param>
/// <param name="FinishedAt">When it ended.</param>
/// <param name="Progress">The last progress reported.</param>
/// <param name="Error">Why it failed (a 400-class problem: the request was invalid; otherwise an internal error).</param>
/// <param name="ErrorStatus">The HTTP status the error corresponds to (400 invalid input, 409 the workspace's data cannot
/// support it, 500 internal).</param>
/// <param name="Result">The result, once succeeded.</param>
public sealed record JobStatus(
    string Id,
    string Kind,
    JobState State,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    AnalysisProgress? Progress,
    string? Error,
    int? ErrorStatus,
    object? Result);

/// <summary>
/// Runs long analyses as jobs (分析任务): submit → 202 with a Location, poll <c>GET /api/jobs/{id}</c> for progress and the
/// result, <c>DELETE /api/jobs/{id}</c> to cancel. Thread-safe; one instance per host.
/// </summary>
/// <remarks>
/// <para>At most <see cref="MaxConcurrent"/> jobs run at once (the machine has few cores and the index serves searches
/// too); the rest queue. Finished jobs are kept for <see cref="Retention"/> and at most <see cref="MaxKept"/> of them, then
/// forgotten (their results are recomputable: the same data and parameters give the same result).</para>
/// <para>Jobs live in memory: a restart forgets them, and a client resubmits.</para>
/// </remarks>
public sealed class AnalysisJobs : IDisposable
{
    /// <summary>Jobs running at once.</summary>
    public const int MaxConcurrent = 1;

    /// <summary>Finished jobs kept.</summary>
    public const int MaxKept = 200;

    /// <summary>How long a finished job stays readable.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromHours(2);

    private readonly ConcurrentDictionary<string, Job> _jobs = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _slots = new(MaxConcurrent, MaxConcurrent);
    private readonly CancellationTokenSource _shutdown = new();
    private readonly TimeProvider _time;
    private readonly ILogger<AnalysisJobs> _logger;

    private readonly TimeSpan? _maxRunTime;

    /// <summary>Creates the registry.</summary>
    /// <param name="time">The clock.</param>
    /// <param name="logger">Logs failed jobs.</param>
    /// <param name="maxRunTime">A job running longer is stopped and fails with a message saying so; null: no limit.</param>
    public AnalysisJobs(TimeProvider time, ILogger<AnalysisJobs> logger, TimeSpan? maxRunTime = null)
    {
        _time = time;
        _logger = logger;
        _maxRunTime = maxRunTime;
    }

    /// <summary>Submits a job and returns its first status (Queued).</summary>
    /// <param name="kind">What it computes (shown in the status).</param>
    /// <param name="work">The computation; it reports progress and honours the token; an <see cref="ArgumentException"/> or
    /// <see cref="InvalidRequestException"/> it throws is the client's fault (status 400), an
    /// <see cref="Taxonomy.InsufficientTrainingDataException"/> a conflict with the workspace's data (409), anything else 500.</param>
    public JobStatus Start(string kind, Func<IProgress<AnalysisProgress>, CancellationToken, Task<object>> work)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(kind);
        ArgumentNullException.ThrowIfNull(work);
        Prune();
        var job = new Job(Guid.NewGuid().ToString("N")[..12], kind, _time.GetUtcNow(), CancellationTokenSource.CreateLinkedTokenSource(_shutdown.Token));
        _jobs[job.Id] = job;
        var submitted = job.Status(); // as submitted: the job may start running before this method returns
        job.Task = Task.Run(() => RunAsync(job, work));
        return submitted;
    }

    /// <summary>The status of a job, or null when unknown (never submitted, or forgotten).</summary>
    public JobStatus? Get(string id) => _jobs.TryGetValue(id, out var job) ? job.Status() : null;

    /// <summary>Jobs known now, newest first.</summary>
    public IReadOnlyList<JobStatus> List() =>
        _jobs.Values.Select(j => j.Status()).OrderByDescending(s => s.CreatedAt).ThenBy(s => s.Id, StringComparer.Ordinal).ToList();

    /// <summary>Jobs queued or running.</summary>
    public int Pending => _jobs.Values.Count(j => j.State is JobState.Queued or JobState.Running);

    /// <summary>Asks a job to stop. Returns null when unknown, false when it had already finished.</summary>
    public bool? Cancel(string id)
    {
        if (!_jobs.TryGetValue(id, out var job))
        {
            return null;
        }

        if (job.State is not (JobState.Queued or JobState.Running))
        {
            return false;
        }

        job.Cancellation.Cancel();
        return true;
    }

    /// <summary>Waits for a job to finish (tests and synchronous callers), up to <paramref name="timeout"/>.</summary>
    public async Task<JobStatus?> WaitAsync(string id, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        if (!_jobs.TryGetValue(id, out var job))
        {
            return null;
        }

        try
        {
            await job.Task!.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Still running: the caller gets the running status.
        }

        return job.Status();
    }

    /// <summary>Cancels every job and waits briefly for them.</summary>
    public void Dispose()
    {
        _shutdown.Cancel();
        try
        {
            Task.WaitAll(_jobs.Values.Select(j => j.Task).OfType<Task>().ToArray(), TimeSpan.FromSeconds(10));
        }
        catch (AggregateException)
        {
            // Recorded in the jobs.
        }

        _shutdown.Dispose();
        _slots.Dispose();
    }

    private async Task RunAsync(Job job, Func<IProgress<AnalysisProgress>, CancellationToken, Task<object>> work)
    {
        var token = job.Cancellation.Token;
        try
        {
            await _slots.WaitAsync(token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            job.Finish(JobState.Cancelled, _time.GetUtcNow(), null, null, null);
            return;
        }

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(token);
        if (_maxRunTime is { } max)
        {
            limit.CancelAfter(max);
        }

        try
        {
            job.Begin(_time.GetUtcNow());
            var result = await work(new Progress(job), limit.Token).ConfigureAwait(false);
            job.Finish(JobState.Succeeded, _time.GetUtcNow(), result, null, null);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            job.Finish(JobState.Cancelled, _time.GetUtcNow(), null, null, null);
        }
        catch (OperationCanceledException) when (limit.IsCancellationRequested)
        {
            job.Finish(JobState.Failed, _time.GetUtcNow(), null, string.Create(CultureInfo.InvariantCulture, $"The job did not finish within the limit of {_maxRunTime!.Value.TotalSeconds:0.###} s (PatentNav:MaxJobSeconds)."), StatusCodes.Status503ServiceUnavailable);
        }
        catch (Taxonomy.InsufficientTrainingDataException ex)
        {
            // The workspace's data cannot support the analysis (e.g. too few labelled records to train a classifier).
            job.Finish(JobState.Failed, _time.GetUtcNow(), null, ex.Message, StatusCodes.Status409Conflict);
        }
        catch (AnalyticsUnavailableException ex)
        {
            // The analytical store is being rebuilt: the job can be started again when /health says it is ready.
            job.Finish(JobState.Failed, _time.GetUtcNow(), null, ex.Message, StatusCodes.Status503ServiceUnavailable);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidRequestException)
        {
            job.Finish(JobState.Failed, _time.GetUtcNow(), null, ex.Message, StatusCodes.Status400BadRequest);
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "Analysis job {Id} ({Kind}) failed", job.Id, job.Kind);
            job.Finish(JobState.Failed, _time.GetUtcNow(), null, "An unexpected error occurred; it has been logged.", StatusCodes.Status500InternalServerError);
        }
        finally
        {
            _slots.Release();
            job.Cancellation.Dispose();
        }
    }

    private void Prune()
    {
        var now = _time.GetUtcNow();
        var finished = _jobs.Values.Where(j => j.FinishedAt is not null).OrderByDescending(j => j.FinishedAt).ToList();
        foreach (var job in finished.Where((j, i) => i >= MaxKept || now - j.FinishedAt!.Value > Retention))
        {
            _jobs.TryRemove(job.Id, out _);
        }
    }

    private sealed class Progress(Job job) : IProgress<AnalysisProgress>
    {
        public void Report(AnalysisProgress value) => job.Report(value);
    }

    private sealed class Job(string id, string kind, DateTimeOffset createdAt, CancellationTokenSource cancellation)
    {
        private readonly Lock _lock = new();
        private AnalysisProgress? _progress;
        private object? _result;
        private string? _error;
        private int? _errorStatus;
        private DateTimeOffset? _startedAt;

        public string Id { get; } = id;

        public string Kind { get; } = kind;

        public CancellationTokenSource Cancellation { get; } = cancellation;

        public Task? Task { get; set; }

        public JobState State { get; private set; } = JobState.Queued;

        public DateTimeOffset? FinishedAt { get; private set; }

        public void Begin(DateTimeOffset at)
        {
            lock (_lock)
            {
                State = JobState.Running;
                _startedAt = at;
            }
        }

        public void Report(AnalysisProgress progress)
        {
            lock (_lock)
            {
                if (State == JobState.Running)
                {
                    _progress = progress;
                }
            }
        }

        public void Finish(JobState state, DateTimeOffset at, object? result, string? error, int? errorStatus)
        {
            lock (_lock)
            {
                State = state;
                FinishedAt = at;
                _result = result;
                _error = error;
                _errorStatus = errorStatus;
            }
        }

        public JobStatus Status()
        {
            lock (_lock)
            {
                return new JobStatus(Id, Kind, State, createdAt, _startedAt, FinishedAt, _progress, _error, _errorStatus, _result);
            }
        }
    }

    /// <summary>Formats a job's URL.</summary>
    public static string Location(string id) => string.Create(CultureInfo.InvariantCulture, $"/api/jobs/{id}");
}

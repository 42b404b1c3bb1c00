using PatentNav.Records;
using PatentNav.Taxonomy;

namespace PatentNav.Api.Infrastructure;

/// <summary>
/// Trains the industry classifier as an analysis job, at most one at a time, and finds the model a classification request
/// can be answered with. Thread-safe; one instance per host.
/// </summary>
public sealed class ClassifierTraining(PatentWorkspace workspace, AnalysisJobs jobs)
{
    /// <summary>The job kind shown in job statuses.</summary>
    public const string JobKind = "classifier-training";

    private readonly Lock _lock = new();
    private string? _jobId;

    /// <summary>The running training job, or null.</summary>
    public JobStatus? Running
    {
        get
        {
            lock (_lock)
            {
                return _jobId is not null && jobs.Get(_jobId) is { State: JobState.Queued or JobState.Running } s ? s : null;
            }
        }
    }

    /// <summary>Starts a training job (its result is the model's <see cref="ClassifierSummary"/>), or returns the one running.
    /// When the model is already current the job ends at once with it.</summary>
    public JobStatus Start()
    {
        lock (_lock)
        {
            if (_jobId is not null && jobs.Get(_jobId) is { State: JobState.Queued or JobState.Running } running)
            {
                return running;
            }

            var status = jobs.Start(JobKind, async (progress, cancellationToken) =>
            {
                var model = await workspace.Classifier.TrainClassifierAsync(progress, cancellationToken);
                return model.Summary();
            });
            _jobId = status.Id;
            return status;
        }
    }

    /// <summary>
    /// The model to classify with now: the current one, or a stale one while the data changed (an import ran) — then a
    /// retraining starts in the background and the answer says so. Without any model, a training job starts and is awaited
    /// for up to <paramref name="wait"/>; the job is returned when it has not succeeded by then (running, or failed).
    /// </summary>
    public async Task<ClassifierResolution> ResolveAsync(TimeSpan wait, CancellationToken cancellationToken)
    {
        var status = await workspace.Classifier.GetClassifierStatusAsync(cancellationToken);
        var model = await workspace.Classifier.GetClassifierAsync(cancellationToken);
        if (model is not null)
        {
            string? retraining = null;
            if (!status.Current)
            {
                retraining = workspace.Imports.Pending == 0 ? AnalysisJobs.Location(Start().Id) : Running is { } r ? AnalysisJobs.Location(r.Id) : null;
            }

            return new ClassifierResolution(model, status.Current, retraining, null);
        }

        var job = Start();
        var done = await jobs.WaitAsync(job.Id, wait, cancellationToken) ?? job;
        if (done.State == JobState.Succeeded && await workspace.Classifier.GetClassifierAsync(cancellationToken) is { } trained)
        {
            return new ClassifierResolution(trained, true, null, null);
        }

        return new ClassifierResolution(null, false, null, done);
    }
}

/// <summary>What a classification can be answered with.</summary>
/// <param name="Model">The model, or null when none is ready.</param>
/// <param name="Current">Whether it was trained on the data as it is now.</param>
/// <param name="Retraining">The job URL of a retraining started because it is not current.</param>
/// <param name="Job">Without a model: the training job (running, failed or cancelled).</param>
public sealed record ClassifierResolution(IndustryClassifier? Model, bool Current, string? Retraining, JobStatus? Job);

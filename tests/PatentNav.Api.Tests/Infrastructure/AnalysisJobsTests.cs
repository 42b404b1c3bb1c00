using Microsoft.Extensions.Logging.Abstractions;
using PatentNav.Api.Infrastructure;
using PatentNav.Records;
using Xunit;

namespace PatentNav.Api.Tests.Infrastructure;

public sealed class AnalysisJobsTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_job_reports_progress_and_its_result()
    {
        using var jobs = new AnalysisJobs(TimeProvider.System, NullLogger<AnalysisJobs>.Instance);
        var release = new TaskCompletionSource();
        var started = jobs.Start("test", async (progress, ct) =>
        {
            progress.Report(new AnalysisProgress("counting", 1, 4));
            await release.Task.WaitAsync(ct);
            return 42;
        });
        Assert.Equal(JobState.Queued, started.State);

        await WaitUntil(() => jobs.Get(started.Id)?.Progress is not null);
        var running = jobs.Get(started.Id)!;
        Assert.Equal(JobState.Running, running.State);
        Assert.Equal(0.25, running.Progress!.Fraction);
        Assert.Equal(1, jobs.Pending);

        release.SetResult();
        var done = await jobs.WaitAsync(started.Id, Wait);
        Assert.Equal(JobState.Succeeded, done!.State);
        Assert.Equal(42, done.Result);
        Assert.Equal(0, jobs.Pending);
        Assert.False(jobs.Cancel(started.Id));
    }

    [Fact]
    public async Task Cancel_stops_a_running_job_and_a_queued_one()
    {
        using var jobs = new AnalysisJobs(TimeProvider.System, NullLogger<AnalysisJobs>.Instance);
        var first = jobs.Start("slow", async (_, ct) => { await Task.Delay(Timeout.Infinite, ct); return 0; });
        var second = jobs.Start("slow", async (_, ct) => { await Task.Delay(Timeout.Infinite, ct); return 0; });
        // One slot: whichever job takes it first runs, the other waits.
        await WaitUntil(() => jobs.Get(first.Id)?.State == JobState.Running || jobs.Get(second.Id)?.State == JobState.Running);
        var states = new[] { jobs.Get(first.Id)!.State, jobs.Get(second.Id)!.State };
        Assert.Contains(JobState.Running, states);
        Assert.Contains(JobState.Queued, states);

        Assert.True(jobs.Cancel(second.Id));
        Assert.True(jobs.Cancel(first.Id));

        Assert.Equal(JobState.Cancelled, (await jobs.WaitAsync(first.Id, Wait))!.State);
        Assert.Equal(JobState.Cancelled, (await jobs.WaitAsync(second.Id, Wait))!.State);
        Assert.Null(jobs.Cancel("nope"));
    }

    [Fact]
    public async Task Bad_input_fails_as_400_and_a_bug_as_500_without_details()
    {
        using var jobs = new AnalysisJobs(TimeProvider.System, NullLogger<AnalysisJobs>.Instance);
        var bad = jobs.Start("x", (_, _) => throw new ArgumentException("k must be between 2 and 50, got 1"));
        var bug = jobs.Start("x", (_, _) => throw new InvalidOperationException("secret internals"));

        var badDone = (await jobs.WaitAsync(bad.Id, Wait))!;
        var bugDone = (await jobs.WaitAsync(bug.Id, Wait))!;

        Assert.Equal((JobState.Failed, 400), (badDone.State, badDone.ErrorStatus!.Value));
        Assert.Contains("k must be between 2 and 50", badDone.Error, StringComparison.Ordinal);
        Assert.Equal((JobState.Failed, 500), (bugDone.State, bugDone.ErrorStatus!.Value));
        Assert.DoesNotContain("secret", bugDone.Error, StringComparison.Ordinal);
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        for (var i = 0; i < 600 && !condition(); i++)
        {
            await Task.Delay(50);
        }

        Assert.True(condition());
    }
}

using Lucene.Net.Index;
using Lucene.Net.Store;
using PatentNav.Records;
using PatentNav.Search;
using PatentNav.Storage;

namespace PatentNav.Tests.Search;

/// <summary>
/// A commit that lets indexing go on beside it (<see cref="PatentIndex.Commit(IDictionary{string, string}, Action?)"/>):
/// the callback comes while the commit still runs, and documents added after it are not in the commit.
/// </summary>
public sealed class CommitTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "patentnav-commit-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (System.IO.Directory.Exists(_root))
        {
            System.IO.Directory.Delete(_root, recursive: true);
        }
    }

    [Fact]
    public async Task Commit_DocumentsAddedAfterTheCallback_AreNotInTheCommit_AndTheCallbackComesBeforeItEnds()
    {
        using var index = PatentIndex.Open(_root);
        for (var i = 0; i < 3000; i++)
        {
            index.Upsert(Record(i));
        }

        var calledWhileRunning = false;
        var taken = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var commit = Task.Run(() => index.Commit(
            new Dictionary<string, string>(StringComparer.Ordinal) { ["import"] = "first" },
            () =>
            {
                // LastCommitData changes when the commit is done: still the old value means it is still running.
                calledWhileRunning = !index.LastCommitData.TryGetValue("import", out var id) || id != "first";
                taken.TrySetResult();
            }));
        await taken.Task.WaitAsync(TimeSpan.FromSeconds(60));
        for (var i = 3000; i < 3500; i++)
        {
            index.Upsert(Record(i)); // beside the commit, helping to write its segments
        }

        await commit.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.True(calledWhileRunning, "the callback came only when the commit was done (the flush signal was not heard)");
        using (var directory = new NIOFSDirectory(new DirectoryInfo(_root)))
        using (var committed = DirectoryReader.Open(directory))
        {
            Assert.Equal(3000, committed.NumDocs);
            Assert.Equal("first", committed.IndexCommit.UserData["import"]);
        }

        index.Commit(new Dictionary<string, string>(StringComparer.Ordinal) { ["import"] = "second" });
        using (var directory = new NIOFSDirectory(new DirectoryInfo(_root)))
        using (var committed = DirectoryReader.Open(directory))
        {
            Assert.Equal(3500, committed.NumDocs);
        }
    }

    [Fact]
    public void Commit_NothingToWrite_CallsTheCallbackAnyway()
    {
        using var index = PatentIndex.Open(_root);
        var called = 0;
        index.Commit(new Dictionary<string, string>(StringComparer.Ordinal) { ["import"] = "empty" }, () => called++);
        Assert.Equal(1, called);
    }

    [Fact]
    public void FlushLargeBuffersSoon_WritesALargeBufferAtTheNextDocument_AndStopsWhenDisposed()
    {
        using var index = PatentIndex.Open(_root);
        for (var i = 0; i < 2000; i++)
        {
            index.Upsert(Record(i));
        }

        int Segments()
        {
            index.Refresh(); // writes whatever is buffered as one more segment
            return index.WithSearcher(s => s.IndexReader.Leaves.Count);
        }

        Assert.Equal(1, Segments());
        for (var i = 2000; i < 4000; i++)
        {
            index.Upsert(Record(i));
        }

        using (index.FlushLargeBuffersSoon(1000))
        {
            index.Upsert(Record(4000)); // the buffer holds 2,000: written out now, this document starts a new one
            index.Upsert(Record(4001));
        }

        for (var i = 4002; i < 6000; i++)
        {
            index.Upsert(Record(i)); // 1,000 and more again, but the limit is gone: nothing is written out
        }

        // Before: 1 segment. Written out at the next document: the 2,000 (+ the document that triggered it, which Lucene
        // adds first). The refresh then writes the rest as one more.
        Assert.Equal(3, Segments());
        Assert.Equal(6000, index.DocumentCount);
    }

    private static PatentRecord Record(int i) => new()
    {
        PublicationNumber = PublicationNumber.Parse(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"CN{1000000 + i}A")),
        Title = "一种锂离子电池正极材料及其制备方法" + (i % 97).ToString(System.Globalization.CultureInfo.InvariantCulture),
        Abstract = "本发明公开了一种锂离子电池正极材料，包括镍钴锰酸锂和包覆层，制备方法简单，循环性能好。",
        Ipc = [IpcCode.Parse("H01M 4/505")],
        FilingDate = new DateOnly(2020, 1, 1).AddDays(i % 900),
        Applicants = ["某某新能源有限公司"],
    };
}

using PatentNav.Search;
using PatentNav.Storage;
using PatentNav.Workspace;

namespace PatentNav.Core.Tests.Search;

/// <summary>Refreshes pause while nobody reads; the first read afterwards still sees every row written.</summary>
public sealed class SearchIdleTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "patentnav-idle-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    [Fact]
    public async Task A_read_after_an_idle_period_sees_rows_the_skipped_refreshes_did_not_publish()
    {
        var options = new PatentWorkspaceOptions
        {
            DataDirectory = _dir,
            RefreshInterval = TimeSpan.FromMilliseconds(200),
            SearchIdleAfter = TimeSpan.FromMilliseconds(1),
            CommitInterval = TimeSpan.FromHours(1),
        };
        using var ws = PatentWorkspace.Open(options);
        var index = ws.Index;
        Assert.NotNull(index);

        index.Upsert(new PatentNav.Records.PatentRecord { PublicationNumber = PatentNav.Records.PublicationNumber.Parse("ZZ9900001A"), Title = "一种碳纤维复合材料" });
        await Task.Delay(600); // several timer ticks, all skipped: nobody reads

        var found = await ws.Search.SearchAsync(new SearchRequest { Query = "碳纤维" });

        Assert.Equal(1, found.Total);
        Assert.True(index.SinceLastRead < TimeSpan.FromSeconds(5));
    }
}

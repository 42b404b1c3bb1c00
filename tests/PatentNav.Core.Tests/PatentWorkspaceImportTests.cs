using PatentNav.Import;
using PatentNav.Workspace;

namespace PatentNav.Tests;

public sealed class PatentWorkspaceImportTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "patentnav-core-import-" + Guid.NewGuid().ToString("N"));
    private readonly PatentWorkspace _workspace;

    public PatentWorkspaceImportTests() => _workspace = PatentWorkspace.Open(new PatentWorkspaceOptions { DataDirectory = _directory });

    public void Dispose()
    {
        _workspace.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task StartImport_UnknownFormat_FinishesFailedInsteadOfStayingQueued()
    {
        // Regression: the reader's ArgumentException escaped the background task and the report stayed queued for ever.
        var sample = Path.Combine(AppContext.BaseDirectory, "data-samples", "fixtures", "cnipa.csv");
        var started = _workspace.Imports.StartImport(sample, new ImportOptions { Format = "xyz" });

        var report = started;
        for (var i = 0; i < 600 && report.State is ImportState.Queued or ImportState.Running; i++)
        {
            await Task.Delay(50);
            report = _workspace.Imports.Get(started.Id)!;
        }

        Assert.Equal(ImportState.Failed, report.State);
        Assert.Contains("'xyz'", report.Message, StringComparison.Ordinal);
        Assert.Equal(0, _workspace.Imports.Pending);
        Assert.Equal(0, _workspace.Search.DocumentCount);
    }
}

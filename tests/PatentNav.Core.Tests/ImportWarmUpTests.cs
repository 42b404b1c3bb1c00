using PatentNav.Import;
using PatentNav.Workspace;

namespace PatentNav.Tests;

/// <summary>The import warm-up (<see cref="PatentWorkspace.WarmUpImportAsync"/>): a real import of invented records into
/// a temporary directory that is gone afterwards.</summary>
public sealed class ImportWarmUpTests
{
    [Fact]
    public async Task RunImportWarmUp_ImportsEveryInventedRecord_AndDeletesItsDirectory()
    {
        var directory = Path.Combine(Path.GetTempPath(), "patentnav-warmup-test-" + Guid.NewGuid().ToString("N"));

        var report = await ImportWarmUp.RunAsync(directory);

        Assert.Equal(ImportState.Completed, report.State);
        Assert.Equal(320, report.Read);
        Assert.Equal(320, report.Imported);
        Assert.Equal(0, report.Rejected);
        Assert.False(Directory.Exists(directory));
    }

    [Fact]
    public void WarmUpRecordSet_HasTermsInMoreThan128Records_SoBlockPostingsAreWritten()
    {
        var records = ImportWarmUp.RecordSet().ToList();

        Assert.All(records, r => Assert.True(r.Synthetic));
        Assert.Equal(records.Count, records.Select(r => r.PublicationNumber).Distinct().Count());
        Assert.True(records.Count(r => r.Abstract!.Contains("公开了一种", StringComparison.Ordinal)) > 128);
    }

    [Fact]
    public async Task WarmUpImport_RunsOncePerProcess()
    {
        var first = await ImportService.WarmUpAsync();
        var second = await ImportService.WarmUpAsync();

        Assert.Equal(first, second);
        Assert.True(first > TimeSpan.Zero);
    }
}

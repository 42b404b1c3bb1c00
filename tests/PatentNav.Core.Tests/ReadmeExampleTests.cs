using PatentNav.Import;
using PatentNav.Search;
using PatentNav.Workspace;

namespace PatentNav.Tests;

/// <summary>The README's library example, compiled and run (keep the two in step).</summary>
public sealed class ReadmeExampleTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "patentnav-readme-" + Guid.NewGuid().ToString("N"));

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task ReadmeExample_ImportAndSearch_Works()
    {
        var exportFile = WorkspaceTests.Fixture("incopat.xlsx");
        var output = new StringWriter();

        // --- README example start ---
        using var workspace = PatentWorkspace.Open(new PatentWorkspaceOptions { DataDirectory = _dir });

        ImportReport report = await workspace.Imports.ImportFileAsync(exportFile);
        output.WriteLine($"{report.Format}: {report.Imported} new, {report.Updated} updated, {report.Rejected} rejected");
        foreach (var e in report.Errors)
        {
            output.WriteLine($"row {e.Row}, {e.Column} = '{e.Value}': {e.Reason}");
        }

        SearchResult result = await workspace.Search.SearchAsync(new SearchRequest
        {
            Query = "装置",
            Region = "江苏",
            Facets = [FacetNames.Year, FacetNames.Applicant],
        });
        foreach (var hit in result.Items)
        {
            output.WriteLine($"{hit.PublicationNumber} {hit.Title} {string.Join(" … ", hit.Highlights.Values.SelectMany(h => h))}");
        }
        // --- README example end ---

        Assert.Equal("incopat", report.Format);
        Assert.Equal(25, report.Imported);
        Assert.StartsWith("incopat: 25 new, 0 updated, 0 rejected", output.ToString(), StringComparison.Ordinal);
        Assert.True(result.Total > 0);
        Assert.All(result.Items, i => Assert.Equal("32", i.Record.Region?.ProvinceCode));
        Assert.NotNull(result.Facets);
    }
}

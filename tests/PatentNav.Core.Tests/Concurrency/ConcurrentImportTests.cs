using System.Globalization;
using System.Text;
using PatentNav.Import;
using PatentNav.Records;
using PatentNav.Search;
using PatentNav.Workspace;

namespace PatentNav.Tests.Concurrency;

/// <summary>Searches, facets and trends keep answering correctly while an import runs (near-real-time, no errors).</summary>
public sealed class ConcurrentImportTests : IDisposable
{
    private const int RecordCount = 20_000;
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "patentnav-core-concurrent-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public async Task ReadersDuringImport_SeeMonotonicConsistentTotals_AndTheFullCountAfterwards()
    {
        Directory.CreateDirectory(_directory);
        var file = Path.Combine(_directory, "generated.jsonl");
        WriteGenerated(file, RecordCount);

        // A short refresh interval so the readers see many intermediate snapshots of the running import.
        using var ws = PatentWorkspace.Open(new PatentWorkspaceOptions
        {
            DataDirectory = Path.Combine(_directory, "ws"),
            RefreshInterval = TimeSpan.FromMilliseconds(100),
        });

        // Every generated record is an invention application with a ZZ7… number; the workspace starts empty.
        var filter = new SearchRequest { Kind = PatentKind.InventionApplication, Size = 5, Highlight = false };
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var import = Task.Run(() => ws.Imports.ImportFileAsync(file, new ImportOptions { Format = "jsonl" }));

        var first = TimeSpan.Zero;
        var searchTotals = new List<long>();
        var facetTotals = new List<long>();
        var trendTotals = new List<long>();
        var searcher = Task.Run(async () =>
        {
            do
            {
                var r = await ws.Search.SearchAsync(filter with { Facets = [FacetNames.Kind] });
                if (first == TimeSpan.Zero)
                {
                    first = clock.Elapsed;
                }

                CheckKindFacet(r);
                Assert.True(r.Items.Count <= 5);
                Assert.All(r.Items, h => Assert.StartsWith("ZZ7", h.PublicationNumber, StringComparison.Ordinal));
                searchTotals.Add(r.Total);

                var words = await ws.Search.SearchAsync(new SearchRequest { Query = "pn:ZZ7*", Size = 1, Highlight = false });
                Assert.True(words.Total >= 0);
            }
            while (!import.IsCompleted);
        });
        var faceter = Task.Run(async () =>
        {
            do
            {
                var r = await ws.Search.SearchAsync(filter with { Size = 1, Facets = FacetNames.All });
                CheckKindFacet(r);
                facetTotals.Add(r.Total);

                var trends = await ws.Analytics.TrendsAsync(filter);
                trendTotals.Add(trends.Total);
            }
            while (!import.IsCompleted);
        });

        var report = await import;
        await Task.WhenAll(searcher, faceter); // any reader exception surfaces here

        Assert.Equal(ImportState.Completed, report.State);
        Assert.Equal(RecordCount, report.Imported);
        AssertMonotonic(searchTotals, "search");
        AssertMonotonic(facetTotals, "facets");
        AssertMonotonic(trendTotals, "trends");
        Assert.True(searchTotals.Count > 0 && facetTotals.Count > 0, $"readers answered {searchTotals.Count} searches and {facetTotals.Count} facet queries during the import ({report.Imported} rows, {clock.Elapsed.TotalSeconds:F1} s; first search {first}; last {string.Join(",", searchTotals.TakeLast(3))})");

        var after = await ws.Search.SearchAsync(filter with { Facets = FacetNames.All });
        Assert.Equal(RecordCount, after.Total);
        CheckKindFacet(after);
        Assert.Equal(RecordCount, (await ws.Search.SearchAsync(new SearchRequest { Query = "pn:ZZ7*", Size = 1 })).Total);
        Assert.Equal(RecordCount, (await ws.Analytics.TrendsAsync(filter)).Total);
        Assert.All(searchTotals.Concat(facetTotals), t => Assert.InRange(t, 0, RecordCount));
    }

    private static void CheckKindFacet(SearchResult r)
    {
        Assert.NotNull(r.Facets);
        var kinds = r.Facets![FacetNames.Kind];
        Assert.Equal(r.Total, kinds.Sum(k => k.Count));
        Assert.True(kinds.Count <= 1, $"only invention applications match, got {string.Join(", ", kinds.Select(k => k.Value))}");
    }

    private static void AssertMonotonic(List<long> totals, string what)
    {
        for (var i = 1; i < totals.Count; i++)
        {
            Assert.True(totals[i] >= totals[i - 1], $"{what}: total went back from {totals[i - 1]} to {totals[i]} at response {i}");
        }
    }

    /// <summary>Small records: real titles and IPC codes from data-samples/patents.jsonl, unique ZZ7…A numbers.</summary>
    private static void WriteGenerated(string path, int count)
    {
        var samples = File.ReadLines(Path.Combine(AppContext.BaseDirectory, "data-samples", "patents.jsonl"))
            .Select(PatentJson.Deserialize)
            .Where(r => r.Title is not null)
            .ToList();
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false));
        for (var i = 0; i < count; i++)
        {
            var s = samples[i % samples.Count];
            var filing = new DateOnly(2012, 1, 1).AddDays(i % 3650);
            var record = new PatentRecord
            {
                PublicationNumber = PublicationNumber.Parse(string.Create(CultureInfo.InvariantCulture, $"ZZ7{i:D7}A")),
                Title = s.Title,
                Ipc = s.Ipc,
                MainIpc = s.MainIpc,
                Kind = PatentKind.InventionApplication,
                FilingDate = filing,
                PublicationDate = filing.AddDays(300),
                Applicants = [string.Create(CultureInfo.InvariantCulture, $"（示例）并发测试申请人{i % 500:D3}有限公司")],
                Synthetic = true,
            };
            writer.WriteLine(PatentJson.Serialize(record));
        }
    }
}

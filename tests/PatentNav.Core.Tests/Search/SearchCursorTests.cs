using PatentNav.Import;
using PatentNav.Records;
using PatentNav.Search;
using PatentNav.Workspace;

namespace PatentNav.Tests.Search;

/// <summary>Search-after paging over the 25-record sample, in a temporary data directory.</summary>
public sealed class SearchCursorTests : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "patentnav-core-cursor-" + Guid.NewGuid().ToString("N"));
    private PatentWorkspace? _workspace;

    private PatentWorkspace Workspace => _workspace ?? throw new InvalidOperationException("not initialised");

    public async Task InitializeAsync()
    {
        _workspace = PatentWorkspace.Open(new PatentWorkspaceOptions { DataDirectory = _directory });
        var sample = Path.Combine(AppContext.BaseDirectory, "data-samples", "fixtures", "patents-sample.jsonl");
        var report = await _workspace.Imports.ImportFileAsync(sample, new ImportOptions { Format = "jsonl" });
        Assert.Equal(25, report.Imported);
    }

    public Task DisposeAsync()
    {
        _workspace?.Dispose();
        Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }

    [Theory]
    [InlineData(SearchSort.Relevance, null)]
    [InlineData(SearchSort.Relevance, "装置")]
    [InlineData(SearchSort.DateDesc, null)]
    [InlineData(SearchSort.DateAsc, null)]
    public async Task Search_NextCursor_PagesThroughEveryHitInOrder(SearchSort sort, string? query)
    {
        // Regression: decoding a cursor boxed its sort value as float/int, which Lucene.Net's comparers reject.
        var request = new SearchRequest { Query = query, Sort = sort, Highlight = false };
        var all = await Workspace.Search.SearchAsync(request with { Size = 100 });

        var paged = new List<string>();
        string? cursor = null;
        do
        {
            var page = await Workspace.Search.SearchAsync(request with { Size = 4, Cursor = cursor });
            paged.AddRange(page.Items.Select(i => i.PublicationNumber));
            cursor = page.NextCursor;
        }
        while (cursor is not null && paged.Count <= all.Items.Count);

        Assert.True(all.Items.Count > 4);
        Assert.Equal(all.Items.Select(i => i.PublicationNumber), paged);
    }

    [Fact]
    public async Task Search_CursorOfAnotherSort_ThrowsInvalidRequestForCursor()
    {
        var first = await Workspace.Search.SearchAsync(new SearchRequest { Size = 2, Sort = SearchSort.DateDesc });

        var ex = await Assert.ThrowsAsync<InvalidRequestException>(() => Workspace.Search.SearchAsync(new SearchRequest { Size = 2, Cursor = first.NextCursor }));

        Assert.Equal("cursor", ex.Parameter);
    }
}

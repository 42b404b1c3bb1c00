using PatentNav.Places;
using PatentNav.Records;
using PatentNav.Search;
using PatentNav.Storage;
using PatentNav.Taxonomy;

namespace PatentNav.Workspace;

/// <summary>Search (检索) and lookup: queries with filters, facets, highlights and cursors; single patents, their
/// industries and places; similar patents.</summary>
/// <remarks>Thread safety: every member is safe to call concurrently; searches see rows of a running import within
/// <see cref="PatentWorkspaceOptions.RefreshInterval"/>.</remarks>
public sealed class SearchService
{
    private readonly WorkspaceCore _core;
    private readonly PatentIndex _index;
    private readonly SettingsService _settings;

    internal SearchService(WorkspaceCore core, SettingsService settings)
    {
        _core = core;
        _index = core.Index;
        _settings = settings;
    }

    /// <summary>The number of patent records searches see now.</summary>
    public int DocumentCount => _index.DocumentCount;

    private IndustryTaxonomies Taxonomies => _core.Taxonomies;

    /// <summary>Searches the workspace.</summary>
    /// <exception cref="InvalidRequestException">The query string or a parameter is invalid; the message says where.</exception>
    public Task<SearchResult> SearchAsync(SearchRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Task.Run(() => _index.Search(request, cancellationToken), cancellationToken);
    }

    /// <summary>The stored record for a publication number (any written form), or <c>null</c>.</summary>
    public Task<PatentRecord?> GetAsync(string publicationNumber, CancellationToken cancellationToken = default)
    {
        var pn = PublicationNumber.TryParse(publicationNumber);
        if (!pn.Success)
        {
            return Task.FromResult<PatentRecord?>(null);
        }

        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(_index.WithSearcher(s => PatentIndex.Find(s, pn.Value.Value)));
    }

    /// <summary>Patents similar to one (MoreLikeThis over its words, with the patent stop list), or <c>null</c> when the number is unknown.</summary>
    public Task<IReadOnlyList<SimilarPatent>?> FindSimilarAsync(string publicationNumber, int count = 10, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, 100);
        var pn = PublicationNumber.TryParse(publicationNumber);
        return !pn.Success
            ? Task.FromResult<IReadOnlyList<SimilarPatent>?>(null)
            : Task.Run(() => _index.Similar(pn.Value.Value, count), cancellationToken);
    }

    /// <summary>Streams every stored record (index order) from the searcher of the moment; records imported meanwhile may or may not appear.</summary>
    public IAsyncEnumerable<PatentRecord> ReadAllAsync(CancellationToken cancellationToken = default) =>
        _index.ReadAll(cancellationToken).ToAsyncEnumerable();

    /// <summary>The industries of a stored patent with the reason for each (computed now with the current taxonomies), or
    /// <c>null</c> when the number is unknown.</summary>
    public async Task<IReadOnlyList<IndustryAssignment>?> GetIndustriesAsync(string publicationNumber, CancellationToken cancellationToken = default)
    {
        var record = await GetAsync(publicationNumber, cancellationToken).ConfigureAwait(false);
        return record is null ? null : Taxonomies.Assign(record);
    }

    /// <summary>The places a stored patent is in, each with the field or address fragment that decided it; <c>null</c> when the number is unknown.</summary>
    public async Task<IReadOnlyList<PlaceMatch>?> GetPlacesOfAsync(string publicationNumber, CancellationToken cancellationToken = default)
    {
        var record = await GetAsync(publicationNumber, cancellationToken).ConfigureAwait(false);
        return record is null ? null : _settings.Places.Match(record);
    }
}

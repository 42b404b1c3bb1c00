using System.Diagnostics;
using System.Globalization;
using System.Text;
using Lucene.Net.Index;
using Lucene.Net.Queries.Mlt;
using Lucene.Net.Search;
using Lucene.Net.Search.Highlight;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Util;
using PatentNav.Records;
using PatentNav.Search;
using PatentNav.Taxonomy;
using PatentNav.Text;

namespace PatentNav.Storage;

/// <summary>
/// The Lucene index of one workspace: one writer, near-real-time searchers, explicit commits.
/// </summary>
/// <remarks>
/// <para>Storage is <see cref="NIOFSDirectory"/>, constructed explicitly: <c>FSDirectory.Open</c> picks MMapDirectory on
/// Linux, which crashes the process under concurrent search while readers are swapped in Lucene.Net 4.8 beta00017.</para>
/// <para>Similarity is BM25 on the writer and on every searcher (Lucene 4.8's default is classic TF-IDF).</para>
/// <para>Thread safety: all members are safe to call concurrently; writes are serialised by the caller (the workspace
/// runs one import at a time), searches run in parallel on the current near-real-time searcher.</para>
/// </remarks>
internal sealed class PatentIndex : IDisposable
{
    private static readonly Similarity Bm25 = new BM25Similarity();
    private readonly NIOFSDirectory _directory;
    private readonly IndexWriter _writer;
    private readonly SearcherManager _searchers;
    private readonly SnapshotDeletionPolicy _snapshots;
    private readonly object _commitLock = new();
    private readonly FlushStartSignal? _flushStart;
    private IndustryTaxonomies _taxonomies = IndustryTaxonomies.Default;
    private bool _disposed;

    // Per segment core (segments never change; deletions only hide documents): the records read for analyses, without text.
    // Filled lazily as analyses read; a segment merged away drops its entry with its reader.

    private PatentIndex(string path, NIOFSDirectory directory, IndexWriter writer)
    {
        Path = path;
        _directory = directory;
        _writer = writer;
        // The writer works on a clone of its config; the policy it consults is the clone's.
        _snapshots = (SnapshotDeletionPolicy)writer.Config.IndexDeletionPolicy;
        _flushStart = writer.Config.InfoStream as FlushStartSignal;
        _searchers = new SearcherManager(writer, applyAllDeletes: true, new Bm25SearcherFactory());
    }

    /// <summary>The index folder.</summary>
    public string Path { get; }

    /// <summary>The user data of the last commit (import id and rows committed), empty for a new index.</summary>
    public IDictionary<string, string> LastCommitData { get; private set; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Opens (or creates) the index in <paramref name="path"/>.</summary>
    /// <exception cref="InvalidOperationException">Another writer (this or another process) holds the index.</exception>
    public static PatentIndex Open(string path)
    {
        System.IO.Directory.CreateDirectory(path);
        var directory = new NIOFSDirectory(new DirectoryInfo(path));
        var config = CreateWriterConfig();
        config.SetInfoStream(new FlushStartSignal());
        try
        {
            var writer = new IndexWriter(directory, config);
            var index = new PatentIndex(path, directory, writer);
            if (DirectoryReader.IndexExists(directory))
            {
                var commits = DirectoryReader.ListCommits(directory);
                if (commits.Count > 0)
                {
                    index.LastCommitData = new Dictionary<string, string>(commits[^1].UserData, StringComparer.Ordinal);
                }
            }

            return index;
        }
        catch (LockObtainFailedException ex)
        {
            directory.Dispose();
            throw new InvalidOperationException($"The index in '{path}' is already open by another PatentNav workspace or process (write.lock is held). One process may write an index at a time.", ex);
        }
    }

    /// <summary>The writer settings of every index (analyzers, BM25, RAM buffer, compound files, deletion policy); also
    /// used by the benchmarks that feed a writer directly.</summary>
    internal static IndexWriterConfig CreateWriterConfig() =>
        new(LuceneVersion.LUCENE_48, IndexSchema.Analyzer)
        {
            OpenMode = OpenMode.CREATE_OR_APPEND,
            Similarity = Bm25,
            RAMBufferSizeMB = 64,
            // Flushed segments stay as separate files: each near-real-time refresh flushes a small segment, and packing
            // it into a compound file would copy every byte once more. Merged segments
            // still follow the merge policy's compound-file ratio, and small segments are merged away soon.
            UseCompoundFile = false,
            // Keep only the last commit, except commits held by a backup or check while they copy or read its files.
            IndexDeletionPolicy = new SnapshotDeletionPolicy(new KeepOnlyLastCommitDeletionPolicy()),
        };

    /// <summary>The number of live documents visible to searches.</summary>
    /// <remarks>Not a read for <see cref="SinceLastRead"/>: a health check polling the count must not keep refreshes alive.</remarks>
    public int DocumentCount => WithSearcher(s => s.IndexReader.NumDocs, markRead: false);

    /// <summary>The version of the reader searches see now: it changes with every change of the index (and with merges).</summary>
    public long ReaderVersion => WithSearcher(s => ((DirectoryReader)s.IndexReader).Version, markRead: false);

    private long _lastRefresh = Stopwatch.GetTimestamp();
    private long _lastRead;

    /// <summary>The longest a read waits for rows already written: a read finding the searcher older than this refreshes
    /// it first (set by the workspace from its refresh interval).</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Time since the last read (search, analysis, record lookup); <see cref="TimeSpan.MaxValue"/> when none yet.</summary>
    public TimeSpan SinceLastRead => Volatile.Read(ref _lastRead) is var t && t == 0 ? TimeSpan.MaxValue : Stopwatch.GetElapsedTime(t);

    private int _activeQueries;

    /// <summary>Searches being answered right now; the import's indexing threads give way to them (see <see cref="ParallelIndexer"/>).</summary>
    public int ActiveQueries => Volatile.Read(ref _activeQueries);

    /// <summary>Marks a user query as running until the returned scope is disposed.</summary>
    public QueryScope BeginQuery()
    {
        Interlocked.Increment(ref _activeQueries);
        return new QueryScope(this);
    }

    /// <summary>The scope of one running user query.</summary>
    internal readonly struct QueryScope(PatentIndex index) : IDisposable
    {
        public void Dispose() => Interlocked.Decrement(ref index._activeQueries);
    }

    /// <summary>Runs <paramref name="action"/> on the current searcher, releasing it afterwards.</summary>
    public T WithSearcher<T>(Func<IndexSearcher, T> action) => WithSearcher(action, markRead: true);

    /// <summary>As <see cref="WithSearcher{T}(Func{IndexSearcher, T})"/>; <paramref name="markRead"/> false for housekeeping
    /// reads that should not count as search activity.</summary>
    internal T WithSearcher<T>(Func<IndexSearcher, T> action, bool markRead)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        EnsureFresh(markRead);
        var searcher = _searchers.Acquire();
        try
        {
            return action(searcher);
        }
        finally
        {
            _searchers.Release(searcher);
        }
    }

    /// <summary>Runs <paramref name="action"/> on the searcher of the moment, without refreshing it and without counting
    /// as a read: for the import's own look-ups of stored records, which must neither keep the scheduled refresh alive
    /// nor flush a segment every <see cref="RefreshInterval"/> (the import refreshes itself when it needs rows it wrote).</summary>
    internal T WithCurrentSearcher<T>(Func<IndexSearcher, T> action)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var searcher = _searchers.Acquire();
        try
        {
            return action(searcher);
        }
        finally
        {
            _searchers.Release(searcher);
        }
    }

    /// <summary>The taxonomies new documents are indexed with and industry filters resolve against; swapped by the
    /// workspace when the city taxonomy changes (documents indexed before keep their industries until re-applied).</summary>
    public IndustryTaxonomies Taxonomies
    {
        get => Volatile.Read(ref _taxonomies);
        set => Volatile.Write(ref _taxonomies, value ?? throw new ArgumentNullException(nameof(value)));
    }

    /// <summary>Adds or replaces the document for the record's publication number; returns the industry tokens it was
    /// indexed with.</summary>
    public IReadOnlyList<string> Upsert(PatentRecord record)
    {
        var document = IndexSchema.ToDocument(record, Taxonomies, out var industries);
        _writer.UpdateDocument(new Term(IndexSchema.Pn, record.PublicationNumber.Value), document);
        return industries;
    }

    /// <summary>The user-data key of each commit's unique id: the analytical store is stamped with it.</summary>
    public const string CommitIdKey = "commit";

    /// <summary>The id of the last commit (<see cref="CommitIdKey"/>); <c>null</c> for a new index or an older one whose
    /// commits carry no id.</summary>
    public string? LastCommitId => LastCommitData.TryGetValue(CommitIdKey, out var id) && id.Length > 0 ? id : null;

    /// <summary>Makes everything written so far visible to new searches (near-real-time; not durable until <see cref="Commit(IDictionary{string, string})"/>).</summary>
    public void Refresh()
    {
        _searchers.MaybeRefreshBlocking();
        Volatile.Write(ref _lastRefresh, Stopwatch.GetTimestamp());
    }

    /// <summary>Refreshes first when the searcher is older than <see cref="RefreshInterval"/>: after the timer skipped
    /// refreshes because nobody was reading, the first read still sees every row written (as Elasticsearch's search-idle
    /// shards do).</summary>
    private void EnsureFresh(bool markRead)
    {
        if (markRead)
        {
            Volatile.Write(ref _lastRead, Stopwatch.GetTimestamp());
        }

        if (Stopwatch.GetElapsedTime(Volatile.Read(ref _lastRefresh)) >= RefreshInterval)
        {
            Refresh();
        }
    }

    /// <summary>
    /// Until disposed, an indexing thread whose buffer holds <paramref name="documents"/> or more documents writes it out as
    /// a segment at its next document: for the end of an import, so that each indexing thread writes its own large buffer
    /// while it indexes the last rows, in parallel, instead of the final commit writing them all on one thread.
    /// </summary>
    internal IDisposable FlushLargeBuffersSoon(int documents)
    {
        var config = _writer.Config;
        var before = config.MaxBufferedDocs;
        config.MaxBufferedDocs = documents;
        return new Restore(() => config.MaxBufferedDocs = before);
    }

    private sealed class Restore(Action restore) : IDisposable
    {
        public void Dispose() => restore();
    }

    /// <summary>Commits durably with <paramref name="userData"/> and refreshes searchers.</summary>
    public string Commit(IDictionary<string, string> userData) => Commit(userData, documentsTaken: null);

    /// <summary>
    /// Commits durably with <paramref name="userData"/> and refreshes searchers, calling <paramref name="documentsTaken"/>
    /// as soon as the commit has taken the documents added before the call: documents added after that (from other
    /// threads) are not in this commit, and adding them lets those threads help write the commit's segments. It is called
    /// once, possibly on the committing thread inside Lucene's flush: it must only signal (a task completion source with
    /// asynchronous continuations, say), never use the index.
    /// </summary>
    /// <remarks>Lucene swaps every indexing thread's buffer out before it writes the first of the commit's segments, and
    /// announces that write to the writer's <see cref="InfoStream"/>; <see cref="FlushStartSignal"/> listens for it on the
    /// committing thread. Should the message never come (nothing to write, or a Lucene.Net version that words it
    /// otherwise), <paramref name="documentsTaken"/> is called when the commit is done, which is always correct.</remarks>
    /// <returns>The commit's id (<see cref="CommitIdKey"/>, added to the user data).</returns>
    public string Commit(IDictionary<string, string> userData, Action? documentsTaken)
    {
        var id = Guid.NewGuid().ToString("N");
        userData = new Dictionary<string, string>(userData, StringComparer.Ordinal) { [CommitIdKey] = id };
        var called = 0;
        Action? once = documentsTaken is null ? null : () =>
        {
            if (Interlocked.Exchange(ref called, 1) == 0)
            {
                documentsTaken();
            }
        };
        try
        {
            lock (_commitLock)
            {
                _writer.SetCommitData(userData);
                if (once is not null)
                {
                    _flushStart?.Arm(once);
                }

                try
                {
                    _writer.Commit();
                }
                finally
                {
                    _flushStart?.Disarm();
                }

                LastCommitData = new Dictionary<string, string>(userData, StringComparer.Ordinal);
            }
        }
        finally
        {
            once?.Invoke();
        }

        Refresh();
        return id;
    }

    /// <summary>
    /// Holds the last commit so that its files are not deleted while they are read (backup, check), or returns
    /// <c>null</c> when nothing has been committed yet. Release it with <see cref="ReleaseSnapshot"/>.
    /// </summary>
    public IndexCommit? SnapshotLastCommit()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        lock (_commitLock)
        {
            try
            {
                return _snapshots.Snapshot();
            }
            catch (InvalidOperationException)
            {
                return null; // "No index commit to snapshot": a new, never committed index
            }
        }
    }

    /// <summary>Releases a commit held by <see cref="SnapshotLastCommit"/> and deletes its files if no longer needed.</summary>
    public void ReleaseSnapshot(IndexCommit commit)
    {
        _snapshots.Release(commit);
        if (!_disposed)
        {
            _writer.DeleteUnusedFiles();
        }
    }

    /// <summary>Finds the stored record for a publication number in <paramref name="searcher"/>.</summary>
    public static PatentRecord? Find(IndexSearcher searcher, string publicationNumber)
    {
        var top = searcher.Search(new TermQuery(new Term(IndexSchema.Pn, publicationNumber)), 1);
        return top.TotalHits == 0 ? null : Load(searcher, top.ScoreDocs[0].Doc);
    }

    /// <summary>Reads a document's stored record.</summary>
    public static PatentRecord Load(IndexSearcher searcher, int doc) => IndexSchema.ReadSource(searcher.Doc(doc, IndexSchema.SourceOnly));

    /// <summary>Runs a search request.</summary>
    public SearchResult Search(SearchRequest request, CancellationToken cancellationToken)
    {
        using var _ = BeginQuery();
        if (request.Size is < 1 or > SearchLimits.MaxPageSize)
        {
            throw new InvalidRequestException($"size must be between 1 and {SearchLimits.MaxPageSize}, got {request.Size}", parameter: "size");
        }

        if (request.FacetSize is < 1 or > SearchLimits.MaxFacetSize)
        {
            throw new InvalidRequestException($"facetSize must be between 1 and {SearchLimits.MaxFacetSize}, got {request.FacetSize}", parameter: "facetSize");
        }

        var unknownFacet = request.Facets.FirstOrDefault(f => !FacetNames.All.Contains(f, StringComparer.Ordinal));
        if (unknownFacet is not null)
        {
            throw new InvalidRequestException($"unknown facet '{unknownFacet}'; use any of: {string.Join(", ", FacetNames.All)}", parameter: "facets");
        }

        var query = QueryTranslator.Build(request, Taxonomies);
        var sort = SortFor(request);
        var after = request.Cursor is null ? null : SearchCursor.Decode(request.Cursor, request.Sort);
        cancellationToken.ThrowIfCancellationRequested();

        return WithSearcher(searcher =>
        {
            var top = TopFieldCollector.Create(sort, request.Size, after, fillFields: true, trackDocScores: true, trackMaxScore: false, docsScoredInOrder: false);
            var facetFields = request.Facets.Select(FacetField).ToArray();
            var facets = facetFields.Length > 0 ? new FacetCollector(facetFields) : null;
            ICollector collector = facets is null ? top : MultiCollector.Wrap(top, facets);
            searcher.Search(query, collector);
            var docs = top.GetTopDocs();
            cancellationToken.ThrowIfCancellationRequested();

            var highlighter = request.Highlight ? new HitHighlighter(query) : null;
            var items = new List<SearchHit>(docs.ScoreDocs.Length);
            foreach (var sd in docs.ScoreDocs)
            {
                var record = Load(searcher, sd.Doc);
                var highlights = highlighter?.Highlight(record) ?? new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
                items.Add(new SearchHit(record.PublicationNumber.Value, record.Title, highlights, request.Sort == SearchSort.Relevance ? sd.Score : float.NaN, record));
            }

            string? next = null;
            if (docs.ScoreDocs.Length == request.Size && docs.ScoreDocs[^1] is FieldDoc last)
            {
                next = SearchCursor.Encode(last, request.Sort);
            }

            IReadOnlyDictionary<string, IReadOnlyList<FacetValue>>? facetValues = null;
            if (facets is not null)
            {
                var counted = facets.Results(request.FacetSize);
                facetValues = request.Facets.Distinct(StringComparer.Ordinal).ToDictionary(
                    name => name,
                    name => (IReadOnlyList<FacetValue>)counted[FacetField(name)].Select(kv => ToFacetValue(name, kv.Key, kv.Value)).ToList(),
                    StringComparer.Ordinal);
            }

            return new SearchResult(docs.TotalHits, items, next, facetValues);
        });
    }

    /// <summary>Counts the request's matches per year of <paramref name="dateField"/>; with <paramref name="latestOfAll"/>,
    /// also the latest date of any kind in the whole index (0 when empty).</summary>
    public (YearCountCollector Matches, int LatestOfAll) CountYears(PatentFilter request, DateField dateField, bool latestOfAll, CancellationToken cancellationToken)
    {
        var query = QueryTranslator.Build(request, Taxonomies);
        cancellationToken.ThrowIfCancellationRequested();
        return WithSearcher(searcher =>
        {
            var matches = new YearCountCollector(dateField);
            searcher.Search(query, matches);
            var latest = 0;
            if (latestOfAll)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var all = new YearCountCollector(dateField);
                searcher.Search(new MatchAllDocsQuery(), all);
                latest = all.LatestDate;
            }

            return (matches, latest);
        });
    }

    /// <summary>Matches a need: selects its terms, runs the weighted query under the filter, returns the terms and the
    /// best <paramref name="candidates"/> records with their scores.</summary>
    public (IReadOnlyList<Analytics.NeedTerm> Terms, IReadOnlyList<(PatentRecord Record, double Score)> Hits) MatchNeed(
        IReadOnlyList<string> features, PatentFilter filter, int candidates, CancellationToken cancellationToken)
    {
        using var _ = BeginQuery();
        var filterQuery = QueryTranslator.Build(filter, Taxonomies);
        cancellationToken.ThrowIfCancellationRequested();
        return WithSearcher(searcher =>
        {
            var terms = NeedQuery.SelectTerms(searcher, features);
            var need = NeedQuery.Build(terms);
            if (need is null)
            {
                return (terms, (IReadOnlyList<(PatentRecord, double)>)[]);
            }

            cancellationToken.ThrowIfCancellationRequested();
            Query query = filterQuery is MatchAllDocsQuery ? need : new FilteredQuery(need, new QueryWrapperFilter(filterQuery));
            var top = searcher.Search(query, candidates);
            var hits = top.ScoreDocs.Select(sd => (Load(searcher, sd.Doc), (double)sd.Score)).ToList();
            return (terms, (IReadOnlyList<(PatentRecord, double)>)hits);
        });
    }

    /// <summary>Streams the stored records matching <paramref name="request"/> (index order) to <paramref name="consume"/>
    /// inside one searcher; refuses more than <paramref name="max"/> matches before reading any.</summary>
    /// <remarks>With <paramref name="withText"/> false the records come without abstract and claims (title kept), from the
    /// analysis cache when it is on: analyses that count and rank need no text, and the stored fields' decompression is
    /// most of the cost of reading many records.</remarks>
    public T ReadMatches<T>(PatentFilter request, int max, string purpose, Func<IEnumerable<PatentRecord>, T> consume, CancellationToken cancellationToken, bool withText = true)
    {
        var query = QueryTranslator.Build(request, Taxonomies);
        cancellationToken.ThrowIfCancellationRequested();
        return WithSearcher(searcher =>
        {
            var docs = new DocIdCollector();
            searcher.Search(query, docs);
            if (docs.Docs.Count > max)
            {
                throw new InvalidRequestException(string.Create(CultureInfo.InvariantCulture, $"{docs.Docs.Count:N0} patents match, more than the {max:N0} {purpose} reads; narrow the filters (q, ipc, region, industry, from/to)"));
            }

            docs.Docs.Sort();
            return consume(Load(searcher, docs.Docs, withText, cancellationToken));
        });
    }

    /// <summary>As <see cref="ReadMatches{T}"/>, with each record flagged by whether it also matches <paramref name="flag"/>
    /// (evaluated in the same searcher, so the flag and the records see the same commit). Positioning and chokepoints use it
    /// to read a benchmark once and know which of its patents are in the field. The records come without text (as
    /// <see cref="ReadMatches{T}"/> with <c>withText</c> false).</summary>
    public T ReadMatchesFlagged<T>(PatentFilter request, PatentFilter flag, int max, string purpose, Func<IEnumerable<(PatentRecord Record, bool Flagged)>, T> consume, CancellationToken cancellationToken)
    {
        var query = QueryTranslator.Build(request, Taxonomies);
        var flagQuery = QueryTranslator.Build(flag, Taxonomies);
        cancellationToken.ThrowIfCancellationRequested();
        return WithSearcher(searcher =>
        {
            var docs = new DocIdCollector();
            searcher.Search(query, docs);
            if (docs.Docs.Count > max)
            {
                throw new InvalidRequestException(string.Create(CultureInfo.InvariantCulture, $"{docs.Docs.Count:N0} patents match, more than the {max:N0} {purpose} reads; narrow the filters (region, industry, ipc, from/to)"));
            }

            var flagged = new DocIdCollector();
            searcher.Search(flagQuery, flagged);
            var set = new HashSet<int>(flagged.Docs);
            docs.Docs.Sort();
            return consume(docs.Docs.Zip(Load(searcher, docs.Docs, withText: false, cancellationToken), (d, r) => (r, set.Contains(d))));
        });
    }

    /// <summary>How many stored patents match <paramref name="filter"/>.</summary>
    public int Count(PatentFilter filter, CancellationToken cancellationToken)
    {
        var query = QueryTranslator.Build(filter, Taxonomies);
        cancellationToken.ThrowIfCancellationRequested();
        return WithSearcher(searcher =>
        {
            var total = new TotalHitCountCollector();
            searcher.Search(query, total);
            return total.TotalHits;
        });
    }

    /// <summary>The publication numbers of the documents matching <paramref name="request"/>, read from their sort values
    /// (no stored field is loaded): the analytical store joins them when a filter needs the search index.</summary>
    public List<string> MatchingNumbers(PatentFilter request, CancellationToken cancellationToken)
    {
        var query = QueryTranslator.Build(request, Taxonomies);
        cancellationToken.ThrowIfCancellationRequested();
        return WithSearcher(searcher =>
        {
            var docs = new DocIdCollector();
            searcher.Search(query, docs);
            docs.Docs.Sort();
            return NumbersOf(searcher, docs.Docs, cancellationToken);
        });
    }

    /// <summary>
    /// Streams the stored records matching <paramref name="request"/> to <paramref name="consume"/> with the number of
    /// matches; above <paramref name="max"/> matches it reads a seeded sample of <paramref name="max"/> of them: those with
    /// the smallest <see cref="SampleKey"/> of their publication number, so the sample depends on the numbers and the seed,
    /// not on import order or segments.
    /// </summary>
    public T ReadSample<T>(PatentFilter request, int max, int seed, Func<IEnumerable<PatentRecord>, int, T> consume, CancellationToken cancellationToken, bool withText = true)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        var query = QueryTranslator.Build(request, Taxonomies);
        cancellationToken.ThrowIfCancellationRequested();
        return WithSearcher(searcher =>
        {
            var docs = new DocIdCollector();
            searcher.Search(query, docs);
            docs.Docs.Sort();
            var matches = docs.Docs.Count;
            var chosen = docs.Docs;
            if (matches > max)
            {
                var numbers = NumbersOf(searcher, docs.Docs, cancellationToken);
                var keys = new (ulong Key, string Pn, int Doc)[matches];
                for (var i = 0; i < matches; i++)
                {
                    keys[i] = (SampleKey(seed, numbers[i]), numbers[i], docs.Docs[i]);
                }

                Array.Sort(keys, (a, b) => a.Key != b.Key ? a.Key.CompareTo(b.Key) : string.CompareOrdinal(a.Pn, b.Pn));
                chosen = keys.Take(max).Select(k => k.Doc).Order().ToList();
            }

            return consume(Load(searcher, chosen, withText, cancellationToken), matches);
        });
    }

    /// <summary>The sampling key of a publication number: FNV-1a (64-bit) of the UTF-8 bytes of <c>{seed}:{pn}</c>
    /// (e.g. <c>42:CN114081026B</c>), so an analyst can draw the same sample with a few lines of Python.</summary>
    public static ulong SampleKey(int seed, string publicationNumber)
    {
        ArgumentNullException.ThrowIfNull(publicationNumber);
        var hash = 0xcbf29ce484222325UL;
        foreach (var b in System.Text.Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{seed}:{publicationNumber}")))
        {
            hash = unchecked((hash ^ b) * 0x100000001b3UL);
        }

        return hash;
    }

    private static List<string> NumbersOf(IndexSearcher searcher, List<int> sortedDocs, CancellationToken cancellationToken)
    {
        var numbers = new List<string>(sortedDocs.Count);
        var leaves = searcher.IndexReader.Leaves;
        var leaf = -1;
        SortedDocValues? values = null;
        var bytes = new BytesRef();
        foreach (var doc in sortedDocs)
        {
            while (leaf + 1 < leaves.Count && leaves[leaf + 1].DocBase <= doc)
            {
                leaf++;
                values = null;
            }

            values ??= leaves[leaf].AtomicReader.GetSortedDocValues(IndexSchema.PnSort);
            values!.Get(doc - leaves[leaf].DocBase, bytes);
            numbers.Add(bytes.Utf8ToString());
            if ((numbers.Count & 0xFFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }
        }

        return numbers;
    }

    private IEnumerable<PatentRecord> Load(IndexSearcher searcher, List<int> docs, bool withText, CancellationToken cancellationToken)
    {
        foreach (var doc in docs)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var record = Load(searcher, doc);
            yield return withText ? record : record with { Abstract = null, FirstClaim = null, Claims = null };
        }
    }

    /// <summary>Patents like the given one (MoreLikeThis over title, abstract and claims words, with the patent stop list).</summary>
    public IReadOnlyList<SimilarPatent>? Similar(string publicationNumber, int count)
    {
        return WithSearcher<IReadOnlyList<SimilarPatent>?>(searcher =>
        {
            var top = searcher.Search(new TermQuery(new Term(IndexSchema.Pn, publicationNumber)), 1);
            if (top.TotalHits == 0)
            {
                return null;
            }

            var selfDoc = top.ScoreDocs[0].Doc;
            var record = Load(searcher, selfDoc);
            var mlt = new MoreLikeThis(searcher.IndexReader)
            {
                Analyzer = PatentAnalyzers.Words,
                FieldNames = [IndexSchema.Title, IndexSchema.Abstract, IndexSchema.Claims],
                MinTermFreq = 1,
                MinDocFreq = 2,
                MinWordLen = 1,
                MaxQueryTerms = 25,
                StopWords = PatentStopWords.Words.ToHashSet(StringComparer.Ordinal),
                Similarity = new DefaultSimilarity(),
            };
            var like = new BooleanQuery();
            foreach (var (field, text) in new[] { (IndexSchema.Title, record.Title), (IndexSchema.Abstract, record.Abstract), (IndexSchema.Claims, IndexSchema.ClaimsText(record)) })
            {
                if (string.IsNullOrWhiteSpace(text))
                {
                    continue;
                }

                using var reader = new StringReader(text);
                var q = mlt.Like(reader, field);
                if (field == IndexSchema.Title)
                {
                    q.Boost = 2f;
                }

                like.Add(q, Occur.SHOULD);
            }

            if (like.Clauses.Count == 0)
            {
                return [];
            }

            var hits = searcher.Search(like, count + 1);
            var result = new List<SimilarPatent>(count);
            foreach (var sd in hits.ScoreDocs)
            {
                if (sd.Doc == selfDoc || result.Count == count)
                {
                    continue;
                }

                var r = Load(searcher, sd.Doc);
                result.Add(new SimilarPatent(r.PublicationNumber.Value, r.Title, sd.Score));
            }

            return result;
        });
    }

    /// <summary>Every stored record, in index order (for exports and analytics).</summary>
    public IEnumerable<PatentRecord> ReadAll(CancellationToken cancellationToken)
    {
        EnsureFresh(markRead: true);
        var searcher = _searchers.Acquire();
        try
        {
            var reader = searcher.IndexReader;
            foreach (var leaf in reader.Leaves)
            {
                var live = leaf.AtomicReader.LiveDocs;
                for (var i = 0; i < leaf.AtomicReader.MaxDoc; i++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (live is null || live.Get(i))
                    {
                        yield return IndexSchema.ReadSource(leaf.AtomicReader.Document(i, IndexSchema.SourceOnly));
                    }
                }
            }
        }
        finally
        {
            _searchers.Release(searcher);
        }
    }

    /// <summary>The size of the index files on disk, in bytes.</summary>
    public long SizeOnDisk() => _directory.ListAll().Sum(f =>
    {
        try
        {
            return _directory.FileLength(f);
        }
        catch (IOException)
        {
            return 0L; // a file merged away between listing and measuring
        }
    });

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _searchers.Dispose();
        _writer.Dispose(); // commits pending changes (Lucene 4.8 default: commit on close)
        _directory.Dispose();
    }

    private static string FacetField(string facet) => facet switch
    {
        FacetNames.Year => IndexSchema.FacetYear,
        FacetNames.Ipc => IndexSchema.FacetIpc,
        FacetNames.Applicant => IndexSchema.FacetApplicant,
        FacetNames.Region => IndexSchema.FacetProvince,
        FacetNames.City => IndexSchema.FacetCity,
        FacetNames.Kind => IndexSchema.FacetKind,
        FacetNames.Status => IndexSchema.FacetStatus,
        FacetNames.Industry => IndexSchema.FacetIndustry,
        FacetNames.Branch => IndexSchema.FacetBranch,
        FacetNames.Chain => IndexSchema.FacetChain,
        _ => throw new InvalidRequestException($"unknown facet '{facet}'", parameter: "facets"),
    };

    private static FacetValue ToFacetValue(string facet, string key, long count)
    {
        if (facet is FacetNames.Region or FacetNames.City or FacetNames.Industry or FacetNames.Branch or FacetNames.Chain)
        {
            var bar = key.IndexOf('|', StringComparison.Ordinal);
            return bar < 0 ? new FacetValue(key, key, count) : new FacetValue(key[..bar], key[(bar + 1)..], count);
        }

        // IPC subclasses carry WIPO's title, so that a reader sees what C08K is.
        return new FacetValue(key, facet == FacetNames.Ipc ? Taxonomy.IpcTitles.Labelled(key) : key, count);
    }

    private static Sort SortFor(SearchRequest request)
    {
        var tie = new SortField(IndexSchema.PnSort, SortFieldType.STRING);
        return request.Sort switch
        {
            SearchSort.DateDesc => new Sort(IndexSchema.DateSort(QueryTranslator.DateFieldName(request.DateField), reverse: true), tie),
            SearchSort.DateAsc => new Sort(IndexSchema.DateSort(QueryTranslator.DateFieldName(request.DateField), reverse: false), tie),
            _ => new Sort(SortField.FIELD_SCORE, tie),
        };
    }

    /// <summary>
    /// The writer's <see cref="InfoStream"/>, silent except while a commit is armed: then it tells the committing thread's
    /// first "flush postings as segment" message (written by Lucene after it has swapped out every indexing thread's
    /// buffer) to the armed callback, once.
    /// </summary>
    private sealed class FlushStartSignal : InfoStream
    {
        private Armed? _armed;

        public void Arm(Action signal) => Volatile.Write(ref _armed, new Armed(Environment.CurrentManagedThreadId, signal));

        public void Disarm() => Volatile.Write(ref _armed, null);

        public override bool IsEnabled(string component) =>
            component == "DWPT" && Volatile.Read(ref _armed) is { } armed && armed.Thread == Environment.CurrentManagedThreadId;

        public override void Message(string component, string message)
        {
            if (IsEnabled(component) && message.StartsWith("flush postings as segment", StringComparison.Ordinal)
                && Interlocked.Exchange(ref _armed, null) is { } armed)
            {
                armed.Signal();
            }
        }

        private sealed record Armed(int Thread, Action Signal);
    }

    private sealed class Bm25SearcherFactory : SearcherFactory
    {
        public override IndexSearcher NewSearcher(IndexReader reader) => new(reader) { Similarity = Bm25 };
    }

    /// <summary>Highlights matched terms through the bigram shadow fields, which see every term the query matched.</summary>
    private sealed class HitHighlighter(Query query)
    {
        private readonly Dictionary<string, (Highlighter Highlighter, BigramRunFormatter Formatter)> _highlighters = new(StringComparer.Ordinal);

        public IReadOnlyDictionary<string, IReadOnlyList<string>> Highlight(PatentRecord record)
        {
            var result = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
            Add(result, "title", IndexSchema.TitleBigrams, record.Title, 1, 200);
            Add(result, "abstract", IndexSchema.AbstractBigrams, record.Abstract, 3, 100);
            Add(result, "claims", IndexSchema.ClaimsBigrams, IndexSchema.ClaimsText(record), 2, 100);
            return result;
        }

        private void Add(Dictionary<string, IReadOnlyList<string>> result, string name, string field, string? text, int fragments, int fragmentSize)
        {
            if (string.IsNullOrEmpty(text))
            {
                return;
            }

            if (!_highlighters.TryGetValue(field, out var pair))
            {
                var scorer = new QueryScorer(query, field);
                var formatter = new BigramRunFormatter();
                pair = (new Highlighter(formatter, new MinimalHtmlEncoder(), scorer)
                {
                    TextFragmenter = new SimpleSpanFragmenter(scorer, fragmentSize),
                    MaxDocCharsToAnalyze = 20_000,
                }, formatter);
                _highlighters[field] = pair;
            }

            var (highlighter, runFormatter) = pair;
            runFormatter.Text = text;
            using var stream = PatentAnalyzers.Bigrams.GetTokenStream(field, text);
            var frags = highlighter.GetBestTextFragments(stream, text, mergeContiguousFragments: true, fragments)
                .Where(f => f is not null && f.Score > 0)
                .Select(f => f.ToString())
                .ToList();
            if (frags.Count > 0)
            {
                result[name] = frags;
            }
        }
    }
}

/// <summary>
/// Marks exactly the characters of the matched bigrams. Overlapping bigrams chain a whole run of Chinese text into one
/// Lucene token group, and the stock formatter would wrap everything from the first match to the last (电池包和储能电池 for
/// the query 电池); this one wraps only the characters covered by tokens that scored, and escapes the rest itself.
/// </summary>
/// <remarks>Not thread-safe: one instance per highlighter, and <see cref="Text"/> is set before each field value.</remarks>
internal sealed class BigramRunFormatter : IFormatter
{
    /// <summary>The field value being highlighted (the group offsets refer to it).</summary>
    public string Text { get; set; } = string.Empty;

    public string HighlightTerm(string originalText, TokenGroup tokenGroup)
    {
        if (tokenGroup.TotalScore <= 0)
        {
            return originalText; // already escaped by the encoder
        }

        // The highlighter writes the group's text before its first scoring token and after its last one itself (the
        // group's match offsets); this marks up exactly that span, or the text around the match comes out twice.
        var start = int.MaxValue;
        var end = -1;
        for (var i = 0; i < tokenGroup.NumTokens; i++)
        {
            if (tokenGroup.GetScore(i) > 0)
            {
                start = Math.Min(start, tokenGroup.GetToken(i).StartOffset);
                end = Math.Max(end, tokenGroup.GetToken(i).EndOffset);
            }
        }

        end = Math.Min(end, Text.Length);
        if (start < 0 || start >= end)
        {
            return originalText;
        }

        var marked = new bool[end - start];
        for (var i = 0; i < tokenGroup.NumTokens; i++)
        {
            if (tokenGroup.GetScore(i) <= 0)
            {
                continue;
            }

            var token = tokenGroup.GetToken(i);
            for (var c = Math.Max(token.StartOffset, start); c < Math.Min(token.EndOffset, end); c++)
            {
                marked[c - start] = true;
            }
        }

        var sb = new StringBuilder((end - start) + 16);
        var open = false;
        for (var c = start; c < end; c++)
        {
            var isMarked = marked[c - start];
            if (isMarked != open)
            {
                sb.Append(isMarked ? "<em>" : "</em>");
                open = isMarked;
            }

            MinimalHtmlEncoder.Append(sb, Text[c]);
        }

        if (open)
        {
            sb.Append("</em>");
        }

        return sb.ToString();
    }
}

/// <summary>Escapes only the HTML-significant characters, so that Chinese text stays readable in snippets.</summary>
/// <remarks>Lucene's SimpleHTMLEncoder turns every non-ASCII character into a numeric entity.</remarks>
internal sealed class MinimalHtmlEncoder : IEncoder
{
    public string EncodeText(string originalText)
    {
        if (originalText.AsSpan().IndexOfAny("&<>\"'") < 0)
        {
            return originalText;
        }

        var sb = new StringBuilder(originalText.Length + 16);
        foreach (var c in originalText)
        {
            Append(sb, c);
        }

        return sb.ToString();
    }

    /// <summary>Appends one character, escaped when HTML-significant.</summary>
    public static void Append(StringBuilder sb, char c)
    {
        switch (c)
        {
            case '&': sb.Append("&amp;"); break;
            case '<': sb.Append("&lt;"); break;
            case '>': sb.Append("&gt;"); break;
            case '"': sb.Append("&quot;"); break;
            case '\'': sb.Append("&#39;"); break;
            default: sb.Append(c); break;
        }
    }
}

/// <summary>Encodes the sort values of the last hit of a page as an opaque, URL-safe cursor (search-after).</summary>
/// <remarks>Ties are broken by publication number, which is unique, so a cursor stays valid and pages neither repeat
/// nor skip a patent while the index is unchanged; after new imports, relevance scores may shift.</remarks>
internal static class SearchCursor
{
    public static string Encode(FieldDoc doc, SearchSort sort)
    {
        var first = doc.Fields[0];
        var pn = doc.Fields[1] is BytesRef b ? b.Utf8ToString() : Convert.ToString(doc.Fields[1], CultureInfo.InvariantCulture) ?? string.Empty;
        var firstText = sort == SearchSort.Relevance
            ? Convert.ToSingle(first, CultureInfo.InvariantCulture).ToString("R", CultureInfo.InvariantCulture)
            : Convert.ToInt32(first, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture);
        var raw = string.Create(CultureInfo.InvariantCulture, $"v1|{(int)sort}|{firstText}|{pn}");
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(raw)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    public static FieldDoc Decode(string cursor, SearchSort sort)
    {
        string raw;
        try
        {
            var b64 = cursor.Replace('-', '+').Replace('_', '/');
            b64 = b64.PadRight(b64.Length + ((4 - (b64.Length % 4)) % 4), '=');
            raw = Encoding.UTF8.GetString(Convert.FromBase64String(b64));
        }
        catch (FormatException)
        {
            throw new InvalidRequestException("the cursor is not one this service issued; pass nextCursor from the previous page unchanged", parameter: "cursor");
        }

        var parts = raw.Split('|', 4);
        if (parts.Length != 4 || parts[0] != "v1" || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var s))
        {
            throw new InvalidRequestException("the cursor is not one this service issued; pass nextCursor from the previous page unchanged", parameter: "cursor");
        }

        if (s != (int)sort)
        {
            throw new InvalidRequestException("the cursor belongs to a search with another sort order; start again without a cursor", parameter: "cursor");
        }

        // Lucene.Net's comparers take their top value boxed as J2N numerics (the types FieldDoc.Fields carries), not as
        // System.Single/Int32: SetTopValue throws ArgumentException on a plain float or int.
        object first;
        if (sort == SearchSort.Relevance)
        {
            first = float.TryParse(parts[2], NumberStyles.Float, CultureInfo.InvariantCulture, out var f) ? J2N.Numerics.Single.GetInstance(f) : throw new InvalidRequestException("malformed cursor", parameter: "cursor");
        }
        else
        {
            first = int.TryParse(parts[2], NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) ? J2N.Numerics.Int32.GetInstance(i) : throw new InvalidRequestException("malformed cursor", parameter: "cursor");
        }

        return new FieldDoc(int.MaxValue, float.NaN, [first, new BytesRef(parts[3])]);
    }
}

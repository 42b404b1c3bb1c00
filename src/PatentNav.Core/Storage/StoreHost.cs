using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using PatentNav.Records;
using PatentNav.Search;

namespace PatentNav.Storage;

/// <summary>The analytical store beside the index: written with each import commit, rebuilt when it does not match.</summary>
internal sealed class StoreHost : IDisposable
{
    private readonly string _dataDirectory;
    private readonly int? _memoryLimitMegabytes;
    private readonly PatentIndex _index;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _importGate;
    private readonly CancellationToken _shutdown;

    public StoreHost(string dataDirectory, int? memoryLimitMegabytes, PatentIndex index, ILogger logger, SemaphoreSlim importGate, CancellationToken shutdown)
    {
        _dataDirectory = dataDirectory;
        _memoryLimitMegabytes = memoryLimitMegabytes;
        _index = index;
        _logger = logger;
        _importGate = importGate;
        _shutdown = shutdown;
        OpenStore();
    }

    private AnalyticsStore _store = null!;
    private volatile AnalyticsStoreStatus _storeStatus = new("ready", 0, 0, null);
    private Task _storeBuild = Task.CompletedTask;

    /// <summary>The analytical store's path (<c>&lt;DataDirectory&gt;/analytics.duckdb</c>).</summary>
    public string AnalyticsStorePath => Path.Combine(_dataDirectory, AnalyticsStore.FileName);

    /// <summary>The analytical store's state: counting analyses answer only when it is <c>ready</c>.</summary>
    public AnalyticsStoreStatus AnalyticsStatus => _storeStatus;

    /// <summary>Completes when the analytical store matches the index (at once, unless it is being rebuilt).</summary>
    public Task WhenAnalyticsReadyAsync(CancellationToken cancellationToken = default) => _storeBuild.WaitAsync(cancellationToken);

    /// <summary>A new staging buffer for the rows of one import.</summary>
    public StoreRows NewRows() => new(_store, _logger);

    /// <summary>Opens the store and starts a rebuild when its stamp or row count differs from the index's last commit.</summary>
    private void OpenStore()
    {
        try
        {
            _store = AnalyticsStore.Open(AnalyticsStorePath, _memoryLimitMegabytes);
        }
        catch (Exception ex) when (ex is DuckDB.NET.Data.DuckDBException or IOException)
        {
            // An unreadable file (torn by a crash, from another DuckDB version): it is derived data, so start it anew.
            _logger.LogWarning(ex, "The analytical store {Path} could not be opened; it is rebuilt from the index", AnalyticsStorePath);
            DeleteStoreFiles();
            _store = AnalyticsStore.Open(AnalyticsStorePath, _memoryLimitMegabytes);
        }

        var reason = StoreMismatch();
        if (reason is not null)
        {
            StartStoreRebuild(reason);
        }
        else
        {
            _storeStatus = new AnalyticsStoreStatus("ready", _store.Rows, _index.DocumentCount, null);
        }
    }

    /// <summary>Why the store does not match the index's last commit, or <c>null</c> when it does.</summary>
    private string? StoreMismatch()
    {
        var indexId = _index.LastCommitId;
        var documents = _index.DocumentCount;
        var stamp = _store.Stamp;
        var rows = _store.Rows;
        if (indexId is null && documents == 0 && rows == 0)
        {
            return null;
        }

        if (indexId is null)
        {
            return "the index was written by a build before the analytical store";
        }

        if (!string.Equals(stamp, indexId, StringComparison.Ordinal))
        {
            return stamp is null ? "the analytical store is new or empty" : "the analytical store was written for another index commit (a stop between the two writes)";
        }

        return rows != documents ? $"the analytical store holds {rows:N0} rows for {documents:N0} indexed patents" : null;
    }

    private void StartStoreRebuild(string reason)
    {
        _storeStatus = new AnalyticsStoreStatus("building", 0, _index.DocumentCount, reason);
        _logger.LogInformation("Rebuilding the analytical store from the index: {Reason}", reason);
        _storeBuild = Task.Run(async () =>
        {
            // Under the import gate: no import writes while the rows are read, so they are exactly the last commit's.
            await _importGate.WaitAsync(_shutdown).ConfigureAwait(false);
            try
            {
                RebuildStore(reason, _shutdown);
            }
            finally
            {
                _importGate.Release();
            }
        });
    }

    /// <summary>Rebuilds the store from every indexed record, on this thread (the caller holds the import gate), showing it
    /// as building meanwhile.</summary>
    public void RebuildStore(string reason, CancellationToken cancellationToken)
    {
        _storeStatus = new AnalyticsStoreStatus("building", 0, _index.DocumentCount, reason);
        try
        {
            var stamp = _index.LastCommitId;
            if (stamp is null)
            {
                // An index whose commits carry no id: a commit of its own gives the store an id to match.
                stamp = _index.Commit(new Dictionary<string, string>(_index.LastCommitData, StringComparer.Ordinal));
            }

            var total = _index.DocumentCount;
            _storeStatus = new AnalyticsStoreStatus("building", 0, total, reason);
            var taxonomies = _index.Taxonomies;
            var rows = _index.ReadAll(cancellationToken).Select(r => StoreRow.From(r, taxonomies.IndexValues(r).Tokens));
            var written = _store.Replace(rows, stamp, n => _storeStatus = new AnalyticsStoreStatus("building", n, total, reason), cancellationToken);
            _storeStatus = new AnalyticsStoreStatus("ready", written, total, null);
            _logger.LogInformation("Analytical store rebuilt: {Rows} rows", written);
        }
        catch (OperationCanceledException)
        {
            _storeStatus = new AnalyticsStoreStatus("failed", 0, 0, "the service stopped while the analytical store was being built; it is built again at the next start");
        }
        catch (Exception ex) when (ex is DuckDB.NET.Data.DuckDBException or IOException or InvalidDataException)
        {
            _logger.LogError(ex, "Rebuilding the analytical store failed");
            _storeStatus = new AnalyticsStoreStatus("failed", 0, 0, "rebuilding the analytical store failed: " + ex.Message);
        }
    }

    /// <summary>Writes one commit's rows (staged and in memory); a failure leaves the store stale, and it is rebuilt after the import.</summary>
    public void WriteStore(StoreRows.Batch rows, string stamp)
    {
        try
        {
            if (rows.StagingFailed)
            {
                throw new IOException("staging rows for the commit failed (see the log)");
            }

            _store.Write(rows.Number, rows.Rows, stamp);
            _storeStatus = _storeStatus.State == "ready" ? _storeStatus with { Rows = _store.Rows, Total = _index.DocumentCount } : _storeStatus;
        }
        catch (Exception ex) when (ex is DuckDB.NET.Data.DuckDBException or IOException)
        {
            _logger.LogError(ex, "Writing batch {Batch} to the analytical store failed; it is rebuilt from the index", rows.Number);
            _storeStatus = new AnalyticsStoreStatus("building", 0, _index.DocumentCount, "writing to the analytical store failed: " + ex.Message);
            _storeStale = true;
        }
    }

    private volatile bool _storeStale;

    /// <summary>After an import or re-apply (import gate held): rebuilds the store when a write to it failed.</summary>
    public void RebuildStoreIfStale()
    {
        if (_storeStale)
        {
            _storeStale = false;
            RebuildStore("a write to the analytical store failed", _shutdown);
        }
    }

    /// <summary>Runs a counting analysis over the store for the patents matching <paramref name="filter"/>, on a pool thread:
    /// the filter is validated first (a bad one is an <see cref="InvalidRequestException"/> whatever the store's state),
    /// then the store must be ready; free text and applicant filters are evaluated by the index.</summary>
    public Task<T> AnalyzeInStoreAsync<T>(PatentFilter filter, Func<StoreSession, T> analysis, CancellationToken cancellationToken) =>
        Task.Run(() => AnalyzeInStore(filter, analysis, cancellationToken), cancellationToken);

    /// <summary>As <see cref="AnalyzeInStoreAsync{T}"/>, on the calling thread.</summary>
    public T AnalyzeInStore<T>(PatentFilter filter, Func<StoreSession, T> analysis, CancellationToken cancellationToken)
    {
        var storeFilter = StoreFilter.From(filter, _index.Taxonomies);
        var store = ReadyStore();
        var matched = storeFilter.TextFilter is null ? null : _index.MatchingNumbers(storeFilter.TextFilter, cancellationToken);
        using var session = new StoreSession(store, storeFilter, matched);
        return analysis(session);
    }

    /// <summary>The stored records of publication numbers (the patents an analysis over the store lists), in the order given;
    /// a number no longer stored is left out.</summary>
    public IReadOnlyList<PatentRecord> LoadRecords(IReadOnlyList<string> publicationNumbers) =>
        _index.WithSearcher(s => publicationNumbers.Select(pn => PatentIndex.Find(s, pn)).OfType<PatentRecord>().ToList());

    /// <summary>Throws <see cref="AnalyticsUnavailableException"/> unless the store is ready.</summary>
    public AnalyticsStore ReadyStore()
    {
        var status = _storeStatus;
        return status.State == "ready"
            ? _store
            : throw new AnalyticsUnavailableException(
                status.State == "building"
                    ? $"the analytical store is being built from the index ({status.Rows:N0} of {status.Total:N0} patents): {status.Reason}; try again shortly"
                    : $"the analytical store is not available: {status.Reason}",
                status);
    }

    private void DeleteStoreFiles()
    {
        foreach (var path in new[] { AnalyticsStorePath, AnalyticsStorePath + ".wal" })
        {
            if (File.Exists(path))
            {
                File.Delete(path);
            }
        }
    }

    /// <summary>The store rows of one import, made on the indexing threads: every <see cref="ChunkRows"/> rows go to the
    /// commit's staging table, so memory holds a chunk, not a commit's worth (50,000 rows of lists: hundreds of MB at 1M
    /// records); <see cref="Take"/> hands the commit its batch.</summary>
    public sealed class StoreRows(AnalyticsStore store, ILogger logger)
    {
        private const int ChunkRows = 5_000;
        private readonly Lock _gate = new();
        private ConcurrentQueue<StoreRow> _rows = new();
        private int _queued;
        private long _batch = store.NewBatch();
        private bool _failed;

        /// <summary>A commit's rows: its staged batch and the rows still in memory.</summary>
        public sealed record Batch(long Number, IReadOnlyCollection<StoreRow> Rows, bool StagingFailed);

        public void Add(PatentRecord record, IReadOnlyList<string> industries)
        {
            _rows.Enqueue(StoreRow.From(record, industries));
            if (Interlocked.Increment(ref _queued) >= ChunkRows && _gate.TryEnter())
            {
                try
                {
                    Flush();
                }
                finally
                {
                    _gate.Exit();
                }
            }
        }

        /// <summary>Takes the batch so far (the indexer is drained, so no thread adds meanwhile); the next rows start a new batch.</summary>
        public Batch Take()
        {
            lock (_gate)
            {
                var batch = new Batch(_batch, Interlocked.Exchange(ref _rows, new ConcurrentQueue<StoreRow>()), _failed);
                _queued = 0;
                _failed = false;
                _batch = store.NewBatch();
                return batch;
            }
        }

        private void Flush()
        {
            var chunk = new List<StoreRow>(ChunkRows);
            while (chunk.Count < 2 * ChunkRows && _rows.TryDequeue(out var row))
            {
                chunk.Add(row);
            }

            Interlocked.Add(ref _queued, -chunk.Count);
            if (_failed || chunk.Count == 0)
            {
                return;
            }

            try
            {
                store.Stage(_batch, chunk);
            }
            catch (Exception ex) when (ex is DuckDB.NET.Data.DuckDBException or IOException)
            {
                // The commit then marks the store stale and it is rebuilt from the index after the import.
                logger.LogError(ex, "Staging {Rows} rows for the analytical store failed", chunk.Count);
                _failed = true;
            }
        }
    }

    public void Dispose()
    {
        try
        {
            _storeBuild.Wait(TimeSpan.FromSeconds(30));
        }
        catch (AggregateException)
        {
            // Recorded in the store's status; it is rebuilt at the next start.
        }

        _store.Dispose();
    }
}

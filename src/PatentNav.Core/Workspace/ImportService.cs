using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using PatentNav.Import;
using PatentNav.Internal;
using PatentNav.Records;
using PatentNav.Storage;
using PatentNav.Taxonomy;

namespace PatentNav.Workspace;

/// <summary>Imports (导入): export files read, merged by publication number and committed to the index and the analytical
/// store, one import at a time; reports kept in <c>&lt;data&gt;/imports/</c>.</summary>
/// <remarks>Thread safety: every member is safe to call concurrently; later imports queue behind the running one.</remarks>
public sealed class ImportService
{
    private const int BatchSize = 512;
    private readonly WorkspaceCore _core;
    private readonly PatentWorkspaceOptions _options;
    private readonly PatentIndex _index;
    private readonly StoreHost _store;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, ImportReport> _imports = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, CancellationTokenSource> _running = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Task> _background = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TaskCompletionSource<ImportReport>> _finished = new(StringComparer.Ordinal);

    internal ImportService(WorkspaceCore core)
    {
        _core = core;
        _options = core.Options;
        _index = core.Index;
        _store = core.Store;
        _logger = core.Logger;
        Directory.CreateDirectory(ImportsDirectory);
        Directory.CreateDirectory(UploadsDirectory);
        LoadImportLog();
        core.Imports = this;
    }

    /// <summary>Where uploads waiting for import are kept (files named by the service, never by the client).</summary>
    public string UploadsDirectory => Path.Combine(_options.DataDirectory, "uploads");

    /// <summary>Imports that are queued or running.</summary>
    public int Pending => _imports.Values.Count(r => r.State is ImportState.Queued or ImportState.Running);

    private string ImportsDirectory => Path.Combine(_options.DataDirectory, "imports");

    /// <summary>Imports an export file synchronously (the task completes when the import does).</summary>
    /// <param name="stream">The file's bytes; read once, from its current position.</param>
    /// <param name="options">The layout, mapping and encoding (all optional).</param>
    /// <param name="progress">Receives progress about every thousand rows.</param>
    /// <param name="cancellationToken">Cancels the import; rows counted so far stay committed.</param>
    /// <returns>The import report. A file that cannot be imported at all gives a report in state <see cref="ImportState.Failed"/>.</returns>
    public async Task<ImportReport> ImportAsync(Stream stream, ImportOptions? options = null, IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var report = NewReport(options?.FileName);
        return await RunImportAsync(report, () => stream, ownsStream: false, options ?? new ImportOptions(), progress, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Imports a file from disk synchronously; see <see cref="ImportAsync(Stream, ImportOptions?, IProgress{ImportProgress}?, CancellationToken)"/>.</summary>
    public Task<ImportReport> ImportFileAsync(string path, ImportOptions? options = null, IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        options ??= new ImportOptions();
        options = options with { FileName = options.FileName ?? Path.GetFileName(path) };
        var report = NewReport(options.FileName);
        return RunImportAsync(report, () => OpenRead(path), ownsStream: true, options, progress, cancellationToken);
    }

    /// <summary>
    /// Starts importing a file in the background and returns at once with the queued report; follow it with
    /// <see cref="Get"/>. The file is deleted afterwards when <paramref name="deleteWhenDone"/> is set.
    /// </summary>
    public ImportReport StartImport(string path, ImportOptions? options = null, bool deleteWhenDone = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        options ??= new ImportOptions();
        var report = NewReport(options.FileName ?? Path.GetFileName(path));
        _imports[report.Id] = report;
        Persist(report);
        var task = Task.Run(async () =>
        {
            try
            {
                await RunImportAsync(report, () => OpenRead(path), ownsStream: true, options, null, _core.Shutdown).ConfigureAwait(false);
            }
            finally
            {
                if (deleteWhenDone)
                {
                    TryDelete(path);
                }

                _background.TryRemove(report.Id, out _);
            }
        });
        _background[report.Id] = task;
        return report;
    }

    /// <summary>The report of an import (live while it runs), or <c>null</c> for an unknown id.</summary>
    public ImportReport? Get(string id) => _imports.TryGetValue(id, out var r) ? r : null;

    /// <summary>Every import this workspace knows, newest first.</summary>
    public IReadOnlyList<ImportReport> List() => _imports.Values.OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id, StringComparer.Ordinal).ToList();

    /// <summary>Requests cancellation of a queued or running import; returns false when it is not running.</summary>
    public bool Cancel(string id)
    {
        if (_running.TryGetValue(id, out var cts))
        {
            cts.Cancel();
            return true;
        }

        return false;
    }

    /// <summary>
    /// Compiles the import path (reading JSONL, industries, documents, Lucene's indexing chain, segment flushes, commits)
    /// before the first real import needs it, by importing a small built-in set of records into a throwaway workspace in a
    /// temporary directory, which is deleted afterwards. No workspace's data is touched.
    /// </summary>
    /// <remarks>
    /// <para>Runs once per process (later calls wait for the same run); without it the first import spends its first
    /// second or so compiling on one core. The Api calls this at start-up (setting <c>PatentNav:WarmImport</c>).</para>
    /// <para>The records are invented for this purpose, never stored or shown.</para>
    /// </remarks>
    /// <param name="cancellationToken">Stops waiting (the warm-up itself runs to its end).</param>
    /// <returns>How long the warm-up took.</returns>
    /// <exception cref="IOException">The temporary directory could not be written.</exception>
    /// <exception cref="InvalidOperationException">The warm-up import did not complete (a defect: its records are built in).</exception>
    public static Task<TimeSpan> WarmUpAsync(CancellationToken cancellationToken = default) =>
        ImportWarmUp.Once.Value.WaitAsync(cancellationToken);

    /// <summary>Waits up to <paramref name="timeout"/> for an import to end and returns its report as it is then (still
    /// queued or running when the time ran out), or <c>null</c> for an unknown id.</summary>
    public async Task<ImportReport?> WaitAsync(string id, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var report = Get(id);
        if (report is null || report.State is not (ImportState.Queued or ImportState.Running))
        {
            return report;
        }

        var done = _finished.GetOrAdd(id, _ => new TaskCompletionSource<ImportReport>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (Get(id) is { State: not (ImportState.Queued or ImportState.Running) } ended)
        {
            _finished.TryRemove(id, out _);
            return ended; // finished between the two reads
        }

        try
        {
            return await done.Task.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            return Get(id);
        }
    }

    /// <summary>Waits for the background imports to end (they see the shutdown signal first).</summary>
    internal void WaitForBackground()
    {
        try
        {
            Task.WaitAll(_background.Values.ToArray(), TimeSpan.FromSeconds(30));
        }
        catch (AggregateException)
        {
            // Failures are recorded in the reports.
        }
    }

    private static FileStream OpenRead(string path) => new(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Left for the operator; uploads/ holds only service-named files.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private ImportReport NewReport(string? fileName)
    {
        var now = _options.TimeProvider.GetUtcNow();
        var id = string.Create(CultureInfo.InvariantCulture, $"imp-{now:yyyyMMdd-HHmmss}-{Guid.NewGuid().ToString("N")[..8]}");
        return new ImportReport { Id = id, State = ImportState.Queued, FileName = fileName, CreatedAt = now };
    }

    private async Task<ImportReport> RunImportAsync(ImportReport report, Func<Stream> open, bool ownsStream, ImportOptions options, IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        _core.ThrowIfDisposed();
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _core.Shutdown);
        _running[report.Id] = cts;
        _imports[report.Id] = report;
        Persist(report);
        try
        {
            await _core.ImportGate.WaitAsync(cts.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            _running.TryRemove(report.Id, out _);
            return Finish(report with { State = ImportState.Cancelled, Message = "cancelled before it started" });
        }

        try
        {
            return await Task.Run(() => RunImport(report, open, ownsStream, options with { BatchId = report.Id }, progress, cts.Token), CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            _store.RebuildStoreIfStale();
            _running.TryRemove(report.Id, out _);
            _core.ImportGate.Release();
        }
    }

    private ImportReport RunImport(ImportReport report, Func<Stream> open, bool ownsStream, ImportOptions options, IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        using var state = new ImportRun(this, report with { State = ImportState.Running }, options, progress);
        Stream? stream = null;
        try
        {
            stream = open();
            using var file = ExportReader.Open(stream, options);
            state.Report = state.Report with
            {
                Format = file.Format,
                Encoding = file.Encoding,
                Columns = file.FieldColumns,
                UnmappedColumns = file.UnmappedColumns,
                TotalBytes = file.TotalBytes,
            };
            Publish(state.Report);
            foreach (var row in file.ReadRows(cancellationToken))
            {
                state.Accept(row, file.BytesRead);
            }

            state.Flush(file.BytesRead);
            return Finish(state.CommitAndReport(ImportState.Completed, null));
        }
        catch (OperationCanceledException)
        {
            var reason = _core.IsShuttingDown ? "the service stopped during the import" : "cancelled on request";
            return Finish(state.FlushCommitAndReport(ImportState.Cancelled, reason + "; rows counted before it are committed; import the same file again to complete it"));
        }
        catch (ImportFormatException ex)
        {
            return Finish(state.FlushCommitAndReport(ImportState.Failed, ex.Message));
        }
        catch (ArgumentException ex)
        {
            // Invalid ImportOptions (an unknown format): without this the exception escaped the background task and the
            // report stayed queued for ever.
            return Finish(state.FlushCommitAndReport(ImportState.Failed, ex.Message));
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or System.Text.DecoderFallbackException or JsonException or FormatException or NotSupportedException)
        {
            _logger.LogWarning(ex, "Import {ImportId} failed", report.Id);
            return Finish(state.FlushCommitAndReport(ImportState.Failed, "the file could not be read to the end: " + ex.Message));
        }
        finally
        {
            if (ownsStream)
            {
                stream?.Dispose();
            }
        }
    }

    private ImportReport Finish(ImportReport report)
    {
        report = report with { FinishedAt = _options.TimeProvider.GetUtcNow() };
        Publish(report);
        if (_finished.TryRemove(report.Id, out var waiting))
        {
            waiting.TrySetResult(report);
        }
        return report;
    }

    private void Publish(ImportReport report)
    {
        _imports[report.Id] = report;
        Persist(report);
    }

    private void Persist(ImportReport report)
    {
        DataFiles.WriteAtomically(Path.Combine(ImportsDirectory, report.Id + ".json"), JsonSerializer.Serialize(report, PatentJson.Options));
    }

    private void LoadImportLog()
    {
        foreach (var path in Directory.EnumerateFiles(ImportsDirectory, "*.json"))
        {
            ImportReport? report;
            try
            {
                report = JsonSerializer.Deserialize<ImportReport>(File.ReadAllText(path), PatentJson.Options);
            }
            catch (JsonException)
            {
                continue; // a torn write from a crash: the .tmp rename makes this rare; the report is lost, not the data
            }

            if (report is null)
            {
                continue;
            }

            if (report.State is ImportState.Queued or ImportState.Running)
            {
                report = report with
                {
                    State = ImportState.Interrupted,
                    Message = string.Create(CultureInfo.InvariantCulture, $"the process stopped during this import; {report.CommittedRows} rows were committed; import the same file again to complete it without duplicates"),
                };
                Persist(report);
            }

            _imports[report.Id] = report;
        }
    }

    /// <summary>The state of one running import: batching, upsert with merge, periodic commits.</summary>
    private sealed class ImportRun : IDisposable
    {
        private readonly ImportService _ws;
        private readonly ParallelIndexer _indexer;
        private readonly ImportOptions _options;
        private readonly IProgress<ImportProgress>? _progress;
        private readonly List<PatentRecord> _batch = new(BatchSize);
        private readonly StoreHost.StoreRows _storeRows;
        private readonly HashSet<string> _written = new(StringComparer.Ordinal);
        private const int QueueCapacity = 4 * BatchSize;
        private readonly object _reportGate = new();
        private Task? _backgroundCommit;
        private readonly bool _indexWasEmpty;
        private readonly List<ImportError> _errors = [];
        private readonly long _startTicks;
        private long _lastCommitTicks;
        private long _rowsSinceCommit;
        private long _read;
        private long _imported;
        private long _updated;
        private long _unchanged;
        private long _rejected;
        private long _bytes;
        private bool _errorsTruncated;

        public ImportRun(ImportService ws, ImportReport report, ImportOptions options, IProgress<ImportProgress>? progress)
        {
            _ws = ws;
            _storeRows = ws._store.NewRows();
            Report = report;
            _options = options;
            _progress = progress;
            _startTicks = ws._options.TimeProvider.GetTimestamp();
            _lastCommitTicks = _startTicks;
            _indexer = new ParallelIndexer(ws._index, Environment.ProcessorCount, QueueCapacity, _storeRows.Add);
            _indexWasEmpty = ws._index.DocumentCount == 0;
        }

        public void Dispose()
        {
            _indexer.Dispose();
            if (_backgroundCommit is { } pending)
            {
                // Only on a path that already failed (the last commit waits for it otherwise); its own failure, if any,
                // is not the one to report.
                try
                {
                    pending.Wait();
                }
                catch (AggregateException)
                {
                }
            }
        }

        public ImportReport Report { get; set; }

        public void Accept(RowResult row, long bytesRead)
        {
            _read++;
            _bytes = bytesRead;
            if (row.Record is null)
            {
                _rejected++;
                lock (_reportGate) // a commit running beside the import copies the errors into its report
                {
                    foreach (var e in row.Errors)
                    {
                        if (_errors.Count < _options.MaxReportedErrors)
                        {
                            _errors.Add(e);
                        }
                        else
                        {
                            _errorsTruncated = true;
                        }
                    }
                }
            }
            else
            {
                _batch.Add(row.Record);
                if (_batch.Count >= BatchSize)
                {
                    Flush(bytesRead);
                }
            }

            if (_read % 1000 == 0)
            {
                ReportProgress();
            }
        }

        public void Flush(long bytesRead)
        {
            _bytes = bytesRead;
            if (_batch.Count > 0)
            {
                WriteBatch();
            }

            if (_backgroundCommit is { IsCompleted: true })
            {
                WaitForBackgroundCommit(); // its failure ends the import here
            }

            var elapsed = _ws._options.TimeProvider.GetElapsedTime(_lastCommitTicks);
            if (_rowsSinceCommit >= _ws._options.CommitEveryRows || (_rowsSinceCommit > 0 && elapsed >= _ws._options.CommitInterval))
            {
                Commit(background: true);
            }
        }

        public ImportReport FlushCommitAndReport(ImportState state, string? message)
        {
            try
            {
                if (_batch.Count > 0)
                {
                    WriteBatch();
                }
            }
            catch (Exception ex) when (ex is IOException or InvalidOperationException)
            {
                message += "; the last batch could not be written: " + ex.Message;
            }

            return CommitAndReport(state, message);
        }

        public ImportReport CommitAndReport(ImportState state, string? message)
        {
            // The rows still queued (at most the queue's capacity) go into the indexing threads' fresh buffers after each
            // has written out its large one.
            using (_ws._index.FlushLargeBuffersSoon(QueueCapacity + 1))
            {
                Commit(background: false);
            }

            lock (_reportGate)
            {
                Report = Snapshot() with { State = state, Message = message, CommittedRows = _read };
            }

            ReportProgress();
            return Report;
        }

        private void WriteBatch()
        {
            // Records stored before this import are looked up in the searcher of the moment; a number written earlier
            // in this same import needs a refresh first so that the lookup sees it (rare: duplicates within a file).
            var needsRefresh = _batch.Any(r => _written.Contains(r.PublicationNumber.Value));
            if (needsRefresh)
            {
                _indexer.Drain();
                _ws._index.Refresh();
            }

            var toWrite = new List<PatentRecord>(_batch.Count);
            _ws._index.WithCurrentSearcher(searcher =>
            {
                var inBatch = new Dictionary<string, int>(StringComparer.Ordinal);
                foreach (var incoming in _batch)
                {
                    var key = incoming.PublicationNumber.Value;
                    var pendingIndex = inBatch.TryGetValue(key, out var i) ? i : -1;
                    // Into an empty index (the first bulk load), only numbers this import wrote can exist.
                    var stored = pendingIndex >= 0 ? toWrite[pendingIndex]
                        : _indexWasEmpty && !_written.Contains(key) ? null
                        : PatentIndex.Find(searcher, key);
                    if (stored is null)
                    {
                        _imported++;
                        inBatch[key] = toWrite.Count;
                        toWrite.Add(incoming);
                        continue;
                    }

                    var merged = RecordMerge.Merge(stored, incoming);
                    if (RecordMerge.SameContent(stored, merged))
                    {
                        _unchanged++;
                        continue;
                    }

                    _updated++;
                    if (pendingIndex >= 0)
                    {
                        toWrite[pendingIndex] = merged;
                    }
                    else
                    {
                        inBatch[key] = toWrite.Count;
                        toWrite.Add(merged);
                    }
                }

                return 0;
            });

            _indexer.Add(toWrite);
            foreach (var r in toWrite)
            {
                _written.Add(r.PublicationNumber.Value);
            }

            _rowsSinceCommit += _batch.Count;
            _batch.Clear();
        }

        /// <summary>Commits every row read so far. A commit during the import (<paramref name="background"/>) runs beside it:
        /// it waits only until Lucene has taken the rows indexed so far, then the reader goes on and the indexing threads
        /// help write the commit's segments while indexing the next rows, so no core idles while one writes. The commit
        /// holds exactly the rows before it, as a synchronous one does. The next commit, or the end, waits for it.</summary>
        private void Commit(bool background)
        {
            _indexer.Drain();
            WaitForBackgroundCommit();
            var committedRows = _read - _batch.Count;
            var userData = CommitData();
            var storeRows = _storeRows.Take();
            _rowsSinceCommit = 0;
            _lastCommitTicks = _ws._options.TimeProvider.GetTimestamp();
            if (!background)
            {
                _ws._store.WriteStore(storeRows, _ws._index.Commit(userData));
                _ws._core.Committed();
                Committed(committedRows);
                return;
            }

            var taken = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _backgroundCommit = Task.Run(() =>
            {
                _ws._store.WriteStore(storeRows, _ws._index.Commit(userData, () => taken.TrySetResult()));
                _ws._core.Committed();
                Committed(committedRows);
            });
            taken.Task.Wait();
        }

        /// <summary>Waits for the commit running beside the import, if any; throws its failure.</summary>
        private void WaitForBackgroundCommit()
        {
            if (_backgroundCommit is { } pending)
            {
                _backgroundCommit = null;
                pending.GetAwaiter().GetResult();
            }
        }

        /// <summary>Publishes that the rows before <paramref name="committedRows"/> are durable (from the commit's thread).</summary>
        private void Committed(long committedRows)
        {
            lock (_reportGate)
            {
                Report = Snapshot() with { CommittedRows = committedRows };
                _ws.Publish(Report);
            }
        }

        private Dictionary<string, string> CommitData()
        {
            var now = _ws._options.TimeProvider.GetUtcNow();
            return new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["import"] = Report.Id,
                ["rowsCommitted"] = _read.ToString(CultureInfo.InvariantCulture),
                ["committedAt"] = now.ToString("O", CultureInfo.InvariantCulture),
                // Only a full re-apply makes stored industries current; an import into an empty index is current by construction.
                [WorkspaceCore.TaxonomyCommitKey] = _indexWasEmpty && _ws._core.CommittedTaxonomy is null
                    ? _ws._core.Taxonomies.Fingerprint
                    : _ws._core.CommittedTaxonomy ?? string.Empty,
            };
        }

        private ImportReport Snapshot() => Report with
        {
            Read = _read,
            Imported = _imported,
            Updated = _updated,
            Unchanged = _unchanged,
            Rejected = _rejected,
            Errors = _errors.ToList(),
            ErrorsTruncated = _errorsTruncated,
            BytesRead = _bytes,
        };

        private void ReportProgress()
        {
            ImportReport snapshot;
            lock (_reportGate)
            {
                snapshot = Snapshot();
                _ws._imports[Report.Id] = snapshot; // live view for GetImport, not persisted on every tick
                Report = snapshot;
            }

            _progress?.Report(new ImportProgress(_read, _bytes, Report.TotalBytes, _imported, _updated, _unchanged, _rejected));
        }
    }
}

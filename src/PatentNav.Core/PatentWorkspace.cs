using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Lucene.Net.Search;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PatentNav.Analytics;
using PatentNav.Import;
using PatentNav.Records;
using PatentNav.Search;
using PatentNav.Storage;
using PatentNav.Taxonomy;
using PatentNav.Text;
using PatentNav.Internal;

namespace PatentNav;

/// <summary>
/// The entry point: one data directory holding a Lucene index of patent records, with import, search and lookup.
/// </summary>
/// <remarks>
/// <para>Open one workspace per data directory per process (<see cref="Open"/>) and keep it for the application's
/// lifetime; dispose it to commit and release the index.</para>
/// <para>Thread safety: every member is safe to call concurrently. Imports run one at a time (later ones queue);
/// searches run in parallel and see rows of a running import within <see cref="PatentWorkspaceOptions.RefreshInterval"/>.</para>
/// </remarks>
public sealed partial class PatentWorkspace : IDisposable, IAsyncDisposable
{
    private const int BatchSize = 512;
    private readonly PatentWorkspaceOptions _options;
    private readonly PatentIndex _index;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _importGate = new(1, 1);
    private readonly ConcurrentDictionary<string, ImportReport> _imports = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, CancellationTokenSource> _running = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Task> _background = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _shutdown = new();
    private readonly Timer _refreshTimer;
    private int _disposed;

    private PatentWorkspace(PatentWorkspaceOptions options, PatentIndex index, IndustryTaxonomies taxonomies)
    {
        _options = options;
        _index = index;
        _index.Taxonomies = taxonomies;
        _index.RefreshInterval = options.RefreshInterval;
        _logger = (options.LoggerFactory ?? NullLoggerFactory.Instance).CreateLogger<PatentWorkspace>();
        Directory.CreateDirectory(ImportsDirectory);
        Directory.CreateDirectory(UploadsDirectory);
        LoadImportLog();
        OpenStore();
        _refreshTimer = new Timer(_ => RefreshQuietly(), null, options.RefreshInterval, options.RefreshInterval);
    }

    /// <summary>The data directory.</summary>
    public string DataDirectory => _options.DataDirectory;

    /// <summary>Where uploads waiting for import are kept (files named by the service, never by the client).</summary>
    public string UploadsDirectory => Path.Combine(_options.DataDirectory, "uploads");

    /// <summary>The number of patent records searches see now.</summary>
    public int DocumentCount => _index.DocumentCount;

    /// <summary>The user data of the last durable commit (<c>import</c> id, <c>committedAt</c>).</summary>
    public IReadOnlyDictionary<string, string> LastCommit => new Dictionary<string, string>(_index.LastCommitData, StringComparer.Ordinal);

    /// <summary>Imports that are queued or running.</summary>
    public int PendingImports => _imports.Values.Count(r => r.State is ImportState.Queued or ImportState.Running);

    private string ImportsDirectory => Path.Combine(_options.DataDirectory, "imports");

    /// <summary>The taxonomies (SEI–IPC 2021 and the city's chains) that new documents are indexed with and industry filters
    /// resolve against.</summary>
    public IndustryTaxonomies Taxonomies => _index.Taxonomies;

    /// <summary>The file the city taxonomy is read from and <see cref="SetCityTaxonomyAsync"/> writes to.</summary>
    public string CityTaxonomyPath => _options.CityTaxonomyPath ?? DefaultCityTaxonomyPath(_options.DataDirectory);

    /// <summary>
    /// Whether every stored record's indexed industries come from the current <see cref="Taxonomies"/>; false after the city
    /// taxonomy changed until <see cref="ReapplyTaxonomyAsync"/> has run.
    /// </summary>
    public bool IndustriesAreCurrent =>
        _index.DocumentCount == 0 || string.Equals(CommittedTaxonomy, Taxonomies.Fingerprint, StringComparison.Ordinal);

    private const string TaxonomyCommitKey = "taxonomy";

    private string? CommittedTaxonomy => _index.LastCommitData.TryGetValue(TaxonomyCommitKey, out var v) ? v : null;

    /// <summary>Opens (or creates) the workspace in <see cref="PatentWorkspaceOptions.DataDirectory"/>.</summary>
    /// <exception cref="InvalidOperationException">The directory's index is already open in this or another process.</exception>
    public static PatentWorkspace Open(PatentWorkspaceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.DataDirectory);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.CommitEveryRows, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxLexiconRecords, 1);
        if (options.AnalyticsMemoryLimitMegabytes is { } limit)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(limit, 64, nameof(options.AnalyticsMemoryLimitMegabytes));
        }

        var root = Path.GetFullPath(options.DataDirectory);
        Directory.CreateDirectory(root);
        PatentAnalyzers.WarmUp();
        var taxonomies = LoadTaxonomies(options.CityTaxonomyPath ?? DefaultCityTaxonomyPath(root));
        var index = PatentIndex.Open(Path.Combine(root, "index"));
        return new PatentWorkspace(options with { DataDirectory = root }, index, taxonomies);
    }

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
    /// <see cref="GetImport"/>. The file is deleted afterwards when <paramref name="deleteWhenDone"/> is set.
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
                await RunImportAsync(report, () => OpenRead(path), ownsStream: true, options, null, _shutdown.Token).ConfigureAwait(false);
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
    public ImportReport? GetImport(string id) => _imports.TryGetValue(id, out var r) ? r : null;

    /// <summary>Every import this workspace knows, newest first.</summary>
    public IReadOnlyList<ImportReport> ListImports() => _imports.Values.OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id, StringComparer.Ordinal).ToList();

    /// <summary>Requests cancellation of a queued or running import; returns false when it is not running.</summary>
    public bool CancelImport(string id)
    {
        if (_running.TryGetValue(id, out var cts))
        {
            cts.Cancel();
            return true;
        }

        return false;
    }

    /// <summary>Searches the workspace.</summary>
    /// <exception cref="InvalidRequestException">The query string or a parameter is invalid; the message says where.</exception>
    public Task<SearchResult> SearchAsync(SearchRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Task.Run(() => _index.Search(request, cancellationToken), cancellationToken);
    }

    /// <summary>The filing trend (申请趋势) of the patents matching <paramref name="filter"/>: counts per year, Poisson growth
    /// rate (增长率) with its CI, CAGR and lifecycle stage (生命周期); see <see cref="Trends.Analyze"/>.</summary>
    /// <remarks>
    /// <para>Years are counted by SQL over the analytical store (<see cref="TrendReport.Statements"/>), so any subset is cheap. Filing
    /// counts use the publication year when the filing date is unknown, exactly as the <see cref="FacetNames.Year"/> facet;
    /// records without the counted date are left out and the report says how many. The filter's paging, sort, facet and
    /// highlight settings are ignored; its <see cref="SearchRequest.DateField"/> is replaced by <see cref="TrendOptions.DateField"/>
    /// so that from/to restrict the counted date.</para>
    /// <para>The cut-off defaults to the latest filing, publication or grant date in the whole workspace (the data's
    /// cut-off), not of the subset: a subset whose filings stopped years ago must show those years as zeros (decline), not
    /// end early.</para>
    /// </remarks>
    /// <exception cref="InvalidRequestException">The filter is invalid; the message says which parameter.</exception>
    /// <exception cref="AnalyticsUnavailableException">The analytical store is being rebuilt from the index.</exception>
    public Task<TrendReport> TrendsAsync(SearchRequest filter, TrendOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        options ??= new TrendOptions();
        if (!Enum.IsDefined(options.DateField))
        {
            throw new InvalidRequestException($"unknown dateField '{options.DateField}'; use filing, publication or grant", parameter: "dateField");
        }

        return AnalyzeInStoreAsync(
            filter with { DateField = options.DateField },
            session =>
            {
                var (counts, undated) = StoreAnalyses.CountYears(session, options.DateField, cancellationToken);
                var report = Trend(counts, undated, options, () => StoreAnalyses.LatestDate(session, cancellationToken));
                return report with { Statements = session.Statements.ToList() };
            },
            cancellationToken);
    }

    /// <summary>The trend report of counts per year: the cut-off (given, or the latest date in the workspace from
    /// <paramref name="latest"/>), the fits, and notes on undated patents and a cut-off after today.</summary>
    private TrendReport Trend(IReadOnlyDictionary<int, long> counts, long undated, TrendOptions options, Func<DateOnly?> latest)
    {
        var cutoff = options.Cutoff;
        string source;
        if (cutoff is not null)
        {
            source = "given";
        }
        else if (latest() is { } l)
        {
            cutoff = l;
            source = "latest filing, publication or grant date in the workspace";
        }
        else
        {
            source = "none (the workspace has no dated records)";
        }

        var report = Trends.Analyze(counts, options.DateField, cutoff, source);
        if (undated > 0)
        {
            report = report with
            {
                Notes = [.. report.Notes, string.Create(CultureInfo.InvariantCulture, $"{undated} matching patents have no {options.DateField.ToString().ToLowerInvariant()} date and are not counted.")],
            };
        }

        var asOf = _options.TimeProvider.GetUtcNow();
        if (cutoff is { } c && c > DateOnly.FromDateTime(asOf.UtcDateTime))
        {
            report = report with
            {
                Notes = [.. report.Notes, string.Create(CultureInfo.InvariantCulture, $"The cut-off {c:yyyy-MM-dd} is after today ({asOf:yyyy-MM-dd}).")],
            };
        }

        return report;
    }

    /// <summary>Applicant ranking (申请人排名) of the patents matching <paramref name="filter"/>: merged name variants,
    /// applicant type (申请人类型) and domestic/foreign (国内/国外); see <see cref="Applicants.Rank"/> for the rules.</summary>
    /// <remarks>Counted by SQL over the analytical store (no cap on the matches); the statements, with their parameters,
    /// are in <see cref="ApplicantRanking.Statements"/>. The filter's paging, sort, facet and highlight settings are ignored.</remarks>
    /// <exception cref="InvalidRequestException">The filter is invalid, or <see cref="ApplicantRankOptions.Top"/> is below 1.</exception>
    /// <exception cref="AnalyticsUnavailableException">The analytical store is being rebuilt from the index.</exception>
    public Task<ApplicantRanking> RankApplicantsAsync(SearchRequest filter, ApplicantRankOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        options ??= new ApplicantRankOptions();
        if (options.Top < 1)
        {
            throw new InvalidRequestException(string.Create(CultureInfo.InvariantCulture, $"top must be at least 1, got {options.Top}"), parameter: "top");
        }

        return AnalyzeInStoreAsync(filter, session => StoreAnalyses.RankApplicants(session, options, cancellationToken), cancellationToken);
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

    /// <summary>
    /// Validates a city taxonomy (JSON, see docs/taxonomy.md), stores it in <see cref="CityTaxonomyPath"/> and makes it
    /// current: new imports and industry filters use it at once; records already stored keep their indexed industries until
    /// <see cref="ReapplyTaxonomyAsync"/> re-indexes them.
    /// </summary>
    /// <exception cref="TaxonomyValidationException">The document is invalid; nothing is stored or changed.</exception>
    public async Task<CityTaxonomy> SetCityTaxonomyAsync(string json, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(json);
        var city = CityTaxonomy.Parse(json, Taxonomies.Sei);
        await DataFiles.WriteAtomicallyAsync(CityTaxonomyPath, city.ToJson(), cancellationToken).ConfigureAwait(false);
        _index.Taxonomies = new IndustryTaxonomies(Taxonomies.Sei, city);
        return city;
    }

    /// <summary>
    /// Re-indexes every stored record from its stored JSON with the current <see cref="Taxonomies"/>, without re-importing
    /// (records are unchanged; only their derived industry fields change). Waits for running imports and blocks new ones
    /// while it runs; searches continue and see re-indexed records within the refresh interval.
    /// </summary>
    /// <param name="progress">Receives progress after every batch of 512 records.</param>
    /// <param name="cancellationToken">Stops after the current batch; records re-indexed so far are committed, and
    /// <see cref="IndustriesAreCurrent"/> stays false until a complete run.</param>
    public async Task<TaxonomyReapplyReport> ReapplyTaxonomyAsync(IProgress<TaxonomyReapplyProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed == 1, this);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _shutdown.Token);
        await _importGate.WaitAsync(cts.Token).ConfigureAwait(false);
        try
        {
            return await Task.Run(() => Reapply(progress, cts.Token), CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            _importGate.Release();
        }
    }

    /// <summary>The index's size on disk in bytes.</summary>
    public long IndexSizeBytes() => _index.SizeOnDisk();

    /// <summary>
    /// Checks the last commit of the index with Lucene's CheckIndex (索引校验), read-only, while the workspace keeps serving
    /// and importing.
    /// </summary>
    /// <remarks>The commit is held (snapshot) for the check so that a concurrent import's next commit cannot delete its
    /// files, and the check sees it through a read-only view of the index folder: it takes no write lock and never
    /// repairs anything. It reads every byte of the commit, so it takes about as long as reading the index once.</remarks>
    /// <returns>The summary; <see cref="IndexCheckResult.Clean"/> is true for a healthy (or never committed) index.</returns>
    public Task<IndexCheckResult> CheckIndexAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed == 1, this);
        return Task.Run(
            () =>
            {
                cancellationToken.ThrowIfCancellationRequested();
                var commit = _index.SnapshotLastCommit();
                if (commit is null)
                {
                    return new IndexCheckResult(true, null, 0, 0, 0, new Dictionary<string, string>(StringComparer.Ordinal), [], _options.TimeProvider.GetUtcNow());
                }

                try
                {
                    return IndexOperations.Check(_index.Path, commit, _options.TimeProvider);
                }
                finally
                {
                    _index.ReleaseSnapshot(commit);
                }
            },
            cancellationToken);
    }

    /// <summary>
    /// Copies the last commit of the index into <paramref name="targetDirectory"/> (as <c>index/</c>, with a
    /// <c>backup.json</c> manifest) while the workspace keeps serving and importing (索引备份).
    /// </summary>
    /// <remarks>
    /// <para>The commit is held (snapshot) during the copy so that imports committing meanwhile do not delete its files;
    /// Lucene never changes a file once written, so the copy is consistent. Rows written after that commit are not in the
    /// backup: <see cref="IndexBackupManifest.CommitData"/> names the import and its committed rows.</para>
    /// <para>Restore is offline: stop the service, replace <c>&lt;data&gt;/index</c> with the backup's <c>index/</c>
    /// folder, start it again (see README, Operations).</para>
    /// </remarks>
    /// <param name="targetDirectory">A new or empty folder; never the workspace's own index folder.</param>
    /// <param name="cancellationToken">Stops the copy; the partial folder is left for the caller to remove.</param>
    /// <exception cref="InvalidOperationException">Nothing has been committed yet, or the target is not empty.</exception>
    public Task<IndexBackupManifest> BackupAsync(string targetDirectory, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(targetDirectory);
        ObjectDisposedException.ThrowIf(_disposed == 1, this);
        var target = Path.GetFullPath(targetDirectory);
        if (Directory.Exists(target) && Directory.EnumerateFileSystemEntries(target).Any())
        {
            throw new InvalidOperationException($"The backup folder '{target}' is not empty; back up into a new folder.");
        }

        return Task.Run(
            () =>
            {
                var commit = _index.SnapshotLastCommit()
                    ?? throw new InvalidOperationException("Nothing has been committed to the index yet, so there is nothing to back up.");
                try
                {
                    return IndexOperations.Backup(_index.Path, commit, target, _options.TimeProvider, cancellationToken);
                }
                finally
                {
                    _index.ReleaseSnapshot(commit);
                }
            },
            cancellationToken);
    }

    /// <summary>Cancels running imports, waits for them, commits and closes the index.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        _shutdown.Cancel();
        try
        {
            Task.WaitAll(_background.Values.ToArray(), TimeSpan.FromSeconds(30));
        }
        catch (AggregateException)
        {
            // Failures are recorded in the reports.
        }

        _refreshTimer.Dispose();
        try
        {
            _storeBuild.Wait(TimeSpan.FromSeconds(30));
        }
        catch (AggregateException)
        {
            // Recorded in the store's status; it is rebuilt at the next start.
        }

        _index.Dispose();
        _store.Dispose();
        _importGate.Dispose();
        _lexiconGate.Dispose();
        _userWordsGate.Dispose();
        _referenceGate.Dispose();
        _placesGate.Dispose();
        _shutdown.Dispose();
    }

    /// <inheritdoc cref="Dispose"/>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    private static string DefaultCityTaxonomyPath(string dataDirectory) => Path.Combine(dataDirectory, "taxonomy", "city.json");

    private static IndustryTaxonomies LoadTaxonomies(string cityPath)
    {
        if (!File.Exists(cityPath))
        {
            return IndustryTaxonomies.Default;
        }

        try
        {
            return new IndustryTaxonomies(SeiIpcTaxonomy.Default, CityTaxonomy.Parse(File.ReadAllText(cityPath), SeiIpcTaxonomy.Default));
        }
        catch (TaxonomyValidationException ex)
        {
            throw new InvalidOperationException($"The city taxonomy '{cityPath}' is invalid: {ex.Message}", ex);
        }
    }

    private TaxonomyReapplyReport Reapply(IProgress<TaxonomyReapplyProgress>? progress, CancellationToken cancellationToken)
    {
        var taxonomies = Taxonomies;
        var started = _options.TimeProvider.GetTimestamp();
        var total = _index.DocumentCount;
        long done = 0;
        var completed = false;
        using (var indexer = new ParallelIndexer(_index, Environment.ProcessorCount, 4 * BatchSize))
        {
            try
            {
                var batch = new List<PatentRecord>(BatchSize);
                foreach (var record in _index.ReadAll(cancellationToken))
                {
                    batch.Add(record);
                    if (batch.Count == BatchSize)
                    {
                        indexer.Add(batch);
                        done += batch.Count;
                        batch = new List<PatentRecord>(BatchSize);
                        progress?.Report(new TaxonomyReapplyProgress(done, total));
                    }
                }

                indexer.Add(batch);
                done += batch.Count;
                completed = true;
            }
            finally
            {
                indexer.Drain();
                var previous = CommittedTaxonomy ?? string.Empty;
                _index.Commit(new Dictionary<string, string>(StringComparer.Ordinal)
                {
                    ["reapply"] = completed ? "completed" : "cancelled",
                    ["rowsCommitted"] = done.ToString(CultureInfo.InvariantCulture),
                    ["committedAt"] = _options.TimeProvider.GetUtcNow().ToString("O", CultureInfo.InvariantCulture),
                    [TaxonomyCommitKey] = completed ? taxonomies.Fingerprint : previous,
                });

                // Industries are columns of the store: its rows are derived anew from the re-indexed records, also after a
                // cancelled re-apply (part of the records changed). Not cancellable by the caller: the store must match.
                RebuildStore("the city taxonomy was re-applied", _shutdown.Token);
            }
        }

        progress?.Report(new TaxonomyReapplyProgress(done, total));
        _logger.LogInformation("Re-applied taxonomy {Fingerprint} to {Records} records", taxonomies.Fingerprint, done);
        return new TaxonomyReapplyReport(done, _options.TimeProvider.GetElapsedTime(started), taxonomies.Fingerprint, _options.TimeProvider.GetUtcNow());
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
        ObjectDisposedException.ThrowIf(_disposed == 1, this);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _shutdown.Token);
        _running[report.Id] = cts;
        _imports[report.Id] = report;
        Persist(report);
        try
        {
            await _importGate.WaitAsync(cts.Token).ConfigureAwait(false);
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
            RebuildStoreIfStale();
            _running.TryRemove(report.Id, out _);
            _importGate.Release();
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
            var reason = _shutdown.IsCancellationRequested ? "the service stopped during the import" : "cancelled on request";
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

    private void RefreshQuietly()
    {
        if (_disposed == 1)
        {
            return;
        }

        // Search-idle: while nobody reads, the scheduled refresh is skipped (each one flushes a small segment that must be
        // merged later, a large share of indexing cost during an import); the next read refreshes first instead.
        if (_index.SinceLastRead > _options.SearchIdleAfter)
        {
            return;
        }

        try
        {
            _index.Refresh();
        }
        catch (ObjectDisposedException)
        {
            // Closing.
        }
        catch (IOException ex)
        {
            _logger.LogWarning(ex, "Near-real-time refresh failed");
        }
    }

    /// <summary>The state of one running import: batching, upsert with merge, periodic commits.</summary>
    private sealed class ImportRun : IDisposable
    {
        private readonly PatentWorkspace _ws;
        private readonly ParallelIndexer _indexer;
        private readonly ImportOptions _options;
        private readonly IProgress<ImportProgress>? _progress;
        private readonly List<PatentRecord> _batch = new(BatchSize);
        private readonly StoreRows _storeRows;
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

        public ImportRun(PatentWorkspace ws, ImportReport report, ImportOptions options, IProgress<ImportProgress>? progress)
        {
            _ws = ws;
            _storeRows = new StoreRows(ws._store, ws._logger);
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
        /// help write the commit's segments while indexing the next rows (measured at 100k records: each commit had kept
        /// one core idle for about a second while the other wrote them alone). The commit holds exactly the rows before
        /// it, as a synchronous one does. The next commit, or the end, waits for it.</summary>
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
                _ws.WriteStore(storeRows, _ws._index.Commit(userData));
                Committed(committedRows);
                return;
            }

            var taken = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _backgroundCommit = Task.Run(() =>
            {
                _ws.WriteStore(storeRows, _ws._index.Commit(userData, () => taken.TrySetResult()));
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
                [TaxonomyCommitKey] = _indexWasEmpty && _ws.CommittedTaxonomy is null
                    ? _ws.Taxonomies.Fingerprint
                    : _ws.CommittedTaxonomy ?? string.Empty,
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

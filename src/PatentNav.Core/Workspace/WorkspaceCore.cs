using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PatentNav.Storage;
using PatentNav.Taxonomy;

namespace PatentNav.Workspace;

/// <summary>What the feature services of one workspace share: the options, the index, the analytical store, the import
/// gate (one writer at a time) and the shutdown signal.</summary>
internal sealed class WorkspaceCore : IDisposable
{
    /// <summary>The commit user data key naming the taxonomy fingerprint the stored industries were indexed with.</summary>
    public const string TaxonomyCommitKey = "taxonomy";

    /// <summary>The workspace's name in logs and in disposed-object errors.</summary>
    private const string LoggerCategory = "PatentNav.PatentWorkspace";

    private readonly Timer _refreshTimer;
    private readonly CancellationTokenSource _shutdown = new();
    private int _disposed;

    public WorkspaceCore(PatentWorkspaceOptions options, PatentIndex index, IndustryTaxonomies taxonomies)
    {
        Options = options;
        Index = index;
        Index.Taxonomies = taxonomies;
        Index.RefreshInterval = options.RefreshInterval;
        Logger = (options.LoggerFactory ?? NullLoggerFactory.Instance).CreateLogger(LoggerCategory);
        Store = new StoreHost(options.DataDirectory, options.AnalyticsMemoryLimitMegabytes, index, Logger, ImportGate, _shutdown.Token);
        _refreshTimer = new Timer(_ => RefreshQuietly(), null, options.RefreshInterval, options.RefreshInterval);
    }

    /// <summary>Checks the options, opens the index of the data directory and the store beside it.</summary>
    /// <param name="options">The options; the data directory is made absolute.</param>
    /// <param name="taxonomies">The taxonomies to index with; the default when null.</param>
    public static WorkspaceCore Open(PatentWorkspaceOptions options, IndustryTaxonomies? taxonomies = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.DataDirectory);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.CommitEveryRows, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxLexiconRecords, 1);
        if (options.AnalyticsMemoryLimitMegabytes is { } limit)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(limit, 64, nameof(options.AnalyticsMemoryLimitMegabytes));
        }

        var root = System.IO.Path.GetFullPath(options.DataDirectory);
        Directory.CreateDirectory(root);
        Text.PatentAnalyzers.WarmUp();
        var index = PatentIndex.Open(System.IO.Path.Combine(root, "index"));
        return new WorkspaceCore(options with { DataDirectory = root }, index, taxonomies ?? IndustryTaxonomies.Default);
    }

    public PatentWorkspaceOptions Options { get; }

    public PatentIndex Index { get; }

    public StoreHost Store { get; }

    public ILogger Logger { get; }

    public TimeProvider Time => Options.TimeProvider;

    /// <summary>Held by whatever writes the index: an import, a taxonomy re-apply, a store rebuild.</summary>
    public SemaphoreSlim ImportGate { get; } = new(1, 1);

    public CancellationToken Shutdown => _shutdown.Token;

    public bool IsShuttingDown => _shutdown.IsCancellationRequested;

    public bool IsDisposed => Volatile.Read(ref _disposed) == 1;

    /// <summary>The taxonomies new documents are indexed with and industry filters resolve against.</summary>
    public IndustryTaxonomies Taxonomies
    {
        get => Index.Taxonomies;
        set => Index.Taxonomies = value;
    }

    /// <summary>The imports, once their service exists (it tells how many are pending).</summary>
    public ImportService? Imports { get; set; }

    /// <summary>Imports queued or running: text caches are not rebuilt meanwhile.</summary>
    public int PendingImports => Imports?.Pending ?? 0;

    /// <summary>The taxonomy fingerprint of the last commit, when it names one.</summary>
    public string? CommittedTaxonomy => Index.LastCommitData.TryGetValue(TaxonomyCommitKey, out var v) ? v : null;

    /// <summary>Raised after each durable commit of the index and the store (an import's, a re-apply's).</summary>
    public event EventHandler? DataChanged;

    public void Committed() => DataChanged?.Invoke(this, EventArgs.Empty);

    /// <summary>The object named when a disposed workspace is used: the workspace itself, once it exists.</summary>
    public object? Owner { get; set; }

    public void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(IsDisposed, Owner ?? this);

    /// <summary>Starts shutting down: running work sees the signal and stops at its next check.</summary>
    public bool BeginShutdown()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return false;
        }

        _shutdown.Cancel();
        return true;
    }

    /// <summary>Closes the store, then the index (after <see cref="BeginShutdown"/> and the imports have ended).</summary>
    public void Dispose()
    {
        _refreshTimer.Dispose();
        Store.Dispose();
        Index.Dispose();
        ImportGate.Dispose();
        _shutdown.Dispose();
    }

    private void RefreshQuietly()
    {
        if (IsDisposed)
        {
            return;
        }

        // Search-idle: while nobody reads, the scheduled refresh is skipped (each one flushes a small segment that must be
        // merged later); the next read refreshes first instead.
        if (Index.SinceLastRead > Options.SearchIdleAfter)
        {
            return;
        }

        try
        {
            Index.Refresh();
        }
        catch (ObjectDisposedException)
        {
            // Closing.
        }
        catch (IOException ex)
        {
            Logger.LogWarning(ex, "Near-real-time refresh failed");
        }
    }
}

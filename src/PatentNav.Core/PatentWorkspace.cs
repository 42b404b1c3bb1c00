using PatentNav.Workspace;

namespace PatentNav;

/// <summary>
/// The entry point: one data directory holding the patent records (a Lucene index and the analytical store beside it),
/// with a service for each feature.
/// </summary>
/// <remarks>
/// <para>Open one workspace per data directory per process (<see cref="Open"/>) and keep it for the application's
/// lifetime; dispose it to commit and release the index.</para>
/// <para>Thread safety: every member, and every member of its services, is safe to call concurrently. Imports run one at a
/// time (later ones queue); searches run in parallel and see rows of a running import within
/// <see cref="PatentWorkspaceOptions.RefreshInterval"/>.</para>
/// </remarks>
public sealed class PatentWorkspace : IDisposable, IAsyncDisposable
{
    private readonly WorkspaceCore _core;

    private PatentWorkspace(WorkspaceCore core, Internal.StoredDocument<Taxonomy.CityTaxonomy> city)
    {
        _core = core;
        core.Owner = this;
        Settings = new SettingsService(core, city);
        Imports = new ImportService(core);
        Search = new SearchService(core, Settings);
        Text = new TextService(core);
        Classifier = new ClassifierService(core, Text, Search);
        Analytics = new AnalyticsService(core, Settings, Text, Classifier, Search);
        Reports = new ReportService(core, Analytics, Settings, Text);
        Maintenance = new MaintenanceService(core);
        core.DataChanged += (_, e) => DataChanged?.Invoke(this, e);
    }

    /// <summary>The data directory (absolute).</summary>
    public string DataDirectory => _core.Options.DataDirectory;

    /// <summary>Identifies the committed data: changes with every commit of an import or a taxonomy re-apply; empty before
    /// the first.</summary>
    public string DataVersion => _core.Index.LastCommitId ?? string.Empty;

    /// <summary>Raised after each commit of new data (an import's, a re-apply's), on the committing thread.</summary>
    public event EventHandler? DataChanged;

    /// <summary>Imports of export files (导入).</summary>
    public ImportService Imports { get; }

    /// <summary>Search and lookup (检索).</summary>
    public SearchService Search { get; }

    /// <summary>The editable settings: places and parks, the city's industry chains, the reference lists.</summary>
    public SettingsService Settings { get; }

    /// <summary>Text features: discovered terms, the user dictionary, segmentation.</summary>
    public TextService Text { get; }

    /// <summary>The counting and text analyses (分析).</summary>
    public AnalyticsService Analytics { get; }

    /// <summary>The industry text classifier (产业分类模型).</summary>
    public ClassifierService Classifier { get; }

    /// <summary>The navigation reports (专利导航报告).</summary>
    public ReportService Reports { get; }

    /// <summary>Operations: index check, backup, size.</summary>
    public MaintenanceService Maintenance { get; }

    /// <summary>The search index (tests compare the store's figures with those computed from its records).</summary>
    internal Storage.PatentIndex Index => _core.Index;

    /// <summary>The analytical store; throws <see cref="Records.AnalyticsUnavailableException"/> unless it is ready.</summary>
    internal Storage.AnalyticsStore ReadyStore() => _core.Store.ReadyStore();

    /// <summary>Opens (or creates) the workspace in <see cref="PatentWorkspaceOptions.DataDirectory"/>.</summary>
    /// <exception cref="InvalidOperationException">The directory's index is already open in this or another process, or a
    /// stored settings file is invalid.</exception>
    public static PatentWorkspace Open(PatentWorkspaceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.DataDirectory);
        var absolute = options with { DataDirectory = Path.GetFullPath(options.DataDirectory) };
        var (city, taxonomies) = SettingsService.OpenCityTaxonomy(absolute);
        var core = WorkspaceCore.Open(absolute, taxonomies);
        try
        {
            return new PatentWorkspace(core, city);
        }
        catch
        {
            core.BeginShutdown();
            core.Dispose();
            throw;
        }
    }

    /// <summary>Cancels running imports, waits for them, commits and closes the index.</summary>
    public void Dispose()
    {
        if (!_core.BeginShutdown())
        {
            return;
        }

        Imports.WaitForBackground();
        _core.Dispose();
    }

    /// <inheritdoc cref="Dispose"/>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}

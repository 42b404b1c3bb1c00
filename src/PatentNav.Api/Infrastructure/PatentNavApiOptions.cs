namespace PatentNav.Api.Infrastructure;

/// <summary>The service's settings, section <c>PatentNav</c> (environment variables <c>PatentNav__Key</c>).</summary>
public sealed class PatentNavApiOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "PatentNav";

    /// <summary>The data directory (index, import reports, uploads). Default: <c>data</c> under the working directory.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>The API key that write endpoints require in the <c>X-Api-Key</c> header. Unset: writes are refused.</summary>
    public string? ApiKey { get; set; }

    /// <summary>When true, read endpoints require the key too. Default false.</summary>
    public bool RequireKeyForReads { get; set; }

    /// <summary>The largest upload accepted, in bytes; larger ones get 413. Default 256 MiB.</summary>
    public long MaxUploadBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>
    /// A folder of canonical JSONL files imported on first start when the index is empty. Default: the bundled
    /// <c>data-samples</c> folder next to the application. Empty string: no seeding.
    /// </summary>
    public string? SeedDirectory { get; set; }

    /// <summary>How long <c>POST /api/imports</c> waits for an import to finish before answering 202 with its status link. Default 30 s.</summary>
    public int ImportWaitSeconds { get; set; } = 30;

    /// <summary>The most results one search page returns (<c>size</c>); larger requests get 400. Default 1,000, which is
    /// also the engine's ceiling.</summary>
    public int MaxPageSize { get; set; } = 1000;

    /// <summary>
    /// The longest a synchronous search or analysis request may compute, in seconds; one that runs longer is stopped and
    /// answered 503 (the index is not affected). Default 60. 0 or less: no limit.
    /// </summary>
    public double AnalysisTimeoutSeconds { get; set; } = 60;

    /// <summary>The longest an analysis job (GET /api/jobs) may run, in seconds, before it is stopped as failed. Default 1,800.</summary>
    public double MaxJobSeconds { get; set; } = 1800;

    /// <summary>The most rows a CSV download of search results returns. Default 10,000.</summary>
    public int MaxCsvRows { get; set; } = 10_000;

    /// <summary>Build the term lexicon in the background after start and after new data, so the first report does not
    /// wait for it (default true; the name is kept from when it also filled a per-record cache).</summary>
    public bool WarmAnalysisCache { get; set; } = true;

    /// <summary>With <see cref="WarmAnalysisCache"/>: how often, in seconds, the service looks for a new commit (an import,
    /// a re-apply) to build the term lexicon for. Default 10.</summary>
    public double WarmAnalysisCheckSeconds { get; set; } = 10;

    /// <summary>Compile the import path in the background after start, so that the first upload is indexed at full speed
    /// (default true; about a second of CPU once, in a temporary directory).</summary>
    public bool WarmImport { get; set; } = true;

    /// <summary>
    /// Commit a running import after this many rows (a crash loses at most these; each commit costs a few milliseconds of
    /// fsync). Default: the workspace's (50,000).
    /// </summary>
    public int? CommitEveryRows { get; set; }

    /// <summary>The most memory (MB) the analytical store (DuckDB) uses for its cache and working sets. Default: the
    /// workspace's (512).</summary>
    public int? AnalyticsMemoryLimitMB { get; set; }

    /// <summary>The most matching patents a technology clustering (<c>POST /api/clusters</c>, the report's clusters) reads;
    /// when more match, a seeded sample of that many is clustered and the result says so. Default 200,000 (measured: 100,000 patents take about 26 s and 600 MB on two
    /// cores, 42 s when the term lexicon must be rebuilt first; README, Benchmarks).</summary>
    public int MaxClusterPatents { get; set; } = Analytics.ClusterOptions.DefaultMaxPatents;

    /// <summary>
    /// Origins allowed to call the API from a browser on another site (CORS), for GET only, e.g.
    /// <c>["https://park.example.cn"]</c>. Unset or empty: no CORS headers at all (closed).
    /// </summary>
    public string[]? CorsOrigins { get; set; }
}

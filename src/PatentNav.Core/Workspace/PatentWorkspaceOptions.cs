using Microsoft.Extensions.Logging;

namespace PatentNav.Workspace;

/// <summary>How to open a <see cref="PatentWorkspace"/>.</summary>
public sealed record PatentWorkspaceOptions
{
    /// <summary>The data directory: the index lives in <c>index/</c>, import reports in <c>imports/</c>, uploads in <c>uploads/</c>.</summary>
    public required string DataDirectory { get; init; }

    /// <summary>Commit during an import after this many stored rows (a crash loses at most these); default 50,000.</summary>
    public int CommitEveryRows { get; init; } = 50_000;

    /// <summary>Commit during an import after this much time; default 30 seconds.</summary>
    public TimeSpan CommitInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How often searches see rows written by a running import (near-real-time refresh); default 3 seconds.
    /// Rows of a finished import are visible at once.</summary>
    /// <remarks>Each refresh flushes a small segment that merges later, so a shorter interval slows imports
    /// (docs/benchmarks.md gives the cost).</remarks>
    public TimeSpan RefreshInterval { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>After this long without a read (search, analysis, lookup) the scheduled refresh pauses; the next read
    /// refreshes before it runs, so it still sees every row written. Default 30 seconds (as Elasticsearch's search-idle).</summary>
    /// <remarks>An import nobody watches then writes fewer, larger segments. <c>/health</c>'s document count does not
    /// count as a read, but refreshes at most once per <see cref="RefreshInterval"/> when polled.</remarks>
    public TimeSpan SearchIdleAfter { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The clock (reports state their dates); <see cref="TimeProvider.System"/> by default.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>
    /// The city taxonomy file (重点产业链, JSON, see docs/taxonomy.md). Default: <c>taxonomy/city.json</c> in the data
    /// directory when it exists, else the embedded default for 连云港. <see cref="Workspace.SettingsService.SetCityTaxonomyAsync"/>
    /// writes to this file.
    /// </summary>
    public string? CityTaxonomyPath { get; init; }

    /// <summary>
    /// The most records term discovery (<see cref="Workspace.TextService.GetTermLexiconAsync"/>) reads; above, a seeded sample of
    /// this many: those with the smallest <see cref="Storage.PatentIndex.SampleKey"/> of their publication number (seed 42),
    /// the rule clusters use. Default 500,000: domain terms that matter recur long before that, and reading all of ten
    /// million records would take most of an hour on two cores.
    /// </summary>
    public int MaxLexiconRecords { get; init; } = 500_000;

    /// <summary>
    /// The most memory, in megabytes, the analytical store (DuckDB) keeps for its buffers and the statements' working
    /// sets; beyond it DuckDB evicts cached blocks (read again from the file) and spills large intermediates to
    /// <c>analytics.duckdb.tmp</c>. Default 512, which keeps a 10,000,000-record workspace's process under 2 GB resident
    /// (1.4 GB against 2.3 GB without a limit) at the price of analyses 5–30 % slower there (docs/benchmarks.md). Null
    /// leaves DuckDB's own default (80 % of the RAM).
    /// </summary>
    public int? AnalyticsMemoryLimitMegabytes { get; init; } = 512;

    /// <summary>Settings of the industry text classifier (<see cref="Workspace.ClassifierService.TrainClassifierAsync"/>); defaults when null.</summary>
    public Taxonomy.IndustryClassifierOptions? Classifier { get; init; }

    /// <summary>Logging; silent by default.</summary>
    public ILoggerFactory? LoggerFactory { get; init; }
}

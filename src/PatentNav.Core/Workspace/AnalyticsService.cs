using System.Globalization;
using Microsoft.Extensions.Logging;
using PatentNav.Analytics;
using PatentNav.Places;
using PatentNav.Records;
using PatentNav.Search;
using PatentNav.Storage;
using PatentNav.Taxonomy;
using PatentNav.Text;

namespace PatentNav.Workspace;

/// <summary>The counting and text analyses (分析): trends, applicants, industry summaries, positioning, chokepoints,
/// high-value patents, need matching and technology clusters, over the analytical store and the index.</summary>
/// <remarks>Thread safety: every member is safe to call concurrently.</remarks>
public sealed partial class AnalyticsService
{
    private readonly WorkspaceCore _core;
    private readonly PatentWorkspaceOptions _options;
    private readonly PatentIndex _index;
    private readonly StoreHost _store;
    private readonly SettingsService _settings;
    private readonly TextService _text;
    private readonly ClassifierService _classifier;
    private readonly SearchService _search;

    internal AnalyticsService(WorkspaceCore core, SettingsService settings, TextService text, ClassifierService classifier, SearchService search)
    {
        _core = core;
        _options = core.Options;
        _index = core.Index;
        _store = core.Store;
        _settings = settings;
        _text = text;
        _classifier = classifier;
        _search = search;
    }

    /// <summary>The analytical store's path (<c>&lt;DataDirectory&gt;/analytics.duckdb</c>).</summary>
    public string StorePath => _store.AnalyticsStorePath;

    /// <summary>The analytical store's state: counting analyses answer only when it is <c>ready</c>.</summary>
    public AnalyticsStoreStatus Status => _store.AnalyticsStatus;

    /// <summary>Completes when the analytical store matches the index (at once, unless it is being rebuilt).</summary>
    public Task WhenReadyAsync(CancellationToken cancellationToken = default) => _store.WhenAnalyticsReadyAsync(cancellationToken);

    private IndustryTaxonomies Taxonomies => _core.Taxonomies;

    /// <summary>The cut-off of an analysis and where it came from: the one given, else the data's (the latest filing,
    /// publication or grant date in the workspace, from <paramref name="latest"/>), else none.</summary>
    internal static (DateOnly? Cutoff, string Source) ResolveCutoff(DateOnly? given, Func<DateOnly?> latest) =>
        given is not null ? (given, "given")
        : latest() is { } l ? (l, "latest filing, publication or grant date in the workspace")
        : (null, "none (the workspace has no dated records)");

    /// <summary>The date a high-value assessment holds at: the one given, else the data's cut-off, else today.</summary>
    private DateOnly AsOf(DateOnly? given) => given ?? DataCutoff() ?? DateOnly.FromDateTime(_options.TimeProvider.GetUtcNow().UtcDateTime);

    private PlaceCatalog Places => _settings.Places;

    private ReferenceLists References => _settings.References;

    /// <summary>The filing trend (申请趋势) of the patents matching <paramref name="filter"/>: counts per year, Poisson growth
    /// rate (增长率) with its CI, CAGR and lifecycle stage (生命周期); see <see cref="Trends.Analyze"/>.</summary>
    /// <remarks>
    /// <para>Years are counted by SQL over the analytical store (<see cref="TrendReport.Statements"/>), so any subset is cheap. Filing
    /// counts use the publication year when the filing date is unknown, exactly as the <see cref="FacetNames.Year"/> facet;
    /// records without the counted date are left out and the report says how many. The filter's paging, sort, facet and
    /// highlight settings are ignored; its <see cref="PatentFilter.DateField"/> is replaced by <see cref="TrendOptions.DateField"/>
    /// so that from/to restrict the counted date.</para>
    /// <para>The cut-off defaults to the latest filing, publication or grant date in the whole workspace (the data's
    /// cut-off), not of the subset: a subset whose filings stopped years ago must show those years as zeros (decline), not
    /// end early.</para>
    /// </remarks>
    /// <exception cref="InvalidRequestException">The filter is invalid; the message says which parameter.</exception>
    /// <exception cref="AnalyticsUnavailableException">The analytical store is being rebuilt from the index.</exception>
    public Task<TrendReport> TrendsAsync(PatentFilter filter, TrendOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        options ??= new TrendOptions();
        if (!Enum.IsDefined(options.DateField))
        {
            throw new InvalidRequestException($"unknown dateField '{options.DateField}'; use filing, publication or grant", parameter: "dateField");
        }

        return _store.AnalyzeInStoreAsync(
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
        var (cutoff, source) = ResolveCutoff(options.Cutoff, latest);
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
    public Task<ApplicantRanking> RankApplicantsAsync(PatentFilter filter, ApplicantRankOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        options ??= new ApplicantRankOptions();
        if (options.Top < 1)
        {
            throw new InvalidRequestException(string.Create(CultureInfo.InvariantCulture, $"top must be at least 1, got {options.Top}"), parameter: "top");
        }

        return _store.AnalyzeInStoreAsync(filter, session => StoreAnalyses.RankApplicants(session, options, cancellationToken), cancellationToken);
    }

    /// <summary>
    /// Writes the analytical store's rows of the patents matching <paramref name="filter"/> as one Parquet file (table
    /// <c>patent</c>, the columns the counting analyses read): with it, the statements an analysis reports
    /// (<see cref="SqlStatement"/>) run in DuckDB, pandas or Spark to the same figures.
    /// </summary>
    /// <param name="filter">Which patents (as for search; paging, sort, facets and highlight are ignored).</param>
    /// <param name="path">The file to write (replaced).</param>
    /// <param name="cancellationToken">Cancels the export.</param>
    /// <returns>The rows written and the statement that selected them.</returns>
    /// <exception cref="InvalidRequestException">The filter is invalid.</exception>
    /// <exception cref="AnalyticsUnavailableException">The analytical store is being rebuilt from the index.</exception>
    public Task<(long Rows, SqlStatement Statement)> ExportPatentsParquetAsync(PatentFilter filter, string path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return _store.AnalyzeInStoreAsync(
            filter,
            session =>
            {
                session.Execute("patents", "CREATE TEMP TABLE export AS SELECT * FROM patent WHERE " + session.Filter.Where + " ORDER BY pn", null, cancellationToken);
                session.ExecuteUnrecorded($"COPY export TO '{path.Replace("'", "''", StringComparison.Ordinal)}' (FORMAT parquet)");
                var rows = session.Run("rows", "SELECT count(*) FROM export", null, r => r.Read() ? r.GetInt64(0) : 0, cancellationToken);
                return (rows, session.Statements[0]);
            },
            cancellationToken);
    }
}

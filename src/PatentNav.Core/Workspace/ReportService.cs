using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.Logging;
using PatentNav.Analytics;
using PatentNav.Places;
using PatentNav.Records;
using PatentNav.Reports;
using PatentNav.Search;
using PatentNav.Storage;
using PatentNav.Taxonomy;

namespace PatentNav.Workspace;

/// <summary>The navigation report (专利导航报告): one place, one industry, 方向 — 定位 — 路径.</summary>
/// <remarks>Thread safety: every member is safe to call concurrently.</remarks>
public sealed class ReportService
{
    private readonly WorkspaceCore _core;
    private readonly PatentWorkspaceOptions _options;
    private readonly PatentIndex _index;
    private readonly StoreHost _store;
    private readonly AnalyticsService _analytics;
    private readonly SettingsService _settings;
    private readonly TextService _text;

    internal ReportService(WorkspaceCore core, AnalyticsService analytics, SettingsService settings, TextService text)
    {
        _core = core;
        _options = core.Options;
        _index = core.Index;
        _store = core.Store;
        _analytics = analytics;
        _settings = settings;
        _text = text;
    }

    private IndustryTaxonomies Taxonomies => _core.Taxonomies;

    private PlaceCatalog Places => _settings.Places;

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, ClusterOverview> _reportClusters = new(StringComparer.Ordinal);

    /// <summary>
    /// Builds the navigation report of a place in an industry (一园区、一产业、一导航): the field's direction (trend, clusters,
    /// lifecycle, control), the place's positioning (share, RTA, peers, applicants, inventors, strengths and weak links,
    /// high-value patents, chokepoints) and the paths (recommendations in five families, each with the figures it rests on).
    /// </summary>
    /// <remarks>
    /// <para>The parts come from the workspace's analyses with the request's parameters: <see cref="AnalyticsService.PositionAsync"/>,
    /// <see cref="AnalyticsService.ChokepointsAsync"/>, <see cref="AnalyticsService.ClusterAsync"/>, <see cref="AnalyticsService.HighValueIndicatorAsync"/>, and one read of the
    /// field's records in the benchmark (control, talent, enterprises, operation candidates); they run side by side.</para>
    /// <para>Deterministic: the same data and request give the same report apart from <see cref="ReportBasis.GeneratedAt"/>.
    /// Render it with <see cref="ReportHtml"/> or <see cref="ReportMarkdown"/>, serialise it with <see cref="PatentJson.Options"/>,
    /// and take its dataset with <see cref="ReportDataset.From"/>.</para>
    /// </remarks>
    /// <exception cref="InvalidRequestException">A missing or unknown place or industry, a bad benchmark or option (the parameter is named).</exception>
    public async Task<NavigationReport> BuildNavigationReportAsync(NavigationRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var place = _analytics.ResolvePlace(request.Place, "place");
        if (string.IsNullOrWhiteSpace(request.Industry))
        {
            throw new InvalidRequestException("industry is required: city:新材料, sei:3 or the name of an industry of the taxonomies", parameter: "industry");
        }

        var industry = request.Industry.Trim();
        var industryName = IndustryName(industry);
        var fieldFilter = _analytics.FieldFilter(industry, null);
        ValidateNavigation(request);
        var benchmark = _analytics.ParseBenchmark(request.Benchmark);
        var member = benchmark.Member;
        var (cutoff, cutoffSource) = _analytics.Cutoff(request.Cutoff);
        var asOf = cutoff ?? DateOnly.FromDateTime(_options.TimeProvider.GetUtcNow().UtcDateTime);
        var highValue = _analytics.WithReferences(null) with { AsOf = asOf };
        var fieldInBenchmark = fieldFilter with
        {
            Region = benchmark.Filter.Region,
            DateField = request.DateField,
            From = request.From,
            To = request.To,
        };

        var positioning = _analytics.PositionAsync(
            new PositioningRequest
            {
                Place = request.Place,
                Industry = industry,
                Benchmark = request.Benchmark,
                DateField = request.DateField,
                From = request.From,
                To = request.To,
                Cutoff = cutoff,
                Top = request.Top,
                MinSupport = request.MinSupport ?? PositioningRequest.DefaultMinSupport,
            },
            cancellationToken);
        var chokepoints = _analytics.ChokepointsAsync(
            new ChokepointRequest
            {
                Place = request.Place,
                Industry = industry,
                DateField = request.DateField,
                From = request.From,
                To = request.To,
                Cutoff = cutoff,
                Top = request.Chokepoints,
                MinSupport = request.MinSupport,
                Partners = 3,
            },
            cancellationToken: cancellationToken);
        var clusters = ClusterOverviewAsync(fieldInBenchmark, request, cutoff, member is not null, cancellationToken);
        var field = _store.AnalyzeInStoreAsync(
            fieldInBenchmark,
            session => StoreAnalyses.ReadField(session, benchmark.Condition(), place, request.Top, highValue, asOf, Taxonomies.Sei, _store.LoadRecords, cancellationToken),
            cancellationToken);
        var indicatorRegion = IndicatorRegion(place);
        var indicator = indicatorRegion is null ? Task.FromResult<HighValueIndicator?>(null) : IndicatorOrNull(indicatorRegion, asOf, cancellationToken);

        await Task.WhenAll(positioning, chokepoints, clusters, field, indicator).ConfigureAwait(false);
        var parameters = new List<ReportParameter>
        {
            new("place", place.Id),
            new("industry", industry),
            new("benchmark", (request.Benchmark ?? BenchmarkScope.Workspace).ToString()),
            new("dateField", request.DateField.ToString().ToLowerInvariant()),
            new("from", request.From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "—"),
            new("to", request.To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "—"),
            new("cutoff", cutoff?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "—"),
            new("top", request.Top.ToString(CultureInfo.InvariantCulture)),
            new("minSupport", request.MinSupport?.ToString(CultureInfo.InvariantCulture)
                ?? string.Create(CultureInfo.InvariantCulture, $"{PositioningRequest.DefaultMinSupport} for rates and technologies; chokepoint units: at least {Chokepoints.MinSupportFloor} and {Chokepoints.MinSupportShare * 100:0.#} % of the field ({chokepoints.Result.MinSupport})")),
            new("chokepoints", request.Chokepoints.ToString(CultureInfo.InvariantCulture)),
            new("clusters", request.Clusters?.ToString(CultureInfo.InvariantCulture) ?? string.Create(CultureInfo.InvariantCulture, $"auto (3–{request.MaxClusters}, silhouette)")),
            new("clusterSeed", "42"),
            new("chokepointWeights", "value 0.25, gap 0.25, monopoly 0.25, difficulty 0.25"),
            new("highValue", NavigationReports.DescribeHighValue(highValue, asOf)),
        };
        var basis = new ReportBasis(
            (await positioning.ConfigureAwait(false)).Conventions with { CutoffSource = cutoffSource },
            cutoff,
            _options.TimeProvider.GetUtcNow(),
            _index.DocumentCount,
            parameters,
            "PatentNav " + EngineVersion);
        var region = await positioning.ConfigureAwait(false);
        var list = await chokepoints.ConfigureAwait(false);
        var (reading, fieldStatements) = await field.ConfigureAwait(false);
        var report = NavigationReports.Compose(
            new NavigationScope(PlaceSummary.Of(place), industry, industryName, benchmark.Label, NavigationReports.DescribePlace(place), BenchmarkName(request.Benchmark)),
            basis,
            region with { Statements = [] },
            list with { Statements = [] },
            await clusters.ConfigureAwait(false),
            reading,
            await indicator.ConfigureAwait(false),
            indicatorRegion,
            NavigationReports.DescribeHighValue(highValue, asOf),
            request.Top);

        // The appendix: every statement that counted a figure, once, named by the section it serves.
        return report with
        {
            Statements =
            [
                .. region.Statements.Select(st => st with { Purpose = "定位 positioning — " + st.Purpose }),
                .. list.Statements.Select(st => st with { Purpose = "卡脖子 chokepoints — " + st.Purpose }),
                .. fieldStatements.Select(st => st with { Purpose = "产业控制力与路径 field — " + st.Purpose }),
            ],
        };
    }

    /// <summary>Checks a navigation request's options (place, industry and benchmark are checked when it runs).</summary>
    /// <exception cref="InvalidRequestException">The parameter at fault is named.</exception>
    public static void ValidateNavigation(NavigationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        static InvalidRequestException Range(string name, int value, int min, int max) =>
            new(string.Create(CultureInfo.InvariantCulture, $"{name} must be between {min} and {max}, got {value}"), parameter: name);
        if (request.Top is < 1 or > 50)
        {
            throw Range("top", request.Top, 1, 50);
        }

        if (request.MinSupport is < 1 or > 1000)
        {
            throw Range("minSupport", request.MinSupport.Value, 1, 1000);
        }

        if (request.Chokepoints is < 1 or > 50)
        {
            throw Range("chokepoints", request.Chokepoints, 1, 50);
        }

        if (request.MaxClusters is < 3 or > 30)
        {
            throw Range("maxClusters", request.MaxClusters, 3, 30);
        }

        if (request.Clusters is { } k && k is < 2 or > 30)
        {
            throw Range("clusters", k, 2, 30);
        }

        if (request.From is { } from && request.To is { } to && from > to)
        {
            throw new InvalidRequestException(string.Create(CultureInfo.InvariantCulture, $"from ({from:yyyy-MM-dd}) is after to ({to:yyyy-MM-dd})"), parameter: "from");
        }
    }

    private static string EngineVersion =>
        typeof(ReportService).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "unknown";

    private async Task<ClusterOverview> ClusterOverviewAsync(PatentFilter filter, NavigationRequest request, DateOnly? cutoff, bool benchmarkByRecord, CancellationToken cancellationToken)
    {
        // The clusters depend on the field, not on the place: reports on other places of the same industry reuse them
        // while the index is unchanged (any change, merges included, gives a new reader version and a fresh clustering).
        var key = string.Create(
            CultureInfo.InvariantCulture,
            $"{_index.ReaderVersion}|{_text.GetUserWords().Version}|{System.Text.Json.JsonSerializer.Serialize(filter, PatentJson.Options)}|{request.Clusters}|{request.MaxClusters}|{cutoff}|{benchmarkByRecord}");
        if (_reportClusters.TryGetValue(key, out var cached))
        {
            return cached;
        }

        var overview = await ComputeClusterOverviewAsync(filter, request, cutoff, benchmarkByRecord, cancellationToken).ConfigureAwait(false);
        if (_reportClusters.Count >= 32)
        {
            _reportClusters.Clear();
        }

        _reportClusters[key] = overview;
        return overview;
    }

    private async Task<ClusterOverview> ComputeClusterOverviewAsync(PatentFilter filter, NavigationRequest request, DateOnly? cutoff, bool benchmarkByRecord, CancellationToken cancellationToken)
    {
        var options = new ClusterOptions
        {
            K = request.Clusters,
            MinK = Math.Min(3, request.MaxClusters),
            MaxK = request.MaxClusters,
            Representatives = 1,
            TopApplicants = 1,
            MaxMapPatents = 0,
            Cutoff = cutoff,
        };
        var notes = new List<string>();
        if (benchmarkByRecord)
        {
            notes.Add("clusters cover the field in the whole workspace: the benchmark is decided record by record, which the clustering's index filter cannot express");
        }

        try
        {
            var report = await _analytics.ClusterAsync(filter, options, cancellationToken: cancellationToken).ConfigureAwait(false);
            notes.AddRange(report.Notes);
            return NavigationReports.Summarize(report, notes);
        }
        catch (InvalidRequestException ex) when (ex.Parameter is "k" or null)
        {
            // Too few patents with text for the clusters asked: the report says so instead of failing.
            notes.Add("no technology clusters: " + ex.Message);
            return new ClusterOverview(0, 0, 0, "none", [], string.Empty, options.Seed, notes);
        }
    }

    private async Task<HighValueIndicator?> IndicatorOrNull(string region, DateOnly asOf, CancellationToken cancellationToken) =>
        await _analytics.HighValueIndicatorAsync(region, asOf, cancellationToken: cancellationToken).ConfigureAwait(false);

    private string BenchmarkName(BenchmarkScope? benchmark)
    {
        var b = benchmark ?? BenchmarkScope.Workspace;
        return b.Kind switch
        {
            BenchmarkKind.Nation => "全国（有中国地区归属的专利）",
            BenchmarkKind.Places => "所选地区：" + string.Join("、", b.Places.Select(id => Places.Find(id)?.Name ?? id)),
            BenchmarkKind.Region => AdminDivisions.Default.FindByCode(b.Region!) is { } d ? $"{d.Name}（{d.Code}）" : b.Region!,
            _ => "库内全部专利",
        };
    }

    private static string? IndicatorRegion(Place place)
    {
        foreach (var code in place.Codes.Append(place.Within ?? string.Empty))
        {
            if (code.Length > 0 && AdminDivisions.Default.FindByCode(code) is not null)
            {
                return code;
            }
        }

        return null;
    }

    private string IndustryName(string industry)
    {
        var names = Taxonomies.ResolveFilter(industry).Select(token =>
        {
            var colon = token.IndexOf(':', StringComparison.Ordinal);
            var code = token[(colon + 1)..];
            return token.StartsWith(Taxonomy.CityTaxonomy.TaxonomyId + ":", StringComparison.Ordinal)
                ? Taxonomies.City.Chains.FirstOrDefault(c => c.Code == code)?.Name ?? code
                : Taxonomies.Sei.FindBranch(code)?.Name ?? Taxonomies.Sei.FindIndustry(code)?.Name ?? code;
        });
        return string.Join("、", names.Distinct(StringComparer.Ordinal));
    }
}

using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using PatentNav.Analytics;
using PatentNav.Internal;
using PatentNav.Places;
using PatentNav.Records;
using PatentNav.Search;
using PatentNav.Storage;

namespace PatentNav.Workspace;

/// <content>Places (地区与园区), regional positioning (区域产业定位) and chokepoint lists (卡脖子技术清单).</content>
public sealed partial class AnalyticsService
{
    /// <summary>How many stored patents are in a place (under an optional filter), counted over the analytical store.</summary>
    /// <exception cref="InvalidRequestException">An unknown place or an invalid filter.</exception>
    /// <exception cref="AnalyticsUnavailableException">The analytical store is being rebuilt from the index.</exception>
    public Task<long> CountPlaceAsync(string place, PatentFilter? filter = null, CancellationToken cancellationToken = default)
    {
        var p = ResolvePlace(place, "place");
        return Task.Run(() => CountPlace(p, filter ?? new PatentFilter(), cancellationToken), cancellationToken);
    }

    /// <summary>
    /// Positions a place in a field (区域产业定位) against a benchmark: counts, share, RTA with its interval, rank among
    /// places of the same level, growth against the benchmark's, leading applicants and inventors, strongest and weakest
    /// technologies; see <see cref="Positioning.Compute"/>. Every result states its counting conventions.
    /// </summary>
    /// <remarks>Counted by SQL over the analytical store (<see cref="PositioningReport.Statements"/>), with no cap on the
    /// benchmark's size: place membership (codes, address patterns within a region) is a condition over the stored rows.</remarks>
    /// <exception cref="InvalidRequestException">A missing or unknown place, no field, a bad benchmark or option (the parameter is named).</exception>
    /// <exception cref="AnalyticsUnavailableException">The analytical store is being rebuilt from the index.</exception>
    public async Task<PositioningReport> PositionAsync(PositioningRequest request, CancellationToken cancellationToken = default)
    {
        var report = await PositionWithoutTermsAsync(request, cancellationToken).ConfigureAwait(false);
        var field = FieldFilter(request.Industry, request.Ipc) with { DateField = request.DateField, From = request.From, To = request.To };
        var terms = await UnitTermsAsync(field, report.Strongest.Concat(report.Weakest).Select(t => t.Code), cancellationToken).ConfigureAwait(false);
        return report with
        {
            Strongest = report.Strongest.Select(t => t with { Terms = terms.GetValueOrDefault(t.Code, []) }).ToList(),
            Weakest = report.Weakest.Select(t => t with { Terms = terms.GetValueOrDefault(t.Code, []) }).ToList(),
        };
    }

    private Task<PositioningReport> PositionWithoutTermsAsync(PositioningRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var place = ResolvePlace(request.Place, "place");
        var fieldFilter = FieldFilter(request.Industry, request.Ipc);
        if (request.Top is < 1 or > 100)
        {
            throw new InvalidRequestException(string.Create(CultureInfo.InvariantCulture, $"top must be between 1 and 100, got {request.Top}"), parameter: "top");
        }

        if (request.MinSupport is < 1 or > 1000)
        {
            throw new InvalidRequestException(string.Create(CultureInfo.InvariantCulture, $"minSupport must be between 1 and 1000, got {request.MinSupport}"), parameter: "minSupport");
        }

        var benchmark = ParseBenchmark(request.Benchmark);
        var dated = benchmark.Filter with { DateField = request.DateField, From = request.From, To = request.To };
        var peers = place.Level == PlaceLevel.Park ? Places.Places.Where(p => p.Level == PlaceLevel.Park).ToList() : [];
        if (place.Level == PlaceLevel.Park && !peers.Any(p => p.Id == place.Id))
        {
            peers.Add(place);
        }

        var field = StoreFilter.From(fieldFilter, Taxonomies);
        return _store.AnalyzeInStoreAsync(
            dated,
            session =>
            {
                var (cutoff, source) = Cutoff(request.Cutoff);
                return StoreAnalyses.Position(session, benchmark.Condition(), field, place, peers, request, DescribeField(request.Industry, request.Ipc), benchmark.Label, cutoff, source, cancellationToken);
            },
            cancellationToken);
    }

    /// <summary>
    /// The chokepoint list (卡脖子技术清单) of a field for a place: technology units scored on value, gap, monopoly and
    /// breakthrough difficulty, with evidence, missing components and partners; see <see cref="Chokepoints.Compute"/>.
    /// </summary>
    /// <exception cref="InvalidRequestException">A missing or unknown place, no field, or a bad option (the parameter is named).</exception>
    public async Task<ChokepointReport> ChokepointsAsync(ChokepointRequest request, IProgress<AnalysisProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var report = await ChokepointsWithoutTermsAsync(request, progress, cancellationToken).ConfigureAwait(false);
        var field = FieldFilter(request.Industry, request.Ipc) with { DateField = request.DateField, From = request.From, To = request.To };
        var terms = await UnitTermsAsync(field, report.Entries.Select(e => e.Unit), cancellationToken).ConfigureAwait(false);
        return report with { Entries = report.Entries.Select(e => e with { Terms = terms.GetValueOrDefault(e.Unit, []) }).ToList() };
    }

    private Task<ChokepointReport> ChokepointsWithoutTermsAsync(ChokepointRequest request, IProgress<AnalysisProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ValidateChokepoints(request);
        var place = ResolvePlace(request.Place, "place");
        var fieldFilter = FieldFilter(request.Industry, request.Ipc);
        var dated = new PatentFilter { DateField = request.DateField, From = request.From, To = request.To };
        var highValue = WithReferences(null);
        var datedStore = StoreFilter.From(dated, Taxonomies);
        return _store.AnalyzeInStoreAsync(
            fieldFilter with { DateField = request.DateField, From = request.From, To = request.To },
            session =>
            {
                var (cutoff, source) = Cutoff(request.Cutoff);
                var asOf = cutoff ?? DateOnly.FromDateTime(_options.TimeProvider.GetUtcNow().UtcDateTime);
                var conventions = new CountingConventions(request.DateField, Trends.DateFieldDescription(request.DateField), CountingConventions.DocumentUnits, request.From, request.To, cutoff, source, CountingConventions.PlaceAttribution);
                return StoreAnalyses.Chokepoints(session, datedStore, place, request, highValue with { AsOf = asOf }, asOf, Taxonomies.Sei, DescribeField(request.Industry, request.Ipc), conventions, progress, cancellationToken);
            },
            cancellationToken);
    }

    /// <summary>Checks a chokepoint request's options (the place and field are checked when it runs).</summary>
    /// <exception cref="InvalidRequestException">The parameter at fault is named.</exception>
    public void ValidateChokepoints(ChokepointRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        ResolvePlace(request.Place, "place");
        FieldFilter(request.Industry, request.Ipc);
        if (request.Top is < 1 or > 200)
        {
            throw new InvalidRequestException(string.Create(CultureInfo.InvariantCulture, $"top must be between 1 and 200, got {request.Top}"), parameter: "top");
        }

        if (request.MinSupport is < 1 or > 1000)
        {
            throw new InvalidRequestException(string.Create(CultureInfo.InvariantCulture, $"minSupport must be between 1 and 1000, got {request.MinSupport}"), parameter: "minSupport");
        }

        if (request.Partners is < 0 or > 20)
        {
            throw new InvalidRequestException(string.Create(CultureInfo.InvariantCulture, $"partners must be between 0 and 20, got {request.Partners}"), parameter: "partners");
        }

        if (request.Weights is { } w)
        {
            var all = new[] { ("weights.value", w.Value), ("weights.gap", w.Gap), ("weights.monopoly", w.Monopoly), ("weights.difficulty", w.Difficulty) };
            foreach (var (name, value) in all)
            {
                if (value < 0 || !double.IsFinite(value))
                {
                    throw new InvalidRequestException(string.Create(CultureInfo.InvariantCulture, $"{name} must be a non-negative number, got {value}"), parameter: name);
                }
            }

            if (all.Sum(x => x.Item2) <= 0)
            {
                throw new InvalidRequestException("the weights must not all be zero", parameter: "weights");
            }
        }
    }

    internal Place ResolvePlace(string? place, string parameter)
    {
        if (string.IsNullOrWhiteSpace(place))
        {
            throw new InvalidRequestException($"{parameter} is required: a place id of the place catalogue (320771, xuwei) or a GB/T 2260 code (32, 3207, 320706)", parameter: parameter);
        }

        return Places.Find(place)
            ?? throw new InvalidRequestException($"unknown {parameter} '{place}': use a place id of the place catalogue (e.g. 320771, xuwei) or a GB/T 2260 code (32, 3207, 320706)", parameter: parameter);
    }

    internal PatentFilter FieldFilter(string? industry, IReadOnlyList<string>? ipc)
    {
        var codes = (ipc ?? []).Where(s => !string.IsNullOrWhiteSpace(s)).ToList();
        if (string.IsNullOrWhiteSpace(industry) && codes.Count == 0)
        {
            throw new InvalidRequestException("a field is required: industry (city:高端石化, sei:3.3, a name) and/or ipc (C10G, A61K 31)", parameter: "industry");
        }

        var filter = new PatentFilter { Industry = string.IsNullOrWhiteSpace(industry) ? null : industry.Trim(), Ipc = codes };
        _ = QueryTranslatorCheck(filter);
        return filter;
    }

    private bool QueryTranslatorCheck(PatentFilter filter)
    {
        // Builds the query once so that an unknown industry or a bad IPC prefix fails here, naming its parameter.
        _index.CountYears(filter, DateField.Filing, latestOfAll: false, CancellationToken.None);
        return true;
    }

    /// <summary>A positioning benchmark: a filter (a region), or every patent with a Chinese region (nation), or the union of places.</summary>
    internal sealed record Benchmark(PatentFilter Filter, string Label, bool Nation = false, IReadOnlyList<Place>? Union = null)
    {
        /// <summary>Whether a record is in the benchmark beyond <see cref="Filter"/>; null when the filter says it all.</summary>
        public Func<PatentRecord, bool>? Member => Nation ? r => r.Region is not null : Union is { } places ? r => places.Any(p => p.Match(r) is not null) : null;

        /// <summary>The same as a condition over the analytical store, with its parameters; null when the filter says it all.</summary>
        public (string Condition, IReadOnlyDictionary<string, object?> Parameters)? Condition()
        {
            if (Nation)
            {
                return ("province IS NOT NULL", new Dictionary<string, object?>()); // a region always has its province
            }

            if (Union is not { } places)
            {
                return null;
            }

            var parameters = new Dictionary<string, object?>(StringComparer.Ordinal);
            var conditions = places.Select((p, i) => StoreFilter.PlaceCondition(p, string.Create(CultureInfo.InvariantCulture, $"benchmark{i}"), parameters)).ToList();
            return (string.Join(" OR ", conditions), parameters);
        }
    }

    internal Benchmark ParseBenchmark(BenchmarkScope? benchmark)
    {
        var b = benchmark ?? BenchmarkScope.Workspace;
        switch (b.Kind)
        {
            case BenchmarkKind.Nation:
                return new Benchmark(new PatentFilter(), "nation: patents attributed to a region of China (domestic applicants with a Chinese address or region field)", Nation: true);
            case BenchmarkKind.Places:
                var places = b.Places.Select(id => ResolvePlace(id, "benchmark")).ToList();
                return new Benchmark(new PatentFilter(), "places: the union of " + string.Join(", ", places.Select(p => $"{p.Id} {p.Name}")), Union: places);
            case BenchmarkKind.Region:
                var division = AdminDivisions.Default.FindByCode(b.Region!)!;
                return new Benchmark(new PatentFilter { Region = division.Code }, $"region {division.Code} {division.Name}");
            default:
                return new Benchmark(new PatentFilter(), "workspace: every patent stored");
        }
    }

    internal (DateOnly? Cutoff, string Source) Cutoff(DateOnly? given) => ResolveCutoff(given, DataCutoff);

    private long CountAll(PatentFilter filter, CancellationToken cancellationToken) =>
        _index.Count(filter, cancellationToken);

    private long CountPlace(Place place, PatentFilter filter, CancellationToken cancellationToken) =>
        _store.AnalyzeInStore(filter, session => StoreAnalyses.CountPlace(session, place, cancellationToken), cancellationToken);

    private static string DescribeField(string? industry, IReadOnlyList<string>? ipc)
    {
        var parts = new List<string>();
        if (!string.IsNullOrWhiteSpace(industry))
        {
            parts.Add("industry " + industry.Trim());
        }

        var codes = (ipc ?? []).Where(s => !string.IsNullOrWhiteSpace(s)).ToList();
        if (codes.Count > 0)
        {
            parts.Add("IPC " + string.Join(" or ", codes));
        }

        return string.Join(" and ", parts);
    }

    /// <summary>Field titles read as the background of <see cref="DistinctiveTerms"/>, and titles read per unit (seeded samples).</summary>
    private const int TermFieldSample = 1_000;
    private const int TermUnitSample = 100;

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, IReadOnlyList<string>> _unitTerms = new(StringComparer.Ordinal);

    /// <summary>
    /// The distinctive terms (<see cref="DistinctiveTerms"/>) of each unit's patent titles within <paramref name="field"/>:
    /// a seeded sample of 1,000 field titles as the background and of 100 titles per unit, cached while the index and the
    /// user dictionary are unchanged.
    /// </summary>
    private async Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> UnitTermsAsync(PatentFilter field, IEnumerable<string> units, CancellationToken cancellationToken)
    {
        var wanted = units.Distinct(StringComparer.Ordinal).ToList();
        var result = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        if (wanted.Count == 0)
        {
            return result;
        }

        // The lexicon as it is (never a term discovery here: at a million records that takes a minute, and these terms
        // only need the words; a lexicon built later refines them once the index changes).
        var tokenizer = _text.CurrentFeatureTokenizer();
        var prefix = string.Create(CultureInfo.InvariantCulture, $"{_index.ReaderVersion}|{tokenizer.UserWords.Version}|{JsonSerializer.Serialize(field, PatentJson.Options)}|");
        var missing = wanted.Where(u => !_unitTerms.ContainsKey(prefix + u)).ToList();
        if (missing.Count > 0)
        {
            await Task.Run(
                () =>
                {
                    List<IReadOnlyCollection<string>> Titles(PatentFilter request, int max) =>
                        _index.ReadSample(request, max, TextService.LexiconSeed, (records, _) => records.Select(r => (IReadOnlyCollection<string>)tokenizer.Tokenize(r.Title)).ToList(), cancellationToken, withText: false);

                    var background = Titles(field, TermFieldSample);
                    var df = new Dictionary<string, int>(StringComparer.Ordinal);
                    foreach (var term in background.SelectMany(t => t.Distinct(StringComparer.Ordinal)))
                    {
                        df[term] = df.GetValueOrDefault(term) + 1;
                    }

                    if (_unitTerms.Count > 4_096)
                    {
                        _unitTerms.Clear();
                    }

                    foreach (var unit in missing)
                    {
                        // The unit as a prefix (a main group C08K 3/00 as C08K3), ANDed with the field through the query.
                        var slash = unit.IndexOf('/', StringComparison.Ordinal);
                        var ipc = (slash < 0 ? unit : unit[..slash]).Replace(" ", string.Empty, StringComparison.Ordinal);
                        var titles = Titles(field with { Query = "ipc:" + ipc }, TermUnitSample);
                        _unitTerms[prefix + unit] = DistinctiveTerms.Of(titles, df, background.Count);
                    }
                },
                cancellationToken).ConfigureAwait(false);
        }

        foreach (var unit in wanted)
        {
            result[unit] = _unitTerms.GetValueOrDefault(prefix + unit, []);
        }

        return result;
    }
}

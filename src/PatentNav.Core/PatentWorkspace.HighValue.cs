using System.Globalization;
using System.Text.RegularExpressions;
using PatentNav.Analytics;
using PatentNav.Records;
using PatentNav.Search;
using PatentNav.Internal;

namespace PatentNav;

/// <content>High-value invention patents (高价值发明专利), the per-10,000 indicators, target tracking and their reference lists.</content>
public sealed partial class PatentWorkspace
{
    /// <summary>The most patents one high-value computation reads.</summary>
    public const int MaxHighValuePatents = 500_000;

    private readonly SemaphoreSlim _referenceGate = new(1, 1);
    private ReferenceLists? _references;

    private string ReferencePath => Path.Combine(_options.DataDirectory, "reference", "lists.json");

    /// <summary>The reference lists stored with the workspace (pledge amounts, award-winning patents, population).</summary>
    public ReferenceLists References => Volatile.Read(ref _references) ?? LoadReferences();

    /// <summary>
    /// Replaces one reference list from a CSV file (see <see cref="ReferenceLists"/> for the columns) and stores it with the
    /// workspace. The whole file is checked first: any bad row refuses it and the stored list stays as it was.
    /// </summary>
    /// <returns>The lists now stored.</returns>
    /// <exception cref="ReferenceListException">A missing column or bad rows (row, column, value, reason).</exception>
    public async Task<ReferenceLists> SetReferenceListAsync(ReferenceListKind kind, byte[] csv, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(csv);
        var parsed = ReferenceLists.Parse(kind, csv);
        await _referenceGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var current = References;
            var updated = kind switch
            {
                ReferenceListKind.PledgeAmounts => current with { PledgeAmounts = (IReadOnlyDictionary<string, decimal>)parsed },
                ReferenceListKind.Awards => current with { Awards = (IReadOnlyDictionary<string, string>)parsed },
                _ => current with { Population = (IReadOnlyList<PopulationEntry>)parsed },
            };
            await DataFiles.WriteAtomicallyAsync(ReferencePath, updated.ToJson(), cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _references, updated);
            return updated;
        }
        finally
        {
            _referenceGate.Release();
        }
    }

    /// <summary>The high-value options with the workspace's stored pledge amounts and award list filled in where the caller left them null.</summary>
    public HighValueOptions WithReferences(HighValueOptions? options)
    {
        options ??= new HighValueOptions();
        var refs = References;
        return options with { PledgeAmounts = options.PledgeAmounts ?? refs.PledgeAmounts, Awards = options.Awards ?? refs.Awards };
    }

    /// <summary>The data's cut-off: the latest filing, publication or grant date in the workspace (null when none).</summary>
    public DateOnly? DataCutoff()
    {
        var (_, latest) = _index.CountYears(new SearchRequest { Size = 1, Highlight = false }, DateField.Filing, latestOfAll: true, CancellationToken.None);
        return latest > 0 ? new DateOnly(latest / 10000, latest / 100 % 100, latest % 100) : null;
    }

    /// <summary>Which of CNIPA's five criteria a stored patent meets (高价值发明专利), or null when the number is unknown.</summary>
    /// <param name="publicationNumber">Any written form of the number.</param>
    /// <param name="options">Parameters; the stored pledge amounts and award list apply where left null; the date defaults to the data's cut-off.</param>
    /// <param name="cancellationToken">Cancels.</param>
    public async Task<HighValueAssessment?> AssessHighValueAsync(string publicationNumber, HighValueOptions? options = null, CancellationToken cancellationToken = default)
    {
        var record = await GetAsync(publicationNumber, cancellationToken).ConfigureAwait(false);
        if (record is null)
        {
            return null;
        }

        var o = WithReferences(options);
        return HighValuePatents.Assess(record, o, o.AsOf ?? DataCutoff() ?? DateOnly.FromDateTime(_options.TimeProvider.GetUtcNow().UtcDateTime), Taxonomies.Sei);
    }

    /// <summary>
    /// The high-value assessment of every valid invention patent matching <paramref name="filter"/> (the filter's kind and
    /// status are replaced by invention grant and valid), in index order.
    /// </summary>
    /// <exception cref="QuerySyntaxException">An invalid filter, or more than <see cref="MaxHighValuePatents"/> matches.</exception>
    public Task<IReadOnlyList<HighValueAssessment>> AssessHighValueAsync(SearchRequest filter, HighValueOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var o = WithReferences(options);
        var at = o.AsOf ?? DataCutoff() ?? DateOnly.FromDateTime(_options.TimeProvider.GetUtcNow().UtcDateTime);
        var request = filter with { Kind = PatentKind.InventionGrant, Status = LegalStatus.Valid, Cursor = null, Facets = [], Highlight = false };
        return Task.Run(
            () => _index.ReadMatches<IReadOnlyList<HighValueAssessment>>(request, MaxHighValuePatents, "high-value assessment", records => records.Select(r => HighValuePatents.Assess(r, o, at, Taxonomies.Sei)).ToList(), cancellationToken, withText: false),
            cancellationToken);
    }

    /// <summary>
    /// 每万人口高价值发明专利拥有量 (and 每万人口发明专利拥有量) of a place at a date: domestic holders, valid patents, population
    /// from the stored population list; with the breakdown by criterion and by industry. See <see cref="HighValueIndicators"/>.
    /// </summary>
    /// <param name="place">A GB/T 2260 region code: province (32), city (3207) or district (320706).</param>
    /// <param name="at">The date of the stock; default the data's cut-off.</param>
    /// <param name="options">Parameters; see <see cref="WithReferences"/>.</param>
    /// <param name="cancellationToken">Cancels.</param>
    /// <exception cref="QuerySyntaxException">The place is not a region code.</exception>
    public Task<HighValueIndicator> HighValueIndicatorAsync(string place, DateOnly? at = null, HighValueOptions? options = null, CancellationToken cancellationToken = default)
    {
        var code = PlaceCode(place);
        var o = WithReferences(options);
        return Task.Run(
            () =>
            {
                var cutoff = DataCutoff();
                var date = at ?? o.AsOf ?? cutoff ?? DateOnly.FromDateTime(_options.TimeProvider.GetUtcNow().UtcDateTime);
                var request = new SearchRequest { Region = code, Kind = PatentKind.InventionGrant, Status = LegalStatus.Valid, Highlight = false };
                return _index.ReadMatches(
                    request,
                    MaxHighValuePatents,
                    "high-value indicator",
                    records => HighValueIndicators.Compute(records, code, date, References.PopulationFor(code, date.Year), o with { AsOf = date }, Taxonomies.Sei, cutoff),
                    cancellationToken,
                    withText: false);
            },
            cancellationToken);
    }

    /// <summary>Progress on the plan's targets (目标监测) for a place: current value at the data's cut-off, value at the
    /// baseline, progress, and which targets the data cannot measure. See <see cref="PlanTargets"/>.</summary>
    /// <param name="place">A GB/T 2260 region code.</param>
    /// <param name="targets">The targets; default <see cref="PlanTargets.Defaults"/>.</param>
    /// <param name="options">High-value parameters; see <see cref="WithReferences"/>.</param>
    /// <param name="cancellationToken">Cancels.</param>
    public Task<TargetReport> TrackTargetsAsync(string place, IReadOnlyList<PlanTarget>? targets = null, HighValueOptions? options = null, CancellationToken cancellationToken = default)
    {
        var code = PlaceCode(place);
        var o = WithReferences(options);
        return Task.Run(
            () =>
            {
                var cutoff = DataCutoff();
                var records = _index.ReadMatches<IReadOnlyList<PatentRecord>>(new SearchRequest { Region = code, Highlight = false }, MaxHighValuePatents, "target tracking", r => r.ToList(), cancellationToken, withText: false);
                return PlanTargets.Track(records, code, targets ?? PlanTargets.Defaults, References, o, Taxonomies.Sei, cutoff);
            },
            cancellationToken);
    }

    private static string PlaceCode(string place)
    {
        ArgumentNullException.ThrowIfNull(place);
        var code = TextNormalizer.Clean(place);
        return RegionCodePattern().IsMatch(code)
            ? code
            : throw new QuerySyntaxException($"place must be a GB/T 2260 region code of 2, 4 or 6 digits (32, 3207, 320706), got '{place}'", parameter: "place");
    }

    private ReferenceLists LoadReferences()
    {
        var loaded = File.Exists(ReferencePath) ? ReferenceLists.FromJson(File.ReadAllText(ReferencePath)) : ReferenceLists.Empty;
        Interlocked.CompareExchange(ref _references, loaded, null);
        return _references!;
    }

    [GeneratedRegex(@"^(\d{2}|\d{4}|\d{6})$")]
    private static partial Regex RegionCodePattern();
}

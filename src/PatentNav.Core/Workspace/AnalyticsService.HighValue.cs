using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using PatentNav.Analytics;
using PatentNav.Internal;
using PatentNav.Records;
using PatentNav.Search;
using PatentNav.Storage;

namespace PatentNav.Workspace;

/// <content>High-value invention patents (高价值发明专利), the per-10,000 indicators, target tracking and their reference lists.</content>
public sealed partial class AnalyticsService
{
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
        // Every analysis asks for it; it changes only with the index's reader (a commit), so it is kept per reader version.
        var version = _index.ReaderVersion;
        if (Volatile.Read(ref _cutoff) is { } known && known.ReaderVersion == version)
        {
            return known.Value;
        }

        var (_, latest) = _index.CountYears(new PatentFilter(), DateField.Filing, latestOfAll: true, CancellationToken.None);
        DateOnly? value = latest > 0 ? new DateOnly(latest / 10000, latest / 100 % 100, latest % 100) : null;
        Volatile.Write(ref _cutoff, new KnownCutoff(version, value));
        return value;
    }

    private KnownCutoff? _cutoff;

    private sealed record KnownCutoff(long ReaderVersion, DateOnly? Value);

    /// <summary>Which of CNIPA's five criteria a stored patent meets (高价值发明专利), or null when the number is unknown.</summary>
    /// <param name="publicationNumber">Any written form of the number.</param>
    /// <param name="options">Parameters; the stored pledge amounts and award list apply where left null; the date defaults to the data's cut-off.</param>
    /// <param name="cancellationToken">Cancels.</param>
    public async Task<HighValueAssessment?> AssessHighValueAsync(string publicationNumber, HighValueOptions? options = null, CancellationToken cancellationToken = default)
    {
        var record = await _search.GetAsync(publicationNumber, cancellationToken).ConfigureAwait(false);
        if (record is null)
        {
            return null;
        }

        var o = WithReferences(options);
        return HighValuePatents.Assess(record, o, AsOf(o.AsOf), Taxonomies.Sei);
    }

    /// <summary>
    /// The valid invention patents matching <paramref name="filter"/> (its kind and status are replaced by invention grant
    /// and valid) counted by verdict, and the publication numbers of those with <paramref name="verdict"/> (all when null)
    /// in publication-number order, at most <paramref name="limit"/>; counted by SQL over the analytical store with no cap.
    /// <see cref="StreamHighValueAssessmentsAsync"/> gives their evidence.
    /// </summary>
    /// <exception cref="InvalidRequestException">An invalid filter.</exception>
    /// <exception cref="AnalyticsUnavailableException">The analytical store is being rebuilt from the index.</exception>
    public Task<HighValueSelection> SelectHighValueAsync(PatentFilter filter, HighValueOptions? options = null, HighValueVerdict? verdict = null, int? limit = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentOutOfRangeException.ThrowIfNegative(limit ?? 0, nameof(limit));
        var o = WithReferences(options);
        var at = AsOf(o.AsOf);
        var request = filter with { Kind = PatentKind.InventionGrant, Status = LegalStatus.Valid };
        return _store.AnalyzeInStoreAsync(
            request,
            session =>
            {
                var (counts, numbers) = StoreAnalyses.SelectHighValue(session, o, at, Taxonomies.Sei, verdict, limit, cancellationToken);
                return new HighValueSelection(counts.Values.Sum(), counts, numbers, at, HighValuePatents.Describe(o, at)) { Statements = session.Statements.ToList() };
            },
            cancellationToken);
    }

    /// <summary>The high-value assessment of each stored patent of <paramref name="publicationNumbers"/>, in that order,
    /// read in batches (a number no longer stored is left out); the date defaults to the data's cut-off.</summary>
    public async IAsyncEnumerable<HighValueAssessment> StreamHighValueAssessmentsAsync(
        IEnumerable<string> publicationNumbers,
        HighValueOptions? options = null,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(publicationNumbers);
        var o = WithReferences(options);
        var at = AsOf(o.AsOf);
        foreach (var batch in publicationNumbers.Chunk(1_000))
        {
            var records = await Task.Run(() => _store.LoadRecords(batch), cancellationToken).ConfigureAwait(false);
            foreach (var r in records)
            {
                yield return HighValuePatents.Assess(r, o, at, Taxonomies.Sei);
            }
        }
    }

    /// <summary>
    /// 每万人口高价值发明专利拥有量 (and 每万人口发明专利拥有量) of a place at a date: domestic holders, valid patents, population
    /// from the stored population list; with the breakdown by criterion and by industry. See <see cref="HighValueIndicators"/>.
    /// </summary>
    /// <remarks>Counted by SQL over the analytical store (<see cref="HighValueIndicator.Statements"/>), with no cap.</remarks>
    /// <param name="place">A GB/T 2260 region code: province (32), city (3207) or district (320706).</param>
    /// <param name="at">The date of the stock; default the data's cut-off.</param>
    /// <param name="options">Parameters; see <see cref="WithReferences"/>.</param>
    /// <param name="cancellationToken">Cancels.</param>
    /// <exception cref="InvalidRequestException">The place is not a region code.</exception>
    /// <exception cref="AnalyticsUnavailableException">The analytical store is being rebuilt from the index.</exception>
    public Task<HighValueIndicator> HighValueIndicatorAsync(string place, DateOnly? at = null, HighValueOptions? options = null, CancellationToken cancellationToken = default)
    {
        var code = PlaceCode(place);
        var o = WithReferences(options);
        return _store.AnalyzeInStoreAsync(
            new PatentFilter { Region = code },
            session =>
            {
                var cutoff = DataCutoff();
                var date = at ?? o.AsOf ?? cutoff ?? DateOnly.FromDateTime(_options.TimeProvider.GetUtcNow().UtcDateTime);
                var dated = o with { AsOf = date };
                var counts = StoreAnalyses.IndicatorCounts(session, dated, date, Taxonomies.Sei, cancellationToken);
                return HighValueIndicators.Assemble(counts, code, date, References.PopulationFor(code, date.Year), dated, cutoff, Taxonomies.Sei) with { Statements = session.Statements.ToList() };
            },
            cancellationToken);
    }

    /// <summary>Progress on the plan's targets (目标监测) for a place: current value at the data's cut-off, value at the
    /// baseline, progress, and which targets the data cannot measure. See <see cref="PlanTargets"/>.</summary>
    /// <remarks>Counted by SQL over the analytical store (<see cref="TargetReport.Statements"/>), with no cap.</remarks>
    /// <param name="place">A GB/T 2260 region code.</param>
    /// <param name="targets">The targets; default <see cref="PlanTargets.Defaults"/>.</param>
    /// <param name="options">High-value parameters; see <see cref="WithReferences"/>.</param>
    /// <param name="cancellationToken">Cancels.</param>
    /// <exception cref="InvalidRequestException">The place is not a region code.</exception>
    /// <exception cref="AnalyticsUnavailableException">The analytical store is being rebuilt from the index.</exception>
    public Task<TargetReport> TrackTargetsAsync(string place, IReadOnlyList<PlanTarget>? targets = null, HighValueOptions? options = null, CancellationToken cancellationToken = default)
    {
        var code = PlaceCode(place);
        var o = WithReferences(options);
        return _store.AnalyzeInStoreAsync(
            new PatentFilter { Region = code },
            session =>
            {
                var cutoff = DataCutoff();
                var references = References;
                var counts = new StoreAnalyses.TargetCounts(session, references, o, Taxonomies.Sei, cancellationToken);
                return PlanTargets.Track(counts, code, targets ?? PlanTargets.Defaults, references, o, Taxonomies.Sei, cutoff) with { Statements = session.Statements.ToList() };
            },
            cancellationToken);
    }

    private static string PlaceCode(string place)
    {
        ArgumentNullException.ThrowIfNull(place);
        var code = TextNormalizer.Clean(place);
        return RegionCodePattern().IsMatch(code)
            ? code
            : throw new InvalidRequestException($"place must be a GB/T 2260 region code of 2, 4 or 6 digits (32, 3207, 320706), got '{place}'", parameter: "place");
    }

    [GeneratedRegex(@"^(\d{2}|\d{4}|\d{6})$")]
    private static partial Regex RegionCodePattern();
}

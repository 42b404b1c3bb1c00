using System.Globalization;
using System.Text.Json.Serialization;
using PatentNav.Places;
using PatentNav.Records;
using PatentNav.Search;
using PatentNav.Taxonomy;

namespace PatentNav.Analytics;

/// <summary>The IPC level technologies are compared at.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TechnologyLevel>))]
public enum TechnologyLevel
{
    /// <summary>IPC subclass (小类), e.g. <c>C10G</c>.</summary>
    Subclass,

    /// <summary>IPC main group (大组), e.g. <c>C10G 1/00</c>; a code that stops at subclass level counts under its subclass.</summary>
    MainGroup,
}

/// <summary>A positioning request (区域产业定位): a place in a field against a benchmark.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record PositioningRequest : PlaceFieldRequest
{
    /// <summary>The field as IPC prefixes (any level); a patent is in the field when any of its codes falls under one.</summary>
    public IReadOnlyList<string> Ipc { get; init; } = [];

    /// <summary>What the place is compared with; every stored patent when null (<see cref="BenchmarkScope.Parse"/> reads
    /// <c>workspace</c>, <c>nation</c>, a GB/T 2260 code or <c>places:id1,id2,…</c>).</summary>
    public BenchmarkScope? Benchmark { get; init; }

    /// <summary>Rows in each list (applicants, inventors, technologies, peers); default 10, 1–100.</summary>
    public int Top { get; init; } = 10;

    /// <summary>Minimum support: counts below it are flagged <c>tooFew</c> and technologies need it to be listed; default 5.</summary>
    public int MinSupport { get; init; } = DefaultMinSupport;

    /// <summary>The default <see cref="MinSupport"/>.</summary>
    public const int DefaultMinSupport = 5;

    /// <summary>The IPC level of the strongest and weakest technologies.</summary>
    public TechnologyLevel TechnologyLevel { get; init; }
}

/// <summary>The counting conventions of a result (GB/T 39551 asks for them to be stated).</summary>
/// <param name="DateField">The date counted per year.</param>
/// <param name="Years">That date in words.</param>
/// <param name="Units">What is counted.</param>
/// <param name="From">Earliest date counted, if restricted.</param>
/// <param name="To">Latest date counted, if restricted.</param>
/// <param name="Cutoff">The data cut-off.</param>
/// <param name="CutoffSource">Where the cut-off comes from.</param>
/// <param name="Attribution">How a patent is attributed to a place.</param>
public sealed record CountingConventions(DateField DateField, string Years, string Units, DateOnly? From, DateOnly? To, DateOnly? Cutoff, string CutoffSource, string Attribution)
{
    /// <summary>Document counting: the records carry a family size but no family identifier, so families cannot be merged.</summary>
    public const string DocumentUnits = "documents (one published document = one patent); family counting is not available: the records carry a family size but no family identifier, so members of one family filed in China count separately";

    /// <summary>How places are matched.</summary>
    public const string PlaceAttribution = "a patent is in a place by its region (the export's region fields, else the first applicant's address, GB/T 2260) having one of the place's codes, or by its applicant address containing one of the place's address patterns";
}

/// <summary>A place as a result states it.</summary>
/// <param name="Id">The id.</param>
/// <param name="Name">The name.</param>
/// <param name="Level">The level.</param>
/// <param name="Rule">How patents are matched to it.</param>
public sealed record PlaceSummary(string Id, string Name, PlaceLevel Level, string Rule)
{
    /// <summary>From a place.</summary>
    public static PlaceSummary Of(Place place)
    {
        ArgumentNullException.ThrowIfNull(place);
        return new PlaceSummary(place.Id, place.Name, place.Level, place.Describe());
    }
}

/// <summary>One peer place in a ranking.</summary>
/// <param name="Id">The place id or code.</param>
/// <param name="Name">Its name.</param>
/// <param name="InField">Patents in the field.</param>
/// <param name="All">Patents in all fields.</param>
/// <param name="ShareOfField">Its share of the benchmark's field patents.</param>
/// <param name="Rta">RTA within the benchmark.</param>
/// <param name="TooFew">Field patents below the minimum support: its RTA is not ranked.</param>
public sealed record PeerPlace(string Id, string Name, long InField, long All, double ShareOfField, double? Rta, bool TooFew);

/// <summary>The place's rank among places of the same level in the benchmark.</summary>
/// <param name="Level">The peers' level.</param>
/// <param name="Peers">Peers with at least one patent in the benchmark, the place included.</param>
/// <param name="RankByPatents">1 + peers with more field patents.</param>
/// <param name="RankByRta">1 + peers (with at least the minimum support) with a higher RTA; null when the place is below the minimum support.</param>
/// <param name="RankedByRta">Peers with at least the minimum support.</param>
/// <param name="Source">How the peers were counted.</param>
/// <param name="Top">The leading peers by field patents, the place appended when it is not among them.</param>
public sealed record PeerRanking(PlaceLevel Level, int Peers, int RankByPatents, int? RankByRta, int RankedByRta, string Source, IReadOnlyList<PeerPlace> Top);

/// <summary>The place's growth in the field against the benchmark's (Poisson).</summary>
/// <param name="Place">The place's trend in the field.</param>
/// <param name="Benchmark">The benchmark's trend in the field.</param>
/// <param name="Relative">exp(b_place − b_benchmark) − 1: how much faster (positive) the place grows each year.</param>
/// <param name="Lower">95 % lower bound.</param>
/// <param name="Upper">95 % upper bound.</param>
/// <param name="Verdict"><c>faster</c>, <c>slower</c>, <c>notDistinguishable</c> or <c>notFitted</c>.</param>
/// <param name="Rule">How the comparison is made.</param>
public sealed record GrowthComparison(TrendReport Place, TrendReport Benchmark, double? Relative, double? Lower, double? Upper, string Verdict, string Rule);

/// <summary>An inventor (发明人) of the place in the field.</summary>
/// <param name="Name">The name as written.</param>
/// <param name="Patents">Patents naming the inventor.</param>
/// <param name="Applicant">The applicant the inventor appears with most often.</param>
/// <param name="FirstYear">First year counted.</param>
/// <param name="LastYear">Last year counted.</param>
public sealed record InventorRank(string Name, long Patents, string? Applicant, int? FirstYear, int? LastYear);

/// <summary>A technology (IPC subclass or main group) of the field with the place's specialisation in it.</summary>
/// <param name="Code">The IPC code of the unit.</param>
/// <param name="Place">The place's field patents with a code in the unit, with its 95 % Poisson interval.</param>
/// <param name="Benchmark">The benchmark's field patents with a code in the unit.</param>
/// <param name="Rta">(place_u ÷ benchmark_u) ÷ (place_field ÷ benchmark_field).</param>
/// <param name="RtaLower">95 % lower bound from the place's Poisson interval.</param>
/// <param name="RtaUpper">95 % upper bound.</param>
/// <param name="TooFew">The place has fewer than the minimum support in the unit.</param>
public sealed record TechnologyPosition(string Code, CountInterval Place, long Benchmark, double? Rta, double? RtaLower, double? RtaUpper, bool TooFew)
{
    /// <summary>WIPO's title of the unit; see <see cref="IpcTitles"/>.</summary>
    public string? Title => IpcTitles.ShortTitle(Code);

    /// <summary>The terms most distinctive of the unit's patent titles within the field (<see cref="DistinctiveTerms"/>), so
    /// that a Chinese reader sees what the unit is about; empty when not computed.</summary>
    public IReadOnlyList<string> Terms { get; init; } = [];

    /// <summary>The code, its title and its terms in one line: <c>C08K 配合剂…（石墨烯、导热）</c>.</summary>
    public string Label => IpcTitles.Labelled(Code) + (Terms.Count == 0 ? string.Empty : "（" + string.Join("、", Terms) + "）");
}

/// <summary>The positioning of a place in a field (区域产业定位).</summary>
/// <param name="Place">The place and its matching rule.</param>
/// <param name="Field">The field in words.</param>
/// <param name="Benchmark">The benchmark in words.</param>
/// <param name="Conventions">Counting conventions.</param>
/// <param name="PlaceInField">a: the place's patents in the field, with a 95 % Poisson interval.</param>
/// <param name="PlaceAll">b: the place's patents in all fields.</param>
/// <param name="BenchmarkInField">c: the benchmark's patents in the field.</param>
/// <param name="BenchmarkAll">d: the benchmark's patents.</param>
/// <param name="ShareOfField">a ÷ c: the place's share of the field.</param>
/// <param name="FieldShareOfPlace">a ÷ b: the field's share of the place's patents.</param>
/// <param name="FieldShareOfBenchmark">c ÷ d.</param>
/// <param name="Rta">(a ÷ c) ÷ (b ÷ d).</param>
/// <param name="RtaLower">95 % lower bound (Poisson interval of a).</param>
/// <param name="RtaUpper">95 % upper bound.</param>
/// <param name="TooFew">a is below the minimum support: read the figures as indications.</param>
/// <param name="MinSupport">The minimum support used.</param>
/// <param name="Rank">Rank among places of the same level.</param>
/// <param name="Growth">Growth against the benchmark's.</param>
/// <param name="Applicants">Leading applicants of the place in the field (rules of <see cref="PatentNav.Analytics.Applicants.Rank"/>).</param>
/// <param name="Inventors">Leading inventors.</param>
/// <param name="Strongest">Technologies with the highest RTA (place count ≥ minimum support).</param>
/// <param name="Weakest">Technologies with the lowest RTA (benchmark count ≥ minimum support).</param>
/// <param name="SyntheticRecords">Records of the place marked synthetic (demonstration data): when above zero, the result rests on them.</param>
/// <param name="Notes">Statements about the result.</param>
public sealed record PositioningReport(
    PlaceSummary Place,
    string Field,
    string Benchmark,
    CountingConventions Conventions,
    CountInterval PlaceInField,
    long PlaceAll,
    long BenchmarkInField,
    long BenchmarkAll,
    double? ShareOfField,
    double? FieldShareOfPlace,
    double? FieldShareOfBenchmark,
    double? Rta,
    double? RtaLower,
    double? RtaUpper,
    bool TooFew,
    int MinSupport,
    PeerRanking Rank,
    GrowthComparison Growth,
    ApplicantRanking Applicants,
    IReadOnlyList<InventorRank> Inventors,
    IReadOnlyList<TechnologyPosition> Strongest,
    IReadOnlyList<TechnologyPosition> Weakest,
    long SyntheticRecords,
    IReadOnlyList<string> Notes)
{
    /// <summary>The SQL that counted a workspace positioning over the analytical store, with its parameters, in the order
    /// run (empty for a positioning of records in memory).</summary>
    public IReadOnlyList<SqlStatement> Statements { get; init; } = [];
}

/// <summary>Regional positioning (区域产业定位) over a benchmark's records. Pure functions; thread-safe.</summary>
public static class Positioning
{
    /// <summary>One benchmark record: the record and whether it is in the field.</summary>
    public readonly record struct BenchmarkRecord(PatentRecord Record, bool InField);

    /// <summary>Computes the positioning of <paramref name="place"/> from the benchmark's records.</summary>
    /// <param name="records">Every record of the benchmark, each flagged by field membership.</param>
    /// <param name="place">The place.</param>
    /// <param name="parks">The catalogue's places of the same level as <paramref name="place"/>, when it is a park (its peers).</param>
    /// <param name="request">Options (top, minimum support, date field, technology level).</param>
    /// <param name="field">The field in words.</param>
    /// <param name="benchmark">The benchmark in words.</param>
    /// <param name="cutoff">The data cut-off.</param>
    /// <param name="cutoffSource">Where it comes from.</param>
    public static PositioningReport Compute(IEnumerable<BenchmarkRecord> records, Place place, IReadOnlyList<Place> parks, PositioningRequest request, string field, string benchmark, DateOnly? cutoff, string cutoffSource)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(place);
        ArgumentNullException.ThrowIfNull(parks);
        ArgumentNullException.ThrowIfNull(request);
        long b = 0, c = 0, d = 0, synthetic = 0;
        var placeField = new List<PatentRecord>();
        var benchField = new List<PatentRecord>();
        var peerAll = new Dictionary<string, (string Name, long All, long Field)>(StringComparer.Ordinal);
        foreach (var (record, inField) in records)
        {
            d++;
            if (inField)
            {
                c++;
                benchField.Add(record);
            }

            var inPlace = place.Match(record) is not null;
            if (inPlace)
            {
                b++;
                synthetic += record.Synthetic ? 1 : 0;
                if (inField)
                {
                    placeField.Add(record);
                }
            }

            if (place.Level == PlaceLevel.Park)
            {
                foreach (var park in parks)
                {
                    if (park.Match(record) is not null)
                    {
                        Tally(peerAll, park.Id, park.Name, inField);
                    }
                }
            }
            else if (record.Region is { } region)
            {
                var (code, name) = place.Level switch
                {
                    PlaceLevel.Province => (region.ProvinceCode, region.ProvinceName),
                    PlaceLevel.City => (region.CityCode, region.CityName),
                    _ => (region.DistrictCode, region.DistrictName),
                };
                if (code is not null)
                {
                    Tally(peerAll, code, name ?? code, inField);
                }
            }
        }

        var counts = new Counts(
            placeField.Count,
            b,
            c,
            d,
            synthetic,
            peerAll,
            Trends.CountByYear(placeField, request.DateField, out _),
            Trends.CountByYear(benchField, request.DateField, out _),
            Applicants.Rank(placeField, new ApplicantRankOptions { Top = request.Top }),
            RankInventors(placeField, request.Top),
            CountUnits(placeField, request.TechnologyLevel),
            CountUnits(benchField, request.TechnologyLevel));
        return Assemble(counts, place, request, field, benchmark, cutoff, cutoffSource);
    }

    /// <summary>What a positioning is computed from, however it was counted (records in memory, or SQL over the
    /// analytical store): a = place in field, b = place, c = benchmark in field, d = benchmark.</summary>
    /// <param name="A">The place's patents in the field.</param>
    /// <param name="B">The place's patents.</param>
    /// <param name="C">The benchmark's patents in the field.</param>
    /// <param name="D">The benchmark's patents.</param>
    /// <param name="Synthetic">The place's synthetic records.</param>
    /// <param name="Peers">Peer places by id: name, patents, patents in the field.</param>
    /// <param name="PlaceYears">The place's field patents per year of the date field.</param>
    /// <param name="BenchmarkYears">The benchmark's field patents per year.</param>
    /// <param name="Applicants">The place's leading applicants in the field.</param>
    /// <param name="Inventors">The place's leading inventors in the field.</param>
    /// <param name="PlaceUnits">The place's field patents per technology unit.</param>
    /// <param name="BenchmarkUnits">The benchmark's field patents per technology unit.</param>
    internal sealed record Counts(
        long A,
        long B,
        long C,
        long D,
        long Synthetic,
        Dictionary<string, (string Name, long All, long Field)> Peers,
        IReadOnlyDictionary<int, long> PlaceYears,
        IReadOnlyDictionary<int, long> BenchmarkYears,
        ApplicantRanking Applicants,
        IReadOnlyList<InventorRank> Inventors,
        IReadOnlyDictionary<string, long> PlaceUnits,
        IReadOnlyDictionary<string, long> BenchmarkUnits);

    /// <summary>The positioning from its counts: shares, RTA and its interval, ranks, growth, technologies, notes.</summary>
    internal static PositioningReport Assemble(Counts counts, Place place, PositioningRequest request, string field, string benchmark, DateOnly? cutoff, string cutoffSource)
    {
        var minSupport = request.MinSupport;
        var (a, b, c, d, synthetic) = (counts.A, counts.B, counts.C, counts.D, counts.Synthetic);
        var rta = RegionalStatistics.Rta(a, b, c, d);
        var rtaCi = RegionalStatistics.RtaInterval(a, b, c, d);
        var notes = new List<string>();

        // The place's own row uses its definition (address patterns included), replacing the grouped code row of the same id.
        // It stays even without patents (a park whose address patterns match nothing yet): it is ranked last, not an error.
        var peerAll = new Dictionary<string, (string Name, long All, long Field)>(counts.Peers, StringComparer.Ordinal)
        {
            [place.Id] = (place.Name, b, a),
        };
        var peers = peerAll
            .Where(p => p.Value.All > 0 || p.Key == place.Id)
            .Select(p => new PeerPlace(p.Key, p.Value.Name, p.Value.Field, p.Value.All, c == 0 ? 0 : Math.Round((double)p.Value.Field / c, 4), RegionalStatistics.Rta(p.Value.Field, p.Value.All, c, d), p.Value.Field < minSupport))
            .OrderByDescending(p => p.InField).ThenBy(p => p.Id, StringComparer.Ordinal)
            .ToList();
        var self = peers.First(p => p.Id == place.Id);
        var rankByPatents = 1 + peers.Count(p => p.InField > self.InField);
        var ranked = peers.Where(p => !p.TooFew && p.Rta is not null).ToList();
        int? rankByRta = self.TooFew || self.Rta is null ? null : 1 + ranked.Count(p => p.Rta > self.Rta);
        var top = peers.Take(request.Top).ToList();
        if (!top.Contains(self))
        {
            top.Add(self);
        }

        var source = place.Level == PlaceLevel.Park
            ? "the catalogue's parks, each by its own codes and address patterns"
            : $"every {place.Level.ToString().ToLowerInvariant()} of the benchmark's records by their region codes (the same counts as the region/city facets for provinces and cities)";
        var rank = new PeerRanking(place.Level, peers.Count, rankByPatents, rankByRta, ranked.Count, source, top);

        // Growth: the same Poisson fit as the trend analysis on both count series, compared by the difference of slopes.
        var placeTrend = Trends.Analyze(counts.PlaceYears, request.DateField, cutoff, cutoffSource);
        var benchTrend = Trends.Analyze(counts.BenchmarkYears, request.DateField, cutoff, cutoffSource);
        var growth = CompareGrowth(placeTrend, benchTrend);
        var (strongest, weakest) = Technologies(counts.PlaceUnits, counts.BenchmarkUnits, a, c, minSupport, request.Top);

        if (a < minSupport)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"The place has {a} patents in the field, fewer than the minimum support of {minSupport}: its share, RTA and growth are indications; see the 95 % intervals."));
        }

        if (synthetic > 0)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"{synthetic} of the place's {b} records are synthetic demonstration data (synthetic applicants, places and dates): the figures demonstrate the method, not the place."));
        }

        if (b == 0)
        {
            notes.Add("The benchmark holds no patent of this place: RTA and shares are undefined.");
        }

        var conventions = new CountingConventions(request.DateField, Trends.DateFieldDescription(request.DateField), CountingConventions.DocumentUnits, request.From, request.To, cutoff, cutoffSource, CountingConventions.PlaceAttribution);
        return new PositioningReport(
            PlaceSummary.Of(place),
            field,
            benchmark,
            conventions,
            RegionalStatistics.PoissonInterval(a),
            b,
            c,
            d,
            c == 0 ? null : Math.Round((double)a / c, 6),
            b == 0 ? null : Math.Round((double)a / b, 6),
            d == 0 ? null : Math.Round((double)c / d, 6),
            Round(rta),
            Round(rtaCi?.Lower),
            Round(rtaCi?.Upper),
            a < minSupport,
            minSupport,
            rank,
            growth,
            counts.Applicants,
            counts.Inventors,
            strongest,
            weakest,
            synthetic,
            notes);
    }

    /// <summary>Compares two Poisson growth fits: relative growth exp(b₁ − b₂) − 1 with a 95 % CI from √(se₁² + se₂²).</summary>
    /// <remarks>The place is part of the benchmark, so the two slopes are positively correlated; treating them as independent
    /// makes the interval wider than it need be (conservative): "faster" or "slower" is said only when it excludes 0.</remarks>
    public static GrowthComparison CompareGrowth(TrendReport place, TrendReport benchmark)
    {
        ArgumentNullException.ThrowIfNull(place);
        ArgumentNullException.ThrowIfNull(benchmark);
        const string rule = "relative growth = exp(b_place − b_benchmark) − 1 from the two Poisson fits over the complete years; 95 % CI from √(se_place² + se_benchmark²) (treating them as independent, which widens it); faster/slower only when the CI excludes 0";
        if (place.Growth is not { Fitted: true, Slope: { } bp, StdError: { } sp } || benchmark.Growth is not { Fitted: true, Slope: { } bb, StdError: { } sb })
        {
            return new GrowthComparison(place, benchmark, null, null, null, "notFitted", rule + "; one of the fits is not available: " + (place.Growth.Reason ?? benchmark.Growth.Reason));
        }

        var diff = bp - bb;
        var se = Math.Sqrt((sp * sp) + (sb * sb));
        var lower = Math.Exp(diff - (1.959964 * se)) - 1;
        var upper = Math.Exp(diff + (1.959964 * se)) - 1;
        var verdict = lower > 0 ? "faster" : upper < 0 ? "slower" : "notDistinguishable";
        return new GrowthComparison(place, benchmark, Round(Math.Exp(diff) - 1), Round(lower), Round(upper), verdict, rule);
    }

    /// <summary>Inventors by patents naming them (names as written after normalisation of width and spaces).</summary>
    /// <remarks>Inventor names are not identifiers: two people with one name are merged, and one person written two ways is split.</remarks>
    public static IReadOnlyList<InventorRank> RankInventors(IEnumerable<PatentRecord> records, int top)
    {
        ArgumentNullException.ThrowIfNull(records);
        var tally = new Dictionary<string, (long Patents, Dictionary<string, int> Applicants, int? First, int? Last)>(StringComparer.Ordinal);
        foreach (var r in records)
        {
            var year = (r.FilingDate ?? r.PublicationDate)?.Year;
            foreach (var name in r.Inventors.Select(n => TextNormalizer.Clean(n)).Where(n => n.Length > 0).Distinct(StringComparer.Ordinal))
            {
                if (!tally.TryGetValue(name, out var t))
                {
                    t = (0, new Dictionary<string, int>(StringComparer.Ordinal), null, null);
                }

                if (r.Applicants.Count > 0)
                {
                    var applicant = ApplicantNames.Normalize(r.Applicants[0]).DisplayName;
                    t.Applicants[applicant] = t.Applicants.GetValueOrDefault(applicant) + 1;
                }

                t = (t.Patents + 1, t.Applicants, Min(t.First, year), Max(t.Last, year));
                tally[name] = t;
            }
        }

        return tally
            .OrderByDescending(t => t.Value.Patents).ThenBy(t => t.Key, StringComparer.Ordinal)
            .Take(top)
            .Select(t => new InventorRank(t.Key, t.Value.Patents, t.Value.Applicants.OrderByDescending(x => x.Value).ThenBy(x => x.Key, StringComparer.Ordinal).Select(x => x.Key).FirstOrDefault(), t.Value.First, t.Value.Last))
            .ToList();
    }

    /// <summary>The unit keys of a record at a level: each distinct subclass, or each distinct main group (subclass when a
    /// code stops there), over all its IPC codes.</summary>
    public static IEnumerable<string> UnitsOf(PatentRecord record, TechnologyLevel level)
    {
        ArgumentNullException.ThrowIfNull(record);
        var codes = record.MainIpc is { } m ? record.Ipc.Prepend(m) : record.Ipc;
        return codes
            .Select(code => level == TechnologyLevel.MainGroup && code.MainGroupCode is { } g ? g.ToString() : code.Subclass)
            .Where(k => k is not null)
            .Select(k => k!)
            .Distinct(StringComparer.Ordinal);
    }

    private static (IReadOnlyList<TechnologyPosition> Strongest, IReadOnlyList<TechnologyPosition> Weakest) Technologies(IReadOnlyDictionary<string, long> place, IReadOnlyDictionary<string, long> bench, long a, long c, int minSupport, int top)
    {
        var units = bench.Select(u =>
        {
            var au = place.GetValueOrDefault(u.Key);
            var rta = RegionalStatistics.Rta(au, a, u.Value, c);
            var ci = RegionalStatistics.RtaInterval(au, a, u.Value, c);
            return new TechnologyPosition(u.Key, RegionalStatistics.PoissonInterval(au), u.Value, Round(rta), Round(ci?.Lower), Round(ci?.Upper), au < minSupport);
        }).ToList();
        var strongest = units.Where(u => !u.TooFew && u.Rta is not null)
            .OrderByDescending(u => u.Rta).ThenByDescending(u => u.Place.Count).ThenBy(u => u.Code, StringComparer.Ordinal).Take(top).ToList();
        var weakest = units.Where(u => u.Benchmark >= minSupport && u.Rta is not null)
            .OrderBy(u => u.Rta).ThenByDescending(u => u.Benchmark).ThenBy(u => u.Code, StringComparer.Ordinal).Take(top).ToList();
        return (strongest, weakest);
    }

    private static Dictionary<string, long> CountUnits(IEnumerable<PatentRecord> records, TechnologyLevel level)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var r in records)
        {
            foreach (var unit in UnitsOf(r, level))
            {
                counts[unit] = counts.GetValueOrDefault(unit) + 1;
            }
        }

        return counts;
    }

    private static void Tally(Dictionary<string, (string Name, long All, long Field)> peers, string id, string name, bool inField)
    {
        var t = peers.GetValueOrDefault(id, (name, 0, 0));
        peers[id] = (t.Name, t.All + 1, t.Field + (inField ? 1 : 0));
    }

    private static int? Min(int? x, int? y) => x is null ? y : y is null ? x : Math.Min(x.Value, y.Value);

    private static int? Max(int? x, int? y) => x is null ? y : y is null ? x : Math.Max(x.Value, y.Value);

    internal static double? Round(double? v) => v is { } x ? Math.Round(x, 4) : null;
}

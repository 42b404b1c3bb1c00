using System.Globalization;
using System.Text.Json.Serialization;
using PatentNav.Places;
using PatentNav.Records;
using PatentNav.Search;
using PatentNav.Taxonomy;

namespace PatentNav.Analytics;

/// <summary>The weights of the four chokepoint components; any non-negative numbers (they are divided by their sum over
/// the components that could be computed).</summary>
/// <param name="Value">Value (技术价值): volume, growth, citations, family size, high-value share.</param>
/// <param name="Gap">Gap (差距): the place's and the country's shortfall against the leaders, the place's RTA.</param>
/// <param name="Monopoly">Monopoly (垄断): foreign share, HHI and CR4 of holders.</param>
/// <param name="Difficulty">Breakthrough difficulty (突破难度): high-value patents in foreign or few hands, weak domestic growth.</param>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record ChokepointWeights(double Value = 0.25, double Gap = 0.25, double Monopoly = 0.25, double Difficulty = 0.25)
{
    /// <summary>Equal weights, 0.25 each.</summary>
    public static ChokepointWeights Default { get; } = new();

    internal double Of(string component) => component switch
    {
        Chokepoints.ValueComponent => Value,
        Chokepoints.GapComponent => Gap,
        Chokepoints.MonopolyComponent => Monopoly,
        _ => Difficulty,
    };
}

/// <summary>A chokepoint list request (卡脖子技术清单): an industry (or IPC field) and a place.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record ChokepointRequest : PlaceFieldRequest
{
    /// <summary>The field as IPC prefixes.</summary>
    public IReadOnlyList<string> Ipc { get; init; } = [];

    /// <summary>Component weights; default equal.</summary>
    public ChokepointWeights? Weights { get; init; }

    /// <summary>Technology units: IPC main groups (default; a main IPC code that stops at subclass level gives its subclass) or subclasses.</summary>
    public TechnologyLevel UnitLevel { get; init; } = TechnologyLevel.MainGroup;

    /// <summary>Units with fewer patents are not scored (counted as too small). Default (null): scaled to the field, at
    /// least <see cref="Chokepoints.MinSupportFloor"/> patents and <see cref="Chokepoints.MinSupportShare"/> of the field's
    /// patents (<see cref="Chokepoints.MinSupportFor"/>).</summary>
    public int? MinSupport { get; init; }

    /// <summary>Entries returned; default 20, 1–200.</summary>
    public int Top { get; init; } = 20;

    /// <summary>Partners listed per entry and kind; default 5, 0–20.</summary>
    public int Partners { get; init; } = 5;
}

/// <summary>One indicator behind a component: raw value, normalised value, or why it is missing.</summary>
/// <param name="Name">The indicator.</param>
/// <param name="Raw">Its raw value for the unit.</param>
/// <param name="Normalised">Min–max over the scored units, oriented so that higher means more of a chokepoint.</param>
/// <param name="Missing">Why it could not be computed, or null.</param>
public sealed record ChokepointIndicator(string Name, double? Raw, double? Normalised, string? Missing);

/// <summary>A component of the score.</summary>
/// <param name="Name"><c>value</c>, <c>gap</c>, <c>monopoly</c> or <c>difficulty</c>.</param>
/// <param name="Score">The mean of its normalised indicators that could be computed (0–1), or null when none could.</param>
/// <param name="Weight">The weight given.</param>
/// <param name="WeightUsed">The weight after renormalising over the components that could be computed.</param>
/// <param name="Indicators">Its indicators.</param>
public sealed record ChokepointComponent(string Name, double? Score, double Weight, double WeightUsed, IReadOnlyList<ChokepointIndicator> Indicators);

/// <summary>A holder in a technology unit.</summary>
/// <param name="Name">The merged name.</param>
/// <param name="Type">Applicant type.</param>
/// <param name="Origin">Domestic/foreign.</param>
/// <param name="OriginBasis">The rule that decided the origin.</param>
/// <param name="Patents">Patents naming the holder.</param>
/// <param name="Share">Fractional share (a patent with k holders gives each 1/k) of the unit.</param>
/// <param name="HighValue">High-value patents among them.</param>
/// <param name="FirstYear">First year.</param>
/// <param name="LastYear">Last year.</param>
public sealed record ChokepointHolder(string Name, ApplicantType Type, ApplicantOrigin Origin, string OriginBasis, long Patents, double Share, long HighValue, int? FirstYear, int? LastYear);

/// <summary>The evidence behind a chokepoint entry.</summary>
/// <param name="Patents">Patents in the unit.</param>
/// <param name="Years">Patents per year.</param>
/// <param name="Growth">Poisson growth of the unit.</param>
/// <param name="DomesticGrowth">Poisson growth of its domestic patents.</param>
/// <param name="PlacePatents">The place's patents in the unit.</param>
/// <param name="PlaceShare">The place's share.</param>
/// <param name="DomesticShare">Domestic first holders' share (by origin; unknown origin counts as neither).</param>
/// <param name="LeaderCountry">The country with the most patents (ISO code; CN for domestic without a code).</param>
/// <param name="LeaderCountryShare">Its share.</param>
/// <param name="LeaderCity">The Chinese city with the most patents (code and name).</param>
/// <param name="LeaderCityPatents">Its patents.</param>
/// <param name="ForeignShare">Foreign first holders' share on <paramref name="ForeignShareBasis"/>.</param>
/// <param name="ForeignShareBasis">Valid invention grants, or all documents when fewer than 3 of those.</param>
/// <param name="Hhi">HHI of holders (fractional counts).</param>
/// <param name="Cr4">CR4 of holders.</param>
/// <param name="ValidInventionGrants">Valid invention grants.</param>
/// <param name="HighValuePatents">High-value ones among them (CNIPA criteria).</param>
/// <param name="CitationsMean">Mean forward citations over the records that have the field.</param>
/// <param name="CitationsCoverage">Records with the field ÷ patents.</param>
/// <param name="FamilyMean">Mean family size over the records that have it.</param>
/// <param name="FamilyCoverage">Records with it ÷ patents.</param>
/// <param name="TopHolders">The largest holders.</param>
public sealed record ChokepointEvidence(
    long Patents,
    IReadOnlyList<YearCount> Years,
    GrowthFit Growth,
    GrowthFit DomesticGrowth,
    long PlacePatents,
    double PlaceShare,
    double DomesticShare,
    string? LeaderCountry,
    double? LeaderCountryShare,
    string? LeaderCity,
    long LeaderCityPatents,
    double? ForeignShare,
    string ForeignShareBasis,
    double? Hhi,
    double? Cr4,
    long ValidInventionGrants,
    long HighValuePatents,
    double? CitationsMean,
    double CitationsCoverage,
    double? FamilyMean,
    double FamilyCoverage,
    IReadOnlyList<ChokepointHolder> TopHolders);

/// <summary>A patent behind a partner.</summary>
/// <param name="PublicationNumber">The number.</param>
/// <param name="Title">The title.</param>
/// <param name="Year">Filing (or publication) year.</param>
/// <param name="Relation"><c>in</c> the unit, or <c>next</c> to it (same subclass).</param>
public sealed record PartnerPatent(string PublicationNumber, string? Title, int? Year, string Relation);

/// <summary>Someone who could help close a chokepoint.</summary>
/// <param name="Name">The merged name.</param>
/// <param name="Type">Applicant type.</param>
/// <param name="TypeRule">Why that type.</param>
/// <param name="InUnit">Patents in the unit.</param>
/// <param name="NextToUnit">Patents in the same subclass, other units (within the field).</param>
/// <param name="Score">2 × in + 1 × next: the ranking key.</param>
/// <param name="Patents">Their patents (in the unit first), at most 5.</param>
public sealed record ChokepointPartner(string Name, ApplicantType Type, string TypeRule, long InUnit, long NextToUnit, long Score, IReadOnlyList<PartnerPatent> Patents);

/// <summary>One entry of a chokepoint list.</summary>
/// <param name="Rank">1 = most of a chokepoint.</param>
/// <param name="Unit">The IPC main group or subclass.</param>
/// <param name="UnitLevel"><c>mainGroup</c>, or <c>subclass</c> when the data give no group for these patents.</param>
/// <param name="Score">Σ weightUsed × component score.</param>
/// <param name="Components">The four components with their indicators.</param>
/// <param name="Missing">Components that could not be computed and why (their weight went to the others).</param>
/// <param name="Evidence">Holders, counts, years, shares.</param>
/// <param name="LocalApplicants">Applicants in the place active in or next to the unit.</param>
/// <param name="Institutions">Universities and research institutes elsewhere with relevant patents.</param>
public sealed record ChokepointEntry(
    int Rank,
    string Unit,
    string UnitLevel,
    double Score,
    IReadOnlyList<ChokepointComponent> Components,
    IReadOnlyList<string> Missing,
    ChokepointEvidence Evidence,
    IReadOnlyList<ChokepointPartner> LocalApplicants,
    IReadOnlyList<ChokepointPartner> Institutions)
{
    /// <summary>WIPO's title of the unit (its main group's when the bundled list has it, else its subclass's); see
    /// <see cref="IpcTitles"/>.</summary>
    public string? Title => IpcTitles.ShortTitle(Unit);

    /// <summary>The terms most distinctive of the unit's patent titles within the field (<see cref="DistinctiveTerms"/>), so
    /// that a Chinese reader sees what the unit is about; empty when not computed.</summary>
    public IReadOnlyList<string> Terms { get; init; } = [];

    /// <summary>The code, its title and its terms in one line: <c>C08K 配合剂…（石墨烯、导热）</c>.</summary>
    public string Label => IpcTitles.Labelled(Unit) + (Terms.Count == 0 ? string.Empty : "（" + string.Join("、", Terms) + "）");
}

/// <summary>A chokepoint list (卡脖子技术清单) for a field and a place.</summary>
/// <param name="Place">The place.</param>
/// <param name="Field">The field.</param>
/// <param name="Conventions">Counting conventions.</param>
/// <param name="Patents">Patents of the field read.</param>
/// <param name="WithoutIpc">Of them, without an IPC code (in no unit).</param>
/// <param name="Units">Technology units found.</param>
/// <param name="Scored">Units with at least the minimum support (scored and ranked).</param>
/// <param name="MinSupport">The minimum support.</param>
/// <param name="Weights">The weights asked for.</param>
/// <param name="Method">The method in words: indicators, orientation, normalisation, renormalisation.</param>
/// <param name="MissingIndicators">Indicators no unit could compute, with the field the data lack.</param>
/// <param name="HighValueParameters">The high-value criteria parameters used.</param>
/// <param name="Entries">The list, highest score first.</param>
/// <param name="SyntheticRecords">Records marked synthetic: when above zero the list demonstrates the method, not the field.</param>
/// <param name="Notes">Statements about the list.</param>
public sealed record ChokepointReport(
    PlaceSummary Place,
    string Field,
    CountingConventions Conventions,
    long Patents,
    long WithoutIpc,
    int Units,
    int Scored,
    int MinSupport,
    ChokepointWeights Weights,
    string Method,
    IReadOnlyList<string> MissingIndicators,
    string HighValueParameters,
    IReadOnlyList<ChokepointEntry> Entries,
    long SyntheticRecords,
    IReadOnlyList<string> Notes)
{
    /// <summary>The SQL that counted a workspace list over the analytical store, with its parameters, in the order run
    /// (empty for a list computed from records in memory).</summary>
    public IReadOnlyList<SqlStatement> Statements { get; init; } = [];
}

/// <summary>
/// Chokepoint identification (卡脖子技术识别) on the V-G-M-B scheme (value, gap, monopoly, breakthrough difficulty) over a
/// field's records. Pure functions: the same records and options give the same list. Thread-safe.
/// </summary>
public static class Chokepoints
{
    internal const string ValueComponent = "value";
    internal const string GapComponent = "gap";
    internal const string MonopolyComponent = "monopoly";
    internal const string DifficultyComponent = "difficulty";

    /// <summary>The method, as every report states it.</summary>
    public const string Method =
        "Units: the main group of each patent's main IPC code (the subclass when the code stops there), one unit per patent; units with fewer than minSupport patents are not scored (default: at least 5 patents and 1 % of the field's patents). " +
        "Indicators (higher = more of a chokepoint): value — ln(1+patents), Poisson annual growth, mean forward citations, mean family size, high-value share of valid invention grants; " +
        "gap — 1 − min(1, place ÷ leader) with the leader the largest Chinese city or foreign country of the unit, 1 − min(1, China's share ÷ leading country's share), 1 ÷ (1 + the place's RTA in the unit against the workspace); " +
        "monopoly — foreign first holders' share of valid invention grants (of all documents when fewer than 3), HHI and CR4 of holders (a patent with k holders gives each 1/k); " +
        "difficulty — foreign share and top-4 share of the unit's high-value patents, minus the domestic Poisson growth (1, i.e. −100 %, when the unit has a fitted trend but no domestic patent). " +
        "Each indicator is min–max normalised across the scored units (0.5 for all when they do not differ); a component is the mean of its indicators that could be computed; " +
        "score = Σ weight × component ÷ Σ weight over the components that could be computed (renormalised, and listed in 'missing').";

    private static readonly string[] ComponentNames = [ValueComponent, GapComponent, MonopolyComponent, DifficultyComponent];

    /// <summary>Builds the list.</summary>
    /// <param name="records">The field's records (the whole workspace's, not only the place's).</param>
    /// <param name="place">The place.</param>
    /// <param name="placeAll">The place's patents in all fields (for its RTA).</param>
    /// <param name="workspaceAll">All patents of the workspace (same date restriction).</param>
    /// <param name="request">Options.</param>
    /// <param name="highValue">High-value options (stored reference lists filled in).</param>
    /// <param name="asOf">The high-value assessment date (the data's cut-off).</param>
    /// <param name="sei">The SEI table for high-value criterion 1.</param>
    /// <param name="field">The field in words.</param>
    /// <param name="conventions">Counting conventions to state.</param>
    /// <param name="progress">Receives progress per unit.</param>
    /// <param name="cancellationToken">Stops between units.</param>
    public static ChokepointReport Compute(
        IEnumerable<PatentRecord> records,
        Place place,
        long placeAll,
        long workspaceAll,
        ChokepointRequest request,
        HighValueOptions highValue,
        DateOnly asOf,
        SeiIpcTaxonomy sei,
        string field,
        CountingConventions conventions,
        IProgress<AnalysisProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(place);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(highValue);
        ArgumentNullException.ThrowIfNull(sei);
        ArgumentNullException.ThrowIfNull(conventions);
        var units = new Dictionary<string, List<Item>>(StringComparer.Ordinal);
        long total = 0, withoutIpc = 0, synthetic = 0;
        foreach (var r in records)
        {
            cancellationToken.ThrowIfCancellationRequested();
            total++;
            synthetic += r.Synthetic ? 1 : 0;
            var main = r.MainIpc ?? (r.Ipc.Count > 0 ? r.Ipc[0] : null);
            if (main is not { } code || code.Subclass is null)
            {
                withoutIpc++;
                continue;
            }

            var unit = request.UnitLevel == TechnologyLevel.MainGroup && code.MainGroupCode is { } g ? g.ToString() : code.Subclass;
            if (!units.TryGetValue(unit, out var list))
            {
                units[unit] = list = [];
            }

            list.Add(Item.Of(r, place, highValue, asOf, sei));
        }

        // Index order changes when background merges rewrite segments: put each unit's patents in publication-number order so
        // that first-seen choices (a holder's class) and every list are the same for the same data.
        foreach (var list in units.Values)
        {
            list.Sort((a, b) => string.CompareOrdinal(a.Record.PublicationNumber.Value, b.Record.PublicationNumber.Value));
        }

        var all = units.Values.SelectMany(v => v).ToList();
        var fieldStats = new FieldStats(
            total,
            withoutIpc,
            synthetic,
            units.Count,
            all.Any(i => i.Record.ForwardCitations is not null),
            all.Any(i => i.Record.FamilySize is not null),
            all.Any(i => !string.IsNullOrWhiteSpace(i.Record.ApplicantCountry)),
            units.Keys.Any(u => !IsGroupUnit(u)));
        var minSupport = MinSupportOf(request, total);
        var scored = units.Where(u => u.Value.Count >= minSupport).OrderBy(u => u.Key, StringComparer.Ordinal)
            .Select(u => Stats(u.Key, u.Value, request.DateField))
            .ToList();
        return Assemble(fieldStats, scored, unit => Partners(unit, units[unit], units, place, request.Partners), place, placeAll, workspaceAll, request, highValue, asOf, field, conventions, progress, cancellationToken);
    }

    /// <summary>The fewest patents a unit needs to be scored when the request gives no minimum.</summary>
    public const int MinSupportFloor = 5;

    /// <summary>The share of the field's patents a unit needs to be scored when the request gives no minimum: a unit
    /// holding less than 1 % of the field is a niche, not a chokepoint of the field.</summary>
    public const double MinSupportShare = 0.01;

    /// <summary>The default minimum support of a field of <paramref name="fieldPatents"/> patents:
    /// max(<see cref="MinSupportFloor"/>, ⌈<see cref="MinSupportShare"/> × patents⌉).</summary>
    public static int MinSupportFor(long fieldPatents) =>
        (int)Math.Max(MinSupportFloor, Math.Ceiling(MinSupportShare * Math.Max(0, fieldPatents)));

    /// <summary>The minimum support a request uses over a field of <paramref name="fieldPatents"/> patents.</summary>
    internal static int MinSupportOf(ChokepointRequest request, long fieldPatents) => request.MinSupport ?? MinSupportFor(fieldPatents);

    /// <summary>Whether a unit key is a main group (<c>C10G 1/00</c>) rather than a subclass (<c>C10G</c>).</summary>
    internal static bool IsGroupUnit(string unit) => unit.Contains(' ', StringComparison.Ordinal);

    /// <summary>What the whole field's records say, for the notes and the missing indicators.</summary>
    /// <param name="Total">Records of the field.</param>
    /// <param name="WithoutIpc">Records without a main IPC code at subclass level.</param>
    /// <param name="Synthetic">Synthetic records.</param>
    /// <param name="Units">Units with at least one patent.</param>
    /// <param name="HasCitations">Some record (with a unit) has forward citations.</param>
    /// <param name="HasFamily">Some record has a family size.</param>
    /// <param name="HasCountry">Some record has an applicant country.</param>
    /// <param name="SubclassUnits">Some unit is a subclass (a main code without group).</param>
    internal sealed record FieldStats(long Total, long WithoutIpc, long Synthetic, int Units, bool HasCitations, bool HasFamily, bool HasCountry, bool SubclassUnits);

    /// <summary>The counts of one technology unit every indicator is computed from, however they were counted (records in
    /// memory, or SQL over the analytical store).</summary>
    internal sealed record UnitStats(
        string Unit,
        long Patents,
        long PlacePatents,
        long Domestic,
        IReadOnlyDictionary<int, long> Years,
        IReadOnlyDictionary<int, long> DomesticYears,
        long Cited,
        double CitationsSum,
        long WithFamily,
        double FamilySum,
        long ValidGrants,
        long HighValue,
        long ValidGrantsKnown,
        long ValidGrantsForeign,
        long Known,
        long Foreign,
        long HighValueKnown,
        long HighValueForeign,
        (string Code, string? Name, long Count)? LeaderCity,
        IReadOnlyList<(string Code, long Count)> Countries,
        double? Hhi,
        double? Cr4,
        double? HighValueTop4,
        IReadOnlyList<ChokepointHolder> TopHolders);

    private static UnitStats Stats(string unit, List<Item> items, DateField dateField)
    {
        long n = items.Count;
        var domestic = items.Where(i => i.Origin == ApplicantOrigin.Domestic).ToList();
        var valid = items.Where(i => i.Assessment is not null).ToList();
        var hv = valid.Where(i => i.Assessment!.Verdict == HighValueVerdict.HighValue).ToList();
        var known = items.Where(i => i.Origin != ApplicantOrigin.Unknown).ToList();
        var validKnown = valid.Where(i => i.Origin != ApplicantOrigin.Unknown).ToList();
        var hvKnown = hv.Where(i => i.Origin != ApplicantOrigin.Unknown).ToList();
        var city = domestic.Where(i => i.Record.Region?.CityCode is not null)
            .GroupBy(i => i.Record.Region!.CityCode!, StringComparer.Ordinal)
            .Select(g => (Code: g.Key, Name: g.First().Record.Region!.CityName, Count: (long)g.Count()))
            .OrderByDescending(g => g.Count).ThenBy(g => g.Code, StringComparer.Ordinal)
            .Select(g => ((string, string?, long)?)g)
            .FirstOrDefault();
        var countries = items.Where(i => i.Country is not null).GroupBy(i => i.Country!, StringComparer.Ordinal)
            .Select(g => (g.Key, (long)g.Count())).ToList();
        var holders = Holders(items);
        var hvHolders = Holders(hv);
        var top = holders.Values.OrderByDescending(h => h.Weight).ThenBy(h => h.Name, StringComparer.Ordinal).Take(5)
            .Select(h => new ChokepointHolder(h.Name, h.Class.Type, h.Class.Origin, h.Class.OriginBasis, h.Patents, Math.Round(h.Weight / n, 4), h.HighValue, h.First, h.Last)).ToList();
        var cited = items.Where(i => i.Record.ForwardCitations is not null).ToList();
        var family = items.Where(i => i.Record.FamilySize is not null).ToList();
        return new UnitStats(
            unit,
            n,
            items.Count(i => i.InPlace),
            domestic.Count,
            Trends.CountByYear(items.Select(i => i.Record), dateField, out _),
            Trends.CountByYear(domestic.Select(i => i.Record), dateField, out _),
            cited.Count,
            cited.Sum(i => (double)i.Record.ForwardCitations!.Value),
            family.Count,
            family.Sum(i => (double)i.Record.FamilySize!.Value),
            valid.Count,
            hv.Count,
            validKnown.Count,
            validKnown.Count(i => i.Origin == ApplicantOrigin.Foreign),
            known.Count,
            known.Count(i => i.Origin == ApplicantOrigin.Foreign),
            hvKnown.Count,
            hvKnown.Count(i => i.Origin == ApplicantOrigin.Foreign),
            city,
            countries,
            RegionalStatistics.Hhi(holders.Values.Select(h => h.Weight)),
            RegionalStatistics.ConcentrationRatio(holders.Values.Select(h => h.Weight)),
            RegionalStatistics.ConcentrationRatio(hvHolders.Values.Select(h => h.Weight)),
            top);
    }

    /// <summary>Scores the units and builds the list: normalisation across the scored units, components, ranking,
    /// partners of the ranked entries (<paramref name="partners"/>), notes.</summary>
    internal static ChokepointReport Assemble(
        FieldStats fieldStats,
        IReadOnlyList<UnitStats> scored,
        Func<string, (IReadOnlyList<ChokepointPartner> Local, IReadOnlyList<ChokepointPartner> Institutions)> partners,
        Place place,
        long placeAll,
        long workspaceAll,
        ChokepointRequest request,
        HighValueOptions highValue,
        DateOnly asOf,
        string field,
        CountingConventions conventions,
        IProgress<AnalysisProgress>? progress,
        CancellationToken cancellationToken)
    {
        var weights = request.Weights ?? ChokepointWeights.Default;
        var minSupport = MinSupportOf(request, fieldStats.Total);
        progress?.Report(new AnalysisProgress("units", 0, scored.Count));
        var raw = new List<(UnitStats Stats, Dictionary<string, double?> Values, Dictionary<string, string?> Missing, ChokepointEvidence Evidence)>();
        var done = 0;
        foreach (var stats in scored)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (values, missing, evidence) = Measure(stats, placeAll, workspaceAll, request, conventions.Cutoff, conventions.CutoffSource, fieldStats.HasCitations, fieldStats.HasFamily);
            raw.Add((stats, values, missing, evidence));
            progress?.Report(new AnalysisProgress("units", ++done, scored.Count));
        }

        // Normalise each indicator across the scored units.
        var names = Indicators.SelectMany(i => i.Value).ToList();
        var normalised = new Dictionary<string, IReadOnlyList<double?>>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            normalised[name] = RegionalStatistics.MinMax(raw.Select(x => x.Values[name]).ToList());
        }

        var missingIndicators = new List<string>();
        if (!fieldStats.HasCitations)
        {
            missingIndicators.Add("citations: no record of the field has forward citations (被引证次数); value rests on the other indicators");
        }

        if (!fieldStats.HasFamily)
        {
            missingIndicators.Add("familySize: no record of the field has a family size (同族数量); value rests on the other indicators");
        }

        if (!fieldStats.HasCountry)
        {
            missingIndicators.Add("applicantCountry: no record of the field has the applicant's country (申请人国别); origin (domestic/foreign) comes from the holders' names only, and is unknown for Latin names without a foreign legal form");
        }

        foreach (var name in names.Where(n => raw.Count > 0 && raw.All(x => x.Values[n] is null)))
        {
            var reason = raw.Select(x => x.Missing[name]).FirstOrDefault(m => m is not null);
            if (!missingIndicators.Any(m => m.StartsWith(name + ":", StringComparison.Ordinal)))
            {
                missingIndicators.Add($"{name}: not computable for any unit ({reason})");
            }
        }

        var entries = new List<ChokepointEntry>();
        for (var i = 0; i < raw.Count; i++)
        {
            var (stats, values, missing, evidence) = raw[i];
            var components = new List<ChokepointComponent>();
            var missingComponents = new List<string>();
            var available = ComponentNames.Where(c => Indicators[c].Any(n => normalised[n][i] is not null)).ToList();
            var weightSum = available.Sum(weights.Of);
            foreach (var component in ComponentNames)
            {
                var indicators = Indicators[component].Select(n => new ChokepointIndicator(n, Positioning.Round(values[n]), Positioning.Round(normalised[n][i]), values[n] is null ? missing[n] : null)).ToList();
                var present = indicators.Where(x => x.Normalised is not null).Select(x => x.Normalised!.Value).ToList();
                double? score = present.Count > 0 ? present.Average() : null;
                var used = score is not null && weightSum > 0 ? weights.Of(component) / weightSum : 0;
                if (score is null)
                {
                    missingComponents.Add($"{component}: none of its indicators could be computed ({string.Join("; ", indicators.Select(x => $"{x.Name}: {x.Missing}"))}); its weight {weights.Of(component).ToString("0.###", CultureInfo.InvariantCulture)} was spread over the others");
                }

                components.Add(new ChokepointComponent(component, Positioning.Round(score), weights.Of(component), Math.Round(used, 4), indicators));
            }

            var total = components.Where(c => c.Score is not null).Sum(c => c.WeightUsed * c.Score!.Value);
            var level = request.UnitLevel == TechnologyLevel.MainGroup && IsGroupUnit(stats.Unit) ? "mainGroup" : "subclass";
            entries.Add(new ChokepointEntry(0, stats.Unit, level, Math.Round(total, 4), components, missingComponents, evidence, [], []));
        }

        // Partners do not enter the score: they are found for the ranked entries only.
        var ranked = entries
            .OrderByDescending(e => e.Score).ThenByDescending(e => e.Evidence.Patents).ThenBy(e => e.Unit, StringComparer.Ordinal)
            .Take(request.Top)
            .Select((e, i) =>
            {
                var (local, institutions) = request.Partners == 0 ? ([], []) : partners(e.Unit);
                return e with { Rank = i + 1, LocalApplicants = local, Institutions = institutions };
            })
            .ToList();
        var notes = new List<string>();
        if (fieldStats.SubclassUnits && request.UnitLevel == TechnologyLevel.MainGroup)
        {
            notes.Add("Some main IPC codes stop at subclass level (the export gave no group): those patents form subclass units.");
        }

        if (fieldStats.Synthetic > 0)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"{fieldStats.Synthetic} of the {fieldStats.Total} records are synthetic demonstration data (synthetic applicants, places, dates and counts): the list demonstrates the method, not the industry."));
        }

        if (request.MinSupport is null)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"Minimum support {minSupport}: at least {MinSupportFloor} patents and {MinSupportShare * 100:0.#} % of the field's {fieldStats.Total} patents (the default; minSupport sets another)."));
        }

        if (fieldStats.Units - scored.Count > 0)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"{fieldStats.Units - scored.Count} units have fewer than {minSupport} patents and are not scored."));
        }

        return new ChokepointReport(
            PlaceSummary.Of(place), field, conventions, fieldStats.Total, fieldStats.WithoutIpc, fieldStats.Units, scored.Count, minSupport, weights, Method, missingIndicators,
            HighValuePatents.Describe(highValue, asOf), ranked, fieldStats.Synthetic, notes);
    }

    private static readonly Dictionary<string, string[]> Indicators = new(StringComparer.Ordinal)
    {
        [ValueComponent] = ["volume", "growth", "citations", "familySize", "highValueShare"],
        [GapComponent] = ["placeGap", "countryGap", "rtaGap"],
        [MonopolyComponent] = ["foreignShare", "hhi", "cr4"],
        [DifficultyComponent] = ["highValueForeignShare", "highValueTop4Share", "weakDomesticGrowth"],
    };

    private static (Dictionary<string, double?>, Dictionary<string, string?>, ChokepointEvidence) Measure(
        UnitStats s, long placeAll, long workspaceAll, ChokepointRequest request, DateOnly? cutoff, string cutoffSource, bool fieldHasCitations, bool fieldHasFamily)
    {
        var values = new Dictionary<string, double?>(StringComparer.Ordinal);
        var missing = new Dictionary<string, string?>(StringComparer.Ordinal);
        void Set(string name, double? value, string? reason)
        {
            values[name] = value is { } v && double.IsFinite(v) ? v : null;
            missing[name] = values[name] is null ? reason ?? "not computable" : null;
        }

        var n = s.Patents;
        var trend = Trends.Analyze(s.Years, request.DateField, cutoff, cutoffSource);
        var domesticTrend = Trends.Analyze(s.DomesticYears, request.DateField, cutoff, cutoffSource);

        // Value.
        Set("volume", Math.Log(1 + n), null);
        Set("growth", trend.Growth.AnnualGrowth, "growth not fitted: " + trend.Growth.Reason);
        Set("citations", s.Cited > 0 ? s.CitationsSum / s.Cited : null, fieldHasCitations ? "no patent of the unit has forward citations" : "the data have no forward citations (被引证次数)");
        Set("familySize", s.WithFamily > 0 ? s.FamilySum / s.WithFamily : null, fieldHasFamily ? "no patent of the unit has a family size" : "the data have no family size (同族数量)");
        Set("highValueShare", s.ValidGrants > 0 ? (double)s.HighValue / s.ValidGrants : null, "no valid invention grants in the unit");

        // Gap.
        var a = s.PlacePatents;
        var countries = s.Countries.OrderByDescending(c => c.Count).ThenBy(c => c.Code, StringComparer.Ordinal).ToList();
        var leaderCountry = countries.FirstOrDefault();
        var leaderForeign = countries.FirstOrDefault(c => c.Code != "CN").Count;
        var leaderCityCount = s.LeaderCity?.Count ?? 0;
        var leader = Math.Max(leaderCityCount, leaderForeign);
        Set("placeGap", leader > 0 ? 1 - Math.Min(1.0, (double)a / leader) : null, "neither a Chinese city nor a foreign country of the unit's holders is known");
        var cnShare = (double)s.Domestic / n;
        var leaderShare = leaderCountry.Count > 0 ? (double)leaderCountry.Count / n : 0;
        Set("countryGap", leaderShare > 0 ? 1 - Math.Min(1.0, cnShare / leaderShare) : null, "no holder's country is known");
        var rta = RegionalStatistics.Rta(a, placeAll, n, workspaceAll);
        Set("rtaGap", rta is { } r ? 1 / (1 + r) : null, "the place has no patents in the workspace");

        // Monopoly: on valid invention grants when there are at least 3, else on every document.
        var (known, foreign, basis) = s.ValidGrants >= 3
            ? (s.ValidGrantsKnown, s.ValidGrantsForeign, "valid invention grants")
            : (s.Known, s.Foreign, string.Create(CultureInfo.InvariantCulture, $"all documents (only {s.ValidGrants} valid invention grants)"));
        double? foreignShare = known > 0 ? (double)foreign / known : null;
        Set("foreignShare", foreignShare, "no holder's origin is known");
        Set("hhi", s.Hhi, "no holders named");
        Set("cr4", s.Cr4, "no holders named");

        // Difficulty.
        Set("highValueForeignShare", s.HighValueKnown > 0 ? (double)s.HighValueForeign / s.HighValueKnown : null, s.ValidGrants == 0 ? "no valid invention grants in the unit" : "no high-value patent with a known holder origin in the unit");
        Set("highValueTop4Share", s.HighValueTop4, s.ValidGrants == 0 ? "no valid invention grants in the unit" : "no high-value patents in the unit");
        // No domestic patent at all while the unit itself has a fitted trend: domestic activity is as weak as it gets (−100 %).
        var weak = domesticTrend.Growth.AnnualGrowth is { } dg ? -dg : s.Domestic == 0 && trend.Growth.Fitted ? 1.0 : (double?)null;
        Set("weakDomesticGrowth", weak, "domestic growth not fitted: " + domesticTrend.Growth.Reason);

        var evidence = new ChokepointEvidence(
            n, trend.Years, trend.Growth, domesticTrend.Growth, a, Math.Round((double)a / n, 4), Math.Round(cnShare, 4),
            leaderCountry.Code, leaderCountry.Count > 0 ? Math.Round(leaderShare, 4) : null,
            s.LeaderCity is { } city ? $"{city.Code} {city.Name}" : null, leaderCityCount,
            Positioning.Round(foreignShare), basis, Positioning.Round(s.Hhi), Positioning.Round(s.Cr4), s.ValidGrants, s.HighValue,
            Positioning.Round(values["citations"]), Math.Round((double)s.Cited / n, 4), Positioning.Round(values["familySize"]), Math.Round((double)s.WithFamily / n, 4), s.TopHolders);
        return (values, missing, evidence);
    }

    private static Dictionary<string, Holder> Holders(IEnumerable<Item> items)
    {
        var holders = new Dictionary<string, Holder>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            var names = item.HolderNames;
            for (var k = 0; k < names.Count; k++)
            {
                var name = ApplicantNames.Normalize(names[k]);
                if (!holders.TryGetValue(name.Key, out var h))
                {
                    holders[name.Key] = h = new Holder(name.DisplayName, ApplicantNames.Classify(names[k], k == 0 ? item.Record.ApplicantCountry : null));
                }

                h.Weight += 1.0 / names.Count;
                h.Patents++;
                h.HighValue += item.Assessment?.Verdict == HighValueVerdict.HighValue ? 1 : 0;
                var year = (item.Record.FilingDate ?? item.Record.PublicationDate)?.Year;
                if (year is { } y)
                {
                    h.First = h.First is null ? y : Math.Min(h.First.Value, y);
                    h.Last = h.Last is null ? y : Math.Max(h.Last.Value, y);
                }
            }
        }

        return holders;
    }

    private static (IReadOnlyList<ChokepointPartner> Local, IReadOnlyList<ChokepointPartner> Institutions) Partners(string unit, List<Item> inUnit, Dictionary<string, List<Item>> units, Place place, int max)
    {
        if (max == 0)
        {
            return ([], []);
        }

        var subclass = unit.Length >= 4 ? unit[..4] : unit;
        var next = units.Where(u => !string.Equals(u.Key, unit, StringComparison.Ordinal) && u.Key.StartsWith(subclass, StringComparison.Ordinal)).SelectMany(u => u.Value).ToList();
        var local = new Dictionary<string, PartnerTally>(StringComparer.Ordinal);
        var institutions = new Dictionary<string, PartnerTally>(StringComparer.Ordinal);
        foreach (var (items, relation) in new[] { (inUnit, "in"), (next, "next") })
        {
            foreach (var item in items)
            {
                foreach (var raw in item.Record.Applicants.Concat(item.Record.CurrentHolders).Distinct(StringComparer.Ordinal))
                {
                    var name = ApplicantNames.Normalize(raw);
                    var cls = ApplicantNames.Classify(raw, null);
                    Dictionary<string, PartnerTally>? target = item.InPlace ? local
                        : cls.Type is ApplicantType.University or ApplicantType.ResearchInstitute ? institutions
                        : null;
                    if (target is null)
                    {
                        continue;
                    }

                    if (!target.TryGetValue(name.Key, out var t))
                    {
                        target[name.Key] = t = new PartnerTally(name.DisplayName, cls);
                    }

                    if (t.Seen.Add(item.Record.PublicationNumber.Value))
                    {
                        if (relation == "in")
                        {
                            t.In++;
                        }
                        else
                        {
                            t.Next++;
                        }

                        t.Patents.Add(new PartnerPatent(item.Record.PublicationNumber.Value, item.Record.Title, (item.Record.FilingDate ?? item.Record.PublicationDate)?.Year, relation));
                    }
                }
            }
        }

        static List<ChokepointPartner> Rank(Dictionary<string, PartnerTally> tallies, int max) => tallies.Values
            .Select(t => new ChokepointPartner(t.Name, t.Class.Type, t.Class.TypeRule, t.In, t.Next, (2 * t.In) + t.Next,
                t.Patents.OrderBy(p => p.Relation == "in" ? 0 : 1).ThenByDescending(p => p.Year).ThenBy(p => p.PublicationNumber, StringComparer.Ordinal).Take(5).ToList()))
            .OrderByDescending(p => p.Score).ThenByDescending(p => p.InUnit).ThenBy(p => p.Name, StringComparer.Ordinal)
            .Take(max).ToList();

        return (Rank(local, max), Rank(institutions, max));
    }

    private sealed class Holder(string name, ApplicantClass cls)
    {
        public string Name { get; } = name;

        public ApplicantClass Class { get; } = cls;

        public double Weight { get; set; }

        public long Patents { get; set; }

        public long HighValue { get; set; }

        public int? First { get; set; }

        public int? Last { get; set; }
    }

    private sealed class PartnerTally(string name, ApplicantClass cls)
    {
        public string Name { get; } = name;

        public ApplicantClass Class { get; } = cls;

        public HashSet<string> Seen { get; } = new(StringComparer.Ordinal);

        public long In { get; set; }

        public long Next { get; set; }

        public List<PartnerPatent> Patents { get; } = [];
    }

    private sealed record Item(PatentRecord Record, bool InPlace, ApplicantOrigin Origin, string? Country, IReadOnlyList<string> HolderNames, HighValueAssessment? Assessment)
    {
        public static Item Of(PatentRecord r, Place place, HighValueOptions options, DateOnly asOf, SeiIpcTaxonomy sei)
        {
            var holders = r.CurrentHolders.Count > 0 ? r.CurrentHolders : r.Applicants;
            var (_, cls, country) = ApplicantNames.FirstOwner(r);
            var origin = cls?.Origin ?? ApplicantOrigin.Unknown;
            var assessment = r.Kind == PatentKind.InventionGrant && r.LegalStatus == LegalStatus.Valid ? HighValuePatents.Assess(r, options, asOf, sei) : null;
            return new Item(r, place.Match(r) is not null, origin, country, holders, assessment);
        }
    }
}

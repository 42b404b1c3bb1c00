using System.Globalization;
using PatentNav.Analytics;
using PatentNav.Places;
using PatentNav.Search;

namespace PatentNav.Storage;

/// <content>Regional positioning (区域产业定位): the counts <see cref="Positioning.Assemble"/> turns into shares, RTA,
/// ranks, growth and technologies.</content>
internal static partial class StoreAnalyses
{
    /// <summary>Where a statement takes the field's condition and the place's.</summary>
    private const string FieldSlot = "{field}";
    private const string PlaceSlot = "{place}";

    /// <summary>a, b, c, d and the place's synthetic records; with parks as peers, each park's patents and field patents
    /// (<c>{peers}</c>).</summary>
    private const string PositioningTotalsSql = """
        WITH b AS (
            SELECT coalesce({field}, FALSE) AS in_field, {place} AS in_place, synthetic{peer_flags}
            FROM patent
            WHERE {filter})
        SELECT count(*) FILTER (WHERE in_place AND in_field) AS a,
               count(*) FILTER (WHERE in_place) AS b,
               count(*) FILTER (WHERE in_field) AS c,
               count(*) AS d,
               count(*) FILTER (WHERE in_place AND synthetic) AS synthetic{peer_counts}
        FROM b
        """;

    /// <summary>Peers by region code at the place's level: patents and field patents per code.</summary>
    private const string RegionPeersSql = """
        SELECT {level} AS code, count(*) AS patents, count(*) FILTER (WHERE coalesce({field}, FALSE)) AS in_field
        FROM patent
        WHERE ({filter}) AND {level} IS NOT NULL
        GROUP BY 1
        """;

    /// <summary>Field patents per year of the date field: the place's and the benchmark's (NULL year: undated, not counted).</summary>
    private const string PositioningYearsSql = """
        SELECT CAST(year({date}) AS INTEGER) AS year, count(*) FILTER (WHERE {place}) AS place, count(*) AS benchmark
        FROM patent
        WHERE ({filter}) AND ({field}) AND {date} IS NOT NULL
        GROUP BY 1
        ORDER BY 1
        """;

    /// <summary>Field patents per technology unit (each distinct subclass or main group of a patent's codes, main code
    /// included): the place's and the benchmark's.</summary>
    private const string PositioningUnitsSql = """
        WITH u AS (
            SELECT unnest({units}) AS unit, {place} AS in_place
            FROM patent
            WHERE ({filter}) AND ({field}))
        SELECT unit, count(*) FILTER (WHERE in_place) AS place, count(*) AS benchmark
        FROM u
        GROUP BY unit
        """;

    /// <summary>The place's leading inventors in the field (see <see cref="Positioning.RankInventors"/>): patents naming
    /// each (a name once per patent), first and last year, and the first applicant they appear with most often.</summary>
    private const string PositioningInventorsSql = """
        WITH pairs AS (
            SELECT unnest(list_distinct(inventors)) AS name, applicant_names[1] AS applicant, year
            FROM patent
            WHERE {where}),
        totals AS (
            SELECT name, count(*) AS patents, min(year) AS first_year, max(year) AS last_year
            FROM pairs
            GROUP BY name
            ORDER BY patents DESC, name
            LIMIT $top),
        applicants AS (
            SELECT name, applicant, count(*) AS n
            FROM pairs
            WHERE applicant IS NOT NULL AND name IN (SELECT name FROM totals)
            GROUP BY name, applicant)
        SELECT t.name, t.patents, (SELECT a.applicant FROM applicants a WHERE a.name = t.name ORDER BY a.n DESC, a.applicant LIMIT 1) AS applicant,
               t.first_year, t.last_year
        FROM totals t
        ORDER BY t.patents DESC, t.name
        """;

    /// <summary>The leading inventors of the patents matching <paramref name="where"/> (see <see cref="Positioning.RankInventors"/>).</summary>
    public static IReadOnlyList<InventorRank> RankInventors(StoreSession session, string where, IReadOnlyDictionary<string, object?> parameters, int top, string purpose, CancellationToken cancellationToken) =>
        session.Run(
            purpose,
            PositioningInventorsSql.Replace("{where}", where, StringComparison.Ordinal),
            new Dictionary<string, object?>(parameters, StringComparer.Ordinal) { ["top"] = top },
            r =>
            {
                var list = new List<InventorRank>();
                while (r.Read())
                {
                    list.Add(new InventorRank(r.GetString(0), r.GetInt64(1), r.IsDBNull(2) ? null : r.GetString(2), NullableInt(r, 3), NullableInt(r, 4)));
                }

                return list;
            },
            cancellationToken);

    /// <summary>The patents of the session's filter in <paramref name="place"/>.</summary>
    public static long CountPlace(StoreSession session, Place place, CancellationToken cancellationToken)
    {
        var parameters = new Dictionary<string, object?>(StringComparer.Ordinal);
        var sql = $"SELECT count(*) FROM patent WHERE ({session.Filter.Where}) AND {StoreFilter.PlaceCondition(place, "place", parameters)}";
        return session.Run("patents in the place", sql, parameters, r => r.Read() ? r.GetInt64(0) : 0, cancellationToken);
    }

    /// <summary>
    /// Counts a positioning of <paramref name="place"/> in a field within the session's filter (the benchmark and the
    /// date range) and assembles it; the report carries every statement run.
    /// </summary>
    /// <param name="session">The session; its filter is the benchmark with the date range.</param>
    /// <param name="benchmark">An extra condition on the benchmark (nation, a union of places) with its parameters; null for none.</param>
    /// <param name="field">The field's filter (industry and IPC only).</param>
    /// <param name="place">The place.</param>
    /// <param name="parks">The parks that are its peers when it is a park.</param>
    /// <param name="request">The options.</param>
    /// <param name="fieldLabel">The field in words.</param>
    /// <param name="benchmarkLabel">The benchmark in words.</param>
    /// <param name="cutoff">The data cut-off.</param>
    /// <param name="cutoffSource">Where it comes from.</param>
    /// <param name="cancellationToken">Cancels the statements.</param>
    public static PositioningReport Position(
        StoreSession session,
        (string Condition, IReadOnlyDictionary<string, object?> Parameters)? benchmark,
        StoreFilter field,
        Place place,
        IReadOnlyList<Place> parks,
        PositioningRequest request,
        string fieldLabel,
        string benchmarkLabel,
        DateOnly? cutoff,
        string cutoffSource,
        CancellationToken cancellationToken)
    {
        var parameters = new Dictionary<string, object?>(field.Parameters, StringComparer.Ordinal);
        var filter = session.Filter.Where;
        if (benchmark is { } extra)
        {
            filter = $"({filter}) AND ({extra.Condition})";
            foreach (var (k, v) in extra.Parameters)
            {
                parameters[k] = v;
            }
        }

        var placeSql = StoreFilter.PlaceCondition(place, "place", parameters);
        string Fill(string sql) => sql
            .Replace(FilterSlot, filter, StringComparison.Ordinal)
            .Replace(FieldSlot, field.Where, StringComparison.Ordinal)
            .Replace(PlaceSlot, placeSql, StringComparison.Ordinal);

        var peerParks = place.Level == PlaceLevel.Park ? parks : [];
        var flags = string.Concat(peerParks.Select((p, i) => string.Create(CultureInfo.InvariantCulture, $", {StoreFilter.PlaceCondition(p, $"peer{i}", parameters)} AS peer{i}")));
        var peerCounts = string.Concat(peerParks.Select((_, i) => string.Create(CultureInfo.InvariantCulture, $",\n       count(*) FILTER (WHERE peer{i}) AS peer{i}_patents, count(*) FILTER (WHERE peer{i} AND in_field) AS peer{i}_in_field")));
        var peers = new Dictionary<string, (string Name, long All, long Field)>(StringComparer.Ordinal);
        var (a, b, c, d, synthetic) = session.Run(
            "a, b, c, d: the place's and the benchmark's patents, in the field and in all" + (peerParks.Count > 0 ? "; each park's" : string.Empty),
            Fill(PositioningTotalsSql).Replace("{peer_flags}", flags, StringComparison.Ordinal).Replace("{peer_counts}", peerCounts, StringComparison.Ordinal),
            parameters,
            r =>
            {
                r.Read();
                for (var i = 0; i < peerParks.Count; i++)
                {
                    peers[peerParks[i].Id] = (peerParks[i].Name, r.GetInt64(5 + (2 * i)), r.GetInt64(6 + (2 * i)));
                }

                return (r.GetInt64(0), r.GetInt64(1), r.GetInt64(2), r.GetInt64(3), r.GetInt64(4));
            },
            cancellationToken);

        if (place.Level != PlaceLevel.Park)
        {
            var level = place.Level switch { PlaceLevel.Province => "province", PlaceLevel.City => "city", _ => "district" };
            session.Run(
                "peers: patents and field patents per " + level,
                Fill(RegionPeersSql).Replace("{level}", level, StringComparison.Ordinal),
                parameters,
                r =>
                {
                    while (r.Read())
                    {
                        var code = r.GetString(0);
                        peers[code] = (AdminDivisions.Default.FindByCode(code)?.Name ?? code, r.GetInt64(1), r.GetInt64(2));
                    }

                    return 0;
                },
                cancellationToken);
        }

        var placeYears = new SortedDictionary<int, long>();
        var benchmarkYears = new SortedDictionary<int, long>();
        session.Run(
            "field patents per year: the place's and the benchmark's",
            Fill(PositioningYearsSql).Replace("{date}", DateExpression(request.DateField), StringComparison.Ordinal),
            parameters,
            r =>
            {
                while (r.Read())
                {
                    var year = r.GetInt32(0);
                    if (r.GetInt64(1) > 0)
                    {
                        placeYears[year] = r.GetInt64(1);
                    }

                    benchmarkYears[year] = r.GetInt64(2);
                }

                return 0;
            },
            cancellationToken);

        var placeUnits = new Dictionary<string, long>(StringComparer.Ordinal);
        var benchmarkUnits = new Dictionary<string, long>(StringComparer.Ordinal);
        session.Run(
            "field patents per technology unit: the place's and the benchmark's",
            Fill(PositioningUnitsSql).Replace("{units}", request.TechnologyLevel == TechnologyLevel.MainGroup ? "ipc_groups" : "ipc_subclasses", StringComparison.Ordinal),
            parameters,
            r =>
            {
                while (r.Read())
                {
                    var unit = r.GetString(0);
                    if (r.GetInt64(1) > 0)
                    {
                        placeUnits[unit] = r.GetInt64(1);
                    }

                    benchmarkUnits[unit] = r.GetInt64(2);
                }

                return 0;
            },
            cancellationToken);

        var placeInField = $"({filter}) AND ({field.Where}) AND {placeSql}";
        var applicants = RankApplicants(session, placeInField, parameters, new ApplicantRankOptions { Top = request.Top }, "applicants of the place in the field: ", cancellationToken);
        var inventors = RankInventors(session, placeInField, parameters, request.Top, "inventors of the place in the field", cancellationToken);

        var counts = new Positioning.Counts(a, b, c, d, synthetic, peers, placeYears, benchmarkYears, applicants, inventors, placeUnits, benchmarkUnits);
        return Positioning.Assemble(counts, place, request, fieldLabel, benchmarkLabel, cutoff, cutoffSource) with { Statements = session.Statements.ToList() };
    }
}

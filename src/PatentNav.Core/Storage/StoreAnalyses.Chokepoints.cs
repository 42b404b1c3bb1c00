using System.Globalization;
using PatentNav.Analytics;
using PatentNav.Places;
using PatentNav.Records;
using PatentNav.Taxonomy;

namespace PatentNav.Storage;

/// <content>Chokepoint lists (卡脖子技术清单): the per-unit counts <see cref="Chokepoints.Assemble"/> scores.</content>
internal static partial class StoreAnalyses
{
    /// <summary>The field's rows as the chokepoint statements read them (<c>f</c>): the unit of the main IPC code, the
    /// year of the date counted, place membership, the first owner's origin and country, the high-value verdict.</summary>
    private const string ChokepointRowsSql = """
        f AS (
            SELECT pn, title, {unit} AS unit, CAST(year({date}) AS INTEGER) AS date_year, year, {place} AS in_place,
                   owner_origin AS origin, owner_country AS country, city, citations, family_size, applicant_country,
                   kind = $hv_grant AND status = $hv_valid AS valid_grant, coalesce(({verdict}) = 'highValue', FALSE) AS high_value,
                   owners, owner_keys, owner_names, parties, party_keys, party_names, party_types, synthetic
            FROM patent{joins}
            WHERE {filter})
        """;

    /// <summary>The units with at least the minimum support (<c>scored</c>), after <see cref="ChokepointRowsSql"/>.</summary>
    private const string ChokepointScoredSql = """
        scored AS (
            SELECT unit FROM f WHERE unit IS NOT NULL GROUP BY unit HAVING count(*) >= $min_support)
        """;

    /// <summary>Records, those without a unit, synthetic ones, units, and which optional fields the field's records carry.</summary>
    private const string ChokepointFieldSql = """
        WITH {rows}
        SELECT count(*) AS records,
               count(*) FILTER (WHERE unit IS NULL) AS without_ipc,
               count(*) FILTER (WHERE synthetic) AS synthetic,
               count(DISTINCT unit) AS units,
               coalesce(bool_or(citations IS NOT NULL) FILTER (WHERE unit IS NOT NULL), FALSE) AS has_citations,
               coalesce(bool_or(family_size IS NOT NULL) FILTER (WHERE unit IS NOT NULL), FALSE) AS has_family,
               coalesce(bool_or(applicant_country IS NOT NULL) FILTER (WHERE unit IS NOT NULL), FALSE) AS has_country,
               coalesce(bool_or(NOT contains(unit, ' ')) FILTER (WHERE unit IS NOT NULL), FALSE) AS subclass_units
        FROM f
        """;

    /// <summary>Per scored unit: patents, the place's, domestic ones, citations and family sizes, valid invention grants
    /// and high-value ones, holders' origins on each basis.</summary>
    private const string ChokepointUnitsSql = """
        WITH {rows}
        SELECT unit,
               count(*) AS patents,
               count(*) FILTER (WHERE in_place) AS place_patents,
               count(*) FILTER (WHERE origin = 'domestic') AS domestic,
               count(citations) AS cited, CAST(coalesce(sum(citations), 0) AS BIGINT) AS citations_sum,
               count(family_size) AS with_family, CAST(coalesce(sum(family_size), 0) AS BIGINT) AS family_sum,
               count(*) FILTER (WHERE valid_grant) AS valid_grants,
               count(*) FILTER (WHERE high_value) AS high_value,
               count(*) FILTER (WHERE valid_grant AND origin <> 'unknown') AS valid_known,
               count(*) FILTER (WHERE valid_grant AND origin = 'foreign') AS valid_foreign,
               count(*) FILTER (WHERE origin <> 'unknown') AS known,
               count(*) FILTER (WHERE origin = 'foreign') AS foreign_patents,
               count(*) FILTER (WHERE high_value AND origin <> 'unknown') AS high_value_known,
               count(*) FILTER (WHERE high_value AND origin = 'foreign') AS high_value_foreign
        FROM f JOIN scored USING (unit)
        GROUP BY unit
        ORDER BY unit
        """;

    /// <summary>Per scored unit and year of the date counted: patents and domestic ones.</summary>
    private const string ChokepointYearsSql = """
        WITH {rows}
        SELECT unit, date_year, count(*) AS patents, count(*) FILTER (WHERE origin = 'domestic') AS domestic
        FROM f JOIN scored USING (unit)
        WHERE date_year IS NOT NULL
        GROUP BY unit, date_year
        """;

    /// <summary>Per scored unit: the Chinese city with the most domestic patents (ties: the smaller code), and the
    /// patents per holder country.</summary>
    private const string ChokepointPlacesSql = """
        WITH {rows},
        cities AS (
            SELECT unit, city, count(*) AS patents
            FROM f JOIN scored USING (unit)
            WHERE origin = 'domestic' AND city IS NOT NULL
            GROUP BY unit, city),
        leaders AS (
            SELECT unit, city, patents, row_number() OVER (PARTITION BY unit ORDER BY patents DESC, city) AS rank
            FROM cities)
        SELECT unit, 'city' AS what, city AS code, patents FROM leaders WHERE rank = 1
        UNION ALL
        SELECT unit, 'country', country, count(*)
        FROM f JOIN scored USING (unit)
        WHERE country IS NOT NULL
        GROUP BY unit, country
        """;

    /// <summary>
    /// Per scored unit: HHI and CR4 of the owners (a patent with k owners gives each 1/k), CR4 of the owners of its
    /// high-value patents, and the five largest owners with their first spelling, patents, high-value patents and years.
    /// </summary>
    private const string ChokepointHoldersSql = """
        WITH {rows},
        o AS (
            SELECT unit, pn, year, high_value, unnest(owner_keys) AS key, unnest(owners) AS raw, unnest(owner_names) AS display,
                   generate_subscripts(owners, 1) AS pos, 1.0 / len(owners) AS w, applicant_country
            FROM f JOIN scored USING (unit)
            WHERE len(owners) > 0),
        h AS MATERIALIZED (
            SELECT unit, key, sum(w) AS weight, coalesce(sum(w) FILTER (WHERE high_value), 0) AS hv_weight,
                   count(*) AS patents, count(*) FILTER (WHERE high_value) AS high_value,
                   min(year) AS first_year, max(year) AS last_year,
                   arg_min_null(display, {'pn': pn, 'pos': pos}) AS display, arg_min_null(raw, {'pn': pn, 'pos': pos}) AS raw,
                   arg_min_null(CASE WHEN pos = 1 THEN applicant_country END, {'pn': pn, 'pos': pos}) AS country
            FROM o
            GROUP BY unit, key),
        t AS (
            SELECT unit, sum(weight) AS total, sum(hv_weight) AS hv_total,
                   list_sum(max(weight, 4)) AS top4, list_sum(max(hv_weight, 4)) AS hv_top4
            FROM h
            GROUP BY unit),
        c AS (
            SELECT unit, sum((weight / total) * (weight / total)) AS hhi, any_value(top4 / total) AS cr4,
                   CASE WHEN any_value(hv_total) > 0 THEN any_value(hv_top4 / hv_total) END AS hv_cr4
            FROM h JOIN t USING (unit)
            GROUP BY unit),
        top AS (
            SELECT unit, row_number() OVER (PARTITION BY unit ORDER BY weight DESC, display) AS by_weight,
                   display, raw, country, patents, weight, high_value, first_year, last_year
            FROM h
            QUALIFY by_weight <= 5)
        SELECT c.unit, c.hhi, c.cr4, c.hv_cr4, top.by_weight, top.display, top.raw, top.country, top.patents, top.weight, top.high_value, top.first_year, top.last_year
        FROM c LEFT JOIN top USING (unit)
        ORDER BY c.unit, top.by_weight
        """;

    /// <summary>
    /// Partners of the ranked units (<c>$ranked</c>): everyone named on a patent of the unit (<c>in</c>) or of another unit of
    /// its subclass (<c>next</c>) who is in the place (<c>local</c>) or, outside it, a university or research institute
    /// (<c>institution</c>); counted once per patent, scored 2 × in + next, the <c>$partners</c> best of each kind, each with
    /// its five most relevant patents.
    /// </summary>
    private const string ChokepointPartnersSql = """
        WITH {rows},
        ranked AS (SELECT unnest($ranked) AS entry),
        p AS (
            SELECT ranked.entry, f.pn, f.title, f.year, CASE WHEN f.unit = ranked.entry THEN 'in' ELSE 'next' END AS relation, f.in_place,
                   unnest(f.party_keys) AS key, unnest(f.parties) AS raw, unnest(f.party_names) AS display, unnest(f.party_types) AS type,
                   generate_subscripts(f.parties, 1) AS pos
            FROM f JOIN ranked ON left(f.unit, 4) = left(ranked.entry, 4)
            WHERE f.unit IS NOT NULL),
        q AS (
            SELECT entry, CASE WHEN in_place THEN 'local' ELSE 'institution' END AS target, key, pn, title, year, relation, raw, display, pos
            FROM p
            WHERE in_place OR type IN ('university', 'researchInstitute')),
        per_patent AS (
            SELECT entry, target, key, pn, any_value(title) AS title, any_value(year) AS year, min(relation) AS relation,
                   arg_min_null(raw, {'relation': relation, 'pos': pos}) AS raw, arg_min_null(display, {'relation': relation, 'pos': pos}) AS display
            FROM q
            GROUP BY entry, target, key, pn),
        t AS (
            SELECT entry, target, key,
                   arg_min_null(display, {'relation': relation, 'pn': pn}) AS display, arg_min_null(raw, {'relation': relation, 'pn': pn}) AS raw,
                   count(*) FILTER (WHERE relation = 'in') AS in_unit, count(*) FILTER (WHERE relation = 'next') AS next_to_unit
            FROM per_patent
            GROUP BY entry, target, key),
        best AS (
            SELECT *, row_number() OVER (PARTITION BY entry, target ORDER BY 2 * in_unit + next_to_unit DESC, in_unit DESC, display) AS rank
            FROM t),
        patents AS (
            SELECT per_patent.*, row_number() OVER (PARTITION BY entry, target, key ORDER BY relation, year DESC NULLS LAST, pn) AS n
            FROM per_patent)
        SELECT best.entry, best.target, best.rank, best.display, best.raw, best.in_unit, best.next_to_unit,
               patents.pn, patents.title, patents.year, patents.relation
        FROM best JOIN patents USING (entry, target, key)
        WHERE best.rank <= $partners AND patents.n <= 5
        ORDER BY best.entry, best.target, best.rank, patents.n
        """;

    /// <summary>
    /// Counts a chokepoint list of the session's filter (the field with the date range) for <paramref name="place"/> and
    /// scores it; the report carries every statement run.
    /// </summary>
    public static ChokepointReport Chokepoints(
        StoreSession session,
        StoreFilter dated,
        Place place,
        ChokepointRequest request,
        HighValueOptions highValue,
        DateOnly asOf,
        SeiIpcTaxonomy sei,
        string field,
        CountingConventions conventions,
        IProgress<AnalysisProgress>? progress,
        CancellationToken cancellationToken)
    {
        var parameters = new Dictionary<string, object?>(dated.Parameters, StringComparer.Ordinal);
        var placeSql = StoreFilter.PlaceCondition(place, "place", parameters);
        var verdict = HighValueVerdict(session, highValue, asOf, sei, parameters, out var joins);
        var rows = ChokepointRowsSql
            .Replace("{unit}", request.UnitLevel == TechnologyLevel.MainGroup ? "unit_group" : "unit_subclass", StringComparison.Ordinal)
            .Replace("{date}", DateExpression(request.DateField), StringComparison.Ordinal)
            .Replace("{verdict}", verdict, StringComparison.Ordinal)
            .Replace("{joins}", joins, StringComparison.Ordinal)
            .Replace(PlaceSlot, placeSql, StringComparison.Ordinal)
            .Replace(FilterSlot, session.Filter.Where, StringComparison.Ordinal);
        // The field's statement reads the rows only: the minimum support it decides is bound for the statements after it.
        string Fill(string sql) => sql.Replace("{rows}", rows + ",\n" + ChokepointScoredSql, StringComparison.Ordinal);
        var references = joins.Length == 0 ? string.Empty : " (hv_pledge, hv_award: the stored reference lists)";

        progress?.Report(new AnalysisProgress("reading", 0, null));
        var (placeAll, workspaceAll) = session.Run(
            "the place's patents and all patents in the date range (for the RTA)",
            $"SELECT count(*) FILTER (WHERE {placeSql}) AS place_patents, count(*) AS patents FROM patent WHERE {dated.Where}",
            parameters,
            r =>
            {
                r.Read();
                return (r.GetInt64(0), r.GetInt64(1));
            },
            cancellationToken);

        var fieldStats = session.Run(
            "the field's records, units and optional fields" + references,
            ChokepointFieldSql.Replace("{rows}", rows, StringComparison.Ordinal),
            parameters,
            r =>
            {
                r.Read();
                return new Analytics.Chokepoints.FieldStats(r.GetInt64(0), r.GetInt64(1), r.GetInt64(2), checked((int)r.GetInt64(3)), r.GetBoolean(4), r.GetBoolean(5), r.GetBoolean(6), r.GetBoolean(7));
            },
            cancellationToken);
        parameters["min_support"] = Analytics.Chokepoints.MinSupportOf(request, fieldStats.Total); // scaled to the field unless given

        var years = new Dictionary<string, (SortedDictionary<int, long> All, SortedDictionary<int, long> Domestic)>(StringComparer.Ordinal);
        session.Run(
            "patents per unit and year" + references,
            Fill(ChokepointYearsSql),
            parameters,
            r =>
            {
                while (r.Read())
                {
                    var unit = r.GetString(0);
                    if (!years.TryGetValue(unit, out var y))
                    {
                        years[unit] = y = (new SortedDictionary<int, long>(), new SortedDictionary<int, long>());
                    }

                    y.All[r.GetInt32(1)] = r.GetInt64(2);
                    if (r.GetInt64(3) > 0)
                    {
                        y.Domestic[r.GetInt32(1)] = r.GetInt64(3);
                    }
                }

                return 0;
            },
            cancellationToken);

        var cities = new Dictionary<string, (string, string?, long)>(StringComparer.Ordinal);
        var countries = new Dictionary<string, List<(string, long)>>(StringComparer.Ordinal);
        session.Run(
            "leading city and holder countries per unit" + references,
            Fill(ChokepointPlacesSql),
            parameters,
            r =>
            {
                while (r.Read())
                {
                    var unit = r.GetString(0);
                    var code = r.GetString(2);
                    if (r.GetString(1) == "city")
                    {
                        cities[unit] = (code, AdminDivisions.Default.FindByCode(code)?.Name, r.GetInt64(3));
                    }
                    else
                    {
                        (countries.TryGetValue(unit, out var list) ? list : countries[unit] = []).Add((code, r.GetInt64(3)));
                    }
                }

                return 0;
            },
            cancellationToken);

        var holders = new Dictionary<string, (double? Hhi, double? Cr4, double? HvCr4, List<ChokepointHolder> Top)>(StringComparer.Ordinal);
        var unitPatents = new Dictionary<string, long>(StringComparer.Ordinal);
        var stats = session.Run(
            "per unit: patents, place, origins, citations, family, high value" + references,
            Fill(ChokepointUnitsSql),
            parameters,
            r =>
            {
                var list = new List<(string Unit, long[] Counts)>();
                while (r.Read())
                {
                    var counts = new long[15];
                    for (var i = 0; i < counts.Length; i++)
                    {
                        counts[i] = Convert.ToInt64(r.GetValue(i + 1), CultureInfo.InvariantCulture);
                    }

                    list.Add((r.GetString(0), counts));
                    unitPatents[r.GetString(0)] = counts[0];
                }

                return list;
            },
            cancellationToken);

        session.Run(
            "holder concentration and the largest holders per unit" + references,
            Fill(ChokepointHoldersSql),
            parameters,
            r =>
            {
                while (r.Read())
                {
                    var unit = r.GetString(0);
                    if (!holders.TryGetValue(unit, out var h))
                    {
                        holders[unit] = h = (NullableDouble(r, 1), NullableDouble(r, 2), NullableDouble(r, 3), []);
                    }

                    if (!r.IsDBNull(4))
                    {
                        var cls = ApplicantNames.Classify(r.GetString(6), r.IsDBNull(7) ? null : r.GetString(7));
                        var patents = unitPatents[unit];
                        h.Top.Add(new ChokepointHolder(r.GetString(5), cls.Type, cls.Origin, cls.OriginBasis, r.GetInt64(8), Math.Round(r.GetDouble(9) / patents, 4), r.GetInt64(10), NullableInt(r, 11), NullableInt(r, 12)));
                    }
                }

                return 0;
            },
            cancellationToken);

        var scored = stats.Select(s =>
        {
            var c = s.Counts;
            var y = years.TryGetValue(s.Unit, out var v) ? v : (All: new SortedDictionary<int, long>(), Domestic: new SortedDictionary<int, long>());
            var h = holders.TryGetValue(s.Unit, out var hv) ? hv : (null, null, null, []);
            return new Analytics.Chokepoints.UnitStats(
                s.Unit, c[0], c[1], c[2], y.All, y.Domestic, c[3], c[4], c[5], c[6], c[7], c[8], c[9], c[10], c[11], c[12], c[13], c[14],
                cities.TryGetValue(s.Unit, out var city) ? city : null,
                countries.TryGetValue(s.Unit, out var cs) ? cs : [],
                h.Hhi,
                h.Cr4,
                h.HvCr4,
                h.Top);
        }).ToList();

        var report = Analytics.Chokepoints.Assemble(fieldStats, scored, _ => ([], []), place, placeAll, workspaceAll, request, highValue, asOf, field, conventions, progress, cancellationToken);
        if (request.Partners > 0 && report.Entries.Count > 0)
        {
            var partners = Partners(session, Fill(ChokepointPartnersSql), parameters, report.Entries.Select(e => e.Unit).ToArray(), request.Partners, references, cancellationToken);
            report = report with
            {
                Entries = report.Entries.Select(e => e with
                {
                    LocalApplicants = partners.GetValueOrDefault((e.Unit, "local")) ?? [],
                    Institutions = partners.GetValueOrDefault((e.Unit, "institution")) ?? [],
                }).ToList(),
            };
        }

        return report with { Statements = session.Statements.ToList() };
    }

    private static Dictionary<(string Unit, string Target), IReadOnlyList<ChokepointPartner>> Partners(
        StoreSession session, string sql, Dictionary<string, object?> parameters, string[] ranked, int max, string references, CancellationToken cancellationToken)
    {
        var rows = session.Run(
            "partners of the listed units: local applicants and institutions" + references,
            sql,
            new Dictionary<string, object?>(parameters, StringComparer.Ordinal) { ["ranked"] = ranked, ["partners"] = max },
            r =>
            {
                var list = new List<(string Unit, string Target, long Rank, string Display, string Raw, long In, long Next, PartnerPatent Patent)>();
                while (r.Read())
                {
                    list.Add((r.GetString(0), r.GetString(1), r.GetInt64(2), r.GetString(3), r.GetString(4), r.GetInt64(5), r.GetInt64(6),
                        new PartnerPatent(r.GetString(7), r.IsDBNull(8) ? null : r.GetString(8), NullableInt(r, 9), r.GetString(10))));
                }

                return list;
            },
            cancellationToken);

        return rows
            .GroupBy(x => (x.Unit, x.Target))
            .ToDictionary(
                g => g.Key,
                g => (IReadOnlyList<ChokepointPartner>)g.GroupBy(x => x.Rank).OrderBy(p => p.Key).Select(p =>
                {
                    var first = p.First();
                    var cls = ApplicantNames.Classify(first.Raw, null);
                    return new ChokepointPartner(first.Display, cls.Type, cls.TypeRule, first.In, first.Next, (2 * first.In) + first.Next, p.Select(x => x.Patent).ToList());
                }).ToList());
    }

    private static double? NullableDouble(System.Data.Common.DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : Convert.ToDouble(reader.GetValue(ordinal), CultureInfo.InvariantCulture);
}

using PatentNav.Analytics;
using PatentNav.Places;
using PatentNav.Records;
using PatentNav.Reports;
using PatentNav.Taxonomy;

namespace PatentNav.Storage;

/// <content>The navigation report's read of its field (产业控制力, 招引, 运营): the counts <see cref="NavigationReports.Read"/> turns into sections.</content>
internal static partial class StoreAnalyses
{
    /// <summary>Patents, synthetic ones, and the place's operated patents, valid invention grants and their verdicts.</summary>
    private const string ReportTotalsSql = """
        WITH f AS (
            SELECT synthetic, {place} AS in_place, coalesce(transfers, 0) + coalesce(licences, 0) + coalesce(pledges, 0) > 0 AS operated, {verdict} AS verdict
            FROM patent{joins}
            WHERE {where})
        SELECT count(*) AS patents,
               coalesce(bool_or(synthetic), FALSE) AS synthetic,
               count(*) FILTER (WHERE in_place AND operated) AS operated,
               count(*) FILTER (WHERE in_place AND verdict IS NOT NULL) AS valid_inventions,
               count(*) FILTER (WHERE in_place AND verdict = 'highValue') AS high_value,
               count(*) FILTER (WHERE in_place AND verdict = 'undetermined') AS undetermined
        FROM f
        """;

    /// <summary>Patents per country (the report's rule, column <c>report_country</c>) and per province.</summary>
    private const string ReportSharesSql = """
        SELECT 'country' AS what, report_country AS code, count(*) AS patents FROM patent WHERE {where} GROUP BY report_country
        UNION ALL
        SELECT 'province', province, count(*) FROM patent WHERE ({where}) AND province IS NOT NULL GROUP BY province
        """;

    /// <summary>HHI and CR4 of applicants: a patent with k distinct applicants gives each 1/k.</summary>
    private const string ReportConcentrationSql = """
        WITH k AS (
            SELECT pn, unnest(list_distinct(applicant_keys)) AS key FROM patent WHERE {where}),
        w AS (
            SELECT key, 1.0 / count(*) OVER (PARTITION BY pn) AS w FROM k WHERE key <> ''),
        h AS (
            SELECT key, sum(w) AS weight FROM w GROUP BY key),
        r AS (
            SELECT weight, sum(weight) OVER () AS total, row_number() OVER (ORDER BY weight DESC, key) AS rank FROM h)
        SELECT sum((weight / total) * (weight / total)) AS hhi, sum(weight) FILTER (WHERE rank <= 4) / any_value(total) AS cr4
        FROM r
        """;

    /// <summary>Which of the candidate applicants (<c>$candidates</c>) already apply in the place.</summary>
    private const string ReportPlaceApplicantsSql = """
        SELECT DISTINCT key
        FROM (SELECT unnest(applicant_keys) AS key FROM patent WHERE ({where}) AND {place})
        WHERE list_contains($candidates, key)
        """;

    /// <summary>The place's valid invention grants that lead the report's lists (high-value; licence or transfer by
    /// universities and institutes; pledge by enterprises), each list's first <c>$top</c> in the report's order.</summary>
    private const string ReportCandidatesSql = """
        WITH c AS (
            SELECT pn, {verdict} AS verdict, {met} AS met, coalesce(citations, -1) AS cited, citations, owner_type
            FROM patent{joins}
            WHERE ({where}) AND {place} AND kind = $hv_grant AND status = $hv_valid)
        (SELECT pn FROM c WHERE verdict = 'highValue' ORDER BY met DESC, cited DESC, pn LIMIT $top)
        UNION
        (SELECT pn FROM c WHERE owner_type IN ('university', 'researchInstitute') AND (verdict = 'highValue' OR citations >= 5) ORDER BY met DESC, cited DESC, pn LIMIT $top)
        UNION
        (SELECT pn FROM c WHERE owner_type = 'enterprise' AND verdict = 'highValue' ORDER BY met DESC, cited DESC, pn LIMIT $top)
        """;

    /// <summary>
    /// The report's read of the field (the session's filter, narrowed by <paramref name="benchmark"/>) for
    /// <paramref name="place"/>; the patents its lists name are loaded with <paramref name="load"/> and assessed in full.
    /// </summary>
    public static (FieldReading Reading, IReadOnlyList<Analytics.SqlStatement> Statements) ReadField(
        StoreSession session,
        (string Condition, IReadOnlyDictionary<string, object?> Parameters)? benchmark,
        Place place,
        int top,
        HighValueOptions highValue,
        DateOnly asOf,
        SeiIpcTaxonomy sei,
        Func<IReadOnlyList<string>, IReadOnlyList<PatentRecord>> load,
        CancellationToken cancellationToken)
    {
        var parameters = new Dictionary<string, object?>(StringComparer.Ordinal);
        var where = session.Filter.Where;
        if (benchmark is { } extra)
        {
            where = $"({where}) AND ({extra.Condition})";
            foreach (var (k, v) in extra.Parameters)
            {
                parameters[k] = v;
            }
        }

        var placeSql = StoreFilter.PlaceCondition(place, "place", parameters);
        var criteria = HighValueCriteria(session, highValue, asOf, sei, parameters, out var joins);
        var verdict = VerdictOf(criteria);
        var met = string.Join(" + ", criteria.Select(c => $"CAST(({c}) = 'met' AS INTEGER)"));
        var references = joins.Length == 0 ? string.Empty : " (hv_pledge, hv_award: the stored reference lists)";
        string Fill(string sql) => sql
            .Replace("{verdict}", verdict, StringComparison.Ordinal)
            .Replace("{met}", met, StringComparison.Ordinal)
            .Replace("{joins}", joins, StringComparison.Ordinal)
            .Replace(PlaceSlot, placeSql, StringComparison.Ordinal)
            .Replace("{where}", where, StringComparison.Ordinal);

        var (patents, synthetic, operated, valid, high, undetermined) = session.Run(
            "the field's patents; the place's operated patents, valid invention grants and verdicts" + references,
            Fill(ReportTotalsSql),
            parameters,
            r =>
            {
                r.Read();
                return (r.GetInt64(0), r.GetBoolean(1), r.GetInt64(2), r.GetInt64(3), r.GetInt64(4), r.GetInt64(5));
            },
            cancellationToken);

        var countries = new Dictionary<string, long>(StringComparer.Ordinal);
        var provinces = new Dictionary<string, (string Name, long Patents)>(StringComparer.Ordinal);
        session.Run(
            "patents per country and province",
            Fill(ReportSharesSql),
            parameters,
            r =>
            {
                while (r.Read())
                {
                    var code = r.GetString(1);
                    if (r.GetString(0) == "country")
                    {
                        countries[code] = r.GetInt64(2);
                    }
                    else
                    {
                        provinces[code] = (AdminDivisions.Default.FindByCode(code)?.Name ?? code, r.GetInt64(2));
                    }
                }

                return 0;
            },
            cancellationToken);

        var (hhi, cr4) = session.Run(
            "HHI and CR4 of applicants",
            Fill(ReportConcentrationSql),
            parameters,
            r =>
            {
                r.Read();
                return (NullableDouble(r, 0), NullableDouble(r, 1));
            },
            cancellationToken);

        // The field's applicants (list all) and those outside the place (list subset: the candidates to attract), in one pass.
        var (ranking, candidates) = RankApplicantPair(
            session, where, $"NOT {placeSql}", parameters, new ApplicantRankOptions { Top = top }, new ApplicantRankOptions { Top = NavigationReports.AttractCandidates }, "applicants of the field and outside the place: ", cancellationToken);
        var outside = $"({where}) AND NOT {placeSql}";
        var inPlace = session.Run(
            "which of those apply in the place",
            Fill(ReportPlaceApplicantsSql),
            new Dictionary<string, object?>(parameters, StringComparer.Ordinal) { ["candidates"] = candidates.Applicants.Select(a => a.Key).ToArray() },
            r =>
            {
                var keys = new HashSet<string>(StringComparer.Ordinal);
                while (r.Read())
                {
                    keys.Add(r.GetString(0));
                }

                return keys;
            },
            cancellationToken);
        var inventors = RankInventors(session, outside, parameters, top, "inventors outside the place", cancellationToken);

        var listed = session.Run(
            "the place's valid invention grants the report lists" + references,
            Fill(ReportCandidatesSql),
            new Dictionary<string, object?>(parameters, StringComparer.Ordinal) { ["top"] = top },
            r =>
            {
                var pns = new List<string>();
                while (r.Read())
                {
                    pns.Add(r.GetString(0));
                }

                return pns;
            },
            cancellationToken);
        var assessed = load(listed).Select(record => NavigationReports.Assessed(record, highValue, asOf, sei)).ToList();

        var counts = new NavigationReports.FieldCounts(
            patents,
            synthetic,
            countries,
            provinces,
            cr4,
            hhi,
            ranking,
            NavigationReports.Attractable(candidates, inPlace.Contains, top),
            inventors,
            valid,
            high,
            undetermined,
            operated,
            assessed);
        return (NavigationReports.Read(counts, top), session.Statements.ToList());
    }
}

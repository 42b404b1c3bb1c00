using PatentNav.Analytics;
using PatentNav.Records;
using PatentNav.Search;
using PatentNav.Taxonomy;

namespace PatentNav.Storage;

/// <content>CNIPA's high-value criteria (高价值发明专利) as SQL over the store's rows (see <see cref="HighValuePatents"/>).</content>
internal static partial class StoreAnalyses
{
    /// <summary>
    /// The high-value verdict of a row as a SQL expression: <c>'highValue'</c>, <c>'undetermined'</c> or
    /// <c>'notHighValue'</c> for a valid invention grant, NULL for any other patent; the same rules as
    /// <see cref="HighValuePatents.Assess"/>. Supplied pledge amounts and awards are loaded into the session as the
    /// temporary tables <c>hv_pledge</c> and <c>hv_award</c>; <paramref name="joins"/> joins them to <c>patent</c>.
    /// </summary>
    /// <param name="session">The session (receives the reference tables).</param>
    /// <param name="options">The high-value options (reference lists filled in).</param>
    /// <param name="asOf">The assessment date.</param>
    /// <param name="sei">The SEI table of criterion 1.</param>
    /// <param name="parameters">Receives the expression's parameters.</param>
    /// <param name="joins">The joins the expression needs after <c>FROM patent</c> (empty when none).</param>
    public static string HighValueVerdict(StoreSession session, HighValueOptions options, DateOnly asOf, SeiIpcTaxonomy sei, IDictionary<string, object?> parameters, out string joins) =>
        VerdictOf(HighValueCriteria(session, options, asOf, sei, parameters, out joins));

    /// <summary>The verdict expression over the five criteria of <see cref="HighValueCriteria"/>.</summary>
    public static string VerdictOf(IReadOnlyList<string> criteria)
    {
        var list = "list_value(" + string.Join(", ", criteria) + ")";
        return $"""
            CASE WHEN kind = $hv_grant AND status = $hv_valid THEN
                CASE WHEN list_contains({list}, 'met') THEN 'highValue'
                     WHEN list_contains({list}, 'unknown') THEN 'undetermined'
                     ELSE 'notHighValue' END
            END
            """;
    }

    /// <summary>The five criteria of a valid invention grant as SQL expressions, each <c>'met'</c>, <c>'notMet'</c> or
    /// <c>'unknown'</c>, in <see cref="HighValueCriterion"/> order (see <see cref="HighValueVerdict"/>).</summary>
    public static IReadOnlyList<string> HighValueCriteria(StoreSession session, HighValueOptions options, DateOnly asOf, SeiIpcTaxonomy sei, IDictionary<string, object?> parameters, out string joins)
    {
        parameters["hv_grant"] = IndexSchema.KindValue(PatentKind.InventionGrant);
        parameters["hv_valid"] = IndexSchema.StatusValue(LegalStatus.Valid);
        parameters["hv_sei"] = sei.Industries.Select(i => "sei:" + i.Code).ToArray();
        parameters["hv_as_of"] = asOf;
        parameters["hv_years"] = options.MaintenanceYears;
        var start = options.MaintenanceOrigin == MaintenanceOrigin.Filing ? "filing_date" : "grant_date";
        joins = string.Empty;
        var pledge = "CASE WHEN pledges = 0 THEN 'notMet' ELSE 'unknown' END";
        if (options.PledgeAmounts is { } amounts)
        {
            session.LoadReference("hv_pledge", "DECIMAL(38, 4)", amounts, (row, amount) => row.AppendValue(amount));
            parameters["hv_pledge_threshold"] = options.PledgeThreshold;
            joins += " LEFT JOIN hv_pledge USING (pn)";
            pledge = "CASE WHEN hv_pledge.value IS NOT NULL THEN CASE WHEN hv_pledge.value >= $hv_pledge_threshold THEN 'met' ELSE 'notMet' END WHEN pledges = 0 THEN 'notMet' ELSE 'unknown' END";
        }

        var award = "'unknown'";
        if (options.Awards is { } awards)
        {
            session.LoadReference("hv_award", "VARCHAR", awards, (row, name) => row.AppendValue(name));
            joins += " LEFT JOIN hv_award USING (pn)";
            award = "CASE WHEN hv_award.value IS NOT NULL THEN 'met' ELSE 'notMet' END";
        }

        return
        [
            // In an SEI industry: any sei: code among the row's industries (the string test is several times faster than
            // list_has_any over the list, and every assignment carries its top-level code).
            "CASE WHEN len(ipc) = 0 THEN 'unknown' WHEN contains(industries_text, '|sei:') THEN 'met' ELSE 'notMet' END",
            "CASE WHEN family_abroad THEN 'met' WHEN NOT family_abroad OR family_size = 1 THEN 'notMet' ELSE 'unknown' END",
            $"CASE WHEN {start} IS NULL THEN 'unknown' WHEN $hv_as_of > {start} + to_years(CAST($hv_years AS INTEGER)) THEN 'met' ELSE 'notMet' END",
            pledge,
            award,
        ];
    }

    /// <summary>The matching patents per high-value verdict (valid invention grants only).</summary>
    private const string VerdictCountsSql = """
        SELECT verdict, count(*) AS patents
        FROM (SELECT {verdict} AS verdict FROM patent{joins} WHERE {filter})
        WHERE verdict IS NOT NULL
        GROUP BY verdict
        ORDER BY verdict
        """;

    /// <summary>The publication numbers of the matching valid invention grants with the wanted verdict, in order.</summary>
    private const string VerdictNumbersSql = """
        SELECT pn
        FROM (SELECT pn, {verdict} AS verdict FROM patent{joins} WHERE {filter})
        WHERE verdict IS NOT NULL AND {wanted}
        ORDER BY pn{limit}
        """;

    /// <summary>The session's valid invention grants per verdict, and the publication numbers of those with
    /// <paramref name="verdict"/> (all when null) in order, at most <paramref name="limit"/>.</summary>
    public static (IReadOnlyDictionary<HighValueVerdict, long> Counts, IReadOnlyList<string> Numbers) SelectHighValue(
        StoreSession session, HighValueOptions options, DateOnly asOf, SeiIpcTaxonomy sei, HighValueVerdict? verdict, int? limit, CancellationToken cancellationToken)
    {
        var parameters = new Dictionary<string, object?>(StringComparer.Ordinal);
        var expression = HighValueVerdict(session, options, asOf, sei, parameters, out var joins).ReplaceLineEndings(" ");
        string Fill(string sql) => sql
            .Replace("{verdict}", expression, StringComparison.Ordinal)
            .Replace("{joins}", joins, StringComparison.Ordinal)
            .Replace(FilterSlot, session.Filter.Where, StringComparison.Ordinal);
        var counts = session.Run(
            "verdicts",
            Fill(VerdictCountsSql),
            parameters,
            r =>
            {
                var result = new Dictionary<HighValueVerdict, long>();
                while (r.Read())
                {
                    result[VerdictValue(r.GetString(0))] = r.GetInt64(1);
                }

                return result;
            },
            cancellationToken);
        if (limit == 0)
        {
            return (counts, []);
        }

        var selection = new Dictionary<string, object?>(parameters, StringComparer.Ordinal);
        var wanted = "TRUE";
        if (verdict is { } v)
        {
            selection["verdict"] = VerdictName(v);
            wanted = "verdict = $verdict";
        }

        var limited = string.Empty;
        if (limit is { } n)
        {
            selection["limit"] = n;
            limited = " LIMIT $limit";
        }

        var numbers = session.Run(
            "patents",
            Fill(VerdictNumbersSql).Replace("{wanted}", wanted, StringComparison.Ordinal).Replace("{limit}", limited, StringComparison.Ordinal),
            selection,
            r =>
            {
                var list = new List<string>();
                while (r.Read())
                {
                    list.Add(r.GetString(0));
                }

                return list;
            },
            cancellationToken);
        return (counts, numbers);
    }

    /// <summary>A verdict as <see cref="VerdictOf"/> writes it (camelCase, as in JSON).</summary>
    private static string VerdictName(HighValueVerdict verdict) => verdict switch
    {
        Analytics.HighValueVerdict.HighValue => "highValue",
        Analytics.HighValueVerdict.Undetermined => "undetermined",
        Analytics.HighValueVerdict.NotHighValue => "notHighValue",
        _ => "notApplicable",
    };

    private static HighValueVerdict VerdictValue(string name) => name switch
    {
        "highValue" => Analytics.HighValueVerdict.HighValue,
        "undetermined" => Analytics.HighValueVerdict.Undetermined,
        "notHighValue" => Analytics.HighValueVerdict.NotHighValue,
        _ => Analytics.HighValueVerdict.NotApplicable,
    };

    /// <summary>The place's valid invention grants at the date (<c>$hv_as_of</c>) per first-owner origin: patents,
    /// verdicts and each criterion's met and not-evaluable counts (the counts of <see cref="HighValueIndicators"/>).</summary>
    private const string IndicatorCountsSql = """
        WITH g AS (
            SELECT kind, status, owner_origin, synthetic, {criteria}
            FROM patent{joins}
            WHERE ({filter}) AND kind = $hv_grant AND status = $hv_valid AND coalesce(grant_date, publication_date) <= $hv_as_of),
        v AS (
            SELECT *, {verdict} AS verdict FROM g)
        SELECT owner_origin, count(*) AS patents,
               count(*) FILTER (WHERE verdict = 'highValue') AS high_value,
               count(*) FILTER (WHERE verdict = 'undetermined') AS undetermined,
               {criterion_counts},
               bool_or(synthetic) AS synthetic
        FROM v
        GROUP BY owner_origin
        ORDER BY owner_origin
        """;

    /// <summary>The domestic high-value patents of <see cref="IndicatorCountsSql"/> per SEI industry (a patent counts in
    /// each of its industries; <c>none</c>: in no strategic emerging industry).</summary>
    private const string IndicatorIndustriesSql = """
        WITH g AS (
            SELECT kind, status, industries, {criteria}
            FROM patent{joins}
            WHERE ({filter}) AND kind = $hv_grant AND status = $hv_valid AND coalesce(grant_date, publication_date) <= $hv_as_of
                  AND owner_origin = 'domestic'),
        h AS (
            SELECT list_intersect(industries, $hv_sei) AS sei FROM g WHERE {verdict} = 'highValue'),
        u AS (
            SELECT unnest(CASE WHEN len(sei) = 0 THEN ['none'] ELSE sei END) AS industry FROM h)
        SELECT industry, count(*) AS patents
        FROM u
        GROUP BY 1
        ORDER BY 1
        """;

    /// <summary>The counts of the high-value indicator (每万人口高价值发明专利拥有量) at <paramref name="at"/> over the
    /// session's patents (the place), by the same rules as <see cref="HighValueIndicators.Count"/>.</summary>
    public static HighValueIndicators.Counts IndicatorCounts(StoreSession session, HighValueOptions options, DateOnly at, SeiIpcTaxonomy sei, CancellationToken cancellationToken)
    {
        var parameters = new Dictionary<string, object?>(StringComparer.Ordinal);
        var criteria = HighValueCriteria(session, options, at, sei, parameters, out var joins);
        var named = criteria.Select((c, i) => $"{c} AS c{i + 1}").ToList();
        var verdict = VerdictOf(criteria.Select((_, i) => $"c{i + 1}").ToList());
        var counts = string.Join(
            ",\n               ",
            criteria.Select((_, i) => $"count(*) FILTER (WHERE c{i + 1} = 'met') AS c{i + 1}_met, count(*) FILTER (WHERE c{i + 1} = 'unknown') AS c{i + 1}_unknown"));
        string Fill(string sql) => sql
            .Replace("{criteria}", string.Join(",\n                   ", named), StringComparison.Ordinal)
            .Replace("{joins}", joins, StringComparison.Ordinal)
            .Replace("{verdict}", verdict.ReplaceLineEndings(" "), StringComparison.Ordinal)
            .Replace("{criterion_counts}", counts, StringComparison.Ordinal)
            .Replace(FilterSlot, session.Filter.Where, StringComparison.Ordinal);

        var all = Enum.GetValues<HighValueCriterion>();
        var perCriterion = all.ToDictionary(c => c, _ => (Met: 0L, Unknown: 0L));
        var excluded = new Dictionary<string, long>(StringComparer.Ordinal);
        long valid = 0, high = 0, undetermined = 0;
        var synthetic = false;
        session.Run(
            "high-value stock",
            Fill(IndicatorCountsSql),
            parameters,
            r =>
            {
                while (r.Read())
                {
                    var origin = r.GetString(0) switch
                    {
                        "domestic" => ApplicantOrigin.Domestic,
                        "foreign" => ApplicantOrigin.Foreign,
                        _ => ApplicantOrigin.Unknown,
                    };
                    if (origin != ApplicantOrigin.Domestic)
                    {
                        var key = HighValueIndicators.ExclusionOf(origin);
                        excluded[key] = excluded.GetValueOrDefault(key) + r.GetInt64(1);
                        continue;
                    }

                    valid = r.GetInt64(1);
                    high = r.GetInt64(2);
                    undetermined = r.GetInt64(3);
                    for (var i = 0; i < all.Length; i++)
                    {
                        perCriterion[all[i]] = (r.GetInt64(4 + (2 * i)), r.GetInt64(5 + (2 * i)));
                    }

                    synthetic = !r.IsDBNull(4 + (2 * all.Length)) && r.GetBoolean(4 + (2 * all.Length));
                }

                return 0;
            },
            cancellationToken);

        var industries = new Dictionary<string, long>(StringComparer.Ordinal);
        if (high > 0)
        {
            session.Run(
                "high-value by industry",
                Fill(IndicatorIndustriesSql),
                parameters,
                r =>
                {
                    while (r.Read())
                    {
                        industries[r.GetString(0)] = r.GetInt64(1);
                    }

                    return 0;
                },
                cancellationToken);
        }

        return new HighValueIndicators.Counts(valid, high, undetermined, perCriterion, industries, excluded, synthetic);
    }

    /// <summary>Target tracking's counts (<see cref="PlanTargets"/>) over the session's patents (the place, all kinds and statuses).</summary>
    internal sealed class TargetCounts(StoreSession session, ReferenceLists references, HighValueOptions options, SeiIpcTaxonomy sei, CancellationToken cancellationToken) : PlanTargets.ITargetCounts
    {
        private const string PlaceSql = """
            SELECT count(*) AS patents,
                   count(*) FILTER (WHERE licences IS NOT NULL OR transfers IS NOT NULL) AS with_counts,
                   CAST(coalesce(sum(coalesce(licences, 0) + coalesce(transfers, 0)) FILTER (WHERE licences IS NOT NULL OR transfers IS NOT NULL), 0) AS BIGINT) AS licences_and_transfers,
                   coalesce(bool_or(synthetic), FALSE) AS synthetic
            FROM patent
            WHERE {filter}
            """;

        private const string NewGrantsSql = """
            SELECT count(*) AS grants
            FROM patent
            WHERE ({filter}) AND kind = $grant AND owner_origin = 'domestic'
                  AND coalesce(grant_date, publication_date) BETWEEN $start AND $at
            """;

        private const string PledgeSql = """
            SELECT CAST(coalesce(sum(target_pledge.value), 0) AS DECIMAL(38, 4)) AS amount
            FROM patent JOIN target_pledge USING (pn)
            WHERE {filter}
            """;

        private (long Patents, long Known, long Sum, bool Synthetic)? _place;

        public bool Synthetic => Place().Synthetic;

        public HighValueIndicators.Counts Indicator(DateOnly at) => IndicatorCounts(session, options, at, sei, cancellationToken);

        public long NewGrants(DateOnly start, DateOnly at) => session.Run(
            "new invention grants",
            NewGrantsSql.Replace(FilterSlot, session.Filter.Where, StringComparison.Ordinal),
            new Dictionary<string, object?>(StringComparer.Ordinal) { ["grant"] = IndexSchema.KindValue(PatentKind.InventionGrant), ["start"] = start, ["at"] = at },
            r => r.Read() ? r.GetInt64(0) : 0,
            cancellationToken);

        public (long Known, long Sum, long Total) LicencesAndTransfers()
        {
            var p = Place();
            return (p.Known, p.Sum, p.Patents);
        }

        public decimal PledgeSum()
        {
            if (references.PledgeAmounts is not { } amounts)
            {
                return 0m;
            }

            session.LoadReference("target_pledge", "DECIMAL(38, 4)", amounts, (row, amount) => row.AppendValue(amount));
            return session.Run(
                "pledge financing",
                PledgeSql.Replace(FilterSlot, session.Filter.Where, StringComparison.Ordinal),
                null,
                r => r.Read() ? r.GetFieldValue<decimal>(0) : 0m,
                cancellationToken);
        }

        private (long Patents, long Known, long Sum, bool Synthetic) Place() => _place ??= session.Run(
            "place patents",
            PlaceSql.Replace(FilterSlot, session.Filter.Where, StringComparison.Ordinal),
            null,
            r => r.Read() ? (r.GetInt64(0), r.GetInt64(1), r.GetInt64(2), r.GetBoolean(3)) : (0L, 0L, 0L, false),
            cancellationToken);
    }
}

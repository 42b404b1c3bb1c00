using System.Data.Common;
using PatentNav.Analytics;
using PatentNav.Records;
using PatentNav.Search;

namespace PatentNav.Storage;

/// <summary>The counting analyses as SQL over the analytical store's <c>patent</c> table (one partial file per analysis).
/// Each computes what its in-memory counterpart in <see cref="Analytics"/> computes over records; the tests compare them.</summary>
internal static partial class StoreAnalyses
{
    /// <summary>Where a statement takes the request's filter (<see cref="StoreFilter.Where"/>).</summary>
    private const string FilterSlot = "{filter}";

    /// <summary>Patents matching the filter, those without applicant, and whether any is synthetic.</summary>
    private const string ApplicantTotalsSql = """
        SELECT count(*) AS patents,
               count(*) FILTER (WHERE len(applicants) = 0) AS without_applicant,
               coalesce(bool_or(synthetic), false) AS synthetic
        FROM patent
        WHERE {filter}
        """;

    /// <summary>
    /// The ranking (see <see cref="Applicants.Rank"/>): every applicant occurrence (<c>occ</c>; only the first with
    /// <c>$first_only</c>), one row per applicant and patent (<c>per_patent</c>: a name written twice on a patent counts
    /// once, its first spelling is the one shown), counts per applicant, the top <c>$top</c>, and for those the spellings,
    /// variants as written and the applicant countries of the patents they led.
    /// </summary>
    private const string ApplicantRankingSql = """
        WITH m AS (
            SELECT pn, year, applicant_country,
                   list_contains($invention_kinds, kind) AND status = $valid AS valid_invention,
                   CASE WHEN $first_only THEN applicants[1:1] ELSE applicants END AS names,
                   CASE WHEN $first_only THEN applicant_keys[1:1] ELSE applicant_keys END AS keys,
                   CASE WHEN $first_only THEN applicant_names[1:1] ELSE applicant_names END AS displays
            FROM patent
            WHERE ({filter}) AND len(applicants) > 0),
        occ AS (
            SELECT pn, year, valid_invention, applicant_country,
                   unnest(names) AS variant, unnest(keys) AS key, unnest(displays) AS display,
                   generate_subscripts(names, 1) AS pos
            FROM m),
        per_patent AS (
            SELECT key, pn, any_value(year) AS year, bool_or(valid_invention) AS valid_invention,
                   arg_min(display, pos) AS display, min(pos) AS first_pos, any_value(applicant_country) AS country
            FROM occ
            GROUP BY key, pn),
        ranked AS (
            SELECT key, count(*) AS patents, count(*) FILTER (WHERE valid_invention) AS valid_inventions,
                   min(year) AS first_year, max(year) AS last_year, count(*) OVER () AS distinct_applicants
            FROM per_patent
            GROUP BY key),
        top AS (
            SELECT * FROM ranked ORDER BY patents DESC, valid_inventions DESC, key LIMIT $top),
        spellings AS (
            SELECT key, histogram(display) AS displays,
                   histogram(country) FILTER (WHERE first_pos = 1 AND country IS NOT NULL) AS countries
            FROM per_patent
            WHERE key IN (SELECT key FROM top)
            GROUP BY key),
        variants AS (
            SELECT key, histogram(variant) AS variants
            FROM occ
            WHERE key IN (SELECT key FROM top)
            GROUP BY key)
        SELECT top.key, top.patents, top.valid_inventions, top.first_year, top.last_year, top.distinct_applicants,
               variants.variants, spellings.displays, spellings.countries
        FROM top JOIN variants USING (key) JOIN spellings USING (key)
        ORDER BY top.patents DESC, top.valid_inventions DESC, top.key
        """;

    /// <summary>Patents matching the filter, those without applicant, and whether any is synthetic: for all of them and
    /// for those of the subset (<c>{subset}</c>).</summary>
    private const string ApplicantPairTotalsSql = """
        SELECT count(*) AS patents,
               count(*) FILTER (WHERE len(applicants) = 0) AS without_applicant,
               coalesce(bool_or(synthetic), false) AS synthetic,
               count(*) FILTER (WHERE {subset}) AS subset_patents,
               count(*) FILTER (WHERE len(applicants) = 0 AND {subset}) AS subset_without_applicant,
               coalesce(bool_or(synthetic) FILTER (WHERE {subset}), false) AS subset_synthetic
        FROM patent
        WHERE {filter}
        """;

    /// <summary>
    /// Two rankings in one pass (as <see cref="ApplicantRankingSql"/>): of every patent matching the filter (list
    /// <c>all</c>, the top <c>$top</c>) and of those in the subset <c>{subset}</c> (list <c>subset</c>, the top
    /// <c>$subset_top</c>), e.g. a field's applicants and those outside a place.
    /// </summary>
    private const string ApplicantRankingPairSql = """
        WITH m AS (
            SELECT pn, year, applicant_country, coalesce({subset}, FALSE) AS in_subset,
                   list_contains($invention_kinds, kind) AND status = $valid AS valid_invention,
                   CASE WHEN $first_only THEN applicants[1:1] ELSE applicants END AS names,
                   CASE WHEN $first_only THEN applicant_keys[1:1] ELSE applicant_keys END AS keys,
                   CASE WHEN $first_only THEN applicant_names[1:1] ELSE applicant_names END AS displays
            FROM patent
            WHERE ({filter}) AND len(applicants) > 0),
        occ AS (
            SELECT pn, year, valid_invention, applicant_country, in_subset,
                   unnest(names) AS variant, unnest(keys) AS key, unnest(displays) AS display,
                   generate_subscripts(names, 1) AS pos
            FROM m),
        per_patent AS (
            SELECT key, pn, any_value(year) AS year, bool_or(valid_invention) AS valid_invention, any_value(in_subset) AS in_subset,
                   arg_min(display, pos) AS display, min(pos) AS first_pos, any_value(applicant_country) AS country
            FROM occ
            GROUP BY key, pn),
        ranked AS (
            SELECT key, count(*) AS patents, count(*) FILTER (WHERE valid_invention) AS valid_inventions,
                   min(year) AS first_year, max(year) AS last_year,
                   count(*) FILTER (WHERE in_subset) AS subset_patents,
                   count(*) FILTER (WHERE in_subset AND valid_invention) AS subset_valid_inventions,
                   min(year) FILTER (WHERE in_subset) AS subset_first_year, max(year) FILTER (WHERE in_subset) AS subset_last_year
            FROM per_patent
            GROUP BY key),
        top AS (
            (SELECT 'all' AS list, key, patents, valid_inventions, first_year, last_year, count(*) OVER () AS distinct_applicants
             FROM ranked ORDER BY patents DESC, valid_inventions DESC, key LIMIT $top)
            UNION ALL
            (SELECT 'subset', key, subset_patents, subset_valid_inventions, subset_first_year, subset_last_year, count(*) OVER ()
             FROM ranked WHERE subset_patents > 0 ORDER BY subset_patents DESC, subset_valid_inventions DESC, key LIMIT $subset_top)),
        spellings AS (
            SELECT key, histogram(display) AS displays, histogram(display) FILTER (WHERE in_subset) AS subset_displays,
                   histogram(country) FILTER (WHERE first_pos = 1 AND country IS NOT NULL) AS countries,
                   histogram(country) FILTER (WHERE first_pos = 1 AND country IS NOT NULL AND in_subset) AS subset_countries
            FROM per_patent
            WHERE key IN (SELECT key FROM top)
            GROUP BY key),
        variants AS (
            SELECT key, histogram(variant) AS variants, histogram(variant) FILTER (WHERE in_subset) AS subset_variants
            FROM occ
            WHERE key IN (SELECT key FROM top)
            GROUP BY key)
        SELECT top.list, top.key, top.patents, top.valid_inventions, top.first_year, top.last_year, top.distinct_applicants,
               CASE WHEN top.list = 'all' THEN variants.variants ELSE variants.subset_variants END AS variants,
               CASE WHEN top.list = 'all' THEN spellings.displays ELSE spellings.subset_displays END AS displays,
               CASE WHEN top.list = 'all' THEN spellings.countries ELSE spellings.subset_countries END AS countries
        FROM top JOIN variants USING (key) JOIN spellings USING (key)
        ORDER BY top.list, top.patents DESC, top.valid_inventions DESC, top.key
        """;

    /// <summary>The applicant ranking of the session's filter.</summary>
    public static ApplicantRanking RankApplicants(StoreSession session, ApplicantRankOptions options, CancellationToken cancellationToken) =>
        RankApplicants(session, session.Filter.Where, null, options, "", cancellationToken) with { Statements = session.Statements.ToList() };

    /// <summary>The applicant ranking of the patents matching <paramref name="where"/> (with its <paramref name="parameters"/>);
    /// the statements are recorded in the session under <paramref name="purpose"/>.</summary>
    public static ApplicantRanking RankApplicants(StoreSession session, string where, IReadOnlyDictionary<string, object?>? parameters, ApplicantRankOptions options, string purpose, CancellationToken cancellationToken)
    {
        var (total, without, synthetic) = session.Run(
            purpose + "patents",
            ApplicantTotalsSql.Replace(FilterSlot, where, StringComparison.Ordinal),
            parameters,
            r =>
            {
                r.Read();
                return (r.GetInt64(0), r.GetInt64(1), r.GetBoolean(2));
            },
            cancellationToken);

        var distinct = 0;
        var top = session.Run(
            purpose + "ranking",
            ApplicantRankingSql.Replace(FilterSlot, where, StringComparison.Ordinal),
            new Dictionary<string, object?>(parameters ?? new Dictionary<string, object?>(), StringComparer.Ordinal)
            {
                ["invention_kinds"] = InventionKinds,
                ["valid"] = IndexSchema.StatusValue(LegalStatus.Valid),
                ["first_only"] = options.FirstApplicantOnly,
                ["top"] = options.Top,
            },
            r =>
            {
                var rows = new List<ApplicantTally>();
                while (r.Read())
                {
                    distinct = checked((int)r.GetInt64(5));
                    rows.Add(Tally(r, 0));
                }

                return rows;
            },
            cancellationToken);

        return Applicants.Ranking(total, without, distinct, synthetic, options, top);
    }

    /// <summary>
    /// The applicant rankings of the patents matching <paramref name="where"/> and of those among them matching
    /// <paramref name="subset"/>, with one scan of the field instead of two (same figures as two calls of
    /// <see cref="RankApplicants(StoreSession, string, IReadOnlyDictionary{string, object?}?, ApplicantRankOptions, string, CancellationToken)"/>).
    /// </summary>
    public static (ApplicantRanking All, ApplicantRanking Subset) RankApplicantPair(
        StoreSession session,
        string where,
        string subset,
        IReadOnlyDictionary<string, object?>? parameters,
        ApplicantRankOptions all,
        ApplicantRankOptions inSubset,
        string purpose,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(all);
        ArgumentNullException.ThrowIfNull(inSubset);
        if (all.FirstApplicantOnly != inSubset.FirstApplicantOnly)
        {
            throw new ArgumentException("both rankings count the same applicants (FirstApplicantOnly)", nameof(inSubset));
        }

        string Fill(string sql) => sql.Replace(FilterSlot, where, StringComparison.Ordinal).Replace("{subset}", subset, StringComparison.Ordinal);
        var totals = session.Run(
            purpose + "patents",
            Fill(ApplicantPairTotalsSql),
            parameters,
            r =>
            {
                r.Read();
                return (All: (r.GetInt64(0), r.GetInt64(1), r.GetBoolean(2)), Subset: (r.GetInt64(3), r.GetInt64(4), r.GetBoolean(5)));
            },
            cancellationToken);

        var distinct = new Dictionary<string, int>(StringComparer.Ordinal) { ["all"] = 0, ["subset"] = 0 };
        var top = session.Run(
            purpose + "ranking",
            Fill(ApplicantRankingPairSql),
            new Dictionary<string, object?>(parameters ?? new Dictionary<string, object?>(), StringComparer.Ordinal)
            {
                ["invention_kinds"] = InventionKinds,
                ["valid"] = IndexSchema.StatusValue(LegalStatus.Valid),
                ["first_only"] = all.FirstApplicantOnly,
                ["top"] = all.Top,
                ["subset_top"] = inSubset.Top,
            },
            r =>
            {
                var rows = new Dictionary<string, List<ApplicantTally>>(StringComparer.Ordinal) { ["all"] = [], ["subset"] = [] };
                while (r.Read())
                {
                    var list = r.GetString(0);
                    distinct[list] = checked((int)r.GetInt64(6));
                    rows[list].Add(Tally(r, 1));
                }

                return rows;
            },
            cancellationToken);

        var (total, without, synthetic) = totals.All;
        var (subsetTotal, subsetWithout, subsetSynthetic) = totals.Subset;
        return (
            Applicants.Ranking(total, without, distinct["all"], synthetic, all, top["all"]),
            Applicants.Ranking(subsetTotal, subsetWithout, distinct["subset"], subsetSynthetic, inSubset, top["subset"]));
    }

    /// <summary>An applicant's row of a ranking statement from column <paramref name="first"/> on: key, patents, valid
    /// inventions, first and last year, distinct applicants (skipped here), variants, spellings, countries.</summary>
    private static ApplicantTally Tally(DbDataReader r, int first) => new(
        r.GetString(first),
        r.GetInt64(first + 1),
        r.GetInt64(first + 2),
        NullableInt(r, first + 3),
        NullableInt(r, first + 4),
        Histogram(r, first + 6),
        Histogram(r, first + 7),
        Histogram(r, first + 8));

    private static int? NullableInt(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : Convert.ToInt32(reader.GetValue(ordinal), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A DuckDB <c>histogram</c> (a MAP of value to count) as a dictionary; empty when null.</summary>
    private static Dictionary<string, long> Histogram(DbDataReader reader, int ordinal)
    {
        var result = new Dictionary<string, long>(StringComparer.Ordinal);
        if (reader.IsDBNull(ordinal))
        {
            return result;
        }

        if (reader.GetValue(ordinal) is not System.Collections.IDictionary map)
        {
            throw new InvalidDataException($"expected a MAP from histogram, got {reader.GetValue(ordinal).GetType().Name}");
        }

        foreach (System.Collections.DictionaryEntry e in map)
        {
            result[(string)e.Key] = Convert.ToInt64(e.Value, System.Globalization.CultureInfo.InvariantCulture);
        }

        return result;
    }
}

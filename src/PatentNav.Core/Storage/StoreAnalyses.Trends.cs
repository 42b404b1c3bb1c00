using PatentNav.Analytics;
using PatentNav.Records;
using PatentNav.Search;

namespace PatentNav.Storage;

/// <content>Counts per year (趋势) and industry summaries (产业概况).</content>
internal static partial class StoreAnalyses
{
    /// <summary>The latest filing, publication or grant date in the whole workspace (the default data cut-off).</summary>
    private const string LatestDateSql = """
        SELECT list_max([max(filing_date), max(publication_date), max(grant_date)]) AS latest
        FROM patent
        """;

    /// <summary>Matching patents per year of the chosen date; the row with a NULL year counts the undated ones.</summary>
    private const string YearCountsSql = """
        SELECT CAST(year({date}) AS INTEGER) AS year, count(*) AS patents
        FROM patent
        WHERE {filter}
        GROUP BY ALL
        ORDER BY year
        """;

    /// <summary>
    /// Per industry of the taxonomy (<c>$units</c>) and year: patents and valid invention patents (有效发明), one row per
    /// patent and industry it belongs to (<c>unnest</c> of its industry tokens, each held once); plus the matching patents in
    /// all and those in none of the top-level industries (<c>$top_level</c>) in the row whose unit is NULL.
    /// </summary>
    /// <remarks>Unnesting and then keeping the taxonomy's units is several times faster than <c>list_intersect</c> per row.</remarks>
    private const string IndustryYearCountsSql = """
        WITH m AS (
            SELECT industries, CAST(year({date}) AS INTEGER) AS year,
                   list_contains($invention_kinds, kind) AND status = $valid AS valid_invention
            FROM patent
            WHERE {filter}),
        per_unit AS (
            SELECT unnest(industries) AS unit, year, valid_invention FROM m)
        SELECT unit, year, count(*) AS patents, count(*) FILTER (WHERE valid_invention) AS valid_inventions, NULL AS unassigned
        FROM per_unit
        WHERE list_contains($units, unit)
        GROUP BY unit, year
        UNION ALL
        SELECT NULL, NULL, count(*), NULL, count(*) FILTER (WHERE NOT list_has_any(industries, $top_level))
        FROM m
        ORDER BY unit NULLS FIRST, year NULLS FIRST
        """;

    /// <summary>The SQL expression of a date choice's year source: filing falls back to publication (as the year facet).</summary>
    internal static string DateExpression(DateField field) => field == DateField.Filing
        ? "coalesce(filing_date, publication_date)"
        : StoreFilter.DateColumn(field);

    /// <summary>The latest date of any kind in the workspace; null when none is dated.</summary>
    public static DateOnly? LatestDate(StoreSession session, CancellationToken cancellationToken) =>
        session.Run("latest date", LatestDateSql, null, r => r.Read() && !r.IsDBNull(0) ? (DateOnly?)r.GetFieldValue<DateOnly>(0) : null, cancellationToken);

    /// <summary>Matching patents per year of <paramref name="field"/>, and how many have no such date.</summary>
    public static (SortedDictionary<int, long> Counts, long Undated) CountYears(StoreSession session, DateField field, CancellationToken cancellationToken) =>
        session.Run(
            "patents per year",
            YearCountsSql.Replace("{date}", DateExpression(field), StringComparison.Ordinal).Replace(FilterSlot, session.Filter.Where, StringComparison.Ordinal),
            null,
            r =>
            {
                var counts = new SortedDictionary<int, long>();
                long undated = 0;
                while (r.Read())
                {
                    if (r.IsDBNull(0))
                    {
                        undated = r.GetInt64(1);
                    }
                    else
                    {
                        counts[r.GetInt32(0)] = r.GetInt64(1);
                    }
                }

                return (counts, undated);
            },
            cancellationToken);

    /// <summary>Per industry: patents per year (the undated under <see cref="int.MinValue"/>) and valid invention patents;
    /// and the matching patents in all and in none of <paramref name="topLevel"/>.</summary>
    public static (Dictionary<string, (SortedDictionary<int, long> Years, long Undated, long ValidInventions)> Units, long Total, long Unassigned) CountIndustryYears(
        StoreSession session, IReadOnlyList<string> units, IReadOnlyList<string> topLevel, DateField field, CancellationToken cancellationToken) =>
        session.Run(
            "industries per year",
            IndustryYearCountsSql.Replace("{date}", DateExpression(field), StringComparison.Ordinal).Replace(FilterSlot, session.Filter.Where, StringComparison.Ordinal),
            new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["units"] = units.ToArray(),
                ["top_level"] = topLevel.ToArray(),
                ["invention_kinds"] = InventionKinds,
                ["valid"] = IndexSchema.StatusValue(LegalStatus.Valid),
            },
            r =>
            {
                var result = new Dictionary<string, (SortedDictionary<int, long>, long, long)>(StringComparer.Ordinal);
                long total = 0;
                long unassigned = 0;
                while (r.Read())
                {
                    if (r.IsDBNull(0))
                    {
                        total = r.GetInt64(2);
                        unassigned = r.GetInt64(4);
                        continue;
                    }

                    var unit = r.GetString(0);
                    var (years, undated, valid) = result.TryGetValue(unit, out var u) ? u : (new SortedDictionary<int, long>(), 0L, 0L);
                    if (r.IsDBNull(1))
                    {
                        undated += r.GetInt64(2);
                    }
                    else
                    {
                        years[r.GetInt32(1)] = r.GetInt64(2);
                    }

                    result[unit] = (years, undated, valid + r.GetInt64(3));
                }

                return (result, total, unassigned);
            },
            cancellationToken);

    /// <summary>The invention kinds (发明申请, 发明授权) as the store writes them.</summary>
    private static readonly string[] InventionKinds =
        [IndexSchema.KindValue(PatentKind.InventionApplication), IndexSchema.KindValue(PatentKind.InventionGrant)];
}

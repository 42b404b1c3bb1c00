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
            "CASE WHEN len(ipc) = 0 THEN 'unknown' WHEN list_has_any(industries, $hv_sei) THEN 'met' ELSE 'notMet' END",
            "CASE WHEN family_abroad THEN 'met' WHEN NOT family_abroad OR family_size = 1 THEN 'notMet' ELSE 'unknown' END",
            $"CASE WHEN {start} IS NULL THEN 'unknown' WHEN $hv_as_of > {start} + to_years(CAST($hv_years AS INTEGER)) THEN 'met' ELSE 'notMet' END",
            pledge,
            award,
        ];
    }
}

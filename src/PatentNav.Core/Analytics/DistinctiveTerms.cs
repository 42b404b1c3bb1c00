using PatentNav.Text;

namespace PatentNav.Analytics;

/// <summary>
/// The terms that say what a technology unit is about, for a reader who does not know its IPC code: the feature tokens
/// of the unit's patent titles that are frequent there and rarer in the field around it.
/// </summary>
/// <remarks>
/// <para>Score of a term: p_u × ln(p_u / p_f), with p_u the share of the unit's titles containing it and p_f the
/// (add-one smoothed) share of the field's titles containing it: the term's part of the divergence of the unit from the
/// field. A term must occur in at least two of the unit's titles and more often there than in the field; generic patent
/// words (<see cref="GenericPatentTerms"/>) are left out, and a term contained in a better one (材料 in 复合材料) too.</para>
/// </remarks>
public static class DistinctiveTerms
{
    /// <summary>The <paramref name="top"/> most distinctive terms of a unit, best first (ties in ordinal order).</summary>
    /// <param name="unitTitles">The feature tokens of each of the unit's titles (a sample is enough).</param>
    /// <param name="fieldDocumentFrequency">In how many of the field's titles each term occurs.</param>
    /// <param name="fieldTitles">How many field titles that was counted over.</param>
    /// <param name="top">How many terms (at least 1).</param>
    public static IReadOnlyList<string> Of(IReadOnlyList<IReadOnlyCollection<string>> unitTitles, IReadOnlyDictionary<string, int> fieldDocumentFrequency, int fieldTitles, int top = 3)
    {
        ArgumentNullException.ThrowIfNull(unitTitles);
        ArgumentNullException.ThrowIfNull(fieldDocumentFrequency);
        ArgumentOutOfRangeException.ThrowIfLessThan(top, 1);
        if (unitTitles.Count == 0)
        {
            return [];
        }

        var df = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var title in unitTitles)
        {
            foreach (var term in title.Distinct(StringComparer.Ordinal))
            {
                if (!GenericPatentTerms.Contains(term))
                {
                    df[term] = df.GetValueOrDefault(term) + 1;
                }
            }
        }

        var scored = new List<(string Term, double Score)>();
        foreach (var (term, count) in df)
        {
            if (count < 2)
            {
                continue;
            }

            var pu = count / (double)unitTitles.Count;
            var pf = (fieldDocumentFrequency.GetValueOrDefault(term) + 1.0) / (fieldTitles + 1.0);
            if (pu > pf)
            {
                scored.Add((term, pu * Math.Log(pu / pf)));
            }
        }

        var result = new List<string>();
        foreach (var (term, _) in scored.OrderByDescending(s => s.Score).ThenBy(s => s.Term, StringComparer.Ordinal))
        {
            if (result.Any(kept => kept.Contains(term, StringComparison.Ordinal) || term.Contains(kept, StringComparison.Ordinal)))
            {
                continue; // 材料 beside 复合材料 says nothing more
            }

            result.Add(term);
            if (result.Count == top)
            {
                break;
            }
        }

        return result;
    }
}

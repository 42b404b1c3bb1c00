using Lucene.Net.Search;
using PatentNav.Analytics;

namespace PatentNav.Storage;

/// <summary>
/// The Lucene side of need matching (供需对接): MoreLikeThis-style term selection from the need's feature tokens, and the
/// weighted query over the text fields.
/// </summary>
internal static class NeedQuery
{
    /// <summary>Most terms a query uses.</summary>
    public const int MaxTerms = 12;

    /// <summary>A term in more than this share of the patents does not discriminate and is left out.</summary>
    public const double MaxDocumentShare = 0.3;

    private static readonly string[] TextFields = [IndexSchema.Title, IndexSchema.Abstract, IndexSchema.Claims];

    /// <summary>Weighs the need's distinct feature tokens by tf × ln(1 + N/df) (df: patents containing the term as a
    /// contiguous string, counted on the bigram fields) and keeps the best <see cref="MaxTerms"/>.</summary>
    public static IReadOnlyList<NeedTerm> SelectTerms(IndexSearcher searcher, IReadOnlyList<string> features)
    {
        var n = Math.Max(1, searcher.IndexReader.NumDocs);
        // GroupBy keeps the order of first occurrence, so the group's index is the term's first position among terms.
        var candidates = features
            .GroupBy(f => f, StringComparer.Ordinal)
            .Select((g, first) => (Term: g.Key, Tf: g.Count(), First: first))
            .Select(c =>
            {
                var counter = new TotalHitCountCollector();
                searcher.Search(QueryTranslator.TextQuery(c.Term, TextFields), counter);
                long df = counter.TotalHits;
                var usable = df > 0 && df <= MaxDocumentShare * n;
                return (c.Term, c.First, Df: df, Weight: usable ? c.Tf * Math.Log(1 + ((double)n / df)) : 0.0);
            })
            .ToList();
        var chosen = candidates.Where(c => c.Weight > 0).OrderByDescending(c => c.Weight).ThenBy(c => c.First).Take(MaxTerms)
            .Select(c => c.Term).ToHashSet(StringComparer.Ordinal);
        return candidates
            .OrderBy(c => c.First)
            .Select(c => new NeedTerm(c.Term, chosen.Contains(c.Term) ? Math.Round(c.Weight, 4) : 0, c.Df, chosen.Contains(c.Term)))
            .ToList();
    }

    /// <summary>One SHOULD clause per used term (its bigram phrase in title, abstract or claims, plus its SmartCn words),
    /// boosted by the term's weight; null when no term is usable.</summary>
    public static Query? Build(IReadOnlyList<NeedTerm> terms)
    {
        var query = new BooleanQuery();
        foreach (var t in terms.Where(t => t.Used))
        {
            var clause = QueryTranslator.TextQuery(t.Term, TextFields);
            clause.Boost = (float)t.Weight;
            query.Add(clause, Occur.SHOULD);
        }

        return query.Clauses.Count == 0 ? null : query;
    }
}

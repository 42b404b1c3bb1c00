using System.Globalization;
using Microsoft.Extensions.Logging;
using PatentNav.Analytics;
using PatentNav.Records;
using PatentNav.Search;
using PatentNav.Storage;
using PatentNav.Text;

namespace PatentNav.Workspace;

/// <content>Supply–demand matching (供需对接): a technology need in Chinese → ranked patents and their holders.</content>
public sealed partial class AnalyticsService
{
    /// <summary>
    /// Finds the patents that answer a technology need (技术需求) and who holds them: the need's domain terms are selected
    /// MoreLikeThis-style (feature tokens with discovered terms joined, weighted tf × idf over this workspace), matched with
    /// BM25 over the SmartCn and bigram fields of title, abstract and claims, filtered by industry, place, holder type and
    /// validity, and grouped by holder with the inventors behind them.
    /// </summary>
    /// <exception cref="ArgumentException">The need is empty or longer than <see cref="NeedMatching.MaxNeedLength"/> characters, or top is out of range.</exception>
    /// <exception cref="InvalidRequestException">An invalid filter (industry, region).</exception>
    public async Task<NeedMatchResult> MatchNeedAsync(NeedRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.Text))
        {
            throw new ArgumentException("the need text is empty", nameof(request));
        }

        if (request.Text.Length > NeedMatching.MaxNeedLength)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"the need has {request.Text.Length} characters; at most {NeedMatching.MaxNeedLength} are accepted"), nameof(request));
        }

        if (request.Top is < 1 or > 200)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"top must be between 1 and 200, got {request.Top}"), nameof(request));
        }

        var tokenizer = await _text.GetFeatureTokenizerAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        var features = tokenizer.Tokenize(request.Text).Where(t => !NeedMatching.NeedPhrasing.Contains(t)).ToList();
        var filter = new PatentFilter
        {
            Industry = request.Industry,
            Region = request.Region,
            Status = request.ValidOnly ? LegalStatus.Valid : null,
        };

        // The classifier as it is (never trained here: a first training takes seconds to minutes); none → no re-ranking.
        var model = request.UseClassifier ? await _classifier.GetClassifierAsync(cancellationToken).ConfigureAwait(false) : null;
        var prediction = model?.Predict(request.Text, top: 50);
        var needIndustries = prediction?.Taxonomies
            .SelectMany(t => t.Industries)
            .ToDictionary(i => i.Key, i => i, StringComparer.Ordinal) ?? [];

        // Over-fetch when holders are filtered or the order changes afterwards, so that the answer still has `top` patents.
        var candidates = request.HolderType is not null || request.InstitutionsFirst ? Math.Min(1000, request.Top * 10)
            : model is not null ? Math.Min(1000, request.Top * 3)
            : request.Top;
        var (terms, hits) = await Task.Run(() => _index.MatchNeed(features, filter, candidates, cancellationToken), cancellationToken).ConfigureAwait(false);

        var kept = hits
            .Where(h => request.HolderType is not { } type || HolderType(h.Record) == type)
            .Select(h => Rerank(h.Record, h.Score, model, needIndustries))
            .OrderByDescending(h => h.Score)
            .ThenBy(h => h.Record.PublicationNumber.Value, StringComparer.Ordinal)
            .ToList();
        if (request.InstitutionsFirst)
        {
            // Institutions first, but keep the best of the rest up to `top`.
            kept = kept.OrderByDescending(h => NeedMatching.IsInstitution(HolderType(h.Record))).ThenByDescending(h => h.Score).Take(request.Top).ToList();
        }
        else
        {
            kept = kept.Take(request.Top).ToList();
        }

        var (patents, holders) = NeedMatching.Explain(kept, terms, request.InstitutionsFirst);
        var notes = new List<string>();
        if (!terms.Any(t => t.Used))
        {
            notes.Add(terms.Count == 0
                ? "The need has no usable words (only stop words, single characters or numbers)."
                : "None of the need's terms occurs in a useful number of patents here: " + string.Join("、", terms.Select(t => t.Term)) + ".");
        }

        var method = "terms: feature tokens of the need (SmartCn with the patent stop list, this workspace's discovered terms joined, single characters and need phrasing such as 我们/需要/希望 dropped), weighted tf × ln(1 + N/df), at most 12, leaving out terms in no patent or in more than 30 % of them; " +
            "score: BM25 of each term as a contiguous phrase in the bigram fields of title (×2), abstract and claims, plus its SmartCn words, each term boosted by its weight; filters: " +
            string.Join(", ", new[] { request.Industry is null ? null : "industry " + request.Industry, request.Region is null ? null : "region " + request.Region, request.HolderType is null ? null : "holder type " + request.HolderType, request.ValidOnly ? "valid patents only" : null }.Where(x => x is not null).DefaultIfEmpty("none"));
        if (model is not null)
        {
            method += string.Create(CultureInfo.InvariantCulture, $"; re-ranked by industry: score × (1 + {IndustryBoost} × p), p = the classifier's probability for the need of the patent's industry (its IPC industries, or the classifier's own prediction for a patent without IPC codes), the largest if several");
        }
        else if (request.UseClassifier)
        {
            notes.Add("No industry classifier has been trained in this workspace yet (train one to use it), so patents are ranked by their terms alone.");
        }

        var industries = prediction?.Taxonomies
            .SelectMany(t => t.Industries.Take(3))
            .Where(i => i.Probability >= 0.05)
            .Select(i => new NeedIndustry(i.Key, i.Name, Math.Round(i.Probability, 4)))
            .ToList() ?? [];
        return new NeedMatchResult(request.Text, terms, industries, patents, holders, method, kept.Any(h => h.Record.Synthetic), notes);
    }

    /// <summary>How much the need's industry probability can raise a patent's score (a factor up to 1.5).</summary>
    private const double IndustryBoost = 0.5;

    private (PatentRecord Record, double Score, string? IndustryNote) Rerank(PatentRecord record, double score, Taxonomy.IndustryClassifier? model, IReadOnlyDictionary<string, Taxonomy.IndustryScore> needIndustries)
    {
        if (model is null || needIndustries.Count == 0)
        {
            return (record, score, null);
        }

        var assigned = Taxonomies.Assign(record);
        var keys = assigned.Count > 0
            ? assigned.Select(a => a.TaxonomyId + ":" + a.Code)
            : model.Predict(AnalysisText.Of(record), top: 50).Taxonomies.SelectMany(t => t.Industries).Where(i => i.Predicted).Select(i => i.Key);
        var best = keys.Distinct(StringComparer.Ordinal)
            .Select(k => needIndustries.GetValueOrDefault(k))
            .Where(i => i is not null)
            .MaxBy(i => i!.Probability);
        if (best is null)
        {
            return (record, score, null);
        }

        var note = string.Create(CultureInfo.InvariantCulture, $"industry {best.Name} ({(assigned.Count > 0 ? "by its IPC codes" : "predicted from its text")}) fits the need with p = {best.Probability:0.00}");
        return (record, score * (1 + (IndustryBoost * best.Probability)), note);
    }

    private static ApplicantType HolderType(PatentRecord r)
    {
        var holder = r.CurrentHolders.Count > 0 ? r.CurrentHolders[0] : r.Applicants.Count > 0 ? r.Applicants[0] : null;
        return holder is null ? ApplicantType.Other : ApplicantNames.Classify(holder, null).Type;
    }
}

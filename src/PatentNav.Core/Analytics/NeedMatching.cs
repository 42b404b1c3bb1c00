using System.Globalization;
using System.Text.Json.Serialization;
using PatentNav.Records;

namespace PatentNav.Analytics;

/// <summary>A technology need (技术需求) to match against the workspace's patents (供需对接).</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record NeedRequest
{
    /// <summary>The need in Chinese, e.g. 我们需要耐高温的碳纤维复合材料成型工艺，用于风电叶片 (up to 2,000 characters).</summary>
    public required string Text { get; init; }

    /// <summary>Only patents in this industry, branch or chain (<c>sei:3</c>, <c>city:新材料</c>, or a name).</summary>
    public string? Industry { get; init; }

    /// <summary>Only patents of this place (GB/T 2260 code or name), by the record's region.</summary>
    public string? Region { get; init; }

    /// <summary>Only patents whose first holder has this type.</summary>
    public ApplicantType? HolderType { get; init; }

    /// <summary>Only patents whose legal status is valid.</summary>
    public bool ValidOnly { get; init; }

    /// <summary>List universities and research institutes first (揭榜挂帅 partners).</summary>
    public bool InstitutionsFirst { get; init; }

    /// <summary>How many patents to return (1–200); default 20.</summary>
    public int Top { get; init; } = 20;

    /// <summary>Use the workspace's industry classifier to re-rank (when one can be trained); default true.</summary>
    public bool UseClassifier { get; init; } = true;
}

/// <summary>A term selected from the need text, with its weight.</summary>
/// <param name="Term">The feature token (domain terms joined, e.g. 碳纤维).</param>
/// <param name="Weight">tf × idf weight used in the query (0 when not used).</param>
/// <param name="Documents">Patents containing it (as a contiguous string in title, abstract or claims).</param>
/// <param name="Used">Whether it is part of the query; false when it occurs in no patent or in too many to discriminate.</param>
public sealed record NeedTerm(string Term, double Weight, long Documents, bool Used);

/// <summary>One matching patent.</summary>
/// <param name="Rank">1-based.</param>
/// <param name="PublicationNumber">Its number.</param>
/// <param name="Title">Its title.</param>
/// <param name="Score">The match score (BM25 over the selected terms, re-ranked by industry when the classifier applies).</param>
/// <param name="Holder">Its first holder (current holder, else applicant).</param>
/// <param name="HolderType">The holder's type.</param>
/// <param name="Inventors">Its inventors.</param>
/// <param name="LegalStatus">Its legal status.</param>
/// <param name="Region">Its region name.</param>
/// <param name="MatchedTerms">Selected terms found in its title or abstract.</param>
/// <param name="Reason">A short reason in words.</param>
public sealed record NeedMatch(
    int Rank,
    string PublicationNumber,
    string? Title,
    double Score,
    string? Holder,
    ApplicantType HolderType,
    IReadOnlyList<string> Inventors,
    LegalStatus LegalStatus,
    string? Region,
    IReadOnlyList<string> MatchedTerms,
    string Reason);

/// <summary>A holder of matching patents, with the inventors behind them.</summary>
/// <param name="Name">The holder's name (normalised spelling).</param>
/// <param name="Type">Its type.</param>
/// <param name="Origin">Domestic or foreign.</param>
/// <param name="Score">Sum of its patents' scores.</param>
/// <param name="Patents">Its matching patents (publication numbers, best first).</param>
/// <param name="Inventors">Inventors on those patents with how many of them each is on, most first.</param>
public sealed record NeedHolder(string Name, ApplicantType Type, ApplicantOrigin Origin, double Score, IReadOnlyList<string> Patents, IReadOnlyList<InventorCount> Inventors);

/// <summary>An inventor and the number of matching patents they are on.</summary>
/// <param name="Name">The inventor.</param>
/// <param name="Patents">Matching patents they are on.</param>
public sealed record InventorCount(string Name, int Patents);

/// <summary>An industry the need was classified into.</summary>
/// <param name="Industry">Its filter value (<c>sei:3</c>, <c>city:新材料</c>).</param>
/// <param name="Name">Its name.</param>
/// <param name="Probability">The classifier's probability.</param>
public sealed record NeedIndustry(string Industry, string Name, double Probability);

/// <summary>The answer to a technology need (供需对接结果).</summary>
/// <param name="Need">The need text.</param>
/// <param name="Terms">The terms selected from it, with weights.</param>
/// <param name="Industries">The need's industries by the classifier (empty when it was not used).</param>
/// <param name="Patents">Matching patents, best first.</param>
/// <param name="Holders">The same patents grouped by holder (universities and institutes first when asked), best first.</param>
/// <param name="Method">How the match was made, in words.</param>
/// <param name="Synthetic">Whether some matches carry synthetic demonstration data (holders, places).</param>
/// <param name="Notes">Caveats.</param>
public sealed record NeedMatchResult(
    string Need,
    IReadOnlyList<NeedTerm> Terms,
    IReadOnlyList<NeedIndustry> Industries,
    IReadOnlyList<NeedMatch> Patents,
    IReadOnlyList<NeedHolder> Holders,
    string Method,
    bool Synthetic,
    IReadOnlyList<string> Notes);

/// <summary>Turns scored matching records into the answer: matched terms, reasons, holders with inventors. Pure.</summary>
public static class NeedMatching
{
    /// <summary>How people write needs, not what they need: left out of the terms (我们需要… 希望… 最好…).</summary>
    public static IReadOnlySet<string> NeedPhrasing { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "我们", "我司", "公司", "企业", "需要", "希望", "想要", "寻找", "寻求", "求购", "征集", "可以", "能够", "最好", "而且", "并且", "时候",
        "起来", "地方", "以后", "之后", "以前", "用来", "用于", "适合", "一套", "一些", "这种", "那种", "怎么", "如何", "解决", "办法", "问题",
    };

    /// <summary>The longest need text accepted.</summary>
    public const int MaxNeedLength = 2000;

    /// <summary>Builds the matches and holder groups from records in score order.</summary>
    public static (IReadOnlyList<NeedMatch> Patents, IReadOnlyList<NeedHolder> Holders) Explain(
        IReadOnlyList<(PatentRecord Record, double Score, string? IndustryNote)> scored,
        IReadOnlyList<NeedTerm> terms,
        bool institutionsFirst)
    {
        ArgumentNullException.ThrowIfNull(scored);
        ArgumentNullException.ThrowIfNull(terms);
        var used = terms.Where(t => t.Used).Select(t => t.Term).ToList();
        var matches = new List<NeedMatch>(scored.Count);
        foreach (var (r, score, industryNote) in scored)
        {
            var text = (r.Title ?? string.Empty) + "\n" + (r.Abstract ?? string.Empty) + "\n" + (r.Claims ?? r.FirstClaim ?? string.Empty);
            var matched = used.Where(t => text.Contains(t, StringComparison.OrdinalIgnoreCase)).ToList();
            var inTitle = used.Where(t => r.Title?.Contains(t, StringComparison.OrdinalIgnoreCase) == true).ToList();
            var holder = r.CurrentHolders.Count > 0 ? r.CurrentHolders[0] : r.Applicants.Count > 0 ? r.Applicants[0] : null;
            var type = holder is null ? ApplicantType.Other : ApplicantNames.Classify(holder, null).Type;
            var reason = string.Create(
                CultureInfo.InvariantCulture,
                $"{matched.Count} of {used.Count} need terms ({string.Join("、", matched)}){(inTitle.Count > 0 ? $", {string.Join("、", inTitle)} in the title" : string.Empty)}{(industryNote is null ? string.Empty : "; " + industryNote)}");
            matches.Add(new NeedMatch(0, r.PublicationNumber.Value, r.Title, Math.Round(score, 4), holder, type, r.Inventors, r.LegalStatus, r.Region?.CityName ?? r.Region?.ProvinceName, matched, reason));
        }

        var ordered = matches.OrderByDescending(m => institutionsFirst && IsInstitution(m.HolderType)).ThenByDescending(m => m.Score).ThenBy(m => m.PublicationNumber, StringComparer.Ordinal)
            .Select((m, i) => m with { Rank = i + 1 })
            .ToList();

        var holders = ordered
            .Where(m => m.Holder is not null)
            .GroupBy(m => ApplicantNames.Normalize(m.Holder!).Key, StringComparer.Ordinal)
            .Select(g =>
            {
                var first = g.First();
                var cls = ApplicantNames.Classify(first.Holder!, null);
                var inventors = g.SelectMany(m => m.Inventors.Distinct(StringComparer.Ordinal))
                    .GroupBy(n => n, StringComparer.Ordinal)
                    .Select(x => new InventorCount(x.Key, x.Count()))
                    .OrderByDescending(x => x.Patents).ThenBy(x => x.Name, StringComparer.Ordinal)
                    .ToList();
                return new NeedHolder(ApplicantNames.Normalize(first.Holder!).DisplayName, cls.Type, cls.Origin, Math.Round(g.Sum(m => m.Score), 4), g.Select(m => m.PublicationNumber).ToList(), inventors);
            })
            .OrderByDescending(h => institutionsFirst && IsInstitution(h.Type)).ThenByDescending(h => h.Score).ThenBy(h => h.Name, StringComparer.Ordinal)
            .ToList();
        return (ordered, holders);
    }

    /// <summary>Universities and research institutes.</summary>
    public static bool IsInstitution(ApplicantType type) => type is ApplicantType.University or ApplicantType.ResearchInstitute;
}

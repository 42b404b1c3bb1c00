using System.ComponentModel;
using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using PatentNav.Api.Infrastructure;
using PatentNav.Text;
using PatentNav.Workspace;

namespace PatentNav.Api.Endpoints;

/// <summary>The segmenter made visible (分词), and the workspace's discovered domain terms (新词发现).</summary>
internal static class TextEndpoints
{
    private const string SegmentDescription =
        "Shows how the engine reads a text, so an analyst can see why a term matched or not.\n\n" +
        "- `words`: the complete segmentation (分词结果): every word and punctuation mark in order as written (white space left out), nothing removed — the form to compare with a gold segmentation. The segmenter is SmartCn's HHMM over its dictionary plus jieba's vocabulary, a patent vocabulary, the workspace's discovered terms (`parts` shows what a discovered term was found from) and the user dictionary (GET /api/text/words); decimals (1.15), identifiers (SiO2) and claim numbers (1.) are one token.\n" +
        "- `features`: the tokens the text analytics count (technology clusters, the industry classifier, need matching): SmartCn words with the patent stop list, with the pieces of the workspace's discovered domain terms joined again (`parts`: 碳 + 纤维 → 碳纤维), each with character offsets; tokens that are not features carry `isFeature: false` and the `reason` (single character, number or symbol).\n" +
        "- `search`: the tokens of the index's word fields (title, abstract, claims), which is also what a query in this text is analysed into: the engine's dictionary with the patent stop list, without the workspace's discovered terms and user words (a document is indexed once).\n" +
        "- `bigrams`: the overlapping character bigrams of the shadow fields (`*_bg`) that find any contiguous Chinese string as a phrase, known to a dictionary or not.\n\n" +
        "The discovered terms come from this workspace's own titles and abstracts (GET /api/text/terms); the first call after an import may take a few seconds while they are rebuilt. " +
        "Example: `POST /api/text/segment {\"text\":\"一种锂离子电池正极材料及其制备方法\"}`. Errors: 400 when `text` is missing, empty or longer than 10,000 characters; 401 when reads require a key.";

    private const string TermsDescription =
        "The domain terms discovered (新词发现) in this workspace's titles and abstracts, most frequent first: runs of SmartCn tokens that belong together by frequency, cohesion (pointwise mutual information of the weakest split) and free boundaries (entropy of the neighbours), joined only where SmartCn left a single-character piece (碳/纤维, 石墨/烯, 锂/离子/电池). " +
        "Rebuilt when the index changed (not while an import runs). `q` keeps the terms containing a string. Errors: 400 for top outside 1–5000; 401 when reads require a key.";

    private const string WordsDescription =
        "The workspace's user dictionary (用户词典): words the segmenter should keep whole, on top of SmartCn's dictionary, jieba's vocabulary and the patent vocabulary the engine ships. " +
        "They count for the text analytics (technology clusters, the industry classifier, need matching) and for `POST /api/text/segment` (`words`, `features`) from the next call on; clusters and the classifier are computed again. " +
        "The search index's word fields keep the engine's dictionary (search finds any Chinese string through the bigram fields anyway). " +
        "Stored as `text/user-words.txt` in the data directory: one word a line, optionally followed by its frequency; the file may also be edited by hand, and lines that cannot be used are listed in `problems`. Errors: 401 when reads require a key.";

    private const string PutWordsDescription =
        "Replaces the user dictionary. Body: `{\"words\": [{\"word\": \"氧阱胶\", \"frequency\": 200}, {\"word\": \"栅控\"}]}`; an empty list removes it. " +
        "A word is 2–20 Chinese characters (U+4E00–U+9FA5; letters, digits and symbols are segmented by their class); `frequency` (1–100,000, default 100) is its weight as a count in SmartCn's 2.16-million-word corpus: 100 beats a split into single characters, a few thousand also beat most splits into two common words. " +
        "Errors: 400 naming the entry (`parameter`: `words[3]`) when a word or frequency is not accepted or a word repeats, or `words` when the body has no list or more than 100,000 words — nothing is changed then; 401 missing or wrong X-Api-Key.";

    public static IEndpointRouteBuilder MapTextEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/text").WithTags("Text").AddEndpointFilter<ReadKeyFilter>().AddEndpointFilter<AnalysisTimeLimit>()
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        group.MapPost("/segment", Segment)
            .WithName("SegmentText")
            .WithSummary("Segment a text as the engine does (分词): features, search tokens, bigrams")
            .WithDescription(SegmentDescription)
            .Accepts<SegmentRequest>("application/json")
            .Produces<TextSegmentation>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        group.MapGet("/terms", Terms)
            .WithName("DiscoveredTerms")
            .WithSummary("Domain terms discovered in this workspace (新词发现)")
            .WithDescription(TermsDescription)
            .Produces<TermList>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        group.MapGet("/words", GetWords)
            .WithName("UserWords")
            .WithSummary("The user dictionary (用户词典)")
            .WithDescription(WordsDescription)
            .Produces<UserWordList>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        group.MapPut("/words", PutWords)
            .AddEndpointFilter<ApiKeyFilter>()
            .WithName("PutUserWords")
            .WithSummary("Replace the user dictionary (用户词典)")
            .WithDescription(PutWordsDescription)
            .Accepts<UserWordsRequest>("application/json")
            .Produces<UserWordList>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        return app;
    }

    private static Ok<UserWordList> GetWords(TextService textService) => TypedResults.Ok(UserWordList.Of(textService.GetUserWords()));

    private static async Task<IResult> PutWords(UserWordsRequest? request, TextService textService, CancellationToken cancellationToken)
    {
        if (request?.Words is not { } words)
        {
            return Problems.BadRequest("Send {\"words\": [{\"word\": \"…\", \"frequency\": 100}, …]} (an empty list removes the user dictionary).", "words");
        }

        return TypedResults.Ok(UserWordList.Of(await textService.SetUserWordsAsync(words, cancellationToken)));
    }

    private static async Task<IResult> Segment(SegmentRequest? request, TextService textService, CancellationToken cancellationToken)
    {
        if (request?.Text is not { } text || string.IsNullOrWhiteSpace(text))
        {
            return Problems.BadRequest("Send {\"text\": \"…\"} with the text to segment.", "text");
        }

        if (text.Length > TextSegmentation.MaxLength)
        {
            return Problems.BadRequest(string.Create(CultureInfo.InvariantCulture, $"text has {text.Length} characters; at most {TextSegmentation.MaxLength} are segmented at once."), "text");
        }

        return TypedResults.Ok(await textService.SegmentAsync(text, cancellationToken));
    }

    private static async Task<IResult> Terms(
        TextService textService,
        CancellationToken cancellationToken,
        [Description("Only terms containing this string, e.g. 纤维")] string? q = null,
        [Description("How many terms (1–5000, default 200)")] int top = 200)
    {
        if (top is < 1 or > 5000)
        {
            return Problems.BadRequest(string.Create(CultureInfo.InvariantCulture, $"top must be between 1 and 5000, got {top}."), "top");
        }

        var lexicon = await textService.GetTermLexiconAsync(cancellationToken: cancellationToken);
        var matching = string.IsNullOrEmpty(q) ? lexicon.Terms : lexicon.Terms.Where(t => t.Text.Contains(q, StringComparison.Ordinal)).ToList();
        return TypedResults.Ok(new TermList(lexicon.Documents, lexicon.Terms.Count, matching.Count, matching.Take(top).ToList()));
    }
}

/// <summary>A text to segment.</summary>
/// <param name="Text">The text, up to 10,000 characters.</param>
internal sealed record SegmentRequest(string? Text)
{
    /// <example>一种锂离子电池正极材料及其制备方法，采用碳纤维和石墨烯复合</example>
    public string? Text { get; init; } = Text;
}

/// <summary>Discovered terms.</summary>
/// <param name="Documents">Records the terms were discovered from.</param>
/// <param name="Total">Terms in the lexicon.</param>
/// <param name="Matching">Terms matching <c>q</c> (all when no q).</param>
/// <param name="Terms">The first <c>top</c> of them, most frequent first.</param>
internal sealed record TermList(int Documents, int Total, int Matching, IReadOnlyList<DiscoveredTerm> Terms);

/// <summary>A new user dictionary.</summary>
/// <param name="Words">The words (an empty list removes the user dictionary).</param>
internal sealed record UserWordsRequest(IReadOnlyList<UserWord>? Words);

/// <summary>The user dictionary.</summary>
/// <param name="Count">Words in it.</param>
/// <param name="Version">A short hash of the words and frequencies (<c>none</c> when empty).</param>
/// <param name="File">Where it is stored, relative to the data directory.</param>
/// <param name="Words">The words with their frequencies.</param>
/// <param name="Problems">Lines of a hand-edited file that were skipped, with the reason.</param>
internal sealed record UserWordList(int Count, string Version, string File, IReadOnlyList<UserWord> Words, IReadOnlyList<UserDictionaryProblem> Problems)
{
    public static UserWordList Of(UserDictionary dictionary) =>
        new(dictionary.Words.Count, dictionary.Version, "text/user-words.txt", dictionary.Words, dictionary.Problems);
}

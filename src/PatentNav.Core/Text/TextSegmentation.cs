namespace PatentNav.Text;

/// <summary>
/// How the engine reads one text (分词): the feature tokens the text analytics count, the word tokens of the search index,
/// and the character bigrams of its shadow fields.
/// </summary>
/// <param name="Text">The input.</param>
/// <param name="Words">The complete segmentation: every word and punctuation mark in order, as written (white space left
/// out), SmartCn with the discovered terms joined and nothing removed — the form to compare with a gold segmentation.</param>
/// <param name="Features">Every token as the analytics see it, with discovered terms joined (<see cref="FeatureToken.Parts"/>)
/// and the tokens that are not features marked with the reason.</param>
/// <param name="Search">The tokens of the index's word fields (SmartCn with the patent stop list): what a query in this text
/// is analysed into and what the title, abstract and claims fields hold.</param>
/// <param name="Bigrams">The overlapping character bigrams of the shadow fields (<c>*_bg</c>), which find any contiguous
/// Chinese string, known to a dictionary or not.</param>
/// <param name="LexiconTerms">How many discovered terms the feature tokenizer used.</param>
/// <param name="LexiconDocuments">How many records the terms were discovered from.</param>
public sealed record TextSegmentation(
    string Text,
    IReadOnlyList<SegmentedWord> Words,
    IReadOnlyList<FeatureToken> Features,
    IReadOnlyList<string> Search,
    IReadOnlyList<string> Bigrams,
    int LexiconTerms,
    int LexiconDocuments)
{
    /// <summary>The longest text segmented in one call, in characters.</summary>
    public const int MaxLength = 10_000;

    /// <summary>Segments <paramref name="text"/> with <paramref name="tokenizer"/> and the index's analyzers.</summary>
    public static TextSegmentation Create(string text, FeatureTokenizer tokenizer)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(tokenizer);
        return new TextSegmentation(
            text,
            tokenizer.SegmentWords(text),
            tokenizer.Segment(text),
            PatentAnalyzers.Tokenize(PatentAnalyzers.Words, "text", text),
            PatentAnalyzers.Tokenize(PatentAnalyzers.Bigrams, "text", text),
            tokenizer.Lexicon.Terms.Count,
            tokenizer.Lexicon.Documents);
    }
}

using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Cjk;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Analysis.Util;
using Lucene.Net.Util;

namespace PatentNav.Text;

/// <summary>
/// The analyzers the engine uses for Chinese patent text. Instances are thread-safe and shared; token streams are not.
/// </summary>
/// <remarks>
/// <para><see cref="Words"/> is SmartCn (word segmentation, Hidden-Markov model over its own dictionary) with the
/// <see cref="PatentStopWords"/> list, tokenised by <see cref="FastSmartCnTokenizer"/> (the same tokens as SmartCn's own
/// tokenizer, faster). SmartCn's dictionary does not know patent vocabulary: 光刻胶 becomes 光/刻/胶 and
/// 碳纤维 becomes 碳/纤维, so a search on those words alone would be imprecise.</para>
/// <para><see cref="Bigrams"/> is Lucene's CJK analyzer (overlapping character bigrams, width-folded, lower-cased): every
/// contiguous Chinese term, known to a dictionary or not, is a phrase of bigrams there. Each text field is indexed both
/// ways: bigrams for recall, words for ranking.</para>
/// </remarks>
public static class PatentAnalyzers
{
    private static readonly Lazy<Analyzer> LazyWords = new(() => new SmartCnWordsAnalyzer(PatentStopWords.Set));
    private static readonly Lazy<Analyzer> LazyBigrams = new(() => new BigramAnalyzer());
    private static readonly Lazy<Analyzer> LazyKeyword = new(() => new KeywordAnalyzer());
    private static readonly Lazy<Analyzer> LazySegmenter = new(() => new SmartCnSegmenterAnalyzer());

    /// <summary>SmartCn word segmentation with the patent stop list.</summary>
    public static Analyzer Words => LazyWords.Value;

    /// <summary>CJK overlapping bigrams (no stop words).</summary>
    public static Analyzer Bigrams => LazyBigrams.Value;

    /// <summary>SmartCn's segmentation alone: every word and punctuation mark, no stop list, no stemming (offsets point into
    /// the input). What <see cref="FeatureTokenizer.SegmentWords"/> builds the complete segmentation from.</summary>
    internal static Analyzer Segmenter => LazySegmenter.Value;

    /// <summary>The whole value as one token (identifiers, codes).</summary>
    public static Analyzer Keyword => LazyKeyword.Value;

    /// <summary>Loads SmartCn's dictionaries now (once per process) rather than on the first query.</summary>
    public static void WarmUp() => Tokenize(Words, "body", "锂离子电池正极材料的制备方法");

    /// <summary>Returns the tokens <paramref name="analyzer"/> produces for <paramref name="text"/>.</summary>
    public static IReadOnlyList<string> Tokenize(Analyzer analyzer, string field, string text)
    {
        ArgumentNullException.ThrowIfNull(analyzer);
        var tokens = new List<string>();
        using var stream = analyzer.GetTokenStream(field, text ?? string.Empty);
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            tokens.Add(term.ToString());
        }

        stream.End();
        return tokens;
    }

    /// <summary>The per-field analyzer used by the index writer and the query parser (see <c>IndexSchema</c>).</summary>
    internal static Analyzer PerField(IDictionary<string, Analyzer> fieldAnalyzers) =>
        new PerFieldAnalyzerWrapper(Words, fieldAnalyzers);
}

/// <summary>The tokenizer alone (<see cref="FastSmartCnTokenizer"/>), for a complete segmentation.</summary>
internal sealed class SmartCnSegmenterAnalyzer(Internal.SmartCnDictionaries? dictionaries = null) : Analyzer
{
    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader) =>
        new(dictionaries is null ? FastSmartCnTokenizer.Create(reader) : new FastSmartCnTokenizer(reader, dictionaries));
}

using PatentNav.Text.Internal;

namespace PatentNav.Text;

/// <summary>A token of <see cref="FeatureTokenizer.Segment"/>, with where it came from.</summary>
/// <param name="Text">The token as used in features.</param>
/// <param name="Start">Offset of its first character in the input.</param>
/// <param name="End">Offset after its last character.</param>
/// <param name="Parts">The SmartCn tokens a discovered term joins (e.g. 碳, 纤维 for 碳纤维); empty for a plain word.</param>
/// <param name="IsFeature">False when the token is left out of features (a single character, a number); the reason says why.</param>
/// <param name="Reason">Why it is left out, or null.</param>
public sealed record FeatureToken(string Text, int Start, int End, IReadOnlyList<string> Parts, bool IsFeature, string? Reason);

/// <summary>A word of the complete segmentation (<see cref="FeatureTokenizer.SegmentWords"/>).</summary>
/// <param name="Text">The word as written in the input.</param>
/// <param name="Start">Offset of its first character.</param>
/// <param name="End">Offset after its last character.</param>
/// <param name="Parts">The SmartCn tokens a discovered term joins; empty for a word of SmartCn's own.</param>
public sealed record SegmentedWord(string Text, int Start, int End, IReadOnlyList<string> Parts);

/// <summary>
/// The tokens the engine's text analytics (technology clusters, the industry classifier, need matching) count: SmartCn
/// words with the patent stop list, with the pieces of discovered domain terms re-joined (碳 + 纤维 → 碳纤维), without single
/// characters and numbers. Thread-safe.
/// </summary>
/// <remarks>
/// Steps: (1) <see cref="PatentAnalyzers.Words"/> segments the text and drops stop words and punctuation (the same tokens
/// the search index holds); (2) within each run of touching Chinese tokens the longest sequence the
/// <see cref="TermLexicon"/> knows is joined, left to right; (3) tokens of one character and tokens without a letter are
/// not features (a single 胶 or 层 says little; sklearn's default token pattern drops them too).
/// </remarks>
public sealed class FeatureTokenizer
{
    private readonly Lazy<(Lucene.Net.Analysis.Analyzer Words, Lucene.Net.Analysis.Analyzer Segmenter)>? _analyzers;

    /// <summary>Creates a tokenizer over <paramref name="lexicon"/> (use <see cref="TermLexicon.Empty"/> for the engine's dictionary alone).</summary>
    public FeatureTokenizer(TermLexicon lexicon)
        : this(lexicon, UserDictionary.Empty)
    {
    }

    /// <summary>Creates a tokenizer over <paramref name="lexicon"/> that also knows <paramref name="userWords"/>.</summary>
    /// <remarks>The user's words are loaded into a copy of the engine's dictionary (once, on first use); without them, the
    /// engine's shared analyzers are used.</remarks>
    public FeatureTokenizer(TermLexicon lexicon, UserDictionary userWords)
    {
        ArgumentNullException.ThrowIfNull(lexicon);
        ArgumentNullException.ThrowIfNull(userWords);
        Lexicon = lexicon;
        UserWords = userWords;
        // Discovered terms are re-joined (Join), not loaded: loaded, they also move the splits around them, which can leave
        // a catch-all cluster unsplittable.
        var words = userWords.Words.Select(w => (w.Word, w.Frequency)).ToList();
        if (words.Count > 0 && FastSmartCnTokenizer.Dictionaries is { } engine)
        {
            _analyzers = new(() =>
            {
                var dictionaries = engine.WithWords(words);
                return (new SmartCnWordsAnalyzer(PatentStopWords.Set, dictionaries), new SmartCnSegmenterAnalyzer(dictionaries));
            });
        }
    }

    private FeatureTokenizer(TermLexicon lexicon, UserDictionary userWords, Lazy<(Lucene.Net.Analysis.Analyzer Words, Lucene.Net.Analysis.Analyzer Segmenter)>? analyzers)
    {
        Lexicon = lexicon;
        UserWords = userWords;
        _analyzers = analyzers;
    }

    /// <summary>This tokenizer over another lexicon, sharing its dictionary with the user's words (built once, not again
    /// after every import).</summary>
    internal FeatureTokenizer WithLexicon(TermLexicon lexicon) =>
        ReferenceEquals(lexicon, Lexicon) ? this : new FeatureTokenizer(lexicon, UserWords, _analyzers);

    /// <summary>The discovered terms, re-joined where the segmentation splits them.</summary>
    public TermLexicon Lexicon { get; }

    /// <summary>The user's words loaded into the dictionary.</summary>
    public UserDictionary UserWords { get; }

    private Lucene.Net.Analysis.Analyzer? Analyzer(bool complete) =>
        _analyzers is null ? null : complete ? _analyzers.Value.Segmenter : _analyzers.Value.Words;

    /// <summary>The feature tokens of <paramref name="text"/>, in order (repeats kept).</summary>
    public IReadOnlyList<string> Tokenize(string? text)
    {
        var result = new List<string>();
        var buffer = new List<WordToken>();
        WordTokens.Segment(text, buffer, analyzer: Analyzer(complete: false));
        Join(buffer, (token, parts) =>
        {
            if (Exclusion(token) is null)
            {
                result.Add(token.Text);
            }
        });
        return result;
    }

    /// <summary>Every token of <paramref name="text"/> with its offsets, the parts of joined terms, and whether it is a feature.</summary>
    public IReadOnlyList<FeatureToken> Segment(string? text)
    {
        var result = new List<FeatureToken>();
        var buffer = new List<WordToken>();
        WordTokens.Segment(text, buffer, analyzer: Analyzer(complete: false));
        Join(buffer, (token, parts) =>
        {
            var reason = Exclusion(token);
            result.Add(new FeatureToken(token.Text, token.Start, token.End, parts, reason is null, reason));
        });
        return result;
    }

    /// <summary>
    /// The complete segmentation (分词) of <paramref name="text"/>: every word and punctuation mark in order, as written,
    /// white space left out — SmartCn's segmentation with the lexicon's terms joined, stop words kept. Compare this with a
    /// gold segmentation; <see cref="Segment"/> shows what the analytics keep of it.
    /// </summary>
    public IReadOnlyList<SegmentedWord> SegmentWords(string? text)
    {
        var result = new List<SegmentedWord>();
        var buffer = new List<WordToken>();
        WordTokens.Segment(text, buffer, complete: true, analyzer: Analyzer(complete: true));
        Join(buffer, (token, parts) => result.Add(new SegmentedWord(token.Text, token.Start, token.End, parts)), complete: true);
        return result;
    }

    private void Join(List<WordToken> tokens, Action<WordToken, IReadOnlyList<string>> emit, bool complete = false)
    {
        var texts = tokens.Select(t => t.Text).ToList();
        var i = 0;
        while (i < tokens.Count)
        {
            var joined = 0;
            if (Lexicon.MaxParts > 1 && tokens[i].IsTermPart)
            {
                // The touching Chinese tokens from i on, at most MaxParts of them.
                var run = 1;
                while (run < Lexicon.MaxParts && i + run < tokens.Count && tokens[i + run].IsTermPart && WordTokens.Adjacent(tokens[i + run - 1], tokens[i + run]))
                {
                    run++;
                }

                for (var n = run; n >= 2; n--)
                {
                    if (Lexicon.FindParts(texts, i, n) is { } term)
                    {
                        emit(new WordToken(complete ? string.Concat(texts.GetRange(i, n)) : term.Text, tokens[i].Start, tokens[i + n - 1].End), term.Parts);
                        joined = n;
                        break;
                    }
                }
            }

            if (joined == 0)
            {
                emit(tokens[i], []);
                joined = 1;
            }

            i += joined;
        }
    }

    private static string? Exclusion(in WordToken token)
    {
        if (!token.Text.Any(char.IsLetter))
        {
            return "number or symbol";
        }

        return token.Text.Length < 2 ? "single character" : null;
    }
}

using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Analysis.Util;
using Lucene.Net.Util;

namespace PatentNav.Text;

/// <summary>
/// <c>SmartChineseAnalyzer(LUCENE_48, stopWords)</c> with <see cref="FastSmartCnTokenizer"/> in place of
/// <c>HMMChineseTokenizer</c>: the same chain (tokenizer, <see cref="PorterStemFilter"/>, then a stop filter when the stop
/// set is not empty), so the same tokens.
/// </summary>
internal sealed class SmartCnWordsAnalyzer(CharArraySet? stopWords, Internal.SmartCnDictionaries? dictionaries = null, bool joinNumbers = true) : Analyzer
{
    private readonly CharArraySet stopWords = stopWords ?? CharArraySet.Empty;
    private readonly ulong[] stopFirstChars = FirstCharBits(stopWords ?? CharArraySet.Empty);

    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
    {
        var tokenizer = dictionaries is null ? FastSmartCnTokenizer.Create(reader) : new FastSmartCnTokenizer(reader, dictionaries, joinNumbers);
        TokenStream result = new PorterStemFilter(tokenizer);
        if (stopWords.Count > 0)
        {
            result = new FirstCharStopFilter(result, stopWords, stopFirstChars);
        }

        return new TokenStreamComponents(tokenizer, result);
    }

    /// <summary>One bit per UTF-16 code unit (8 KB): set for the first char of every stop word.</summary>
    private static ulong[] FirstCharBits(CharArraySet words)
    {
        var bits = new ulong[65536 / 64];
        foreach (var word in words)
        {
            if (word.Length > 0)
            {
                bits[word[0] >> 6] |= 1UL << word[0];
            }
        }

        return bits;
    }

    /// <summary>
    /// Lucene's <see cref="StopFilter"/> (same base class, so the same position increments), answering "not a stop word"
    /// from a bit per first char before asking the set: most words do not begin with the first char of any stop word.
    /// </summary>
    private sealed class FirstCharStopFilter(TokenStream input, CharArraySet stopWords, ulong[] firstChars)
        : FilteringTokenFilter(LuceneVersion.LUCENE_48, input)
    {
        private readonly ICharTermAttribute termAtt = input.AddAttribute<ICharTermAttribute>();

        protected override bool Accept()
        {
            var length = termAtt.Length;
            if (length > 0)
            {
                var c = termAtt.Buffer[0];
                if ((firstChars[c >> 6] & (1UL << c)) == 0)
                {
                    return true;
                }
            }

            return !stopWords.Contains(termAtt.Buffer, 0, length);
        }
    }
}

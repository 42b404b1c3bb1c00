using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.Util;
using Lucene.Net.Util;

namespace PatentNav.Text;

/// <summary>
/// <c>SmartChineseAnalyzer(LUCENE_48, stopWords)</c> with <see cref="FastSmartCnTokenizer"/> in place of
/// <c>HMMChineseTokenizer</c>: the same chain (tokenizer, <see cref="PorterStemFilter"/>, then <see cref="StopFilter"/>
/// when the stop set is not empty), so the same tokens.
/// </summary>
internal sealed class SmartCnWordsAnalyzer(CharArraySet? stopWords) : Analyzer
{
    private readonly CharArraySet stopWords = stopWords ?? CharArraySet.Empty;

    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
    {
        var tokenizer = FastSmartCnTokenizer.Create(reader);
        TokenStream result = new PorterStemFilter(tokenizer);
        if (stopWords.Count > 0)
        {
            result = new StopFilter(LuceneVersion.LUCENE_48, result, stopWords);
        }

        return new TokenStreamComponents(tokenizer, result);
    }
}

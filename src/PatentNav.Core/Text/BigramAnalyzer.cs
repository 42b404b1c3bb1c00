using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Cjk;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Util;

namespace PatentNav.Text;

/// <summary>
/// The CJK-bigram analyzer of the shadow fields: the chain of Lucene's CJKAnalyzer (StandardTokenizer → CJKWidthFilter →
/// lower-casing → CJKBigramFilter) with no stop words, and a lower-casing step that leaves characters without case alone.
/// </summary>
/// <remarks>Lucene.Net's LowerCaseFilter lower-cases every character through ICU, Chinese ones included, which is costly.
/// Chinese characters have no case, so <see cref="CaselessLowerCaseFilter"/> only touches characters that
/// <see cref="char.IsUpper(char)"/> says are upper case (table look-up, no ICU).</remarks>
/// <remarks>The tokens come from <see cref="FastBigramTokenizer"/>, which produces this chain's output without running
/// StandardTokenizer over Han text; <see cref="LuceneChain"/> is the chain itself (for comparison).</remarks>
internal sealed class BigramAnalyzer : Analyzer
{
    private readonly bool _luceneChain;

    /// <param name="luceneChain">True to run the Lucene chain itself on all text instead of the fast tokenizer.</param>
    public BigramAnalyzer(bool luceneChain = false)
    {
        _luceneChain = luceneChain;
    }

    /// <summary>The Lucene chain alone, for tests that compare the fast tokenizer with it.</summary>
    internal static BigramAnalyzer LuceneChain { get; } = new(luceneChain: true);

    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
    {
        if (!_luceneChain)
        {
            return new TokenStreamComponents(new FastBigramTokenizer(reader));
        }

        var source = new StandardTokenizer(LuceneVersion.LUCENE_48, reader);
        return new TokenStreamComponents(source, Filters(source));
    }

    /// <summary>The filters after StandardTokenizer: width folding, lower-casing, bigrams.</summary>
    internal static TokenStream Filters(Tokenizer source)
    {
        TokenStream result = new CJKWidthFilter(source);
        result = new CaselessLowerCaseFilter(result);
        return new CJKBigramFilter(result);
    }

    /// <summary>Lower-cases upper-case characters only (ASCII inline, others through <see cref="char.ToLowerInvariant"/>).</summary>
    private sealed class CaselessLowerCaseFilter : TokenFilter
    {
        private readonly ICharTermAttribute _term;

        public CaselessLowerCaseFilter(TokenStream input)
            : base(input)
        {
            _term = AddAttribute<ICharTermAttribute>();
        }

        public override bool IncrementToken()
        {
            if (!m_input.IncrementToken())
            {
                return false;
            }

            var buffer = _term.Buffer;
            var length = _term.Length;
            for (var i = 0; i < length; i++)
            {
                var c = buffer[i];
                if (c < 0x80)
                {
                    if (c is >= 'A' and <= 'Z')
                    {
                        buffer[i] = (char)(c + 32);
                    }
                }
                else if (char.IsUpper(c))
                {
                    buffer[i] = char.ToLowerInvariant(c);
                }
            }

            return true;
        }
    }
}

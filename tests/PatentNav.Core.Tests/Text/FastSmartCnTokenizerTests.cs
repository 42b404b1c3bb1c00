using System.Globalization;
using System.Text;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Cn.Smart;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Util;
using PatentNav.Records;
using PatentNav.Text;

namespace PatentNav.Tests.Text;

/// <summary>
/// <see cref="FastSmartCnTokenizer"/> must be indistinguishable from SmartCn's <see cref="HMMChineseTokenizer"/>: every
/// token's text, offsets, position increment and type, and the final offset, over the whole sample corpus and inputs
/// chosen to hit the edge cases of the algorithm (spaces inside words, buffer refills, full-width, surrogates).
/// </summary>
public sealed class FastSmartCnTokenizerTests
{
    private static readonly Lazy<IReadOnlyList<string>> LazyCorpus = new(LoadCorpus);

    /// <summary>The fast tokenizer over SmartCn's own dictionary without the number joins: what must equal the stock one.</summary>
    private static FastSmartCnTokenizer Stock(string text) =>
        new(new StringReader(text), FastSmartCnTokenizer.StockDictionaries!, joinNumbers: false);

    [Fact]
    public void FastPath_IsAvailable()
    {
        // If this fails the analyzer still works (stock tokenizer), but the reflection over SmartCn's internals broke.
        Assert.True(FastSmartCnTokenizer.IsAvailable);
    }

    [Fact]
    public void Tokenizer_SampleCorpus_SameTokensAsStock()
    {
        var texts = LazyCorpus.Value;
        Assert.True(texts.Count >= 10_000, $"expected the whole sample corpus, got {texts.Count} texts");
        AssertSameTokenizerOutput(texts);
    }

    [Fact]
    public void Tokenizer_TrickyInputs_SameTokensAsStock() => AssertSameTokenizerOutput(TrickyInputs());

    [Fact]
    public void Tokenizer_RandomMixedText_SameTokensAsStock() => AssertSameTokenizerOutput(RandomTexts(1500, seed: 20240601));

    [Fact]
    public void Analyzer_SampleCorpusAndTrickyInputs_SameTokensAsSmartChineseAnalyzer()
    {
        using var stock = new SmartChineseAnalyzer(LuceneVersion.LUCENE_48, PatentStopWords.Set);
        using var fast = new SmartCnWordsAnalyzer(PatentStopWords.Set, FastSmartCnTokenizer.StockDictionaries!, joinNumbers: false);
        var texts = LazyCorpus.Value.Concat(TrickyInputs()).Concat(RandomTexts(300, seed: 7)).ToList();

        // One analyzer instance each, reused across all texts, as the index writer uses them.
        for (var i = 0; i < texts.Count; i++)
        {
            AssertSame(Tokens(stock, texts[i]), Tokens(fast, texts[i]), texts[i], i, "analyzer");
        }
    }

    [Fact]
    public void NarrowByChar_EveryPrefixInTheCorpus_SameFirstEntryAsPrefixMatch()
    {
        // The segmenter narrows the run of entries having a prefix char by char; the package's GetPrefixMatch searches the
        // table again for every prefix. They must find the same first entry, for prefixes that exist and ones that do not.
        var d = PatentNav.Text.Internal.SmartCnDictionaries.LoadFromPackage();
        Assert.Equal(0, d.UnsortedTableCount);
        var compared = 0;
        var matched = 0;
        foreach (var text in LazyCorpus.Value)
        {
            for (var i = 0; i < text.Length; i++)
            {
                if (text[i] < PatentNav.Text.Internal.SmartCnDictionaries.FirstHanzi || text[i] > PatentNav.Text.Internal.SmartCnDictionaries.LastHanzi
                    || d.TableOf(text[i]) is var table && table < 0)
                {
                    continue;
                }

                var (lo, hi) = (0, d.TableLength(table));
                var found = 0;
                for (var length = 1; i + length < text.Length && found >= 0 && length <= 6; length++)
                {
                    var suffix = text.AsSpan(i + 1, length);
                    (lo, hi) = d.NarrowByChar(table, lo, hi, length - 1, suffix[^1]);
                    var expected = d.PrefixMatch(table, suffix, found);
                    found = lo < hi ? lo : -1;
                    Assert.True(expected == found, $"'{text.Substring(i, length + 1)}': PrefixMatch {expected}, NarrowByChar {found}");
                    compared++;
                    matched += found >= 0 ? 1 : 0;
                }
            }
        }

        Assert.True(compared > 100_000 && matched > 10_000 && matched < compared, $"{compared} prefixes compared, {matched} with entries");
    }

    [Fact]
    public void TrieChild_EveryPrefixInTheCorpusAndEveryEntry_SameAsNarrowByChar()
    {
        // The segmenter walks a trie of the sorted tables; NarrowByChar (itself tested against the package's
        // GetPrefixMatch above) narrows the run of entries. Both must agree on whether a prefix has entries and, when an
        // entry is exactly the prefix, on its frequency.
        var d = PatentNav.Text.Internal.SmartCnDictionaries.LoadFromPackage();
        var compared = 0;
        var words = 0;

        void Walk(string text, int i, int maxLength)
        {
            var table = d.TableOf(text[i]);
            if (table < 0)
            {
                return;
            }

            var (lo, hi) = (0, d.TableLength(table));
            var node = d.RootOf(table);
            Assert.Equal(hi > 0, node >= 0);
            for (var length = 1; i + length < text.Length && length <= maxLength && node >= 0; length++)
            {
                var suffix = text.AsSpan(i + 1, length);
                (lo, hi) = d.NarrowByChar(table, lo, hi, length - 1, suffix[^1]);
                node = d.Child(node, suffix[^1]);
                Assert.True(lo < hi == node >= 0, $"'{text.Substring(i, length + 1)}': NarrowByChar [{lo}, {hi}), trie node {node}");
                if (node >= 0)
                {
                    var expected = d.IsEqual(table, lo, suffix) ? d.ExactFrequency(table, lo) : -1;
                    Assert.True(expected == d.NodeExact(node), $"'{text.Substring(i, length + 1)}': frequency {expected}, trie {d.NodeExact(node)}");
                    words += expected >= 0 ? 1 : 0;
                }

                compared++;
            }
        }

        foreach (var text in LazyCorpus.Value)
        {
            for (var i = 0; i < text.Length; i++)
            {
                if (text[i] >= PatentNav.Text.Internal.SmartCnDictionaries.FirstHanzi && text[i] <= PatentNav.Text.Internal.SmartCnDictionaries.LastHanzi)
                {
                    Walk(text, i, 6);
                }
            }
        }

        // Every word of the dictionary, spelt from its first char: each must end on a node that has its frequency.
        foreach (var word in d.AllWords())
        {
            Walk(word, 0, word.Length - 1);
        }

        Assert.True(compared > 400_000 && words > 100_000, $"{compared} prefixes compared, {words} of them words; {d.NodeCount} nodes");
    }

    [Fact]
    public void Tokenizer_ReusedAcrossTexts_SameAsFresh()
    {
        var texts = TrickyInputs().Concat(LazyCorpus.Value.Take(200)).ToList();
        using var reused = Stock(string.Empty);
        for (var i = 0; i < texts.Count; i++)
        {
            reused.SetReader(new StringReader(texts[i]));
            AssertSame(Tokens(new HMMChineseTokenizer(new StringReader(texts[i]))), Tokens(reused), texts[i], i, "reused tokenizer");
        }
    }

    [Fact]
    public void Analyzer_ParallelThreads_SameOutputAsSequential()
    {
        var texts = LazyCorpus.Value.Take(3000).ToList();
        var expected = texts.Select(t => Tokens(PatentAnalyzers.Words, t)).ToList();
        var actual = new List<Token>[texts.Count];
        Parallel.For(0, texts.Count, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => actual[i] = Tokens(PatentAnalyzers.Words, texts[i]));

        // And separate tokenizers on separate threads, started together.
        var perThread = new List<Token>[4][];
        var threads = Enumerable.Range(0, 4).Select(k => new Thread(() =>
        {
            var results = new List<Token>[texts.Count];
            using var tokenizer = Stock(string.Empty);
            for (var i = 0; i < texts.Count; i++)
            {
                tokenizer.SetReader(new StringReader(texts[i]));
                results[i] = Tokens(tokenizer);
            }

            perThread[k] = results;
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());

        for (var i = 0; i < texts.Count; i++)
        {
            AssertSame(expected[i], actual[i], texts[i], i, "parallel analyzer");
        }

        var stockTokens = texts.Select(t => Tokens(new HMMChineseTokenizer(new StringReader(t)))).ToList();
        for (var k = 0; k < perThread.Length; k++)
        {
            for (var i = 0; i < texts.Count; i++)
            {
                AssertSame(stockTokens[i], perThread[k][i], texts[i], i, $"thread {k}");
            }
        }
    }

    [Fact]
    public void Comparison_CanFail()
    {
        // The comparison itself must notice a difference (guards against comparing a list with itself).
        var a = Tokens(new HMMChineseTokenizer(new StringReader("锂离子电池")));
        var b = Tokens(new HMMChineseTokenizer(new StringReader("锂离子电")));
        Assert.ThrowsAny<Exception>(() => AssertSame(a, b, "锂离子电池", 0, "self-check"));
    }

    private static void AssertSameTokenizerOutput(IReadOnlyList<string> texts)
    {
        for (var i = 0; i < texts.Count; i++)
        {
            var expected = Tokens(new HMMChineseTokenizer(new StringReader(texts[i])));
            var actual = Tokens(Stock(texts[i]));
            AssertSame(expected, actual, texts[i], i, "tokenizer");
        }
    }

    private static void AssertSame(List<Token> expected, List<Token> actual, string text, int index, string what)
    {
        var n = Math.Min(expected.Count, actual.Count);
        for (var k = 0; k < n; k++)
        {
            if (expected[k] != actual[k])
            {
                Assert.Fail($"{what}: text #{index} differs at token {k}: expected {expected[k]}, got {actual[k]}; text: {Excerpt(text, expected[k].Start)}");
            }
        }

        if (expected.Count != actual.Count)
        {
            var extra = expected.Count > n ? $"missing {expected[n]}" : $"extra {actual[n]}";
            Assert.Fail($"{what}: text #{index}: expected {expected.Count} tokens, got {actual.Count} ({extra}); text: {Excerpt(text, 0)}");
        }
    }

    private static string Excerpt(string text, int at)
    {
        var from = Math.Clamp(at - 20, 0, text.Length);
        return text.Substring(from, Math.Min(60, text.Length - from));
    }

    /// <summary>A token as seen downstream; the last entry of a list is the final offset reported by End().</summary>
    private sealed record Token(string Term, int Start, int End, int PositionIncrement, string Type);

    private static List<Token> Tokens(Tokenizer tokenizer)
    {
        using (tokenizer)
        {
            return Read(tokenizer);
        }
    }

    private static List<Token> Tokens(Analyzer analyzer, string text)
    {
        using var stream = analyzer.GetTokenStream("f", new StringReader(text));
        return Read(stream);
    }

    private static List<Token> Read(TokenStream stream)
    {
        var term = stream.AddAttribute<ICharTermAttribute>();
        var offset = stream.AddAttribute<IOffsetAttribute>();
        var increment = stream.AddAttribute<IPositionIncrementAttribute>();
        var type = stream.AddAttribute<ITypeAttribute>();
        var tokens = new List<Token>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            tokens.Add(new Token(term.ToString(), offset.StartOffset, offset.EndOffset, increment.PositionIncrement, type.Type));
        }

        stream.End();
        tokens.Add(new Token("<end>", offset.StartOffset, offset.EndOffset, increment.PositionIncrement, "end"));
        return tokens;
    }

    private static List<string> LoadCorpus()
    {
        var texts = new List<string>();
        foreach (var line in File.ReadLines(Path.Combine(AppContext.BaseDirectory, "data-samples", "patents.jsonl")))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var record = PatentJson.Deserialize(line);
            foreach (var text in new[] { record.Title, record.Abstract, record.FirstClaim, record.Claims })
            {
                if (!string.IsNullOrEmpty(text))
                {
                    texts.Add(text);
                }
            }
        }

        return texts;
    }

    private static List<string> TrickyInputs()
    {
        var hanzi = string.Concat(LazyCorpus.Value.Take(400)).Where(c => c >= '\u4E00' && c <= '\u9FA5').ToArray();
        var longHanzi = new StringBuilder();
        for (var i = 0; longHanzi.Length < 10_000; i++)
        {
            longHanzi.Append(hanzi[i % hanzi.Length]);
        }

        var longWithBreaks = new StringBuilder();
        for (var i = 0; longWithBreaks.Length < 6_000; i++)
        {
            longWithBreaks.Append(hanzi[(i * 7) % hanzi.Length]);
            if (i % 333 == 0)
            {
                longWithBreaks.Append(i % 2 == 0 ? "\n" : "\r\n");
            }
        }

        return
        [
            string.Empty,
            " ",
            "\r\n",
            "，。！？、；：“”（）",
            "...!!!---",
            "ＡＢＣ１２３",
            "ＡＢＣ１２３ abc123 AbC ａｂｃ",
            "1.15",
            "厚度为1.15mm，温度２５℃，pH值7.5～8.0",
            "锂离子电池Li-ion ＰＥＴ膜厚度为１２．５μm，CO2排放",
            "  \t 锂离子电池正极材料",
            "\r\n锂离子电池\r\n\r\n正极材料\n",
            "中 国 专 利",
            "中　国专利　局", // ideographic spaces inside words
            "光刻胶😀专利🎉\uD83D\uDE00锂电池",
            "lone \uD800 surrogate \uDC00 中文",
            "①②③ⅠⅡ ㈠ 〔一〕 §12 №5 ©®™",
            "ｆｕｌｌ－ｗｉｄｔｈ　ＴＥＸＴ，全角文字",
            "x",
            "中",
            "未##串始##始",
            "一种基于深度学习的图像识别方法及系统。本发明公开了一种基于深度学习的图像识别方法！",
            "Ａ\u0085Ｂ\u2028中文\u2029文本",
            longHanzi.ToString(),
            longWithBreaks.ToString(),
            string.Concat(Enumerable.Repeat("abc def ", 400)),
            string.Concat(Enumerable.Repeat("锂电池 ", 500)),
        ];
    }

    private static List<string> RandomTexts(int count, int seed)
    {
        var random = new Random(seed);
        var hanzi = string.Concat(LazyCorpus.Value.Take(200)).Where(c => c >= '\u4E00' && c <= '\u9FA5').ToArray();
        string[] pieces = [" ", "\u3000", "\t", "\r\n", "\n", "，", "。", ".", "-", "/", "(", ")", "ａ", "Ｚ", "０", "９", "A", "z", "5", "1.5", "μ", "℃", "😀", "\uFE31", "\uFF61", "é", "α", "ー", "の"];
        var texts = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            var sb = new StringBuilder();
            var length = random.Next(0, i % 50 == 0 ? 3000 : 120);
            while (sb.Length < length)
            {
                if (random.Next(10) < 7)
                {
                    var start = random.Next(hanzi.Length);
                    sb.Append(hanzi, start, Math.Min(hanzi.Length - start, random.Next(1, 6)));
                }
                else
                {
                    sb.Append(pieces[random.Next(pieces.Length)]);
                }
            }

            texts.Add(sb.ToString());
        }

        return texts;
    }
}

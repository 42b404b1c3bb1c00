using System.Text;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;
using PatentNav.Records;
using PatentNav.Text;

namespace PatentNav.Tests.Text;

/// <summary>The fast bigram tokenizer must give exactly the Lucene chain's tokens: text, offsets, increments, types.</summary>
public sealed class FastBigramTokenizerTests
{
    [Theory]
    [InlineData("光刻胶")]
    [InlineData("碳纤维 PET")]
    [InlineData("一种锂离子电池（LiFePO4）正极材料，粒径为1.15μm～2.5μm，温度300℃。")]
    [InlineData("光A刻")]
    [InlineData("光刻A胶片")]
    [InlineData("本发明涉及ＡＢＣ全角字母和１２３全角数字、以及Ｈｅｌｌｏ世界")]
    [InlineData("日本語のテキストとカタカナ")]
    [InlineData("한국어 텍스트와 漢字")]
    [InlineData("汉\u0301字组合符号")]
    [InlineData("字\u200B零宽")]
    [InlineData("〇々〆一二三")]
    [InlineData("𠀀𠀁扩展B区")]
    [InlineData("")]
    [InlineData("，。、；：")]
    [InlineData("a_b c'd e.f 3.14 U.S.A. don't_stop")]
    [InlineData("单")]
    [InlineData("连云港市\n江苏省\n某某有限公司")]
    public void SameTokensAsLuceneChain_Examples(string text) => AssertSame(text);

    [Fact]
    public void SameTokensAsLuceneChain_RandomMixtures()
    {
        // Han, punctuation, Latin, digits, full-width forms, kana, Hangul, combining marks, format characters, surrogates,
        // symbols: every kind the fast path handles itself or hands to the Lucene chain.
        string[] palette =
        [
            "光", "刻", "胶", "锂", "电", "池", "碳", "纤", "维", "㐀", "鿌", "\u9FCD", "，", "。", "、", "（", "）", "“", "”", "—",
            "…", "·", " ", "\n", "\t", ".", ",", "'", "-", "_", "/", ":", "A", "b", "Z", "é", "ß", "İ", "0", "7", "½", "①", "℃",
            "μ", "Ω", "Ａ", "ｚ", "１", "％", "～", "ｶ", "あ", "カ", "한", "ᄀ", "\u0301", "\u200B", "\u200D", "\uFE0F", "〇",
            "々", "㎡", "𠀀", "😀", "\uD800", "ไทย", "™", "$", "€",
        ];
        var random = new Random(20261126);
        for (var i = 0; i < 4000; i++)
        {
            var sb = new StringBuilder();
            var n = random.Next(0, 40);
            for (var k = 0; k < n; k++)
            {
                // Mostly Han, as in patent text.
                sb.Append(random.Next(3) == 0 ? palette[random.Next(palette.Length)] : palette[random.Next(9)]);
            }

            AssertSame(sb.ToString());
        }

        // Only characters the fast path handles itself (no fallback to the whole chain).
        string[] plain =
        [
            "光", "刻", "胶", "锂", "电", "池", "㐀", "鿌", "，", "。", "、", "（", "）", "“", "”", "—", "…", "·", " ", "\n", ".", ",",
            "'", "-", "_", ":", "A", "b", "é", "0", "7", "½", "①", "℃", "μ", "Ａ", "１", "％", "～", "ไทย", "™", "\u0301",
        ];
        for (var i = 0; i < 4000; i++)
        {
            var sb = new StringBuilder();
            var n = random.Next(0, 60);
            for (var k = 0; k < n; k++)
            {
                sb.Append(random.Next(3) == 0 ? plain[random.Next(plain.Length)] : plain[random.Next(6)]);
            }

            AssertSame(sb.ToString());
        }

        AssertSame(new string('a', 300) + "光刻胶" + new string('1', 256) + "胶");
    }

    [Fact]
    public void SameTokensAsLuceneChain_SampleRecords()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "data-samples", "patents.jsonl");
        var checkedTexts = 0;
        foreach (var line in File.ReadLines(path).Where(l => l.Length > 0))
        {
            var r = PatentJson.Deserialize(line);
            foreach (var text in new[] { r.Title, r.Abstract, r.Claims ?? r.FirstClaim, string.Join('\n', r.Applicants), string.Join('\n', r.Inventors) })
            {
                if (text is not null)
                {
                    AssertSame(text);
                    checkedTexts++;
                }
            }
        }

        Assert.True(checkedTexts > 1000, $"only {checkedTexts} texts compared");
    }

    [Fact]
    public void ReusedStream_SameTokens()
    {
        // The analyzer reuses one tokenizer per thread: a fallback text between fast ones must not leave state behind.
        foreach (var text in new[] { "光刻胶PET薄膜", "カタカナ光刻", "光刻胶PET薄膜", "a", string.Empty, "碳纤维 1.5 mm" })
        {
            AssertSame(text);
        }
    }

    private static void AssertSame(string text)
    {
        var expected = Tokens(BigramAnalyzer.LuceneChain, text);
        var actual = Tokens(PatentAnalyzers.Bigrams, text);
        Assert.True(expected.SequenceEqual(actual), $"'{Escape(text)}':\n lucene: {string.Join(" ", expected)}\n fast:   {string.Join(" ", actual)}");
    }

    private static List<string> Tokens(Analyzer analyzer, string text)
    {
        var result = new List<string>();
        using var stream = analyzer.GetTokenStream("f", text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var offset = stream.AddAttribute<IOffsetAttribute>();
        var inc = stream.AddAttribute<IPositionIncrementAttribute>();
        var type = stream.AddAttribute<ITypeAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            result.Add($"{term}@{offset.StartOffset}-{offset.EndOffset}+{inc.PositionIncrement}:{type.Type}");
        }

        stream.End();
        result.Add($"end@{offset.StartOffset}-{offset.EndOffset}+{inc.PositionIncrement}");
        return result;
    }

    private static string Escape(string s) => string.Concat(s.Select(c => c < 0x20 || c > 0x7E && char.IsControl(c) || char.IsSurrogate(c) || char.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.Format or System.Globalization.UnicodeCategory.NonSpacingMark ? $"\\u{(int)c:X4}" : c.ToString()));
}

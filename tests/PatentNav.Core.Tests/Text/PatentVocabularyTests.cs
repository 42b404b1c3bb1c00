using Lucene.Net.Analysis.TokenAttributes;
using PatentNav.Text;
using PatentNav.Text.Internal;

namespace PatentNav.Tests.Text;

/// <summary>
/// The engine's segmentation dictionary: SmartCn's with jieba's vocabulary and the patent vocabulary (see
/// <see cref="PatentVocabulary"/>), and the joined numbers and identifiers. Sentences are written for these tests
/// (constructed), in the style of patent claims.
/// </summary>
public sealed class PatentVocabularyTests
{
    private static List<string> Words(string text) =>
        new FeatureTokenizer(TermLexicon.Empty).SegmentWords(text).Select(w => w.Text).ToList();

    private static List<string> StockWords(string text)
    {
        using var tokenizer = new FastSmartCnTokenizer(new StringReader(text), FastSmartCnTokenizer.StockDictionaries!, joinNumbers: false);
        var term = tokenizer.AddAttribute<IOffsetAttribute>();
        var words = new List<string>();
        tokenizer.Reset();
        while (tokenizer.IncrementToken())
        {
            words.Add(text[term.StartOffset..term.EndOffset]);
        }

        tokenizer.End();
        return words;
    }

    [Theory]
    [InlineData("所述触控面板设有走线", "触控")]
    [InlineData("所述壳体的内壁设有通孔", "壳体")]
    [InlineData("所述壳体的内壁设有通孔", "通孔")]
    [InlineData("一种光刻胶组合物", "光刻胶")]
    [InlineData("一种碳纤维复合材料及其制备方法", "碳纤维")]
    public void EverydayPatentWords_AreOneWord_WhereSmartCnAloneSplitsThem(string text, string word)
    {
        Assert.DoesNotContain(word, StockWords(text)); // the reason for the vocabulary: SmartCn's dictionary lacks it
        Assert.Contains(word, Words(text));
    }

    [Theory]
    [InlineData("一种数据处理方法", "数据", "处理")]
    [InlineData("根据权利要求1所述的方法", "权利", "要求")]
    public void CompoundsOfTwoKnownWords_StayTwoWords(string text, string first, string second)
    {
        var words = Words(text);
        var at = words.IndexOf(first);
        Assert.True(at >= 0 && at + 1 < words.Count && words[at + 1] == second, string.Join('/', words));
    }

    [Fact]
    public void Decimals_Identifiers_AndClaimNumbers_AreOneToken()
    {
        Assert.Equal(["1.", "一", "种", "厚度", "为", "1.15", "的", "SiO2", "薄膜"], Words("1.一种厚度为1.15的SiO2薄膜"));
        Assert.Contains("1.15mm", Words("厚度为1.15mm")); // touching letters and digits are one token, as a Latin word is
        Assert.Contains("vmcoreinfo_data", Words("读取vmcoreinfo_data结构体"));
        Assert.Equal(["根据", "步骤", "2.2", "采集"], Words("根据步骤2.2采集"));
    }

    [Fact]
    public void ADotThatEndsASentence_IsNotJoined()
    {
        var words = Words("数量为3.");
        Assert.Equal("3", words[^2]);
        Assert.Equal(".", words[^1]);
    }

    [Fact]
    public void JiebaWords_LeaveOutCompoundsNumeralsAndSmartCnsOwnWords()
    {
        var stock = FastSmartCnTokenizer.StockDictionaries!;
        var words = PatentVocabulary.JiebaWords(stock).Select(w => w.Word).ToHashSet(StringComparer.Ordinal);
        Assert.Contains("光刻胶", words);
        Assert.Contains("壳体", words);
        Assert.DoesNotContain("数据处理", words); // 数据 + 处理
        Assert.DoesNotContain("一条", words); // numeral + classifier
        Assert.DoesNotContain("一万一千五百二十颗", words);
        Assert.DoesNotContain("一万一千多间", words);
        Assert.DoesNotContain("发明", words); // SmartCn has it
        Assert.All(words, w => Assert.True(stock.FrequencyOf(w) == 0, w));
    }

    [Fact]
    public void WithWords_AddsWordsAndKeepsTheRest()
    {
        var stock = FastSmartCnTokenizer.StockDictionaries!;
        var more = stock.WithWords([("触控", 40), ("发明", 1)]);
        Assert.Equal(40, more.FrequencyOf("触控"));
        Assert.Equal(stock.FrequencyOf("发明"), more.FrequencyOf("发明")); // the larger frequency stays
        Assert.Equal(0, stock.FrequencyOf("触控")); // the original is unchanged
        Assert.Throws<ArgumentException>(() => stock.WithWords([("3D打印", 10)]));
        Assert.Throws<ArgumentException>(() => stock.WithWords([("触控", -1)]));
    }
}

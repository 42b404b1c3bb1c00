using PatentNav.Text;

namespace PatentNav.Tests.Text;

public sealed class AnalyzerTests
{
    [Fact]
    public void Words_PatentTerm_SmartCnAloneSplitsIt()
    {
        // Pins the package's dictionary: a stray 'smartcn-data' folder would silently replace it (STACK-NOTES).
        using var stock = new SmartCnWordsAnalyzer(PatentStopWords.Set, FastSmartCnTokenizer.StockDictionaries!, joinNumbers: false);
        Assert.Equal(["光", "刻", "胶"], PatentAnalyzers.Tokenize(stock, "f", "光刻胶"));
        Assert.Equal(["锂", "离子", "电池"], PatentAnalyzers.Tokenize(stock, "f", "锂离子电池"));
    }

    [Fact]
    public void Words_PatentTerm_OneWordWithThePatentVocabulary()
    {
        Assert.Equal(["光刻胶"], PatentAnalyzers.Tokenize(PatentAnalyzers.Words, "f", "光刻胶"));
        Assert.Equal(["锂离子", "电池"], PatentAnalyzers.Tokenize(PatentAnalyzers.Words, "f", "锂离子电池"));
    }

    [Fact]
    public void Words_PatentBoilerplate_Removed()
    {
        var tokens = PatentAnalyzers.Tokenize(PatentAnalyzers.Words, "f", "本发明公开了一种所述的碳纤维，其特征在于包括树脂");

        Assert.DoesNotContain("所述", tokens);
        Assert.DoesNotContain("一种", tokens);
        Assert.DoesNotContain("特征", tokens);
        Assert.DoesNotContain("发明", tokens);
        Assert.DoesNotContain("本发明", tokens);
        Assert.Contains("碳纤维", tokens);
        Assert.Contains("树脂", tokens);
    }

    [Fact]
    public void Bigrams_UnknownTerm_KeptAsOverlappingPairs()
    {
        Assert.Equal(["光刻", "刻胶"], PatentAnalyzers.Tokenize(PatentAnalyzers.Bigrams, "f", "光刻胶"));
        Assert.Equal(["碳纤", "纤维", "pet"], PatentAnalyzers.Tokenize(PatentAnalyzers.Bigrams, "f", "碳纤维 PET"));
    }
}

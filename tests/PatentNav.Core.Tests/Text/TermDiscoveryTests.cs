using System.Text.Json;
using PatentNav.Text;

namespace PatentNav.Core.Tests.Text;

/// <summary>
/// New-word detection over real patent text: titles and abstracts of data-samples/patents.jsonl (real titles and abstracts
/// from cn-titles-ipc and kppatent-zh; see data-samples/README.md).
/// </summary>
public sealed class TermDiscoveryTests : IClassFixture<SampleLexicon>
{
    private readonly TermLexicon _lexicon;

    public TermDiscoveryTests(SampleLexicon sample) => _lexicon = sample.Lexicon;

    [Theory]
    [InlineData("区块链", "区块", "链")]
    [InlineData("云计算", "云", "计算")]
    [InlineData("电池包", "电池", "包")]
    [InlineData("外泌体", "外", "泌", "体")]
    [InlineData("3D打印", "3d", "打印")] // a Latin code opening a term
    [InlineData("5G通信", "5g", "通信")]
    public void Finds_domain_terms_that_the_dictionary_splits(string term, params string[] parts)
    {
        var found = _lexicon.Find(term);
        Assert.NotNull(found);
        Assert.Equal(parts, found.Parts);
        Assert.True(found.Count >= 5 && found.Documents >= 3);
    }

    [Fact]
    public void A_term_opened_by_a_code_is_one_feature_and_one_word_as_written()
    {
        var tokenizer = new FeatureTokenizer(_lexicon);
        Assert.Equal(["3D打印", "金属", "粉末", "制备"], tokenizer.Tokenize("一种3D打印金属粉末的制备方法"));
        var word = Assert.Single(tokenizer.SegmentWords("基于3d打印的模具"), w => w.Text.EndsWith("打印", StringComparison.Ordinal));
        Assert.Equal("3d打印", word.Text); // the complete segmentation keeps the text as written
        Assert.Equal(["3d", "打印"], word.Parts);
        Assert.False(_lexicon.Contains("用于5G")); // a code after a word is a phrase
    }

    [Theory]
    [InlineData("石墨烯")] // the patent vocabulary knows these already: nothing to discover
    [InlineData("碳纤维")]
    public void Words_of_the_dictionary_are_not_discovered_again(string word) => Assert.False(_lexicon.Contains(word));

    [Theory]
    [InlineData("正极材料")] // two dictionary words side by side: a phrase, not a new word
    [InlineData("新能源汽车")] // a discovered term (新能源) and a word: a phrase
    [InlineData("较高")] // adverb + adjective
    public void Leaves_phrases_and_fragments_apart(string notATerm) => Assert.False(_lexicon.Contains(notATerm));

    [Fact]
    public void Feature_tokens_keep_the_terms_that_the_dictionary_loses()
    {
        const string title = "一种基于区块链和云计算的电池包数据管理方法";
        var plain = new FeatureTokenizer(TermLexicon.Empty).Tokenize(title);
        var joined = new FeatureTokenizer(_lexicon).Tokenize(title);

        Assert.DoesNotContain("区块链", plain);
        Assert.DoesNotContain("电池包", plain);
        Assert.Equal(["区块链", "云计算", "电池包", "数据", "管理"], joined);
    }

    [Fact]
    public void Segment_explains_joined_terms_and_left_out_tokens()
    {
        var tokens = new FeatureTokenizer(_lexicon).Segment("区块链节点共3个");
        var chain = Assert.Single(tokens, t => t.Text == "区块链");
        Assert.Equal(["区块", "链"], chain.Parts);
        Assert.Equal((0, 3), (chain.Start, chain.End));
        Assert.True(chain.IsFeature);
        Assert.Contains(tokens, t => t.Text == "3" && !t.IsFeature && t.Reason == "number or symbol");
        Assert.Contains(tokens, t => t.Text.Length == 1 && t.Reason == "single character");
    }

    [Fact]
    public void Same_texts_in_another_order_give_the_same_lexicon()
    {
        var texts = SampleLexicon.Texts().Take(3000).ToList();
        var forward = TermDiscovery.Discover(texts);
        var shuffled = TermDiscovery.Discover(texts.OrderBy(t => t.GetHashCode(StringComparison.Ordinal)).ThenBy(t => t, StringComparer.Ordinal));
        Assert.NotEmpty(forward.Terms);
        Assert.Equal(forward.ToJson(), shuffled.ToJson());
    }

    [Fact]
    public void Json_round_trip_keeps_every_term()
    {
        var copy = TermLexicon.FromJson(_lexicon.ToJson());
        Assert.Equal(_lexicon.Terms.Count, copy.Terms.Count);
        Assert.Equal(_lexicon.Terms.Select(t => t.Text), copy.Terms.Select(t => t.Text));
        Assert.Equal(_lexicon.Documents, copy.Documents);
        Assert.Contains("\"区块链\"", _lexicon.ToJson(), StringComparison.Ordinal);
        Assert.Throws<JsonException>(() => TermLexicon.FromJson("[1,2]"));
    }

    [Fact]
    public void A_word_absent_from_the_real_data_is_found_the_same_way()
    {
        // Constructed sentences (not patent data): 氧阱胶 is made up, so no dictionary knows it; this shows the mechanism
        // on it with varied neighbours, as a new material's name would appear in a collection.
        string[] contexts = ["正性", "负性", "化学放大", "紫外", "电子束", "厚膜", "干膜", "水溶性"];
        string[] uses = ["组合物", "显影", "剥离", "涂布", "残留", "曝光", "固化", "清洗"];
        var texts = contexts.SelectMany(c => uses.Select(u => $"{c}氧阱胶{u}工艺研究")).ToList();
        var lexicon = TermDiscovery.Discover(texts, new TermDiscoveryOptions { MinCount = 3, MinDocuments = 3 });

        Assert.Equal(["氧", "阱", "胶"], lexicon.Find("氧阱胶")?.Parts);
        Assert.Contains("氧阱胶", new FeatureTokenizer(lexicon).Tokenize("一种氧阱胶的制备方法"));
        Assert.DoesNotContain("氧阱胶", new FeatureTokenizer(TermLexicon.Empty).Tokenize("一种氧阱胶的制备方法"));
    }

    [Fact]
    public void Rejects_options_that_cannot_work()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TermDiscovery.Discover(["碳纤维"], new TermDiscoveryOptions { MaxParts = 1 }));
        Assert.Empty(TermDiscovery.Discover([null, "", "  "]).Terms);
    }
}

/// <summary>The lexicon of the whole sample (built once per test class: about a second).</summary>
public sealed class SampleLexicon
{
    public SampleLexicon() => Lexicon = TermDiscovery.Discover(Texts());

    public TermLexicon Lexicon { get; }

    public static IEnumerable<string> Texts() =>
        File.ReadLines(Path.Combine(AppContext.BaseDirectory, "data-samples", "patents.jsonl"))
            .Select(line => AnalysisText.Of(PatentNav.Records.PatentJson.Deserialize(line)));
}

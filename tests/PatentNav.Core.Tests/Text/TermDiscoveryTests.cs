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
    [InlineData("石墨烯", "石墨", "烯")]
    [InlineData("碳纤维", "碳", "纤维")]
    [InlineData("锂离子电池", "锂", "离子", "电池")]
    [InlineData("光伏", "光", "伏")]
    [InlineData("钙钛矿", "钙", "钛", "矿")]
    public void Finds_domain_terms_that_SmartCn_splits(string term, params string[] parts)
    {
        var found = _lexicon.Find(term);
        Assert.NotNull(found);
        Assert.Equal(parts, found.Parts);
        Assert.True(found.Count >= 5 && found.Documents >= 3);
    }

    [Theory]
    [InlineData("正极材料")] // two dictionary words side by side: a phrase, not a new word
    [InlineData("新能源汽车")] // a discovered term (新能源) and a word: a phrase
    [InlineData("锂离子")] // only ever a fragment of 锂离子电池 here: one dominant right neighbour
    [InlineData("较高")] // adverb + adjective
    public void Leaves_phrases_and_fragments_apart(string notATerm) => Assert.False(_lexicon.Contains(notATerm));

    [Fact]
    public void Feature_tokens_keep_the_terms_that_plain_SmartCn_loses()
    {
        const string title = "一种锂离子电池正极材料及其制备方法，采用碳纤维和石墨烯复合";
        var plain = new FeatureTokenizer(TermLexicon.Empty).Tokenize(title);
        var joined = new FeatureTokenizer(_lexicon).Tokenize(title);

        Assert.DoesNotContain("锂离子电池", plain);
        Assert.DoesNotContain("石墨烯", plain);
        Assert.Equal(["锂离子电池", "正极", "材料", "制备", "碳纤维", "石墨烯", "复合"], joined);
    }

    [Fact]
    public void Segment_explains_joined_terms_and_left_out_tokens()
    {
        var tokens = new FeatureTokenizer(_lexicon).Segment("碳纤维板材共3块");
        var carbon = Assert.Single(tokens, t => t.Text == "碳纤维");
        Assert.Equal(["碳", "纤维"], carbon.Parts);
        Assert.Equal((0, 3), (carbon.Start, carbon.End));
        Assert.True(carbon.IsFeature);
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
        Assert.Contains("\"石墨烯\"", _lexicon.ToJson(), StringComparison.Ordinal);
        Assert.Throws<JsonException>(() => TermLexicon.FromJson("[1,2]"));
    }

    [Fact]
    public void A_word_absent_from_the_real_data_is_found_the_same_way()
    {
        // Constructed sentences (not patent data): 光刻胶 does not occur in the real data we may ship, so this shows the
        // mechanism on it with varied neighbours, as it would appear in a photoresist collection.
        string[] contexts = ["正性", "负性", "化学放大", "紫外", "电子束", "厚膜", "干膜", "水溶性"];
        string[] uses = ["组合物", "显影", "剥离", "涂布", "残留", "曝光", "固化", "清洗"];
        var texts = contexts.SelectMany(c => uses.Select(u => $"{c}光刻胶{u}工艺研究")).ToList();
        var lexicon = TermDiscovery.Discover(texts, new TermDiscoveryOptions { MinCount = 3, MinDocuments = 3 });

        Assert.Equal(["光", "刻", "胶"], lexicon.Find("光刻胶")?.Parts);
        Assert.Contains("光刻胶", new FeatureTokenizer(lexicon).Tokenize("一种光刻胶的制备方法"));
        Assert.DoesNotContain("光刻胶", new FeatureTokenizer(TermLexicon.Empty).Tokenize("一种光刻胶的制备方法"));
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
            .Select(line => PatentWorkspace.AnalysisText(PatentNav.Records.PatentJson.Deserialize(line)));
}

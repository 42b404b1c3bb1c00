using PatentNav.Records;
using PatentNav.Text;
using PatentNav.Workspace;

namespace PatentNav.Core.Tests.Text;

/// <summary>The workspace's own lexicon: built from its records, rebuilt when they change, cached across restarts.</summary>
public sealed class WorkspaceTextTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "patentnav-text-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    [Fact]
    public async Task Lexicon_follows_the_records_and_survives_a_restart()
    {
        string stamp;
        using (var ws = Open())
        {
            Assert.Empty((await ws.Text.GetTermLexiconAsync()).Terms);

            await ws.Imports.ImportFileAsync(Path.Combine(AppContext.BaseDirectory, "data-samples", "patents.jsonl"));
            var lexicon = await ws.Text.GetTermLexiconAsync();
            Assert.Equal(ws.Search.DocumentCount, lexicon.Documents);
            Assert.True(lexicon.Contains("区块链"));
            Assert.Same(lexicon, await ws.Text.GetTermLexiconAsync());
            stamp = lexicon.Stamp!;
        }

        Assert.True(File.Exists(Path.Combine(_dir, "text", "lexicon.json")));
        using (var ws = Open())
        {
            var reopened = await ws.Text.GetTermLexiconAsync();
            Assert.Equal(stamp, reopened.Stamp);
            Assert.True(reopened.Contains("区块链"));
        }
    }

    [Fact]
    public async Task Above_the_cap_the_lexicon_reads_a_seeded_sample_of_that_many_records()
    {
        var sample = Path.Combine(AppContext.BaseDirectory, "data-samples", "patents.jsonl");
        using var ws = PatentWorkspace.Open(new PatentWorkspaceOptions { DataDirectory = _dir, MaxLexiconRecords = 2_000 });
        await ws.Imports.ImportFileAsync(sample);
        var capped = await ws.Text.GetTermLexiconAsync();
        Assert.Equal(2_000, capped.Documents);
        Assert.Contains("sample:2000@42;", capped.Stamp, StringComparison.Ordinal);

        // The same records give the same sample (by publication number and seed, not import order): another workspace agrees.
        var other = Path.Combine(_dir, "other");
        using var second = PatentWorkspace.Open(new PatentWorkspaceOptions { DataDirectory = other, MaxLexiconRecords = 2_000 });
        await second.Imports.ImportFileAsync(sample);
        static IEnumerable<(string, int, int)> Key(TermLexicon l) => l.Terms.Select(t => (t.Text, t.Count, t.Documents));
        Assert.Equal(Key(capped), Key(await second.Text.GetTermLexiconAsync()));

        // A smaller sample finds fewer terms than the whole sample, but the frequent ones.
        using var full = PatentWorkspace.Open(new PatentWorkspaceOptions { DataDirectory = Path.Combine(_dir, "full") });
        await full.Imports.ImportFileAsync(sample);
        var all = await full.Text.GetTermLexiconAsync();
        Assert.Equal(full.Search.DocumentCount, all.Documents);
        Assert.True(capped.Terms.Count < all.Terms.Count);
    }

    [Fact]
    public async Task A_damaged_cache_is_rebuilt()
    {
        using (var ws = Open())
        {
            await ws.Imports.ImportFileAsync(Path.Combine(AppContext.BaseDirectory, "data-samples", "fixtures", "patents-sample.jsonl"));
            await ws.Text.GetTermLexiconAsync();
        }

        await File.WriteAllTextAsync(Path.Combine(_dir, "text", "lexicon.json"), "{not json");
        using (var ws = Open())
        {
            var lexicon = await ws.Text.GetTermLexiconAsync();
            Assert.Equal(25, lexicon.Documents);
        }
    }

    [Fact]
    public async Task Segment_shows_features_search_tokens_and_bigrams()
    {
        using var ws = Open();
        await ws.Imports.ImportFileAsync(Path.Combine(AppContext.BaseDirectory, "data-samples", "patents.jsonl"));

        var s = await ws.Text.SegmentAsync("一种氧阱胶和区块链的制备方法"); // 氧阱胶: made up, no dictionary knows it

        Assert.Equal(["氧", "阱", "胶", "区块", "链", "制备"], s.Search);
        Assert.Contains("阱胶", s.Bigrams);
        Assert.Contains("块链", s.Bigrams);
        Assert.Equal(["区块链", "制备"], s.Features.Where(f => f.IsFeature).Select(f => f.Text));
        Assert.Equal(["区块", "链"], s.Features.Single(f => f.Text == "区块链").Parts);
        Assert.True(s.LexiconTerms > 50);
        Assert.Equal(["一", "种", "氧", "阱", "胶", "和", "区块链", "的", "制备", "方法"], s.Words.Select(w => w.Text));
        Assert.Equal(s.Text, string.Concat(s.Words.Select(w => w.Text)));

        const string mixed = "一种 LED 灯（功率1.15W），含区块链散热片;";
        var words = (await ws.Text.SegmentAsync(mixed)).Words;
        Assert.Equal(mixed.Replace(" ", string.Empty, StringComparison.Ordinal), string.Concat(words.Select(w => w.Text)));
        Assert.All(words, w => Assert.Equal(mixed[w.Start..w.End], w.Text));
        Assert.Contains(words, w => w.Text == "区块链" && w.Parts.Count == 2);
        Assert.Contains(words, w => w.Text == "1.15W");
        await Assert.ThrowsAsync<ArgumentException>(() => ws.Text.SegmentAsync(" "));
        await Assert.ThrowsAsync<ArgumentException>(() => ws.Text.SegmentAsync(new string('碳', TextSegmentation.MaxLength + 1)));
    }

    [Fact]
    public async Task User_words_join_the_segmentation_survive_a_restart_and_are_read_again_after_a_hand_edit()
    {
        // 氧阱胶 and 栅阱膜 are made up (constructed), so no dictionary knows them.
        using (var ws = Open())
        {
            Assert.Empty(ws.Text.GetUserWords().Words);
            var before = await ws.Text.SegmentAsync("一种氧阱胶组合物");
            Assert.DoesNotContain(before.Words, w => w.Text == "氧阱胶");

            var set = await ws.Text.SetUserWordsAsync([new UserWord("氧阱胶", 200)]);
            Assert.Single(set.Words);
            var after = await ws.Text.SegmentAsync("一种氧阱胶组合物");
            Assert.Contains(after.Words, w => w.Text == "氧阱胶");
            Assert.Contains(after.Features, f => f.Text == "氧阱胶" && f.IsFeature);
            Assert.Equal(["氧", "阱", "胶", "组合物"], after.Search); // the index's word fields keep the engine's dictionary
        }

        var path = Path.Combine(_dir, "text", "user-words.txt");
        Assert.StartsWith("#", await File.ReadAllTextAsync(path), StringComparison.Ordinal);
        using (var ws = Open())
        {
            Assert.Equal("氧阱胶", Assert.Single(ws.Text.GetUserWords().Words).Word);
            await File.WriteAllTextAsync(path, "# hand edit\n氧阱胶 200\n栅阱膜\nLED灯\n栅阱膜 5\n");
            var edited = ws.Text.GetUserWords();
            Assert.Equal(["氧阱胶", "栅阱膜"], edited.Words.Select(w => w.Word));
            Assert.Equal([4, 5], edited.Problems.Select(p => p.Line));
            Assert.Contains("repeats line 3", edited.Problems[1].Reason, StringComparison.Ordinal);
            Assert.Contains((await ws.Text.SegmentAsync("所述栅阱膜")).Words, w => w.Text == "栅阱膜");
        }
    }

    [Fact]
    public async Task A_refused_user_word_list_names_the_entry_and_changes_nothing()
    {
        using var ws = Open();
        await ws.Text.SetUserWordsAsync([new UserWord("氧阱胶")]);

        var bad = await Assert.ThrowsAsync<InvalidRequestException>(() => ws.Text.SetUserWordsAsync([new UserWord("栅阱膜"), new UserWord("栅阱膜")]));
        Assert.Equal("words[1]", bad.Parameter);
        Assert.Contains("repeats words[0]", bad.Message, StringComparison.Ordinal);
        Assert.Equal("words[0]", (await Assert.ThrowsAsync<InvalidRequestException>(() => ws.Text.SetUserWordsAsync([new UserWord("胶")]))).Parameter);
        Assert.Equal("words[0]", (await Assert.ThrowsAsync<InvalidRequestException>(() => ws.Text.SetUserWordsAsync([new UserWord("栅阱膜", 0)]))).Parameter);

        Assert.Equal("氧阱胶", Assert.Single(ws.Text.GetUserWords().Words).Word);
        Assert.Empty((await ws.Text.SetUserWordsAsync([])).Words);
        Assert.False(File.Exists(Path.Combine(_dir, "text", "user-words.txt")));
    }

    private PatentWorkspace Open() => PatentWorkspace.Open(new PatentWorkspaceOptions { DataDirectory = _dir });
}

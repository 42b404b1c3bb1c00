using PatentNav.Text.Internal;

namespace PatentNav.Text;

/// <summary>Thresholds of <see cref="TermDiscovery"/>; the defaults suit collections of a few thousand to a few hundred
/// thousand patent titles and abstracts.</summary>
public sealed record TermDiscoveryOptions
{
    /// <summary>Least occurrences of a term.</summary>
    public int MinCount { get; init; } = 5;

    /// <summary>Least texts a term occurs in (so one document repeating itself does not make a word).</summary>
    public int MinDocuments { get; init; } = 3;

    /// <summary>Least pointwise mutual information (natural log) across the term's weakest split; 2.0 means the parts
    /// occur together at least e² ≈ 7.4 times as often as chance predicts.</summary>
    public double MinCohesion { get; init; } = 2.0;

    /// <summary>Least entropy (nats) of the tokens before and of those after the term: a fragment of a longer word has
    /// one dominant neighbour and fails (锂离子 inside 锂离子电池 only); a word is used in varied contexts.</summary>
    public double MinBoundaryEntropy { get; init; } = 1.0;

    /// <summary>Most SmartCn tokens a term joins.</summary>
    public int MaxParts { get; init; } = 4;

    /// <summary>Most characters of a term.</summary>
    public int MaxLength { get; init; } = 8;

    /// <summary>Most terms kept (most frequent first).</summary>
    public int MaxTerms { get; init; } = 50_000;

    /// <summary>Only join runs that contain a single-character token. SmartCn's failure on unknown words is to break them into
    /// single characters and fragments (光/刻/胶, 碳/纤维, 石墨/烯, 锂/离子/电池); two ordinary words side by side (正极 材料) are
    /// a phrase, not a word, and stay apart. On by default.</summary>
    public bool RequireSingleCharacterPart { get; init; } = true;
}

/// <summary>
/// New-word detection (新词发现) over a collection's own text: finds the domain terms SmartCn's dictionary does not know
/// by the statistics of its token sequences, so that features (clusters, classification) keep 碳纤维 rather than 碳 and 纤维.
/// </summary>
/// <remarks>
/// <para>Method: every text is segmented by the search analyzer (<see cref="PatentAnalyzers.Words"/>: SmartCn and the patent
/// stop list); runs of touching Chinese tokens (no stop word, punctuation or space between) are the candidate space. Token
/// n-grams of 2 to <see cref="TermDiscoveryOptions.MaxParts"/> tokens are counted (longer n-grams only where their shorter
/// parts are frequent). A candidate becomes a term when it is frequent (<see cref="TermDiscoveryOptions.MinCount"/>,
/// <see cref="TermDiscoveryOptions.MinDocuments"/>), cohesive (pointwise mutual information of its weakest split ≥
/// <see cref="TermDiscoveryOptions.MinCohesion"/>) and free at both ends (neighbour entropy ≥
/// <see cref="TermDiscoveryOptions.MinBoundaryEntropy"/>; a run's edge counts as a distinct neighbour each time).</para>
/// <para>Deterministic: the same texts in the same order give the same lexicon, whatever the thread count.</para>
/// </remarks>
public static class TermDiscovery
{
    private const int Boundary = -1;

    /// <summary>Discovers the terms of <paramref name="texts"/>.</summary>
    /// <param name="texts">The texts (e.g. title and abstract of each patent, one string per patent); null or empty ones are skipped.</param>
    /// <param name="options">Thresholds; defaults when null.</param>
    /// <param name="stamp">Stored in the lexicon's <see cref="TermLexicon.Stamp"/>.</param>
    /// <param name="progress">Receives the number of texts segmented so far, every few thousand texts.</param>
    /// <param name="cancellationToken">Stops between batches.</param>
    public static TermLexicon Discover(
        IEnumerable<string?> texts,
        TermDiscoveryOptions? options = null,
        string? stamp = null,
        IProgress<int>? progress = null,
        CancellationToken cancellationToken = default) =>
        Discover(texts, options, stamp, progress, analyzer: null, cancellationToken);

    /// <summary>Discovers the terms of <paramref name="texts"/> as segmented by <paramref name="analyzer"/> (null: the
    /// engine's <see cref="PatentAnalyzers.Words"/>; the patent vocabulary is built over SmartCn's own segmentation).</summary>
    internal static TermLexicon Discover(
        IEnumerable<string?> texts,
        TermDiscoveryOptions? options,
        string? stamp,
        IProgress<int>? progress,
        Lucene.Net.Analysis.Analyzer? analyzer,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(texts);
        options ??= new TermDiscoveryOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxParts, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MinCount, 1);

        var corpus = Corpus.Build(texts, progress, analyzer, cancellationToken);
        var counts = new Dictionary<Gram, int>[options.MaxParts + 1];
        counts[1] = corpus.Unigrams();
        for (var n = 2; n <= options.MaxParts; n++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            counts[n] = corpus.CountGrams(n, counts[n - 1], options.MinCount);
        }

        var candidates = new Dictionary<Gram, Candidate>();
        for (var n = 2; n <= options.MaxParts; n++)
        {
            foreach (var (gram, count) in counts[n])
            {
                if (count < options.MinCount || !Admissible(gram, n, corpus, options))
                {
                    continue;
                }

                var cohesion = Cohesion(gram, n, count, counts, corpus.TotalTokens);
                if (cohesion >= options.MinCohesion)
                {
                    candidates[gram] = new Candidate(n, count, cohesion);
                }
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        corpus.CollectContexts(candidates, options.MaxParts);
        var accepted = candidates
            .Select(kv => (Gram: kv.Key, Stats: kv.Value, Left: kv.Value.Left.Entropy(), Right: kv.Value.Right.Entropy()))
            .Where(c => c.Stats.Documents >= options.MinDocuments && c.Left >= options.MinBoundaryEntropy && c.Right >= options.MinBoundaryEntropy)
            .OrderBy(c => c.Stats.Parts)
            .ToList();

        // A longer run that is shorter terms and words side by side (石墨烯 + 复合, 新能源 + 汽车) is a phrase: with
        // RequireSingleCharacterPart it goes, as two words would.
        var kept = new HashSet<Gram>();
        var terms = new List<DiscoveredTerm>();
        foreach (var c in accepted)
        {
            var parts = c.Gram.Ids(c.Stats.Parts).Select(id => corpus.Vocabulary[id]).ToList();
            if (options.RequireSingleCharacterPart && c.Stats.Parts > 2 && !HasSingleAfterJoining(c.Gram, c.Stats.Parts, kept, corpus))
            {
                continue;
            }

            kept.Add(c.Gram);
            terms.Add(new DiscoveredTerm(TermText(parts), parts, c.Stats.Count, c.Stats.Documents, Math.Round(c.Stats.Cohesion, 4), Math.Round(c.Left, 4), Math.Round(c.Right, 4)));
        }

        var ordered = terms
            .OrderByDescending(t => t.Count)
            .ThenBy(t => t.Text, StringComparer.Ordinal)
            .ThenBy(t => t.Parts.Count)
            .Take(options.MaxTerms);
        return new TermLexicon(ordered, corpus.Texts, stamp);
    }

    /// <summary>Whether a single-character token remains when the shorter terms already kept are joined inside the gram
    /// (longest first, left to right, as <see cref="FeatureTokenizer"/> would).</summary>
    private static bool HasSingleAfterJoining(Gram gram, int n, HashSet<Gram> kept, Corpus corpus)
    {
        var i = 0;
        while (i < n)
        {
            var step = 1;
            for (var len = i == 0 ? n - 1 : n - i; len >= 2; len--)
            {
                if (kept.Contains(gram.Slice(i, len)))
                {
                    step = len;
                    break;
                }
            }

            if (step == 1 && corpus.Vocabulary[gram[i]].Length == 1)
            {
                return true;
            }

            i += step;
        }

        return false;
    }

    /// <summary>A term as shown: its parts joined, a Latin code in capitals (3D打印, 5G通信).</summary>
    private static string TermText(IReadOnlyList<string> parts) =>
        string.Concat(parts.Select(p => WordTokens.IsCode(p) ? p.ToUpperInvariant() : p));

    private static bool Admissible(Gram gram, int n, Corpus corpus, TermDiscoveryOptions options)
    {
        var length = 0;
        var single = false;
        var han = false;
        for (var i = 0; i < n; i++)
        {
            var token = corpus.Vocabulary[gram[i]];
            length += token.Length;
            var code = WordTokens.IsCode(token);
            if (code && i > 0)
            {
                return false; // a code opens a term (3D打印, LED灯); after a word it is a phrase (用于 5G)
            }

            han |= !code;
            single |= token.Length == 1 || code; // a code is a fragment as a single character is: 3D + 打印
        }

        return length <= options.MaxLength
            && han
            && (single || !options.RequireSingleCharacterPart)
            && !NotFirst.Contains(corpus.Vocabulary[gram[0]])
            && !NotLast.Contains(corpus.Vocabulary[gram[n - 1]]);
    }

    /// <summary>Adverbs and particles that open a phrase, not a word (很好, 较高, 不需要).</summary>
    private static readonly HashSet<string> NotFirst = new(StringComparer.Ordinal) { "很", "较", "不", "更", "最", "非", "会", "已", "均", "仍", "还", "再", "就", "都", "即", "则" };

    /// <summary>Localisers and particles that close a phrase, not a word (处理后, 范围内, 有效地).</summary>
    private static readonly HashSet<string> NotLast = new(StringComparer.Ordinal) { "后", "内", "地", "时", "前", "得", "着", "过", "间", "外", "里", "处" };

    private static double Cohesion(Gram gram, int n, int count, Dictionary<Gram, int>[] counts, long total)
    {
        var min = double.MaxValue;
        for (var split = 1; split < n; split++)
        {
            var left = counts[split][gram.Slice(0, split)];
            var right = counts[n - split][gram.Slice(split, n - split)];
            var pmi = Math.Log(count * (double)total / ((double)left * right));
            min = Math.Min(min, pmi);
        }

        return min;
    }

    /// <summary>Up to four token ids; unused slots are -1.</summary>
    private readonly record struct Gram(int A, int B, int C, int D)
    {
        public int this[int i] => i switch { 0 => A, 1 => B, 2 => C, _ => D };

        public static Gram Of(int[] run, int start, int n) => new(
            run[start],
            n > 1 ? run[start + 1] : -1,
            n > 2 ? run[start + 2] : -1,
            n > 3 ? run[start + 3] : -1);

        public Gram Slice(int start, int n) => new(
            this[start],
            n > 1 ? this[start + 1] : -1,
            n > 2 ? this[start + 2] : -1,
            n > 3 ? this[start + 3] : -1);

        public IEnumerable<int> Ids(int n)
        {
            var self = this;
            return Enumerable.Range(0, n).Select(i => self[i]);
        }
    }

    private sealed class Candidate(int parts, int count, double cohesion)
    {
        public int Parts { get; } = parts;

        public int Count { get; } = count;

        public double Cohesion { get; } = cohesion;

        public int Documents { get; set; }

        public int LastText { get; set; } = -1;

        public Neighbours Left { get; } = new();

        public Neighbours Right { get; } = new();
    }

    private sealed class Neighbours
    {
        private readonly Dictionary<int, int> _counts = [];
        private int _boundaries;

        public void Add(int id)
        {
            if (id == Boundary)
            {
                _boundaries++;
            }
            else
            {
                _counts[id] = _counts.GetValueOrDefault(id) + 1;
            }
        }

        public double Entropy()
        {
            double total = _boundaries + _counts.Values.Sum();
            if (total == 0)
            {
                return 0;
            }

            // Each run edge counts as a distinct neighbour: -(1/T)·ln(1/T) each.
            var h = _boundaries * Math.Log(total) / total;
            foreach (var c in _counts.Values)
            {
                var p = c / total;
                h -= p * Math.Log(p);
            }

            return h;
        }
    }

    /// <summary>The texts as runs of touching Chinese token ids.</summary>
    private sealed class Corpus
    {
        private const int BatchSize = 2048;
        private readonly List<int[]> _runs = [];
        private readonly List<int> _runText = [];
        private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);
        private readonly List<int> _unigramCounts = [];

        public List<string> Vocabulary { get; } = [];

        public long TotalTokens { get; private set; }

        public int Texts { get; private set; }

        public static Corpus Build(IEnumerable<string?> texts, IProgress<int>? progress, Lucene.Net.Analysis.Analyzer? analyzer, CancellationToken cancellationToken)
        {
            var corpus = new Corpus();
            var batch = new List<string>(BatchSize);
            foreach (var text in texts)
            {
                if (!string.IsNullOrWhiteSpace(text))
                {
                    batch.Add(text);
                }

                if (batch.Count == BatchSize)
                {
                    corpus.AddBatch(batch, analyzer, cancellationToken);
                    progress?.Report(corpus.Texts);
                    batch.Clear();
                }
            }

            corpus.AddBatch(batch, analyzer, cancellationToken);
            progress?.Report(corpus.Texts);
            return corpus;
        }

        private void AddBatch(List<string> batch, Lucene.Net.Analysis.Analyzer? analyzer, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var segmented = new List<List<string>>[batch.Count];
            Parallel.For(
                0,
                batch.Count,
                new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount },
                () => new List<WordToken>(),
                (i, _, buffer) =>
                {
                    WordTokens.Segment(batch[i], buffer, analyzer: analyzer);
                    segmented[i] = HanRuns(buffer);
                    return buffer;
                },
                _ => { });

            // Ids are given in text order, so the vocabulary (and everything after) is the same for any thread count.
            foreach (var runs in segmented)
            {
                foreach (var run in runs)
                {
                    var ids = new int[run.Count];
                    for (var i = 0; i < run.Count; i++)
                    {
                        ids[i] = Id(run[i]);
                    }

                    _runs.Add(ids);
                    _runText.Add(Texts);
                    TotalTokens += ids.Length;
                }

                Texts++;
            }
        }

        private static List<List<string>> HanRuns(List<WordToken> tokens)
        {
            var runs = new List<List<string>>();
            List<string>? current = null;
            for (var i = 0; i < tokens.Count; i++)
            {
                var t = tokens[i];
                if (!t.IsTermPart)
                {
                    current = null;
                    continue;
                }

                if (current is null || !WordTokens.Adjacent(tokens[i - 1], t))
                {
                    current = [];
                    runs.Add(current);
                }

                current.Add(t.Text);
            }

            return runs;
        }

        private int Id(string token)
        {
            if (!_ids.TryGetValue(token, out var id))
            {
                id = Vocabulary.Count;
                _ids.Add(token, id);
                Vocabulary.Add(token);
                _unigramCounts.Add(0);
            }

            _unigramCounts[id]++;
            return id;
        }

        public Dictionary<Gram, int> Unigrams()
        {
            var counts = new Dictionary<Gram, int>(_unigramCounts.Count);
            for (var id = 0; id < _unigramCounts.Count; id++)
            {
                counts[new Gram(id, -1, -1, -1)] = _unigramCounts[id];
            }

            return counts;
        }

        /// <summary>Counts n-grams whose two (n−1)-gram parts both reach <paramref name="minCount"/> (a frequent n-gram
        /// has frequent parts, so nothing that could pass is missed); keeps those reaching it themselves.</summary>
        public Dictionary<Gram, int> CountGrams(int n, Dictionary<Gram, int> shorter, int minCount)
        {
            var counts = new Dictionary<Gram, int>();
            foreach (var run in _runs)
            {
                for (var i = 0; i + n <= run.Length; i++)
                {
                    if (shorter.GetValueOrDefault(Gram.Of(run, i, n - 1)) < minCount || shorter.GetValueOrDefault(Gram.Of(run, i + 1, n - 1)) < minCount)
                    {
                        continue;
                    }

                    var gram = Gram.Of(run, i, n);
                    counts[gram] = counts.GetValueOrDefault(gram) + 1;
                }
            }

            // Keep the sub-threshold grams out: later passes only ask about frequent ones, and memory stays bounded.
            foreach (var key in counts.Where(kv => kv.Value < minCount).Select(kv => kv.Key).ToList())
            {
                counts.Remove(key);
            }

            // The (n-1)-grams asked for by cohesion must still be there: they are (all parts of a kept n-gram reach minCount).
            return counts;
        }

        public void CollectContexts(Dictionary<Gram, Candidate> candidates, int maxParts)
        {
            if (candidates.Count == 0)
            {
                return;
            }

            for (var r = 0; r < _runs.Count; r++)
            {
                var run = _runs[r];
                var text = _runText[r];
                for (var n = 2; n <= maxParts; n++)
                {
                    for (var i = 0; i + n <= run.Length; i++)
                    {
                        if (!candidates.TryGetValue(Gram.Of(run, i, n), out var c))
                        {
                            continue;
                        }

                        c.Left.Add(i > 0 ? run[i - 1] : Boundary);
                        c.Right.Add(i + n < run.Length ? run[i + n] : Boundary);
                        if (c.LastText != text)
                        {
                            c.LastText = text;
                            c.Documents++;
                        }
                    }
                }
            }
        }
    }
}

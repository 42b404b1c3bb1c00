namespace PatentNav.Text.Internal;

/// <summary>
/// SmartCn's HHMM segmentation of one sentence (the algorithm of the package's HHMMSegmenter, SegGraph, BiSegGraph and
/// WordSegmenter) over reusable arrays: no per-token objects, no dictionaries keyed by offset, no char[] per candidate.
/// </summary>
/// <remarks>
/// <para>Candidates are generated in the package's order (by start offset, then single Hanzi before longer words), so
/// their array index is the package's token index. Every candidate reaches the next start offset at or after its end;
/// the best path is found by relaxing those edges in index order with the package's strict "less than", which visits the
/// edges into each candidate in the same order as its Viterbi loop and so breaks ties the same way. Weights use the same
/// floating-point expression, evaluated in the same order.</para>
/// <para>Not thread-safe: one instance per tokenizer.</para>
/// </remarks>
internal sealed class HhmmSentenceSegmenter(SmartCnDictionaries dict)
{
    // Char types (Utility.GetCharType).
    private const byte SpaceLike = 0;
    private const byte Hanzi = 1;
    private const byte Letter = 2;
    private const byte Digit = 3;
    private const byte Delimiter = 4;
    private const byte FullWidthLetter = 5;
    private const byte FullWidthDigit = 6;
    private const byte Other = 7;

    // Word types (WordType).
    internal const byte SentenceBegin = 0;
    internal const byte SentenceEnd = 1;
    internal const byte ChineseWord = 2;
    internal const byte StringWord = 3;
    internal const byte NumberWord = 4;
    internal const byte DelimiterWord = 5;
    internal const byte FullWidthString = 6;
    internal const byte FullWidthNumber = 7;

    // The placeholder words the bigram dictionary knows, kept at the head of the key pool.
    private const string Placeholders = "未##串未##数始##始末##末";
    private const int StringKey = 0;
    private const int NumberKey = 4;
    private const int StartKey = 8;
    private const int EndKey = 12;
    private const int PlaceholderLength = 4;

    private static readonly byte[] CharTypes = BuildCharTypes();

    private readonly SmartCnDictionaries dict = dict;
    private Candidate[] tokens = new Candidate[256];
    private int tokenCount;
    private char[] keys = new char[512];
    private int keyLength;
    private int[] firstAtOrAfter = new int[256];
    private double[] best = new double[256];
    private int[] previous = new int[256];
    private int[] path = new int[64];

    // Bigram frequencies looked up lately, direct-mapped by the key's hashes (see PairFrequency): one per thread, shared
    // by the thread's segmenters, and only for the dictionary it was filled from.
    private const int PairCacheBits = 14;

    [ThreadStatic]
    private static PairCacheEntry[]? threadPairCache;

    [ThreadStatic]
    private static SmartCnDictionaries? threadPairCacheDictionary;

    private struct Candidate
    {
        public int Start;
        public int End;
        public int Frequency;
        public int KeyOffset;
        public int KeyLength;
        public byte WordType;
    }

    /// <summary>Number of words in the last segmented sentence.</summary>
    public int Count { get; private set; }

    /// <summary>Start offset (in the sentence) of word <paramref name="i"/>.</summary>
    public int StartOf(int i) => tokens[path[i]].Start;

    /// <summary>End offset (in the sentence) of word <paramref name="i"/>; Hanzi words may span skipped spaces.</summary>
    public int EndOf(int i) => tokens[path[i]].End;

    /// <summary>The <see cref="Lucene.Net.Analysis.Cn.Smart.WordType"/> of word <paramref name="i"/>.</summary>
    public byte TypeOf(int i) => tokens[path[i]].WordType;

    /// <summary>Dictionary chars of a Chinese word <paramref name="i"/> (its Hanzi without spaces).</summary>
    public ReadOnlySpan<char> KeyOf(int i)
    {
        ref var t = ref tokens[path[i]];
        return keys.AsSpan(t.KeyOffset, t.KeyLength);
    }

    /// <summary>Segments <paramref name="sentence"/>; the words are then read with <see cref="Count"/> and the accessors.</summary>
    public void Segment(ReadOnlySpan<char> sentence)
    {
        BuildCandidates(sentence);
        FindBestPath(sentence.Length);
    }

    private void BuildCandidates(ReadOnlySpan<char> s)
    {
        var n = s.Length;
        tokenCount = 0;
        if (keyLength == 0 || keys.Length < Placeholders.Length)
        {
            Placeholders.CopyTo(keys);
        }

        keyLength = Placeholders.Length;
        var d = dict;
        var types = CharTypes;

        Add(-1, 0, SentenceBegin, d.StartFrequency, StartKey, PlaceholderLength);
        var i = 0;
        while (i < n)
        {
            var type = types[s[i]];
            int j;
            switch (type)
            {
                case SpaceLike:
                    i++;
                    break;

                case Hanzi:
                {
                    var c = s[i];
                    EnsureKeys(1);
                    var keyOffset = keyLength;
                    keys[keyLength++] = c;
                    var wordLength = 1;
                    j = i + 1;
                    Add(i, j, ChineseWord, d.HanziFrequency(c), keyOffset, 1);
                    var table = d.TableOf(c);
                    var sorted = table >= 0 && d.IsSorted(table);
                    var node = sorted ? d.RootOf(table) : -1; // sorted tables: the trie node of the prefix so far (-1: empty)
                    var found = sorted ? node : table < 0 ? -1 : d.PrefixMatch(table, ReadOnlySpan<char>.Empty, 0);
                    while (j <= n && found != -1)
                    {
                        if (wordLength > 1)
                        {
                            if (sorted)
                            {
                                if (d.NodeExact(node) is var frequency && frequency >= 0)
                                {
                                    Add(i, j, ChineseWord, frequency, keyOffset, wordLength);
                                }
                            }
                            else if (d.IsEqual(table, found, keys.AsSpan(keyOffset + 1, wordLength - 1)))
                            {
                                Add(i, j, ChineseWord, d.ExactFrequency(table, found), keyOffset, wordLength);
                            }
                        }

                        while (j < n && types[s[j]] == SpaceLike)
                        {
                            j++;
                        }

                        if (j < n && types[s[j]] == Hanzi)
                        {
                            EnsureKeys(1);
                            keys[keyLength++] = s[j];
                            wordLength++;
                            if (sorted)
                            {
                                node = d.Child(node, s[j]);
                                found = node; // only its sign matters on this path
                            }
                            else
                            {
                                found = d.PrefixMatch(table, keys.AsSpan(keyOffset + 1, wordLength - 1), found);
                            }

                            j++;
                        }
                        else
                        {
                            break;
                        }
                    }

                    i++;
                    break;
                }

                case Letter:
                case FullWidthLetter:
                {
                    var fullWidth = type == FullWidthLetter;
                    j = i + 1;
                    while (j < n && types[s[j]] is Letter or FullWidthLetter)
                    {
                        fullWidth |= types[s[j]] == FullWidthLetter;
                        j++;
                    }

                    Add(i, j, fullWidth ? FullWidthString : StringWord, d.StringFrequency, StringKey, PlaceholderLength);
                    i = j;
                    break;
                }

                case Digit:
                case FullWidthDigit:
                {
                    var fullWidth = type == FullWidthDigit;
                    j = i + 1;
                    while (j < n && types[s[j]] is Digit or FullWidthDigit)
                    {
                        fullWidth |= types[s[j]] == FullWidthDigit;
                        j++;
                    }

                    Add(i, j, fullWidth ? FullWidthNumber : NumberWord, d.NumberFrequency, NumberKey, PlaceholderLength);
                    i = j;
                    break;
                }

                case Delimiter:
                    EnsureKeys(1);
                    keys[keyLength] = s[i];
                    Add(i, i + 1, DelimiterWord, SmartCnDictionaries.MaxFrequency, keyLength++, 1);
                    i++;
                    break;

                default: // Other: any symbol the dictionary has no class for, one char at a time
                    Add(i, i + 1, StringWord, d.StringFrequency, StringKey, PlaceholderLength);
                    i++;
                    break;
            }
        }

        Add(n, n + 1, SentenceEnd, d.EndFrequency, EndKey, PlaceholderLength);
    }

    /// <summary>
    /// <see cref="SmartCnDictionaries.BigramFrequency"/> through a small cache of the pairs looked up lately (16,384 entries,
    /// 256 KB per thread, shared by its segmenters, since Lucene keeps a tokenizer per field and thread): the dictionary's
    /// Bloom filter and table are megabytes, and a look-up that misses them costs a chain of cache misses, while word pairs
    /// recur within and across patent texts.
    /// </summary>
    /// <remarks>The entry holds the key's full hashes, so a hit returns what the dictionary returns for those hashes (the
    /// frequency depends on nothing else); an entry is replaced by the next key mapped to it.</remarks>
    private static int PairFrequency(PairCacheEntry[] pairCache, SmartCnDictionaries d, long fnv, int djb)
    {
        ref var entry = ref pairCache[(int)(unchecked((ulong)fnv * 0x9E3779B97F4A7C15UL) >> (64 - PairCacheBits))];
        if (entry.Fnv == fnv && entry.Djb == djb)
        {
            return entry.Frequency;
        }

        var frequency = d.BigramFrequency(fnv, djb);
        entry = new PairCacheEntry(fnv, djb, frequency);
        return frequency;
    }

    /// <summary>This thread's pair cache for <paramref name="d"/> (a new one when the thread last used another dictionary).</summary>
    private static PairCacheEntry[] PairCacheFor(SmartCnDictionaries d)
    {
        if (threadPairCache is null || !ReferenceEquals(threadPairCacheDictionary, d))
        {
            threadPairCache = NewPairCache();
            threadPairCacheDictionary = d;
        }

        return threadPairCache;
    }

    private static PairCacheEntry[] NewPairCache()
    {
        var cache = new PairCacheEntry[1 << PairCacheBits];
        Array.Fill(cache, new PairCacheEntry(0, -1, 0)); // djb hashes are never negative: an empty entry matches nothing
        return cache;
    }

    private readonly record struct PairCacheEntry(long Fnv, int Djb, int Frequency);

    private void FindBestPath(int n)
    {
        var count = tokenCount;
        var toks = tokens;
        if (firstAtOrAfter.Length < n + 1)
        {
            firstAtOrAfter = new int[Math.Max(n + 1, firstAtOrAfter.Length * 2)];
        }

        if (best.Length < count)
        {
            var size = Math.Max(count, best.Length * 2);
            best = new double[size];
            previous = new int[size];
        }

        // firstAtOrAfter[p]: the first candidate starting at or after offset p (the end marker starts at n).
        var firstAt = firstAtOrAfter;
        var k = count - 1;
        for (var p = n; p >= 0; p--)
        {
            while (k > 1 && toks[k - 1].Start >= p)
            {
                k--;
            }

            firstAt[p] = k;
        }

        var dist = best;
        var prev = previous;
        dist[0] = 0;
        for (var t = 1; t < count; t++)
        {
            dist[t] = double.MaxValue;
        }

        // BiSegGraph's smoothing: -log(a * P(w1) + (1 - a) * P(w2 | w1)), a = 0.1.
        const double Smooth = 0.1;
        var tiny = 1.0 / (double)SmartCnDictionaries.MaxFrequency;
        var keyChars = keys;
        var d = dict;
        var pairCache = PairCacheFor(d);
        for (var t1 = 0; t1 < count - 1; t1++)
        {
            ref var from = ref toks[t1];
            double oneWordFreq = from.Frequency;
            var unigram = Smooth * (1.0 + oneWordFreq) / ((double)SmartCnDictionaries.MaxFrequency + 0.0);
            var noPairWeight = 0.0 - Math.Log(unigram + ((1.0 - Smooth) * (((1.0 - tiny) * 0.0 / (1.0 + oneWordFreq)) + tiny)));

            // Hash state of "w1@", continued below with each w2.
            var fnvLeft = SmartCnDictionaries.FnvSeed;
            var djbLeft = SmartCnDictionaries.DjbSeed;
            for (var c = from.KeyOffset; c < from.KeyOffset + from.KeyLength; c++)
            {
                fnvLeft = SmartCnDictionaries.Fnv(fnvLeft, keyChars[c]);
                djbLeft = SmartCnDictionaries.Djb(djbLeft, keyChars[c]);
            }

            fnvLeft = SmartCnDictionaries.Fnv(fnvLeft, '@');
            djbLeft = SmartCnDictionaries.Djb(djbLeft, '@');

            var baseWeight = dist[t1];
            var t2 = firstAt[from.End];
            var nextStart = toks[t2].Start;
            for (; t2 < count && toks[t2].Start == nextStart; t2++)
            {
                ref var to = ref toks[t2];
                var fnv = fnvLeft;
                var djb = djbLeft;
                for (var c = to.KeyOffset; c < to.KeyOffset + to.KeyLength; c++)
                {
                    fnv = SmartCnDictionaries.Fnv(fnv, keyChars[c]);
                    djb = SmartCnDictionaries.Djb(djb, keyChars[c]);
                }

                var pairFreq = PairFrequency(pairCache, d, fnv, djb);
                var weight = pairFreq == 0
                    ? noPairWeight
                    : 0.0 - Math.Log(unigram + ((1.0 - Smooth) * (((1.0 - tiny) * pairFreq / (1.0 + oneWordFreq)) + tiny)));
                var candidate = baseWeight + weight;
                if (candidate < dist[t2])
                {
                    dist[t2] = candidate;
                    prev[t2] = t1;
                }
            }
        }

        // Walk back from the end marker; the words are the path without its two markers.
        var words = 0;
        for (var t = prev[count - 1]; t != 0; t = prev[t])
        {
            words++;
        }

        if (path.Length < words)
        {
            path = new int[Math.Max(words, path.Length * 2)];
        }

        var w = words;
        for (var t = prev[count - 1]; t != 0; t = prev[t])
        {
            path[--w] = t;
        }

        Count = words;
    }

    private void Add(int start, int end, byte wordType, int frequency, int keyOffset, int keyLength)
    {
        if (tokenCount == tokens.Length)
        {
            Array.Resize(ref tokens, tokens.Length * 2);
        }

        ref var t = ref tokens[tokenCount++];
        t.Start = start;
        t.End = end;
        t.WordType = wordType;
        t.Frequency = frequency;
        t.KeyOffset = keyOffset;
        t.KeyLength = keyLength;
    }

    private void EnsureKeys(int more)
    {
        if (keyLength + more > keys.Length)
        {
            Array.Resize(ref keys, Math.Max(keyLength + more, keys.Length * 2));
        }
    }

    private static byte[] BuildCharTypes()
    {
        var types = new byte[char.MaxValue + 1];
        for (var i = 0; i <= char.MaxValue; i++)
        {
            types[i] = CharType((char)i);
        }

        return types;
    }

    /// <summary>Utility.GetCharType, in its order of tests.</summary>
    private static byte CharType(char ch)
    {
        if (ch >= '\u4E00' && ch <= '\u9FA5')
        {
            return Hanzi;
        }

        if ((ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z'))
        {
            return Letter;
        }

        if (ch >= '0' && ch <= '9')
        {
            return Digit;
        }

        if (ch is ' ' or '\t' or '\r' or '\n' or '\u3000')
        {
            return SpaceLike;
        }

        if ((ch >= '\u0021' && ch <= '\u00BB') || (ch >= '\u2010' && ch <= '\u2642') || (ch >= '\u3001' && ch <= '\u301E'))
        {
            return Delimiter;
        }

        if ((ch >= '\uFF21' && ch <= '\uFF3A') || (ch >= '\uFF41' && ch <= '\uFF5A'))
        {
            return FullWidthLetter;
        }

        if (ch >= '\uFF10' && ch <= '\uFF19')
        {
            return FullWidthDigit;
        }

        if (ch >= '\uFE30' && ch <= '\uFF63')
        {
            return Delimiter;
        }

        return Other;
    }
}

using System.Reflection;
using System.Runtime.InteropServices;

namespace PatentNav.Text.Internal;

/// <summary>
/// SmartCn's word and bigram dictionaries, copied once from the package's own loaded singletons into flat arrays.
/// </summary>
/// <remarks>
/// <para>The package keeps <c>WordDictionary</c> and <c>BigramDictionary</c> internal, so their fields are read by
/// reflection. Every lookup here reproduces the package's arithmetic exactly (its hash functions, its double-hash probing,
/// its binary searches and their tie rules) over the same data, so frequencies are bit-for-bit those of the stock
/// segmenter even where the data has hash collisions or odd orderings. Only the representation changes: one char array for
/// all entries, int offsets, a per-character table index, and the bigram hash and frequency side by side (one cache miss
/// per probe instead of two).</para>
/// <para>Immutable after construction: shared by all threads.</para>
/// </remarks>
internal sealed class SmartCnDictionaries
{
    /// <summary>Bigram hash-table size; the package hard-codes it in its probing.</summary>
    internal const int PrimeBigramLength = 402137;

    /// <summary>Character hash-table size of the word dictionary; hard-coded in the package too.</summary>
    internal const int PrimeIndexLength = 12071;

    /// <summary><c>Utility.MAX_FREQUENCE</c> (2079997 + 80000).</summary>
    internal const int MaxFrequency = 2079997 + 80000;

    internal const char FirstHanzi = '\u4E00';
    internal const char LastHanzi = '\u9FA5';

    // Word dictionary. Table t holds the entries (suffixes after the first char) [tableStart[t], tableStart[t+1]).
    private readonly int[] hanziTable; // table index for each Hanzi (c - FirstHanzi), or -1 when the char is unknown
    private readonly int[] tableStart;
    private readonly int[] itemCharStart; // entry k's chars are itemChars[itemCharStart[k] .. itemCharStart[k+1])
    private readonly char[] itemChars;
    private readonly int[] itemFrequency; // frequency stored at entry k
    private readonly int[] itemExactFrequency; // what GetFrequency returns for entry k's own word (binary search replayed)
    private readonly int[] hanziFrequency; // GetFrequency of the single Hanzi (c - FirstHanzi)
    private readonly bool[] tableSorted; // entries in non-decreasing ordinal order, so a prefix's matches are contiguous

    // Prefix trie over the sorted tables (see Child): node v's children are the nodes childStart[v] .. childStart[v + 1] - 1,
    // in the order of their char (nodeChar); nodeExact[v] is the frequency of the word the node spells, or -1 when no
    // entry is exactly that word. tableRoot[t] is table t's root (its first char), or -1 when the table is empty or unsorted.
    private readonly int[] tableRoot;
    private readonly int[] childStart;
    private readonly char[] nodeChar;
    private readonly int[] nodeExact;

    // Bigram dictionary: the package's open-addressed table, hash and frequency interleaved.
    private readonly BigramSlot[] bigrams;

    // A Bloom filter over the hashes stored in that table (1 MB, two bits per hash, both in one 64-bit word so that a
    // test reads one cache line). Most word pairs are not in the dictionary, and proving that by probing the table costs a
    // chain of cache misses; a clear bit proves it at once. It only ever answers "certainly absent" (then the package
    // returns 0 too); anything else goes to the probe.
    private const int BloomWordBits = 17;
    private readonly ulong[] bloom;

    [StructLayout(LayoutKind.Sequential, Pack = 4)]
    private readonly struct BigramSlot(long hash, int frequency)
    {
        public readonly long Hash = hash;
        public readonly int Frequency = frequency;
    }

    private SmartCnDictionaries(short[] wordIndexTable, char[] charIndexTable, char[]?[]?[] charArrays, int[]?[] frequencies, long[] bigramHashes, int[] bigramFrequencies)
        : this(HanziTables(wordIndexTable, charIndexTable), charArrays, frequencies, Bigrams(bigramHashes, bigramFrequencies))
    {
    }

    /// <summary>The package's char index as a table per Hanzi (-1: no words start with it).</summary>
    private static int[] HanziTables(short[] wordIndexTable, char[] charIndexTable)
    {
        if (charIndexTable.Length != PrimeIndexLength || wordIndexTable.Length != PrimeIndexLength)
        {
            throw new InvalidOperationException("unexpected SmartCn word index table size");
        }

        var tables = new int[LastHanzi - FirstHanzi + 1];
        for (var c = FirstHanzi; c <= LastHanzi; c++)
        {
            var slot = WordItemTableIndex(charIndexTable, c);
            tables[c - FirstHanzi] = slot < 0 ? -1 : wordIndexTable[slot];
        }

        return tables;
    }

    private static (BigramSlot[] Slots, ulong[] Bloom) Bigrams(long[] bigramHashes, int[] bigramFrequencies)
    {
        if (bigramHashes.Length != PrimeBigramLength || bigramFrequencies.Length != PrimeBigramLength)
        {
            throw new InvalidOperationException("unexpected SmartCn bigram table size");
        }

        var slots = new BigramSlot[PrimeBigramLength];
        var filter = new ulong[1 << BloomWordBits];
        for (var i = 0; i < PrimeBigramLength; i++)
        {
            slots[i] = new BigramSlot(bigramHashes[i], bigramFrequencies[i]);
            if (bigramHashes[i] != 0)
            {
                var (word, mask) = BloomBitsOf(bigramHashes[i]);
                filter[word] |= mask;
            }
        }

        return (slots, filter);
    }

    private SmartCnDictionaries(int[] hanziTables, char[]?[]?[] charArrays, int[]?[] frequencies, (BigramSlot[] Slots, ulong[] Bloom) bigramTable)
    {
        // Flatten the entry tables.
        var tables = charArrays.Length;
        tableStart = new int[tables + 1];
        var itemCount = 0;
        var charCount = 0;
        for (var t = 0; t < tables; t++)
        {
            tableStart[t] = itemCount;
            var items = charArrays[t];
            if (items is null)
            {
                continue;
            }

            if (frequencies[t] is not { } f || f.Length < items.Length)
            {
                throw new InvalidOperationException("SmartCn frequency table does not match its word table");
            }

            itemCount += items.Length;
            foreach (var item in items)
            {
                charCount += item?.Length ?? 0; // a null entry compares exactly like an empty one in the package
            }
        }

        tableStart[tables] = itemCount;
        itemCharStart = new int[itemCount + 1];
        itemChars = new char[charCount];
        itemFrequency = new int[itemCount];
        var k = 0;
        var c0 = 0;
        var tableIsNull = new bool[tables];
        for (var t = 0; t < tables; t++)
        {
            var items = charArrays[t];
            if (items is null)
            {
                tableIsNull[t] = true;
                continue;
            }

            for (var j = 0; j < items.Length; j++, k++)
            {
                itemCharStart[k] = c0;
                if (items[j] is { } chars)
                {
                    chars.CopyTo(itemChars, c0);
                    c0 += chars.Length;
                }

                itemFrequency[k] = frequencies[t]![j];
            }
        }

        itemCharStart[itemCount] = c0;

        tableSorted = new bool[tables];
        for (var t = 0; t < tables; t++)
        {
            var sorted = true;
            for (var item = tableStart[t] + 1; item < tableStart[t + 1] && sorted; item++)
            {
                sorted = Item(item - 1).SequenceCompareTo(Item(item)) <= 0;
            }

            tableSorted[t] = sorted;
        }

        // Character -> table, as GetWordItemTableIndex then wordIndexTable. Lookups only ever start with a Hanzi.
        hanziTable = hanziTables;
        for (var c = FirstHanzi; c <= LastHanzi; c++)
        {
            var table = hanziTable[c - FirstHanzi];
            if (table >= 0 && (table >= tables || tableIsNull[table]))
            {
                // The package would throw on this character; refuse rather than differ.
                throw new InvalidOperationException($"SmartCn table for U+{(int)c:X4} is missing");
            }
        }

        // Frequencies the package computes by binary search (FindInTable), replayed once per entry and per Hanzi.
        itemExactFrequency = new int[itemCount];
        for (var t = 0; t < tables; t++)
        {
            for (var item = tableStart[t]; item < tableStart[t + 1]; item++)
            {
                var found = FindInTable(t, Item(item));
                itemExactFrequency[item] = found < 0 ? 0 : itemFrequency[tableStart[t] + found];
            }
        }

        hanziFrequency = new int[hanziTable.Length];
        for (var i = 0; i < hanziTable.Length; i++)
        {
            hanziFrequency[i] = WordFrequency(((char)(FirstHanzi + i)).ToString());
        }

        (tableRoot, childStart, nodeChar, nodeExact) = BuildTrie();

        StringFrequency = WordFrequency("未##串");
        NumberFrequency = WordFrequency("未##数");
        StartFrequency = WordFrequency("始##始");
        EndFrequency = WordFrequency("末##末");

        (bigrams, bloom) = bigramTable;
    }

    /// <summary>
    /// These dictionaries with more words: each Chinese word (two or more chars U+4E00–U+9FA5) is added with its
    /// frequency, or, when the dictionary has it already, keeps the larger of the two frequencies. The bigram table is
    /// shared: a new word has no bigrams, so its weight comes from its frequency alone (the smoothing term).
    /// </summary>
    /// <param name="words">Words and frequencies (comparable to <see cref="MaxFrequency"/>, the dictionary's total); later
    /// duplicates raise the frequency the same way.</param>
    /// <returns>A new instance; this one is unchanged.</returns>
    /// <exception cref="ArgumentException">A word is not such a Chinese word, or a frequency is negative.</exception>
    public SmartCnDictionaries WithWords(IEnumerable<(string Word, int Frequency)> words)
    {
        ArgumentNullException.ThrowIfNull(words);
        var added = new Dictionary<int, Dictionary<string, int>>(); // table -> suffix -> frequency
        var tables = tableStart.Length - 1;
        var newTables = new Dictionary<char, int>();
        foreach (var (word, frequency) in words)
        {
            if (!IsDictionaryWord(word))
            {
                throw new ArgumentException($"'{word}' is not a word of two or more Chinese characters (U+4E00-U+9FA5)", nameof(words));
            }

            if (frequency < 0)
            {
                throw new ArgumentException($"the frequency of '{word}' is negative ({frequency})", nameof(words));
            }

            var table = hanziTable[word[0] - FirstHanzi];
            if (table < 0 && !newTables.TryGetValue(word[0], out table))
            {
                table = tables + newTables.Count;
                newTables.Add(word[0], table);
            }

            if (!added.TryGetValue(table, out var suffixes))
            {
                added.Add(table, suffixes = new Dictionary<string, int>(StringComparer.Ordinal));
            }

            var suffix = word[1..];
            suffixes[suffix] = Math.Max(frequency, suffixes.GetValueOrDefault(suffix));
        }

        var charArrays = new char[]?[]?[tables + newTables.Count];
        var frequencies = new int[]?[charArrays.Length];
        for (var t = 0; t < charArrays.Length; t++)
        {
            var entries = new Dictionary<string, int>(StringComparer.Ordinal);
            if (t < tables)
            {
                for (var item = tableStart[t]; item < tableStart[t + 1]; item++)
                {
                    entries.TryAdd(Item(item).ToString(), itemFrequency[item]); // the first of duplicates is the one found
                }
            }

            if (added.TryGetValue(t, out var more))
            {
                foreach (var (suffix, frequency) in more)
                {
                    entries[suffix] = Math.Max(frequency, entries.GetValueOrDefault(suffix));
                }
            }

            if (t < tables && !added.ContainsKey(t))
            {
                // Unchanged table: keep its entries and order exactly (frequencies stay bit-for-bit the package's).
                charArrays[t] = Enumerable.Range(tableStart[t], TableLength(t)).Select(item => Item(item).ToArray()).ToArray();
                frequencies[t] = itemFrequency[tableStart[t]..tableStart[t + 1]];
                continue;
            }

            var sorted = entries.Keys.Order(StringComparer.Ordinal).ToArray();
            charArrays[t] = sorted.Select(e => e.ToCharArray()).ToArray();
            frequencies[t] = sorted.Select(e => entries[e]).ToArray();
        }

        var hanziTables = (int[])hanziTable.Clone();
        foreach (var (c, t) in newTables)
        {
            hanziTables[c - FirstHanzi] = t;
        }

        return new SmartCnDictionaries(hanziTables, charArrays, frequencies, (bigrams, bloom));
    }

    /// <summary>Whether <paramref name="word"/> can be a dictionary word: two or more chars, all in U+4E00–U+9FA5 (the
    /// segmenter's Hanzi; others are segmented by class, not by dictionary).</summary>
    public static bool IsDictionaryWord(string? word) =>
        word is { Length: >= 2 } && word.All(c => c is >= FirstHanzi and <= LastHanzi);

    /// <summary>The frequency of <paramref name="word"/> as a whole word, or 0 when the dictionary lacks it.</summary>
    public int FrequencyOf(string word)
    {
        ArgumentException.ThrowIfNullOrEmpty(word);
        return word[0] is >= FirstHanzi and <= LastHanzi ? WordFrequency(word) : 0;
    }

    /// <summary>Entry tables not in sorted order (the package's data has none; they would take the slow walk back).</summary>
    public int UnsortedTableCount => tableSorted.Count(sorted => !sorted);

    /// <summary>Frequency of the placeholder word for Latin strings and unknown symbols (未##串).</summary>
    public int StringFrequency { get; }

    /// <summary>Frequency of the placeholder word for numbers (未##数).</summary>
    public int NumberFrequency { get; }

    /// <summary>Frequency of the sentence-start marker (始##始).</summary>
    public int StartFrequency { get; }

    /// <summary>Frequency of the sentence-end marker (末##末).</summary>
    public int EndFrequency { get; }

    /// <summary>Reads the dictionaries the package has loaded (its singletons), or throws when the package changed shape.</summary>
    public static SmartCnDictionaries LoadFromPackage()
    {
        var assembly = typeof(Lucene.Net.Analysis.Cn.Smart.HMMChineseTokenizer).Assembly;
        const BindingFlags Instance = BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public;
        var wordType = assembly.GetType("Lucene.Net.Analysis.Cn.Smart.Hhmm.WordDictionary", throwOnError: true)!;
        var bigramType = assembly.GetType("Lucene.Net.Analysis.Cn.Smart.Hhmm.BigramDictionary", throwOnError: true)!;
        var word = Singleton(wordType);
        var bigram = Singleton(bigramType);
        return new SmartCnDictionaries(
            Field<short[]>(wordType, word, "wordIndexTable"),
            Field<char[]>(wordType, word, "charIndexTable"),
            Field<char[][][]>(wordType, word, "wordItem_charArrayTable"),
            Field<int[][]>(wordType, word, "wordItem_frequencyTable"),
            Field<long[]>(bigramType, bigram, "bigramHashTable"),
            Field<int[]>(bigramType, bigram, "frequencyTable"));

        static object Singleton(Type type) =>
            type.GetMethod("GetInstance", BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic, Type.EmptyTypes)?.Invoke(null, null)
            ?? throw new InvalidOperationException($"{type.Name}.GetInstance() not found");

        static T Field<T>(Type type, object instance, string name)
            where T : class =>
            type.GetField(name, Instance)?.GetValue(instance) as T
            ?? throw new InvalidOperationException($"{type.Name}.{name} not found or not a {typeof(T).Name}");
    }

    /// <summary>The entry table of a Hanzi, or -1 when the dictionary has no words starting with it.</summary>
    public int TableOf(char hanzi) => hanziTable[hanzi - FirstHanzi];

    /// <summary>Frequency of the single Hanzi as a word.</summary>
    public int HanziFrequency(char hanzi) => hanziFrequency[hanzi - FirstHanzi];

    /// <summary>Frequency the package reports for the word whose entry is <paramref name="tableItem"/> of <paramref name="table"/>.</summary>
    public int ExactFrequency(int table, int tableItem) => itemExactFrequency[tableStart[table] + tableItem];

    /// <summary>Whether entry <paramref name="tableItem"/> of <paramref name="table"/> is exactly <paramref name="suffix"/> (WordDictionary.IsEqual).</summary>
    public bool IsEqual(int table, int tableItem, ReadOnlySpan<char> suffix) => suffix.SequenceEqual(Item(tableStart[table] + tableItem));

    /// <summary>
    /// WordDictionary.GetPrefixMatch: binary search from <paramref name="knownStart"/> for an entry that has
    /// <paramref name="suffix"/> (the word without its first char) as a prefix, then back to the first such entry.
    /// </summary>
    public int PrefixMatch(int table, ReadOnlySpan<char> suffix, int knownStart)
    {
        var offset = tableStart[table];
        var start = knownStart;
        var end = tableStart[table + 1] - offset - 1;
        if (suffix.IsEmpty)
        {
            // Every entry has the empty prefix: the package finds one at once and walks back, entry by entry, to 0.
            return start <= end ? 0 : -1;
        }

        var mid = (start + end) / 2;
        while (start <= end)
        {
            var cmp = CompareByPrefix(suffix, Item(offset + mid));
            if (cmp == 0)
            {
                return tableSorted[table] ? FirstMatchAtOrBefore(offset, suffix, mid) : WalkBack(offset, suffix, mid);
            }

            if (cmp < 0)
            {
                end = mid - 1;
            }
            else
            {
                start = mid + 1;
            }

            mid = (start + end) / 2;
        }

        return -1;
    }

    /// <summary>The number of entries in <paramref name="table"/>.</summary>
    public int TableLength(int table) => tableStart[table + 1] - tableStart[table];

    /// <summary>Whether <paramref name="table"/>'s entries are in ordinal order (every table of the package's data is), so
    /// that <see cref="NarrowByChar"/> may stand in for <see cref="PrefixMatch"/>.</summary>
    public bool IsSorted(int table) => tableSorted[table];

    /// <summary>
    /// In a sorted table, the entries having a prefix one char longer than the entries [<paramref name="lo"/>,
    /// <paramref name="hi"/>) share (<paramref name="depth"/> chars): those whose char at <paramref name="depth"/> is
    /// <paramref name="c"/>, as a range (empty when none).
    /// </summary>
    /// <remarks>The same first entry as <see cref="PrefixMatch"/> finds: in a sorted table the entries having a prefix are
    /// contiguous, those having the longer prefix are a run inside them, and inside them the entries are ordered by the
    /// char at <paramref name="depth"/> (an entry without one, the shorter word itself, first). The segmenter walks the trie
    /// built from the same runs (<see cref="Child"/>); this is the reference the trie is tested against, itself tested
    /// against <see cref="PrefixMatch"/>.</remarks>
    public (int Lo, int Hi) NarrowByChar(int table, int lo, int hi, int depth, char c)
    {
        var offset = tableStart[table];
        var a = lo;
        var b = hi;
        while (a < b)
        {
            var m = (a + b) >>> 1;
            if (CharAt(offset + m, depth) < c)
            {
                a = m + 1;
            }
            else
            {
                b = m;
            }
        }

        var first = a;
        b = hi;
        while (a < b)
        {
            var m = (a + b) >>> 1;
            if (CharAt(offset + m, depth) <= c)
            {
                a = m + 1;
            }
            else
            {
                b = m;
            }
        }

        return (first, a);
    }

    /// <summary>The trie node of a table's first char (a word of one char), or -1 when the table is empty or unsorted (then
    /// <see cref="PrefixMatch"/> is the way).</summary>
    public int RootOf(int table) => tableRoot[table];

    /// <summary>Every entry as a whole word (its table's first char and the entry), in table order (tests).</summary>
    internal IEnumerable<string> AllWords()
    {
        for (var c = FirstHanzi; c <= LastHanzi; c++)
        {
            if (hanziTable[c - FirstHanzi] is var t && t >= 0)
            {
                for (var item = tableStart[t]; item < tableStart[t + 1]; item++)
                {
                    yield return c + Item(item).ToString();
                }
            }
        }
    }

    /// <summary>Number of trie nodes (diagnostics).</summary>
    public int NodeCount => nodeChar.Length;

    /// <summary>
    /// The trie node one char longer than <paramref name="node"/> by <paramref name="c"/>, or -1 when no entry has that
    /// prefix: the same entries as <see cref="NarrowByChar"/> narrows to (tested on every prefix of the sample corpus and
    /// every entry), from one binary search over the node's few child chars, which lie side by side in memory.
    /// </summary>
    public int Child(int node, char c)
    {
        var lo = childStart[node];
        var hi = childStart[node + 1] - 1;
        var chars = nodeChar;
        while (lo <= hi)
        {
            var m = (lo + hi) >>> 1;
            var mc = chars[m];
            if (mc == c)
            {
                return m;
            }

            if (mc < c)
            {
                lo = m + 1;
            }
            else
            {
                hi = m - 1;
            }
        }

        return -1;
    }

    /// <summary>The frequency the package reports for the word <paramref name="node"/> spells (as <see cref="ExactFrequency"/>
    /// of the first entry having its prefix, when <see cref="IsEqual"/> holds for it), or -1 when no entry is that word.</summary>
    public int NodeExact(int node) => nodeExact[node];

    /// <summary>Builds the trie breadth first, so that each node's children get consecutive ids.</summary>
    private (int[] Roots, int[] ChildStart, char[] Chars, int[] Exact) BuildTrie()
    {
        var tables = tableStart.Length - 1;
        var roots = new int[tables];
        var lo = new List<int>();
        var hi = new List<int>();
        var depth = new List<int>();
        var table = new List<int>();
        var chars = new List<char>();
        var exact = new List<int>();
        for (var t = 0; t < tables; t++)
        {
            roots[t] = -1;
            if (tableSorted[t] && TableLength(t) > 0)
            {
                roots[t] = chars.Count;
                lo.Add(0);
                hi.Add(TableLength(t));
                depth.Add(0);
                table.Add(t);
                chars.Add('\0');
                exact.Add(-1);
            }
        }

        var childStarts = new List<int>();
        for (var v = 0; v < chars.Count; v++)
        {
            childStarts.Add(chars.Count);
            var offset = tableStart[table[v]];
            var d = depth[v];
            var k = lo[v];
            while (k < hi[v] && CharAt(offset + k, d) < 0)
            {
                k++; // the node's own word (and any duplicate of it) sorts first and has no char at this depth
            }

            while (k < hi[v])
            {
                var c = CharAt(offset + k, d);
                var m = k + 1;
                while (m < hi[v] && CharAt(offset + m, d) == c)
                {
                    m++;
                }

                lo.Add(k);
                hi.Add(m);
                depth.Add(d + 1);
                table.Add(table[v]);
                chars.Add((char)c);
                exact.Add(Item(offset + k).Length == d + 1 ? itemExactFrequency[offset + k] : -1);
                k = m;
            }
        }

        childStarts.Add(chars.Count);
        return (roots, childStarts.ToArray(), chars.ToArray(), exact.ToArray());
    }

    /// <summary>The entry's char at <paramref name="depth"/>, or -1 when the entry is not that long (it sorts first).</summary>
    private int CharAt(int item, int depth)
    {
        var start = itemCharStart[item];
        return depth < itemCharStart[item + 1] - start ? itemChars[start + depth] : -1;
    }

    /// <summary>FNV state before any char (AbstractDictionary.Hash1 over a char array, no final mixing).</summary>
    public const long FnvSeed = unchecked((long)0xcbf29ce484222325L);

    /// <summary>djb2 state before any char (AbstractDictionary.Hash2, with the package's operator precedence).</summary>
    public const int DjbSeed = 5381;

    /// <summary>Feeds one char to the package's Hash1 (array form).</summary>
    public static long Fnv(long hash, char c)
    {
        const long P = 1099511628211L;
        unchecked
        {
            hash = (hash ^ (c & 0xFF)) * P;
            return (hash ^ (c >> 8)) * P;
        }
    }

    /// <summary>Feeds one char to the package's Hash2 (array form).</summary>
    public static int Djb(int hash, char c)
    {
        unchecked
        {
            hash = ((hash << 5) + hash + c) & 0xFF;
            return ((hash << 5) + hash + c) >> 8;
        }
    }

    /// <summary>BigramDictionary.GetFrequency for a key whose Hash1 and Hash2 are given.</summary>
    public int BigramFrequency(long hash1, int hash2)
    {
        if (hash1 != 0)
        {
            // 0 is what an empty slot holds: the package's probe "finds" it there, so it must take the exact path.
            var (word, mask) = BloomBitsOf(hash1);
            if ((bloom[word] & mask) != mask)
            {
                return 0;
            }
        }

        return ProbeBigram(hash1, hash2);
    }

    /// <summary>The filter word of a hash and the two bits it sets there.</summary>
    private static (int Word, ulong Mask) BloomBitsOf(long hash)
    {
        var mixed = unchecked((ulong)hash * 0x9E3779B97F4A7C15UL);
        return ((int)(mixed >> (64 - BloomWordBits)), (1UL << (int)((mixed >> 20) & 63)) | (1UL << (int)((mixed >> 26) & 63)));
    }

    /// <summary>The package's BigramDictionary.GetBigramItemIndex probe, then the frequency found (or 0).</summary>
    private int ProbeBigram(long hash1, int hash2)
    {
        unchecked
        {
            var h1 = (int)(hash1 % PrimeBigramLength);
            var h2 = hash2 % PrimeBigramLength;
            if (h1 < 0)
            {
                h1 = PrimeBigramLength + h1;
            }

            if (h2 < 0)
            {
                h2 = PrimeBigramLength + h2;
            }

            var table = bigrams;
            var index = h1;
            var i = 1;
            long stored;
            while ((stored = table[index].Hash) != 0 && stored != hash1 && i < PrimeBigramLength)
            {
                index = (h1 + (i * h2)) % PrimeBigramLength;
                i++;
            }

            return i < PrimeBigramLength && stored == hash1 ? table[index].Frequency : 0;
        }
    }

    /// <summary>The package's walk back from a match to the first entry of its run of matches, one entry at a time.</summary>
    private int WalkBack(int offset, ReadOnlySpan<char> suffix, int mid)
    {
        while (mid >= 0 && CompareByPrefix(suffix, Item(offset + mid)) == 0)
        {
            mid--;
        }

        return mid + 1;
    }

    /// <summary>
    /// The same answer as <see cref="WalkBack"/> by binary search, valid in a sorted table: there the entries having a
    /// prefix are contiguous, so over [0, mid] "has the prefix" is false then true.
    /// </summary>
    private int FirstMatchAtOrBefore(int offset, ReadOnlySpan<char> suffix, int mid)
    {
        var lo = 0;
        var hi = mid;
        while (lo < hi)
        {
            var m = (lo + hi) >>> 1;
            if (CompareByPrefix(suffix, Item(offset + m)) == 0)
            {
                hi = m;
            }
            else
            {
                lo = m + 1;
            }
        }

        return lo;
    }

    private ReadOnlySpan<char> Item(int item) => itemChars.AsSpan(itemCharStart[item], itemCharStart[item + 1] - itemCharStart[item]);

    /// <summary>WordDictionary.GetFrequency for a whole word.</summary>
    private int WordFrequency(string word)
    {
        var table = hanziTable[word[0] - FirstHanzi];
        if (table < 0)
        {
            return 0;
        }

        var found = FindInTable(table, word.AsSpan(1));
        return found < 0 ? 0 : itemFrequency[tableStart[table] + found];
    }

    /// <summary>WordDictionary.FindInTable: plain binary search for the entry equal to <paramref name="suffix"/>.</summary>
    private int FindInTable(int table, ReadOnlySpan<char> suffix)
    {
        var offset = tableStart[table];
        var start = 0;
        var end = tableStart[table + 1] - offset - 1;
        var mid = (start + end) / 2;
        while (start <= end)
        {
            var cmp = Item(offset + mid).SequenceCompareTo(suffix);
            if (cmp == 0)
            {
                return mid;
            }

            if (cmp < 0)
            {
                start = mid + 1;
            }
            else
            {
                end = mid - 1;
            }

            mid = (start + end) / 2;
        }

        return -1;
    }

    /// <summary>Utility.CompareArrayByPrefix(word, 1, entry, 0): 0 when <paramref name="suffix"/> is a prefix of the entry.</summary>
    private static int CompareByPrefix(ReadOnlySpan<char> suffix, ReadOnlySpan<char> entry)
    {
        var common = suffix.CommonPrefixLength(entry);
        if (common == suffix.Length)
        {
            return 0;
        }

        if (common == entry.Length)
        {
            return 1;
        }

        return suffix[common] < entry[common] ? -1 : 1;
    }

    /// <summary>WordDictionary.GetWordItemTableIndex: the char's slot in the double-hashed char table, or -1.</summary>
    private static int WordItemTableIndex(char[] charIndexTable, char c)
    {
        unchecked
        {
            var h1 = (int)(CharHash1(c) % PrimeIndexLength);
            var h2 = Djb(DjbSeed, c) % PrimeIndexLength;
            if (h1 < 0)
            {
                h1 = PrimeIndexLength + h1;
            }

            if (h2 < 0)
            {
                h2 = PrimeIndexLength + h2;
            }

            var index = h1;
            var i = 1;
            while (charIndexTable[index] != 0 && charIndexTable[index] != c && i < PrimeIndexLength)
            {
                index = (h1 + (i * h2)) % PrimeIndexLength;
                i++;
            }

            return i < PrimeIndexLength && charIndexTable[index] == c ? index : -1;
        }
    }

    /// <summary>AbstractDictionary.Hash1(char): FNV of one char with the final avalanche the array form lacks.</summary>
    private static long CharHash1(char c)
    {
        unchecked
        {
            var hash = Fnv(FnvSeed, c);
            hash += hash << 13;
            hash ^= hash >> 7;
            hash += hash << 3;
            hash ^= hash >> 17;
            hash += hash << 5;
            return hash;
        }
    }
}

using System.Globalization;

namespace PatentNav.Text.Internal;

/// <summary>
/// The dictionaries the engine segments with: SmartCn's own, plus a general vocabulary from jieba's dictionary and a
/// patent vocabulary discovered from public Chinese patent texts, loaded into <see cref="SmartCnDictionaries"/>.
/// </summary>
/// <remarks>
/// <para>SmartCn's dictionary lacks everyday technical words (电容 → 电/容, 触控 → 触/控); jieba's (MIT, taken from the
/// jieba.NET package at build time) has them. Only jieba words SmartCn lacks are added, without compounds of two known
/// words (数据处理 = 数据 + 处理: one token would hide its parts from search and features) and numeral–classifier words
/// (一条, 第一类); their frequencies are scaled by the ratio of the two corpora's totals.</para>
/// <para>The patent vocabulary (<c>Resources/text/patent-vocabulary.txt</c>) holds the terms <see cref="TermDiscovery"/>
/// finds in KPPatent-ZH (MIT) over SmartCn's segmentation (壳体, 前驱体, 通孔); rebuild it with
/// <c>dotnet run --project tools/PatentNav.SampleBuilder -- --vocabulary</c>. A workspace's own discovered terms are
/// joined on top by <see cref="FeatureTokenizer"/>.</para>
/// </remarks>
internal static class PatentVocabulary
{
    /// <summary>Names the dictionary's make-up; a term lexicon discovered over another segmentation is rebuilt.</summary>
    internal const string Version = "smartcn+jieba-0.42.2+patent-1;codes";

    /// <summary>Total of jieba's frequencies (the sum over dict.txt).</summary>
    private const double JiebaTotal = 60_101_967;

    /// <summary>The frequency a patent-vocabulary term gets: that of a word seen 50 times in SmartCn's corpus, enough to
    /// beat the split into its single characters, not enough to beat a common word beside it.</summary>
    internal const int TermFrequency = 50;

    private const string Numerals = "一二三四五六七八九十两几多每第各某本该此这那";
    private const string NumeralInner = "一二三四五六七八九十百千万亿零〇两几多余";

    /// <summary>jieba's words to add to <paramref name="stock"/>, with scaled frequencies (see remarks).</summary>
    public static List<(string Word, int Frequency)> JiebaWords(SmartCnDictionaries stock)
    {
        var candidates = new List<(string Word, int Frequency)>();
        foreach (var line in ReadLines("PatentNav.text/jieba-dict.txt"))
        {
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            if (space < 0)
            {
                continue;
            }

            var word = line[..space];
            var end = line.IndexOf(' ', space + 1);
            var frequencyText = end < 0 ? line[(space + 1)..] : line[(space + 1)..end];
            if (!SmartCnDictionaries.IsDictionaryWord(word) || stock.FrequencyOf(word) > 0 || IsNumeralWord(word)
                || !int.TryParse(frequencyText, NumberStyles.None, CultureInfo.InvariantCulture, out var frequency))
            {
                continue;
            }

            candidates.Add((word, (int)Math.Max(1, Math.Round(frequency * (SmartCnDictionaries.MaxFrequency / JiebaTotal)))));
        }

        var known = new HashSet<string>(stock.AllWords(), StringComparer.Ordinal);
        known.UnionWith(candidates.Select(c => c.Word));
        return candidates.Where(c => !IsCompound(c.Word, known)).ToList();
    }

    /// <summary>The bundled patent vocabulary's terms with <see cref="TermFrequency"/>.</summary>
    public static IEnumerable<(string Word, int Frequency)> PatentTerms() =>
        ReadLines("PatentNav.text/patent-vocabulary.txt")
            .Where(l => l.Length > 0 && l[0] != '#')
            .Select(l => (l.Trim(), TermFrequency));

    /// <summary>SmartCn's dictionaries with jieba's words and the patent vocabulary.</summary>
    public static SmartCnDictionaries Build(SmartCnDictionaries stock) =>
        stock.WithWords(JiebaWords(stock).Concat(PatentTerms()));

    /// <summary>A numeral (or a determiner such as 每, 该) and one more char, or a number and a classifier (一条, 第一类,
    /// 一万一千五百二十颗): treebanks split these, and a number word per number would flood the dictionary.</summary>
    internal static bool IsNumeralWord(string word) =>
        Numerals.Contains(word[0], StringComparison.Ordinal) && word[1..^1].All(c => NumeralInner.Contains(c, StringComparison.Ordinal));

    /// <summary>Whether <paramref name="word"/> is two or more known words of two or more characters each.</summary>
    internal static bool IsCompound(string word, HashSet<string> known)
    {
        var reachable = new bool[word.Length + 1];
        reachable[0] = true;
        for (var i = 0; i < word.Length; i++)
        {
            if (!reachable[i])
            {
                continue;
            }

            for (var j = i + 2; j <= word.Length; j++)
            {
                if (j - i < word.Length && known.Contains(word[i..j]))
                {
                    reachable[j] = true;
                }
            }
        }

        return reachable[word.Length];
    }

    private static IEnumerable<string> ReadLines(string name)
    {
        using var stream = typeof(PatentVocabulary).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"embedded resource '{name}' is missing from PatentNav.Core");
        using var reader = new StreamReader(stream);
        while (reader.ReadLine() is { } line)
        {
            yield return line;
        }
    }
}

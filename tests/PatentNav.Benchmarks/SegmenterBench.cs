using System.Diagnostics;
using System.Globalization;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Cn.Smart;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Util;
using PatentNav.Records;
using PatentNav.Text;

namespace PatentNav.Benchmarks;

/// <summary>
/// Times Chinese word segmentation alone: SmartCn's HMMChineseTokenizer against FastSmartCnTokenizer (and the two Words
/// analyzers), on the title+abstract of each corpus record, one thread, one reused token stream each, rounds interleaved
/// after a warm-up round so that both see the same machine noise. Prints every round and the medians.
/// </summary>
internal static class SegmenterBench
{
    public static void Run(string corpusPath, int rounds)
    {
        var load = Stopwatch.StartNew();
        _ = FastSmartCnTokenizer.StockDictionaries;
        var stockSeconds = load.Elapsed.TotalSeconds;
        _ = FastSmartCnTokenizer.Dictionaries;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"dictionaries: SmartCn's loaded in {stockSeconds:F2} s, the patent dictionary built from it in {load.Elapsed.TotalSeconds - stockSeconds:F2} s"));
        var texts = File.ReadLines(corpusPath)
            .Select(PatentJson.Deserialize)
            .Select(r => $"{r.Title}\n{r.Abstract}")
            .ToList();
        long chars = texts.Sum(t => (long)t.Length);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"texts: {texts.Count:N0} (title+abstract), {chars:N0} chars, {chars / (double)texts.Count:F0} chars/record; fast path available: {FastSmartCnTokenizer.IsAvailable}, unsorted dictionary tables: {FastSmartCnTokenizer.Dictionaries?.UnsortedTableCount}, prefix-trie nodes: {FastSmartCnTokenizer.Dictionaries?.NodeCount:N0}"));

        using var stockAnalyzer = new SmartChineseAnalyzer(LuceneVersion.LUCENE_48, PatentStopWords.Set);
        using var stockWords = new SmartCnWordsAnalyzer(PatentStopWords.Set, FastSmartCnTokenizer.StockDictionaries!, joinNumbers: false);
        var candidates = new (string Name, Func<long> Pass)[]
        {
            ("HMMChineseTokenizer (stock)", () => TokenizerPass(new HMMChineseTokenizer(new StringReader(string.Empty)), texts)),
            ("FastSmartCnTokenizer, SmartCn dict", () => TokenizerPass(new FastSmartCnTokenizer(new StringReader(string.Empty), FastSmartCnTokenizer.StockDictionaries!, joinNumbers: false), texts)),
            ("SmartChineseAnalyzer (stock)", () => AnalyzerPass(stockAnalyzer, texts)),
            ("PatentAnalyzers.Words (fast)", () => AnalyzerPass(PatentAnalyzers.Words, texts)),
            ("FastSmartCnTokenizer, patent dict", () => TokenizerPass(new FastSmartCnTokenizer(new StringReader(string.Empty)), texts)),
            ("Words, SmartCn dict (before)", () => AnalyzerPass(stockWords, texts)),
        };

        var timings = candidates.Select(_ => new List<double>()).ToArray();
        var tokenCounts = new long[candidates.Length];
        for (var round = 0; round <= rounds; round++)
        {
            for (var c = 0; c < candidates.Length; c++)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
                var sw = Stopwatch.StartNew();
                tokenCounts[c] = candidates[c].Pass();
                var seconds = sw.Elapsed.TotalSeconds;
                if (round > 0)
                {
                    timings[c].Add(chars / seconds);
                }

                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  round {round}{(round == 0 ? " (warm-up)" : string.Empty),-10} {candidates[c].Name,-30} {chars / seconds,12:N0} chars/s  {tokenCounts[c]:N0} tokens"));
            }
        }

        Console.WriteLine();
        Console.WriteLine($"median of {rounds} rounds, single thread:");
        for (var c = 0; c < candidates.Length; c++)
        {
            var median = BenchStats.Median(timings[c]);
            var perRecord = median / (chars / (double)texts.Count);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {candidates[c].Name,-30} {median,12:N0} chars/s  ({perRecord:N0} records/s)  min {timings[c].Min():N0}  max {timings[c].Max():N0}"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"speed-up: tokenizer x{BenchStats.Median(timings[1]) / BenchStats.Median(timings[0]):F2}, analyzer x{BenchStats.Median(timings[5]) / BenchStats.Median(timings[2]):F2} (same dictionary)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"patent dictionary against SmartCn's: tokenizer {BenchStats.Median(timings[4]) / BenchStats.Median(timings[1]):P0}, Words analyzer {BenchStats.Median(timings[3]) / BenchStats.Median(timings[5]):P0} of the speed"));
        if (tokenCounts[0] != tokenCounts[1] || tokenCounts[2] != tokenCounts[5])
        {
            Console.WriteLine("WARNING: token counts differ between stock and fast");
        }

        // The same texts for the peers (Lucene Java's smartcn, jieba): one per line.
        var textsPath = Path.Combine(Path.GetDirectoryName(corpusPath) ?? ".", "segmenter-texts.txt");
        File.WriteAllLines(textsPath, texts.Select(t => t.Replace('\n', ' ')));
        var peers = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "peers", "run-peers.sh");
        if (File.Exists(peers))
        {
            Console.WriteLine();
            Console.WriteLine("peers on the same texts (title and abstract joined by a space):");
            using var process = Process.Start(new ProcessStartInfo("bash", $"\"{peers}\" \"{textsPath}\"") { RedirectStandardOutput = true, RedirectStandardError = true })!;
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            foreach (var line in output.Split('\n').Where(l => l.Contains("chars/s", StringComparison.Ordinal) || l.Contains("skipped", StringComparison.Ordinal)))
            {
                Console.WriteLine("  " + line);
            }
        }
    }

    private static long TokenizerPass(Tokenizer tokenizer, List<string> texts)
    {
        using (tokenizer)
        {
            long tokens = 0;
            var term = tokenizer.AddAttribute<ICharTermAttribute>();
            foreach (var text in texts)
            {
                tokenizer.SetReader(new StringReader(text));
                tokenizer.Reset();
                while (tokenizer.IncrementToken())
                {
                    tokens += term.Length > 0 ? 1 : 0;
                }

                tokenizer.End();
                tokenizer.Dispose();
            }

            return tokens;
        }
    }

    private static long AnalyzerPass(Analyzer analyzer, List<string> texts)
    {
        long tokens = 0;
        foreach (var text in texts)
        {
            using var stream = analyzer.GetTokenStream("f", new StringReader(text));
            var term = stream.AddAttribute<ICharTermAttribute>();
            stream.Reset();
            while (stream.IncrementToken())
            {
                tokens += term.Length > 0 ? 1 : 0;
            }

            stream.End();
        }

        return tokens;
    }
}

using System.Diagnostics;
using System.Globalization;
using Lucene.Net.Analysis.TokenAttributes;
using PatentNav.Text;
using PatentNav.Text.Internal;

namespace PatentNav.Benchmarks;

/// <summary>
/// Scores word segmentation against gold files (one sentence a line, gold words separated by white space), SIGHAN
/// bakeoff style: precision, recall and F1 over word spans. Ours through the complete segmentation the Api's
/// <c>POST /api/text/segment</c> returns as <c>words</c>; jieba 0.42 (Debian's python3-jieba, precise mode) as the peer.
/// </summary>
/// <remarks>The gold files are measuring data only and are not part of the project: the patent gold is
/// <c>../shared/data/seg-gold-patentchar</c> (UD_Chinese-PatentChar, licence in its SOURCE.md); a news gold (SIGHAN 2005
/// PKU test gold, or part of it) is passed with <c>--gold</c>.</remarks>
internal static class SegmentationQualityBench
{
    public static int Run(string shared, IReadOnlyList<string> extraGolds, bool show = false)
    {
        var golds = new List<string>();
        var patent = Path.Combine(shared, "data", "seg-gold-patentchar", "patentchar_dev_gold.txt");
        if (File.Exists(patent))
        {
            golds.Add(patent);
        }

        golds.AddRange(extraGolds);
        if (golds.Count == 0)
        {
            Console.Error.WriteLine($"no gold file: {patent} is missing and no --gold was given");
            return 2;
        }

        var stock = FastSmartCnTokenizer.StockDictionaries!;
        var withJieba = stock.WithWords(PatentVocabulary.JiebaWords(stock));
        var tokenizer = new FeatureTokenizer(TermLexicon.Empty);
        var variants = new List<(string Name, Func<string, List<(int Start, int End)>> Segment)>
        {
            ("SmartCn alone (stock dictionary)", text => Spans(new FastSmartCnTokenizer(new StringReader(text), stock, joinNumbers: false))),
            ("+ jieba vocabulary, joined numbers", text => Spans(new FastSmartCnTokenizer(new StringReader(text), withJieba))),
            ("+ patent vocabulary = PatentNav words", text => tokenizer.SegmentWords(text).Select(w => (w.Start, w.End)).ToList()),
        };

        foreach (var gold in golds)
        {
            var sentences = File.ReadLines(gold).Where(l => !string.IsNullOrWhiteSpace(l)).ToList();
            if (show)
            {
                foreach (var line in sentences)
                {
                    var text = string.Concat(line.Split([' ', '\t', '\u3000'], StringSplitOptions.RemoveEmptyEntries));
                    Console.WriteLine($"  gold: {line}\n  ours: {string.Join(' ', tokenizer.SegmentWords(text).Select(w => w.Text))}");
                }
            }

            Console.WriteLine($"{Path.GetFileName(gold)}: {sentences.Count} sentences");
            foreach (var (name, segment) in variants)
            {
                var score = Score(sentences, segment);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name,-40} P {score.P:F3}  R {score.R:F3}  F1 {score.F1:F3}"));
            }

            var peer = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "peers", "seg_quality_peer.py");
            if (File.Exists(peer) && File.Exists("/usr/bin/python3"))
            {
                using var process = Process.Start(new ProcessStartInfo("/usr/bin/python3", $"\"{peer}\" \"{gold}\"") { RedirectStandardOutput = true })!;
                Console.Write(process.StandardOutput.ReadToEnd());
                process.WaitForExit();
            }
        }

        return 0;
    }

    private static List<(int Start, int End)> Spans(FastSmartCnTokenizer tokenizer)
    {
        var spans = new List<(int, int)>();
        var offset = tokenizer.AddAttribute<IOffsetAttribute>();
        tokenizer.Reset();
        while (tokenizer.IncrementToken())
        {
            spans.Add((offset.StartOffset, offset.EndOffset));
        }

        tokenizer.End();
        tokenizer.Dispose();
        return spans;
    }

    /// <summary>SIGHAN scoring: a word counts as right when its span equals a gold word's span.</summary>
    public static (double P, double R, double F1) Score(IEnumerable<string> goldLines, Func<string, List<(int Start, int End)>> segment)
    {
        long right = 0, produced = 0, expected = 0;
        foreach (var line in goldLines)
        {
            var words = line.Split([' ', '\t', '\u3000'], StringSplitOptions.RemoveEmptyEntries);
            var text = string.Concat(words);
            var gold = new HashSet<(int, int)>();
            var at = 0;
            foreach (var w in words)
            {
                gold.Add((at, at + w.Length));
                at += w.Length;
            }

            var ours = segment(text);
            produced += ours.Count;
            expected += gold.Count;
            right += ours.Count(gold.Contains);
        }

        var p = produced == 0 ? 0 : right / (double)produced;
        var r = expected == 0 ? 0 : right / (double)expected;
        return (p, r, p + r == 0 ? 0 : 2 * p * r / (p + r));
    }
}

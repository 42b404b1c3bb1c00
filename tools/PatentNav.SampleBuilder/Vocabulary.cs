using System.Text;
using System.Text.Json;
using PatentNav.Text;
using PatentNav.Text.Internal;

namespace PatentNav.SampleBuilder;

/// <summary>
/// Builds the patent vocabulary the engine's segmenter loads (<c>src/PatentNav.Core/Resources/text/patent-vocabulary.txt</c>):
/// the terms <see cref="TermDiscovery"/> finds, with its default thresholds, in the titles, abstracts and claims of
/// KPPatent-ZH (MIT, <c>../shared/data/kppatent-zh</c>), segmented by SmartCn's own dictionary. Deterministic.
/// </summary>
internal static class Vocabulary
{
    public static int Build(string data, string output)
    {
        var folder = Path.Combine(data, "kppatent-zh");
        var files = new[] { "kppatent_test_tac.jsonl", "kppatent_train_abstract.jsonl" }.Select(f => Path.Combine(folder, f)).ToList();
        if (files.FirstOrDefault(f => !File.Exists(f)) is { } missing)
        {
            Console.Error.WriteLine($"expected '{Path.GetFullPath(missing)}'; pass --shared");
            return 2;
        }

        var texts = new List<string>();
        foreach (var line in files.SelectMany(File.ReadLines).Where(l => l.Length > 0))
        {
            using var doc = JsonDocument.Parse(line);
            texts.Add(string.Join('\n', new[] { "title", "abstract", "claims" }
                .Where(k => doc.RootElement.TryGetProperty(k, out var v) && v.ValueKind == JsonValueKind.String)
                .Select(k => doc.RootElement.GetProperty(k).GetString())));
        }

        var stock = FastSmartCnTokenizer.StockDictionaries ?? throw new InvalidOperationException("SmartCn's dictionaries could not be read");
        using var analyzer = new SmartCnWordsAnalyzer(PatentStopWords.Set, stock, joinNumbers: false);
        var lexicon = TermDiscovery.Discover(texts, options: null, stamp: null, progress: null, analyzer, CancellationToken.None);
        var terms = lexicon.Terms.Select(t => t.Text).Where(SmartCnDictionaries.IsDictionaryWord).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

        var text = new StringBuilder()
            .Append("# Patent vocabulary of PatentNav's segmenter: one term a line, loaded into SmartCn's dictionary with frequency ")
            .Append(PatentVocabulary.TermFrequency).Append('\n')
            .Append("# Terms discovered (TermDiscovery, default thresholds, over SmartCn's own segmentation) in the titles, abstracts and claims\n")
            .Append("# of KPPatent-ZH (tanggongbo/KPPatent-ZH, commit 03881440c311158ba710bb55fcabe66b89182730, MIT licence: ")
            .Append(texts.Count).Append(" texts).\n")
            .Append("# Rebuilt by: dotnet run --project tools/PatentNav.SampleBuilder -- --vocabulary [--shared ../shared]\n");
        foreach (var term in terms)
        {
            text.Append(term).Append('\n');
        }

        Output.Text(output, text.ToString());
        Console.WriteLine($"wrote {terms.Count} terms from {texts.Count} texts to {Path.GetFullPath(output)}");
        return 0;
    }
}

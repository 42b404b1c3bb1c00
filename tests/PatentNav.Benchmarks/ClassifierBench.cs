using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using PatentNav.Records;
using PatentNav.Taxonomy;
using PatentNav.Text;

namespace PatentNav.Benchmarks;

/// <summary>
/// Quality and speed of the industry text classifier on real data: the titles of cn-titles-ipc with labels from their real
/// IPC subclasses (SEI–IPC 2021 first-level industries and the default city chains), a seeded 80/20 split written to files,
/// ours against jieba + scikit-learn TF-IDF + one-vs-rest LogisticRegression / LinearSVC on exactly that split, every
/// figure computed by the same metric code (<see cref="ClassifierMetrics"/>). Then training time on 10,000 records and
/// prediction throughput.
/// </summary>
internal static class ClassifierBench
{
    private const int Seed = 42;
    private static readonly float[] Grid = [0.3f, 0.1f, 0.03f, 0.01f, 0.003f];
    private static readonly double[] ExponentGrid = [0, 0.25, 0.5, 0.75];
    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly string[] PriorityChains = ["高端石化", "新医药", "新材料", "海工装备", "新能源"];

    public static int Run(string shared, string outDir, int rounds)
    {
        var csv = Path.Combine(shared, "data", "cn-titles-ipc", "cn_patent_titles_ipc_subclasses.csv");
        if (!File.Exists(csv))
        {
            Console.WriteLine($"classifier benchmark skipped: {csv} not found (it needs ../shared/data/cn-titles-ipc; pass --shared DIR)");
            return 0;
        }

        var dir = Path.Combine(outDir, "classifier");
        Directory.CreateDirectory(dir);
        var taxonomies = IndustryTaxonomies.Default;
        Console.WriteLine($"PatentNav classifier benchmark: {Environment.ProcessorCount} cores, load {BenchStats.LoadAverage()}, {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}");

        // 1. Rows and labels from their real IPC subclasses.
        var rows = new List<Row>();
        var wordingOnly = 0;
        foreach (var line in File.ReadLines(csv).Skip(1))
        {
            var f = CorpusBuilder.SplitCsv(line);
            if (f.Count < 4 || string.IsNullOrWhiteSpace(f[2]))
            {
                continue;
            }

            var codes = f[3].Split('|', StringSplitOptions.RemoveEmptyEntries).Select(IpcCode.Parse).ToList();
            var record = new PatentRecord { PublicationNumber = PublicationNumber.Parse("ZZ" + (8_500_000 + rows.Count).ToString(CultureInfo.InvariantCulture) + "A"), Title = f[2], Ipc = codes, MainIpc = codes[0] };
            var labels = IndustryClassifier.LabelsOf(record, taxonomies);
            if (labels.Except(IndustryClassifier.LabelsOf(record with { Title = null }, taxonomies)).Any())
            {
                wordingOnly++;
            }

            rows.Add(new Row(rows.Count.ToString(CultureInfo.InvariantCulture), f[2], labels));
        }

        var classes = IndustryClassifier.ClassesOf(taxonomies);
        Console.WriteLine($"rows: {rows.Count:N0} real titles with real IPC subclasses ({csv})");
        Console.WriteLine($"label coverage at subclass level: {rows.Count(r => r.Labels.Any(l => l.StartsWith("sei:", StringComparison.Ordinal))):N0} rows with an SEI industry, {rows.Count(r => r.Labels.Any(l => l.StartsWith("city:", StringComparison.Ordinal))):N0} with a city chain, {rows.Count(r => r.Labels.Count == 0):N0} with none; {wordingOnly} rows have a city chain from the wording rule alone");
        foreach (var c in classes)
        {
            Console.WriteLine($"  {c.Key,-16} {c.Name,-12} {rows.Count(r => r.Labels.Contains(c.Key)),6:N0}");
        }

        // 2. Seeded 80/20 split; inside the training part a seeded 75/25 fit/val split for tuning (both sides use it).
        var random = new Random(Seed);
        var shuffled = rows.OrderBy(_ => random.Next()).ToList();
        var cut = (int)Math.Round(shuffled.Count * 0.8);
        var train = shuffled.Take(cut).ToList();
        var test = shuffled.Skip(cut).ToList();
        var inner = new Random(Seed + 1);
        var isVal = train.Select(_ => inner.NextDouble() < 0.25).ToArray();
        Write(Path.Combine(dir, "train.tsv"), train, isVal);
        Write(Path.Combine(dir, "test.tsv"), test, null);
        File.WriteAllLines(Path.Combine(dir, "classes.tsv"), classes.Select(c => c.Key + "\t" + c.Name));
        Console.WriteLine($"split (seed {Seed}): {train.Count:N0} train ({isVal.Count(v => v):N0} of them 'val' for tuning), {test.Count:N0} test; files in {dir}");

        // 3. Ours: lexicon from the training titles only; L2 chosen on the inner split; fit on the training part.
        var lexicon = TermDiscovery.Discover(train.Select(r => r.Title));
        Console.WriteLine($"lexicon from the training titles: {lexicon.Terms.Count} terms (碳纤维 {lexicon.Contains("碳纤维")}, 石墨烯 {lexicon.Contains("石墨烯")}, 锂离子电池 {lexicon.Contains("锂离子电池")})");
        var fit = train.Where((_, i) => !isVal[i]).ToList();
        var val = train.Where((_, i) => isVal[i]).ToList();
        var best = (L2: Grid[0], Exponent: 0.0, Score: double.MinValue);
        foreach (var exponent in ExponentGrid)
        {
            foreach (var l2 in Grid)
            {
                var m = IndustryClassifier.Train(Examples(fit), taxonomies, lexicon, new IndustryClassifierOptions { L2Regularization = l2, PositiveWeightExponent = exponent });
                var q = Score(classes, val, val.Select(r => (IReadOnlyCollection<string>)m.PredictedKeys(r.Title)).ToList());
                var score = (q.Sei.MacroF1 + q.City.MacroF1) / 2;
                Console.WriteLine($"  tuning L2={l2} positive weight exponent={exponent}: inner val macro-F1 sei {q.Sei.MacroF1:F4} city {q.City.MacroF1:F4}; accuracy sei {q.Sei.Accuracy:F4}");
                if (score > best.Score)
                {
                    best = (l2, exponent, score);
                }
            }
        }

        var options = new IndustryClassifierOptions { L2Regularization = best.L2, PositiveWeightExponent = best.Exponent };
        var sw = Stopwatch.StartNew();
        var model = IndustryClassifier.Train(Examples(train), taxonomies, lexicon, options);
        var fitSeconds = sw.Elapsed.TotalSeconds;
        var ours = Score(classes, test, test.Select(r => (IReadOnlyCollection<string>)model.PredictedKeys(r.Title)).ToList());
        var results = new List<(string Name, Scores Scores)> { ($"PatentNav (SmartCn + discovered terms, TF-IDF, ML.NET L-BFGS LR, L2={best.L2}, positive weight exponent {best.Exponent})", ours) };
        Console.WriteLine($"ours: L2={best.L2}, fit on {train.Count:N0} rows in {fitSeconds:F2} s, {model.Vocabulary.Count:N0} features, classes without a model: {string.Join(", ", model.Classes.Where(c => !c.Trained).Select(c => $"{c.Key} ({c.Positives})"))}");

        // 4. Peer on the same files, scored by the same code.
        var peer = PeerScript();
        WriteTimingSet(Path.Combine(dir, "timing.tsv"), rows);
        if (peer is not null && File.Exists("/usr/bin/python3"))
        {
            var output = RunPeer(peer, dir);
            Console.Write(output);
            foreach (var name in new[] { "logreg", "linearsvc" })
            {
                var path = Path.Combine(dir, $"peer-{name}.tsv");
                if (File.Exists(path))
                {
                    var predicted = File.ReadLines(path).Select(l => (IReadOnlyCollection<string>)l.Split('\t')[1].Split('|', StringSplitOptions.RemoveEmptyEntries)).ToList();
                    results.Add(($"jieba + scikit-learn TF-IDF + one-vs-rest {(name == "logreg" ? "LogisticRegression" : "LinearSVC")}", Score(classes, test, predicted)));
                }
            }
        }
        else
        {
            Console.WriteLine("peer skipped: needs /usr/bin/python3 with python3-jieba and python3-sklearn (apt-get install python3-jieba python3-sklearn)");
        }

        Console.WriteLine();
        Console.WriteLine($"| model (held-out test: {test.Count:N0} titles) | SEI accuracy | SEI macro-F1 | city accuracy | city macro-F1 | priority chains macro-F1 |");
        Console.WriteLine("|---|---|---|---|---|---|");
        foreach (var (name, s) in results)
        {
            Console.WriteLine($"| {name} | {s.Sei.Accuracy:F3} | {s.Sei.MacroF1:F3} ({s.Sei.ClassesEvaluated}) | {s.City.Accuracy:F3} | {s.City.MacroF1:F3} ({s.City.ClassesEvaluated}) | {s.Priority.MacroF1:F3} ({s.Priority.ClassesEvaluated}) |");
        }

        Console.WriteLine();
        Console.WriteLine("per class F1 (support in test):");
        foreach (var c in classes)
        {
            var cells = results.Select(r => r.Scores.All.SelectMany(t => t.Classes).First(m => m.Key == c.Key)).ToList();
            if (cells[0].Support > 0)
            {
                Console.WriteLine($"  {c.Key,-16} support {cells[0].Support,4}: " + string.Join("  ", cells.Select((m, i) => $"[{i}] P {m.Precision:F2} R {m.Recall:F2} F1 {m.F1:F2}")));
            }
        }

        File.WriteAllText(Path.Combine(dir, "results.json"), JsonSerializer.Serialize(results.Select(r => new { r.Name, Sei = r.Scores.Sei, City = r.Scores.City, Priority = r.Scores.Priority }), JsonOptions));

        // 5. Speed: training on 10,000 records; prediction throughput.
        Console.WriteLine();
        TimeTraining("titles", TimingSet(rows, null), taxonomies, options, rounds);
        var abstracts = Abstracts(shared);
        if (abstracts.Count > 0)
        {
            TimeTraining("title + real abstract (kppatent-zh, paired at random)", TimingSet(rows, abstracts), taxonomies, options, rounds);
        }

        var texts = test.Select(r => r.Title).ToList();
        for (var i = 0; i < 200; i++)
        {
            model.Probabilities(texts[i % texts.Count]);
        }

        var rates = new List<double>();
        var full = new List<double>();
        for (var round = 0; round < rounds; round++)
        {
            sw.Restart();
            foreach (var t in texts)
            {
                model.Probabilities(t);
            }

            rates.Add(texts.Count / sw.Elapsed.TotalSeconds);
            sw.Restart();
            foreach (var t in texts)
            {
                model.Predict(t, 3);
            }

            full.Add(texts.Count / sw.Elapsed.TotalSeconds);
        }

        Console.WriteLine($"prediction, one thread, {texts.Count:N0} titles: probabilities {BenchStats.Median(rates):N0} texts/s; with top-3 contributions {BenchStats.Median(full):N0} texts/s (median of {rounds}); load {BenchStats.LoadAverage()}");
        return 0;
    }

    private static void TimeTraining(string what, List<ClassifierExample> set, IndustryTaxonomies taxonomies, IndustryClassifierOptions options, int rounds)
    {
        var lexiconSeconds = new List<double>();
        var trainSeconds = new List<double>();
        var fits = 0;
        for (var round = 0; round < rounds; round++)
        {
            var sw = Stopwatch.StartNew();
            var lexicon = TermDiscovery.Discover(set.Select(e => e.Text));
            lexiconSeconds.Add(sw.Elapsed.TotalSeconds);
            sw.Restart();
            fits = IndustryClassifier.Train(set, taxonomies, lexicon, options).Classes.Count(c => c.Trained);
            trainSeconds.Add(sw.Elapsed.TotalSeconds);
        }

        var totals = lexiconSeconds.Zip(trainSeconds, (a, b) => a + b).ToList();
        Console.WriteLine($"training on {set.Count:N0} records ({what}): term discovery {BenchStats.Median(lexiconSeconds):F2} s + segmenting, TF-IDF and {fits} L-BFGS fits (L2 {options.L2Regularization}) {BenchStats.Median(trainSeconds):F2} s = {BenchStats.Median(totals):F2} s (median of {rounds}; min {totals.Min():F2}, max {totals.Max():F2}); load {BenchStats.LoadAverage()}");
    }

    /// <summary>All rows plus rows drawn again (seeded) up to 10,000; with abstracts, each gets a real abstract drawn at random.</summary>
    private static List<ClassifierExample> TimingSet(List<Row> rows, List<string>? abstracts)
    {
        var random = new Random(Seed + 2);
        var set = rows.Concat(Enumerable.Range(0, Math.Max(0, 10_000 - rows.Count)).Select(_ => rows[random.Next(rows.Count)])).Take(10_000).ToList();
        return set.Select(r => new ClassifierExample(abstracts is null ? r.Title : r.Title + "\n" + abstracts[random.Next(abstracts.Count)], r.Labels)).ToList();
    }

    private static void WriteTimingSet(string path, List<Row> rows)
    {
        var random = new Random(Seed + 2);
        var set = rows.Concat(Enumerable.Range(0, Math.Max(0, 10_000 - rows.Count)).Select(_ => rows[random.Next(rows.Count)])).Take(10_000).ToList();
        Write(path, set, null);
    }

    private static List<string> Abstracts(string shared)
    {
        var path = Path.Combine(shared, "data", "kppatent-zh", "kppatent_train_abstract.jsonl");
        return File.Exists(path)
            ? File.ReadLines(path).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("abstract").GetString() ?? string.Empty).Where(a => a.Length > 0).ToList()
            : [];
    }

    private static List<ClassifierExample> Examples(List<Row> rows) => rows.Select(r => new ClassifierExample(r.Title, r.Labels)).ToList();

    private static Scores Score(List<(string Key, string TaxonomyId, string Code, string Name)> classes, List<Row> rows, List<IReadOnlyCollection<string>> predicted)
    {
        var truth = rows.Select(r => (IReadOnlyCollection<string>)r.Labels).ToList();
        List<(string, string, bool)> Of(Func<(string Key, string TaxonomyId, string Code, string Name), bool> keep) =>
            classes.Where(keep).Select(c => (c.Key, c.Name, true)).ToList();
        return new Scores(
            ClassifierMetrics.Compute("sei", Of(c => c.TaxonomyId == "sei"), truth, predicted),
            ClassifierMetrics.Compute("city", Of(c => c.TaxonomyId == "city"), truth, predicted),
            ClassifierMetrics.Compute("city-priority", Of(c => c.TaxonomyId == "city" && PriorityChains.Contains(c.Code)), truth, predicted));
    }

    private static void Write(string path, List<Row> rows, bool[]? isVal)
    {
        using var w = new StreamWriter(path, false, new UTF8Encoding(false));
        for (var i = 0; i < rows.Count; i++)
        {
            var inner = isVal is null ? "-" : isVal[i] ? "val" : "fit";
            w.Write(rows[i].Id + "\t" + inner + "\t" + string.Join('|', rows[i].Labels) + "\t" + rows[i].Title.Replace('\t', ' ').Replace('\n', ' ') + "\n");
        }
    }

    private static string? PeerScript()
    {
        foreach (var candidate in new[]
        {
            Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "peers", "classifier_peer.py"),
            Path.Combine("tests", "PatentNav.Benchmarks", "peers", "classifier_peer.py"),
        })
        {
            if (File.Exists(candidate))
            {
                return Path.GetFullPath(candidate);
            }
        }

        return null;
    }

    private static string RunPeer(string script, string dir)
    {
        var psi = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(script);
        psi.ArgumentList.Add(dir);
        using var p = Process.Start(psi)!;
        var stderr = p.StandardError.ReadToEndAsync();
        var stdout = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0)
        {
            return $"peer failed (exit {p.ExitCode}): {stderr.Result}\n";
        }

        return stdout;
    }

    private sealed record Row(string Id, string Title, IReadOnlyList<string> Labels);

    private sealed record Scores(TaxonomyQuality Sei, TaxonomyQuality City, TaxonomyQuality Priority)
    {
        public IEnumerable<TaxonomyQuality> All => [Sei, City];
    }
}

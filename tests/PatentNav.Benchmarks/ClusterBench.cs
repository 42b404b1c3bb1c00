using System.Diagnostics;
using System.Globalization;
using System.Text;
using PatentNav.Analytics;
using PatentNav.Analytics.Internal;
using PatentNav.Records;
using PatentNav.Search;
using PatentNav.Text;
using PatentNav.Workspace;

namespace PatentNav.Benchmarks;

/// <summary>
/// Technology clusters: quality against IPC subclasses on real titles (cn-titles-ipc), next to jieba + scikit-learn with
/// the same k, and end-to-end speed and memory of <see cref="PatentWorkspace.ClusterAsync"/> over the resampled corpus.
/// </summary>
/// <remarks>
/// Quality: the 7,838 titles are imported into a fresh workspace (their own discovered terms, as a user's workspace would
/// have) and clustered through <see cref="PatentWorkspace.ClusterAsync"/> with k automatic and with fixed ks, 5 seeds
/// each. Truth = the first IPC subclass of each title. NMI (arithmetic mean normalisation, as scikit-learn's default) and
/// ARI are over all titles; titles without features count as one extra "unclustered" label. An ablation runs ML.NET's
/// k-means alone (Euclidean assignment, no spherical refinement) on the same vectors. The peer script gets the same
/// titles, stop list and generic words, and also recomputes our scores with scikit-learn's metrics as a cross-check.
/// Speed: each round runs in a fresh process that opens the workspace and clusters all N records with k automatic;
/// "cold" rounds delete the cached term lexicon first so that it is rebuilt (the first analysis after an import pays
/// that), "warm" rounds reuse it. Memory is the child process's peak working set.
/// </remarks>
internal static class ClusterBench
{
    private static readonly int[] FixedKs = [10, 20, 40];
    private static readonly int[] Seeds = [1, 2, 3, 4, 5];

    public static async Task<int> RunAsync(BenchOptions opts)
    {
        Console.WriteLine($"PatentNav cluster benchmark: {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}, load {BenchStats.LoadAverage()}");
        if (opts.ClustersPart is null or "quality")
        {
            await QualityAsync(opts);
        }

        if (opts.ClustersPart is null or "speed")
        {
            await SpeedAsync(opts);
        }

        return 0;
    }

    private static async Task QualityAsync(BenchOptions opts)
    {
        var csv = Path.Combine(opts.Shared, "data", "cn-titles-ipc", "cn_patent_titles_ipc_subclasses.csv");
        if (!File.Exists(csv))
        {
            Console.WriteLine($"quality: skipped ({csv} not found; pass --shared DIR)");
            return;
        }

        var titles = ReadTitles(csv);
        var truth = titles.ToDictionary(t => t.Number, t => t.Subclass, StringComparer.Ordinal);
        var dir = Path.Combine(opts.Out, "workspace-cn-titles");
        if (Directory.Exists(dir))
        {
            Directory.Delete(dir, recursive: true);
        }

        var jsonl = Path.Combine(opts.Out, "cn-titles.jsonl");
        await File.WriteAllLinesAsync(jsonl, titles.Select(t => PatentJson.Serialize(new PatentRecord
        {
            PublicationNumber = PublicationNumber.Parse(t.Number),
            Title = t.Title,
            Ipc = t.Ipc.Select(IpcCode.Parse).ToList(),
            MainIpc = IpcCode.Parse(t.Ipc[0]),
        })));
        Console.WriteLine($"quality: {titles.Count:N0} real titles (cn-titles-ipc), {truth.Values.Distinct(StringComparer.Ordinal).Count()} distinct first IPC subclasses; truth = first subclass");

        using var ws = PatentWorkspace.Open(new PatentWorkspaceOptions { DataDirectory = dir });
        await ws.Imports.ImportFileAsync(jsonl);
        var tokenizer = await ws.Text.GetFeatureTokenizerAsync();
        Console.WriteLine($"  workspace: {ws.Search.DocumentCount:N0} records, {tokenizer.Lexicon.Terms.Count} discovered terms");

        var assignments = new List<(string Name, int K, int Seed, Dictionary<string, int> Labels)>();
        var rows = new List<string>();
        foreach (var k in new int?[] { null }.Concat(FixedKs.Select(k => (int?)k)))
        {
            var scores = new List<(double Nmi, double Ari, int K, double Seconds)>();
            foreach (var seed in Seeds)
            {
                var sw = Stopwatch.StartNew();
                var report = await ws.Analytics.ClusterAsync(new SearchRequest(), new ClusterOptions { K = k, Seed = seed });
                var seconds = sw.Elapsed.TotalSeconds;
                var labels = report.Map.Patents.ToDictionary(p => p.PublicationNumber, p => p.Cluster, StringComparer.Ordinal);
                var (nmi, ari) = Score(truth, labels);
                scores.Add((nmi, ari, report.K, seconds));
                assignments.Add(($"ours-{(k is null ? "auto" : "k")}", report.K, seed, labels));
                if (k is null && seed == Seeds[0])
                {
                    Console.WriteLine($"  auto k, seed {seed}: silhouette per k: {string.Join(" ", report.Selection.Candidates.Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.K}:{c.Silhouette:F4}")))}");
                    Console.WriteLine($"  largest clusters: {string.Join(" | ", report.Clusters.Take(8).Select(c => $"{c.Size} {c.Label}"))}");
                }
            }

            var name = k is null ? "ours, k automatic (silhouette, 2–20)" : $"ours, k = {k}";
            rows.Add(Row(name, scores));
            Console.WriteLine("  " + rows[^1] + "  ks: " + string.Join(",", scores.Select(s => s.K)));
        }

        // Ablation: generic words kept in the vocabulary (labels never show them).
        foreach (var k in FixedKs.Where(k => k >= 20))
        {
            var scores = new List<(double Nmi, double Ari, int K, double Seconds)>();
            foreach (var seed in Seeds)
            {
                var sw = Stopwatch.StartNew();
                var report = await ws.Analytics.ClusterAsync(new SearchRequest(), new ClusterOptions { K = k, Seed = seed, ExcludeGenericTerms = false });
                var labels = report.Map.Patents.ToDictionary(p => p.PublicationNumber, p => p.Cluster, StringComparer.Ordinal);
                var (nmi, ari) = Score(truth, labels);
                scores.Add((nmi, ari, report.K, sw.Elapsed.TotalSeconds));
            }

            rows.Add(Row($"ours, generic words kept, k = {k}", scores));
            Console.WriteLine("  " + rows[^1]);
        }

        // Ablation: ML.NET k-means alone on the same vectors, Euclidean assignment (what the refinement is measured against).
        var records = await ws.Search.ReadAllAsync().ToListAsync();
        var corpus = ClusterCorpus.Build(records, tokenizer, null, CancellationToken.None);
        var defaults = new ClusterOptions();
        var space = TfIdfSpace.Build(corpus, defaults.MinDocumentFrequency, defaults.MaxDocumentFrequency, defaults.MaxVocabulary, GenericPatentTerms.Contains, CancellationToken.None);
        var featured = Enumerable.Range(0, corpus.Records.Length).Where(i => space.Vectors[i] is not null).ToArray();
        var docs = Array.ConvertAll(featured, i => space.Vectors[i]!.Value);
        foreach (var k in FixedKs)
        {
            var scores = new List<(double Nmi, double Ari, int K, double Seconds)>();
            foreach (var seed in Seeds)
            {
                var sw = Stopwatch.StartNew();
                var centroids = ClusterMath.TrainKMeans(docs, space.Vocabulary.Length, k, seed, defaults.MaxIterations, CancellationToken.None);
                var norms = centroids.Select(c => c.Sum(x => x * x)).ToArray();
                var labels = new Dictionary<string, int>(StringComparer.Ordinal);
                for (var i = 0; i < docs.Length; i++)
                {
                    var best = 0;
                    for (var c = 1; c < centroids.Length; c++)
                    {
                        if (norms[c] - (2 * docs[i].Dot(centroids[c])) < norms[best] - (2 * docs[i].Dot(centroids[best])))
                        {
                            best = c;
                        }
                    }

                    labels[corpus.Records[featured[i]].PublicationNumber.Value] = best + 1;
                }

                var (nmi, ari) = Score(truth, labels);
                scores.Add((nmi, ari, k, sw.Elapsed.TotalSeconds));
                assignments.Add(("mlnet-only", k, seed, labels));
            }

            rows.Add(Row($"ML.NET k-means alone (no refinement), k = {k}", scores));
            Console.WriteLine("  " + rows[^1]);
        }

        // The peer: jieba + scikit-learn, same titles, stop list, generic words and ks; it also re-scores our assignments.
        var peer = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "peers", "cluster_peer.py");
        if (File.Exists(peer) && File.Exists("/usr/bin/python3"))
        {
            var input = Path.Combine(opts.Out, "cluster-peer-titles.tsv");
            await File.WriteAllLinesAsync(input, titles.Select(t => $"{t.Number}\t{t.Subclass}\t{t.Title.Replace('\t', ' ')}"));
            var stop = Path.Combine(opts.Out, "cluster-peer-stopwords.txt");
            await File.WriteAllLinesAsync(stop, PatentStopWords.Words);
            var generic = Path.Combine(opts.Out, "cluster-peer-generic.txt");
            await File.WriteAllLinesAsync(generic, GenericPatentTerms.Words);
            var ours = Path.Combine(opts.Out, "cluster-peer-ours.tsv");
            await File.WriteAllLinesAsync(ours, assignments.SelectMany(a => titles.Select(t => $"{a.Name}\t{a.K}\t{a.Seed}\t{t.Number}\t{(a.Labels.TryGetValue(t.Number, out var l) ? l : 0)}")));
            var ks = string.Join(",", assignments.Where(a => a.Name == "ours-auto").Select(a => a.K).Concat(FixedKs).Distinct());
            Console.WriteLine($"  peer: jieba + scikit-learn TfidfVectorizer(min_df=2, max_df=0.5, sublinear_tf, max_features=20000; our stop list, with and without our generic words) + KMeans(max_iter=100), ks {ks}, seeds {string.Join(",", Seeds)}");
            using var process = Process.Start(new ProcessStartInfo("/usr/bin/python3", $"\"{peer}\" \"{input}\" \"{stop}\" \"{generic}\" {ks} {string.Join(",", Seeds)} \"{ours}\"") { RedirectStandardOutput = true, RedirectStandardError = true })!;
            var output = await process.StandardOutput.ReadToEndAsync();
            var errors = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                Console.WriteLine("  " + line);
            }

            if (process.ExitCode != 0)
            {
                Console.WriteLine($"  peer failed ({process.ExitCode}): {errors.Trim()}");
            }
        }
        else
        {
            Console.WriteLine("  peer: skipped (needs /usr/bin/python3 with Debian's python3-jieba and python3-sklearn)");
        }
    }

    private static async Task SpeedAsync(BenchOptions opts)
    {
        if (opts.Records <= 0)
        {
            return;
        }

        var dataDir = Path.Combine(opts.Out, $"workspace-{opts.Records}");
        if (!opts.Reuse || !Directory.Exists(Path.Combine(dataDir, "index")))
        {
            var corpusPath = Path.Combine(opts.Out, $"corpus-{opts.Records}.jsonl");
            var corpus = CorpusBuilder.Build(opts.Shared, opts.Records, corpusPath, seed: 42);
            Console.WriteLine($"speed: corpus {opts.Records:N0} records from {corpus.Source}; importing into {dataDir}");
            if (Directory.Exists(dataDir))
            {
                Directory.Delete(dataDir, recursive: true);
            }

            using var importing = PatentWorkspace.Open(new PatentWorkspaceOptions { DataDirectory = dataDir });
            var r = await importing.Imports.ImportFileAsync(corpusPath, new PatentNav.Import.ImportOptions { Format = "jsonl" });
            Console.WriteLine($"  imported {r.Imported:N0} ({r.State})");
        }
        else
        {
            Console.WriteLine($"speed: reusing {dataDir}");
        }

        // Each measurement in a fresh process, so that its peak working set is the clustering's (plus the runtime and the
        // opened index), not the leftovers of an import or an earlier round.
        var self = typeof(ClusterBench).Assembly.Location;
        var results = new List<(string Kind, double Seconds, long PeakBytes, int K)>();
        for (var round = 0; round < opts.Rounds; round++)
        {
            foreach (var cold in new[] { true, false })
            {
                var psi = new ProcessStartInfo("dotnet", $"\"{self}\" --cluster-round {(cold ? "cold" : "warm")} \"{Path.GetFullPath(dataDir)}\"") { RedirectStandardOutput = true };
                using var child = Process.Start(psi)!;
                var output = await child.StandardOutput.ReadToEndAsync();
                await child.WaitForExitAsync();
                var line = output.Split('\n').FirstOrDefault(l => l.StartsWith("RESULT ", StringComparison.Ordinal));
                if (child.ExitCode != 0 || line is null)
                {
                    Console.WriteLine($"  round {round + 1} {(cold ? "cold" : "warm")} failed ({child.ExitCode}): {output}");
                    continue;
                }

                var f = line.Split(' ');
                var kind = cold ? "cold (lexicon rebuilt)" : "warm (lexicon cached)";
                results.Add((kind, double.Parse(f[1], CultureInfo.InvariantCulture), long.Parse(f[2], CultureInfo.InvariantCulture), int.Parse(f[3], CultureInfo.InvariantCulture)));
                foreach (var l in output.Split('\n').Where(l => l.StartsWith("  ", StringComparison.Ordinal)))
                {
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  round {round + 1} {kind}:{l.TrimEnd()}"));
                }
            }
        }

        Console.WriteLine();
        foreach (var group in results.GroupBy(r => r.Kind))
        {
            var times = group.Select(r => r.Seconds).Order().ToList();
            var peaks = group.Select(r => r.PeakBytes).Order().ToList();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{group.Key}: median {times[times.Count / 2]:F1} s (min {times[0]:F1}, max {times[^1]:F1}; {times.Count} rounds); process peak working set median {peaks[peaks.Count / 2] / 1e6:F0} MB (min {peaks[0] / 1e6:F0}, max {peaks[^1] / 1e6:F0}); k {string.Join(",", group.Select(r => r.K))}"));
        }
    }

    /// <summary>One timed clustering of every record in <paramref name="dataDir"/>, in this (fresh) process; prints
    /// <c>RESULT seconds peakBytes k</c> and indented details.</summary>
    public static async Task<int> RoundAsync(bool cold, string dataDir)
    {
        var lexicon = Path.Combine(dataDir, "text", "lexicon.json");
        if (cold && File.Exists(lexicon))
        {
            File.Delete(lexicon);
        }

        using var ws = PatentWorkspace.Open(new PatentWorkspaceOptions { DataDirectory = dataDir });
        using var process = Process.GetCurrentProcess();
        var opened = process.WorkingSet64;
        var stages = new List<(string Stage, double At)>();
        var sw = Stopwatch.StartNew();
        var loadBefore = BenchStats.LoadAverage();
        var report = await ws.Analytics.ClusterAsync(new SearchRequest(), null, new StageClock(stages, sw));
        var seconds = sw.Elapsed.TotalSeconds;
        process.Refresh();
        var peak = process.PeakWorkingSet64;
        var stageText = string.Join(", ", Durations(stages, seconds).Select(d => string.Create(CultureInfo.InvariantCulture, $"{d.Stage} {d.Seconds:F1}")));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"RESULT {seconds:F2} {peak} {report.K}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {report.Patents:N0} patents, k = {report.K}, {seconds:F1} s; process peak working set {peak / 1e6:F0} MB (after opening the workspace {opened / 1e6:F0} MB); load {loadBefore} → {BenchStats.LoadAverage()}"));
        Console.WriteLine($"  stages (s): {stageText}");
        if (!cold)
        {
            Console.WriteLine($"  vocabulary {report.Features.Vocabulary:N0} of {report.Features.DistinctTokens:N0} distinct tokens; {report.Features.LexiconTerms:N0} discovered terms; silhouette per k: {string.Join(" ", report.Selection.Candidates.Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.K}:{c.Silhouette:F4}")))}");
        }

        return 0;
    }

    private static string Row(string name, List<(double Nmi, double Ari, int K, double Seconds)> scores) =>
        string.Create(CultureInfo.InvariantCulture, $"{name,-48} NMI {scores.Average(s => s.Nmi):F4} ± {Sd(scores.Select(s => s.Nmi)):F4}  ARI {scores.Average(s => s.Ari):F4} ± {Sd(scores.Select(s => s.Ari)):F4}  ({scores.Count} seeds, {scores.Average(s => s.Seconds):F2} s each)");

    private static double Sd(IEnumerable<double> values)
    {
        var list = values.ToList();
        var mean = list.Average();
        return list.Count < 2 ? 0 : Math.Sqrt(list.Sum(v => (v - mean) * (v - mean)) / (list.Count - 1));
    }

    /// <summary>NMI (arithmetic normalisation) and ARI of an assignment against the truth, over every truth item; items
    /// the assignment lacks share one extra label (0).</summary>
    internal static (double Nmi, double Ari) Score(IReadOnlyDictionary<string, string> truth, IReadOnlyDictionary<string, int> labels)
    {
        var pairs = truth.Select(t => (Truth: t.Value, Label: labels.TryGetValue(t.Key, out var l) ? l : 0)).ToList();
        var n = (double)pairs.Count;
        var a = pairs.GroupBy(p => p.Truth, StringComparer.Ordinal).Select(g => (double)g.Count()).ToList();
        var b = pairs.GroupBy(p => p.Label).Select(g => (double)g.Count()).ToList();
        var joint = pairs.GroupBy(p => p).Select(g => (g.Key, Count: (double)g.Count())).ToList();
        var aCount = pairs.GroupBy(p => p.Truth, StringComparer.Ordinal).ToDictionary(g => g.Key, g => (double)g.Count(), StringComparer.Ordinal);
        var bCount = pairs.GroupBy(p => p.Label).ToDictionary(g => g.Key, g => (double)g.Count());
        var mi = joint.Sum(j => j.Count / n * Math.Log(j.Count * n / (aCount[j.Key.Truth] * bCount[j.Key.Label])));
        var ha = -a.Sum(c => c / n * Math.Log(c / n));
        var hb = -b.Sum(c => c / n * Math.Log(c / n));
        var nmi = ha + hb == 0 ? 1 : mi / ((ha + hb) / 2);

        static double C2(double x) => x * (x - 1) / 2;
        var index = joint.Sum(j => C2(j.Count));
        var sa = a.Sum(C2);
        var sb = b.Sum(C2);
        var expected = sa * sb / C2(n);
        var max = (sa + sb) / 2;
        var ari = max == expected ? 1 : (index - expected) / (max - expected);
        return (nmi, ari);
    }

    private static List<(string Number, string Title, string[] Ipc, string Subclass)> ReadTitles(string csv)
    {
        var rows = new List<(string, string, string[], string)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(csv).Skip(1))
        {
            var parts = CorpusBuilder.SplitCsv(line);
            if (parts.Count < 4)
            {
                continue;
            }

            var number = PublicationNumber.Parse(parts[1].Split('|')[0]).Value;
            var ipc = parts[3].Split('|', StringSplitOptions.RemoveEmptyEntries);
            if (ipc.Length > 0 && seen.Add(number))
            {
                rows.Add((number, parts[2], ipc, ipc[0]));
            }
        }

        return rows;
    }

    private static IEnumerable<(string Stage, double Seconds)> Durations(List<(string Stage, double At)> stages, double end)
    {
        lock (stages)
        {
            for (var i = 0; i < stages.Count; i++)
            {
                yield return (stages[i].Stage, (i + 1 < stages.Count ? stages[i + 1].At : end) - stages[i].At);
            }
        }
    }

    /// <summary>Records when each stage first reports (synchronously, on the reporting thread).</summary>
    private sealed class StageClock(List<(string Stage, double At)> stages, Stopwatch clock) : IProgress<AnalysisProgress>
    {
        public void Report(AnalysisProgress value)
        {
            lock (stages)
            {
                if (stages.Count == 0 || stages[^1].Stage != value.Stage)
                {
                    if (!stages.Exists(s => s.Stage == value.Stage))
                    {
                        stages.Add((value.Stage, clock.Elapsed.TotalSeconds));
                    }
                }
            }
        }
    }
}

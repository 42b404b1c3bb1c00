using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using PatentNav;
using PatentNav.Benchmarks;
using PatentNav.Records;
using PatentNav.Search;
using PatentNav.Workspace;

// Benchmarks for the foundation: import+index throughput, memory, index size, search latency, Api cold start.
// Usage: dotnet run -c Release --project tests/PatentNav.Benchmarks -- [--records 100000] [--out bench-out] [--shared ../shared] [--api path/to/PatentNav.Api.dll]
//        ... -- --taxonomy-only [--rounds 5]: industry assignment (SEI–IPC 2021 + city chains) records/s, one thread.
//        ... -- --load --api DLL [--reuse] [--duration 20]: also start the Api over the workspace and run the loopback load client
//            (8 and 32 workers, with and without a concurrent 20k-record import); --reuse keeps an existing workspace-N.
//        ... -- --import-only [--rounds N]: only the corpus and the import+index part (for iterating on indexing speed); with
//            --rounds, N runs in fresh processes one after another, then their median and range.
//        ... -- --analytics [--reuse] [--rounds 3]: positioning, chokepoint list, high-value indicator, industry summaries and
//            need matching over the workspace (连云港 3207, city:新材料), median of the rounds after one warm-up.
//        ... -- --index-cost [--records 100000] [--rounds 3] [--refresh-every 1500]: indexing alone on one thread, CPU seconds
//            (for comparing index layouts on a busy machine; not the throughput figure).
//        ... -- --segmenter-only [--records 8000] [--rounds 7]: SmartCn's tokenizer against FastSmartCnTokenizer, chars/s, one thread.
//        ... -- --classifier [--shared ../shared] [--out bench-out] [--rounds 5]: industry classifier quality on cn-titles-ipc
//            (seeded 80/20 split) next to jieba + scikit-learn (peers/classifier_peer.py), training time on 10,000 records.
//        ... -- --clusters [--clusters-only quality|speed] [--records 100000] [--rounds 3] [--reuse]: technology clusters — NMI/ARI
//            against IPC subclass on cn-titles-ipc next to jieba + scikit-learn, and end-to-end time and memory over N records.
//        ... -- --index-peer [--records 100000] [--rounds 3] [--peer-fields all|text|no-words]: indexing alone with two threads,
//            ours (PatentIndex.Upsert, and prebuilt documents) next to Lucene Java 8.7 (peers/IndexPeer.java, Debian's
//            liblucene8-java) on the same documents and fields (bench-out/peer-docs-N.tsv); wall, CPU-s, records/s.
if (args.Contains("--classifier", StringComparer.Ordinal))
{
    var rest = args.Where(a => a != "--classifier").ToArray();
    var parsed = BenchOptionsParser.Parse(rest);
    return ClassifierBench.Run(parsed.Shared, parsed.Out, rest.Contains("--rounds", StringComparer.Ordinal) ? parsed.Rounds : 5);
}

if (args.Contains("--segmentation-quality", StringComparer.Ordinal))
{
    var golds = args.Select((a, i) => (a, i)).Where(p => p.a == "--gold" && p.i + 1 < args.Length).Select(p => args[p.i + 1]).ToList();
    var rest = args.Where((a, i) => a is not "--segmentation-quality" and not "--gold" and not "--show" && (i == 0 || args[i - 1] != "--gold")).ToArray();
    return SegmentationQualityBench.Run(BenchOptionsParser.Parse(rest).Shared, golds, show: args.Contains("--show", StringComparer.Ordinal));
}

if (args.Length == 3 && args[0] == "--cluster-round")
{
    return await ClusterBench.RoundAsync(args[1] == "cold", args[2]); // a child of --clusters
}

var opts = BenchOptionsParser.Parse(args);
if (opts.ImportOnly && args.Contains("--rounds", StringComparer.Ordinal))
{
    return await ImportSeries.RunAsync(args, opts.Rounds);
}
Directory.CreateDirectory(opts.Out);
var corpusPath = Path.Combine(opts.Out, $"corpus-{opts.Records}.jsonl");
if (opts.TaxonomyOnly)
{
    TaxonomyBench.Run(opts.Rounds);
    return 0;
}

if (opts.Clusters)
{
    return await ClusterBench.RunAsync(opts);
}

if (opts.SegmenterOnly)
{
    var built = CorpusBuilder.Build(opts.Shared, opts.Records, corpusPath, seed: 42);
    Console.WriteLine($"corpus: {opts.Records:N0} records from {built.Source}");
    SegmenterBench.Run(corpusPath, opts.Rounds);
    return 0;
}

if (opts.IndexCost)
{
    var built = CorpusBuilder.Build(opts.Shared, opts.Records, corpusPath, seed: 42);
    Console.WriteLine($"corpus: {opts.Records:N0} records from {built.Source}");
    IndexCostBench.Run(corpusPath, Path.Combine(opts.Out, $"index-cost-{opts.Records}"), opts.RefreshEvery, opts.Rounds);
    return 0;
}

if (opts.IndexPeer)
{
    var built = CorpusBuilder.Build(opts.Shared, opts.Records, corpusPath, seed: 42);
    Console.WriteLine($"corpus: {opts.Records:N0} records from {built.Source}; {Environment.ProcessorCount} cores, {RuntimeInformationText()}");
    return IndexPeerBench.Run(corpusPath, opts.Out, opts.Rounds, opts.PeerFields);
}

var dataDir = Path.Combine(opts.Out, $"workspace-{opts.Records}");
var results = new List<(string Name, string Value)>();
void Report(string name, string value)
{
    results.Add((name, value));
    Console.WriteLine($"{name,-42} {value}");
}

Console.WriteLine($"PatentNav benchmarks: {opts.Records:N0} records, {Environment.ProcessorCount} cores, {RuntimeInformationText()}");

if (opts.Analytics && opts.Reuse && Directory.Exists(Path.Combine(dataDir, "index")))
{
    Console.WriteLine($"PatentNav analytics: reusing {dataDir}");
    await AnalyticsBench.RunAsync(dataDir, opts.Rounds, Report);
    return 0;
}

if (opts.Load && opts.Reuse && Directory.Exists(Path.Combine(dataDir, "index")))
{
    Console.WriteLine($"PatentNav load: reusing {dataDir}, {Environment.ProcessorCount} cores, {RuntimeInformationText()}");
    return await RunLoadAsync();
}

// 1. Corpus: real titles/IPC (cn-titles-ipc) and real abstracts (kppatent-zh), resampled.
var sw = Stopwatch.StartNew();
var corpus = CorpusBuilder.Build(opts.Shared, opts.Records, corpusPath, seed: 42);
Report("corpus source", corpus.Source);
Report("corpus text (title+abstract, UTF-8)", $"{corpus.TextBytes / 1e6:F1} MB in {sw.Elapsed.TotalSeconds:F1} s to build");

// 2. Import + index into a fresh workspace.
if (Directory.Exists(dataDir))
{
    Directory.Delete(dataDir, recursive: true);
}

using var allocListener = Environment.GetEnvironmentVariable("BENCH_ALLOC") is "1" ? new AllocListener() : null;
GC.Collect();
var baseline = Process.GetCurrentProcess().WorkingSet64;
var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
int[] gcBefore = [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];
var pauseBefore = GC.GetTotalPauseDuration();
var allocatedBefore = GC.GetTotalAllocatedBytes();
sw.Restart();
ImportReportView importReport;
// The product's defaults (refresh every 3 s, paused while nobody reads); BENCH_REFRESH=<seconds> overrides the interval.
var benchOptions = new PatentWorkspaceOptions { DataDirectory = dataDir };
if (Environment.GetEnvironmentVariable("BENCH_REFRESH") is { Length: > 0 } refresh)
{
    benchOptions = benchOptions with { RefreshInterval = TimeSpan.FromSeconds(double.Parse(refresh, CultureInfo.InvariantCulture)) };
}

using var utilization = Environment.GetEnvironmentVariable("BENCH_UTIL") is "1" ? new UtilizationSampler() : null;
TimeSpan openTime, warmUpTime, importCallTime;
double importCallCpu;
using (var ws = PatentWorkspace.Open(benchOptions))
{
    openTime = sw.Elapsed;
    // As the Api does at start-up, before any upload can arrive (PatentNav:WarmImport): compiles the import path.
    await ImportService.WarmUpAsync();
    warmUpTime = sw.Elapsed - openTime;
    var callCpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
    var r = await ws.Imports.ImportFileAsync(corpusPath, new PatentNav.Import.ImportOptions { Format = "jsonl" });
    importCallTime = sw.Elapsed - openTime - warmUpTime;
    importCallCpu = (Process.GetCurrentProcess().TotalProcessorTime - callCpuBefore).TotalSeconds;
    importReport = new ImportReportView(r.Read, r.Imported, r.Rejected, r.State.ToString());
}

var importSeconds = sw.Elapsed.TotalSeconds;
var importCpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
var peak = Process.GetCurrentProcess().PeakWorkingSet64;
Report("import+index state", $"{importReport.State}: {importReport.Imported:N0} imported, {importReport.Rejected} rejected");
Report("import+index time", $"{importSeconds:F1} s");
Report("import+index CPU time (all threads)", $"{importCpu:F1} s ({importCpu / importSeconds:F2} cores busy on average)");
Report("import+index throughput", $"{importReport.Read / importSeconds:N0} records/s, {corpus.TextBytes / 1e6 / importSeconds:F2} MB/s of text");
// The same import as a running service sees it: from the import call to its report (rows parsed, indexed, committed and
// searchable), without opening the workspace (the Api does that at start-up) and closing it (waiting for background merges).
Report("  of which: open / warm-up / import call / close", string.Create(CultureInfo.InvariantCulture, $"{openTime.TotalSeconds:F2} s / {warmUpTime.TotalSeconds:F2} s / {importCallTime.TotalSeconds:F2} s / {importSeconds - openTime.TotalSeconds - warmUpTime.TotalSeconds - importCallTime.TotalSeconds:F2} s"));
Report("import call alone (open workspace)", $"{importReport.Read / importCallTime.TotalSeconds:N0} records/s, {importCallCpu:F1} s CPU");
Report("peak working set (process)", $"{peak / 1024 / 1024:N0} MB (baseline before import {baseline / 1024 / 1024:N0} MB)");
Report("index size on disk", $"{DirSize(Path.Combine(dataDir, "index")) / 1024 / 1024:N0} MB");
Report("garbage collections (gen0/gen1/gen2)", $"{GC.CollectionCount(0) - gcBefore[0]:N0} / {GC.CollectionCount(1) - gcBefore[1]:N0} / {GC.CollectionCount(2) - gcBefore[2]:N0}, {(GC.GetTotalPauseDuration() - pauseBefore).TotalSeconds:F2} s paused, {(GC.GetTotalAllocatedBytes() - allocatedBefore) / 1e9:F1} GB allocated, {GcMode()}");
if (opts.ImportOnly)
{
    AllocListener.Print();
    return 0;
}

if (opts.Analytics)
{
    await AnalyticsBench.RunAsync(dataDir, opts.Rounds, Report);
    return 0;
}

// 3. Search latency over a fixed query mix, on the reopened index (as a restarted service would see it).
using (var ws = PatentWorkspace.Open(new PatentWorkspaceOptions { DataDirectory = dataDir }))
{
    var mix = QueryMix.Requests();
    foreach (var q in mix)
    {
        await ws.Search.SearchAsync(q); // warm-up: JIT, caches
    }

    var latencies = new List<double>();
    var totals = new Dictionary<string, long>(StringComparer.Ordinal);
    for (var round = 0; round < opts.Rounds; round++)
    {
        foreach (var q in mix)
        {
            var t = Stopwatch.GetTimestamp();
            var res = await ws.Search.SearchAsync(q);
            latencies.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
            totals[QueryMix.Describe(q)] = res.Total;
        }
    }

    latencies.Sort();
    Report("search queries timed", $"{latencies.Count:N0} ({mix.Count} distinct, sequential, one thread)");
    Report("search latency p50", $"{Percentile(latencies, 0.50):F2} ms");
    Report("search latency p99", $"{Percentile(latencies, 0.99):F2} ms");
    Report("search latency max", $"{latencies[^1]:F2} ms");
    foreach (var (d, n) in totals)
    {
        Console.WriteLine($"    {n,8:N0} hits  {d}");
    }
}

// 4. Cold start of the Api over that index.
if (opts.ApiDll is not null)
{
    var startup = await ApiStartup.MeasureAsync(opts.ApiDll, dataDir);
    Report("api cold start to /health 200", startup);
}
else
{
    Console.WriteLine("(api start-up skipped: pass --api src/PatentNav.Api/bin/Release/net10.0/PatentNav.Api.dll)");
}

if (opts.Load)
{
    return await RunLoadAsync();
}

File.WriteAllText(Path.Combine(opts.Out, $"results-{opts.Records}.json"), JsonSerializer.Serialize(results.ToDictionary(r => r.Name, r => r.Value), new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
return 0;

async Task<int> RunLoadAsync()
{
    if (opts.ApiDll is null)
    {
        Console.Error.WriteLine("--load needs --api src/PatentNav.Api/bin/Release/net10.0/PatentNav.Api.dll");
        return 2;
    }

    var phases = await LoadBench.RunAsync(opts.ApiDll, dataDir, opts.Out, opts.Shared, opts.LoadSeconds, [8, 32], Report);
    File.WriteAllText(Path.Combine(opts.Out, $"results-{opts.Records}.json"), JsonSerializer.Serialize(results.ToDictionary(r => r.Name, r => r.Value), new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
    Console.WriteLine();
    Console.WriteLine("| clients | concurrent import | req/s | p50 | p99 | max | errors |");
    Console.WriteLine("|---|---|---|---|---|---|---|");
    foreach (var p in phases)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {p.Clients} | {(p.Note is null ? "no" : "yes")} | {p.PerSecond:N0} | {p.P50:F1} ms | {p.P99:F1} ms | {p.Max:F1} ms | {p.Errors} |"));
    }

    return phases.Sum(p => p.Errors) == 0 ? 0 : 1;
}

static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

static long DirSize(string dir) => new DirectoryInfo(dir).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length);

static string RuntimeInformationText() => $"{System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}";

static string GcMode() =>
    $"{(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")} GC ({System.Runtime.GCSettings.LatencyMode})";

internal sealed record ImportReportView(long Read, long Imported, long Rejected, string State);

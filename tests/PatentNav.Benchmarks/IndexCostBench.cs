using System.Diagnostics;
using System.Globalization;
using PatentNav.Records;
using PatentNav.Search;
using PatentNav.Storage;

namespace PatentNav.Benchmarks;

/// <summary>
/// The CPU cost of indexing alone, on one indexing thread: records are parsed first, then written to a fresh
/// <see cref="PatentIndex"/> with a near-real-time refresh every <c>refreshEvery</c> documents (as the import's refresh
/// timer does), a final commit and close (merges included). Reports process CPU seconds, which a busy shared machine
/// inflates much less than wall-clock time: for comparing index layouts and writer settings, not as the throughput figure.
/// </summary>
internal static class IndexCostBench
{
    public static void Run(string corpusPath, string dir, int refreshEvery, int rounds)
    {
        var records = File.ReadLines(corpusPath).Where(l => l.Length > 0).Select(PatentJson.Deserialize).ToList();
        Console.WriteLine($"index cost: {records.Count:N0} records, refresh every {refreshEvery:N0} documents, one indexing thread");
        var cpus = new List<double>();
        for (var round = 0; round < rounds; round++)
        {
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, recursive: true);
            }

            GC.Collect();
            var process = Process.GetCurrentProcess();
            var cpu0 = process.TotalProcessorTime;
            var sw = Stopwatch.StartNew();
            using (var index = PatentIndex.Open(dir))
            {
                for (var i = 0; i < records.Count; i++)
                {
                    index.Upsert(records[i]);
                    if ((i + 1) % refreshEvery == 0)
                    {
                        index.Refresh();
                    }
                }

                index.Commit(new Dictionary<string, string>(StringComparer.Ordinal) { ["import"] = "bench" });
            }

            process.Refresh();
            var cpu = (process.TotalProcessorTime - cpu0).TotalSeconds;
            cpus.Add(cpu);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  round {round + 1}: {cpu:F1} s CPU, {sw.Elapsed.TotalSeconds:F1} s wall, {records.Count / cpu:N0} records per CPU-second"));
        }

        cpus.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"index cost median: {cpus[cpus.Count / 2]:F1} s CPU ({records.Count / cpus[cpus.Count / 2]:N0} records per CPU-second; min {cpus[0]:F1}, max {cpus[^1]:F1})"));
    }
}

using System.Diagnostics;
using System.Globalization;
using PatentNav.Records;
using PatentNav.Taxonomy;

namespace PatentNav.Benchmarks;

/// <summary>
/// Industry assignment speed on one thread: the indexing path (tokens and facets, no reasons) and the explaining path
/// (assignments with reasons), over the bundled sample records (real subclass-level IPC) and over the same records with
/// group/subgroup-level codes drawn from the concordance's own patterns (the precise case). Target: ≥ 50,000 records/s
/// for the indexing path, so that assignment stays a small part of indexing.
/// </summary>
internal static class TaxonomyBench
{
    public static void Run(int rounds)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "data-samples", "patents.jsonl");
        if (!File.Exists(path))
        {
            path = Path.Combine("data-samples", "patents.jsonl");
        }

        var records = File.ReadLines(path).Where(l => l.Length > 0).Select(PatentJson.Deserialize).ToList();
        var taxonomies = IndustryTaxonomies.Default;

        // Precise variant: each record gets 1-4 codes made from random concordance patterns (G06F1* → G06F 1/xx).
        var random = new Random(42);
        var patterns = taxonomies.Sei.Industries.SelectMany(i => i.Branches).SelectMany(b => b.Rules).SelectMany(r => r.Include.Concat(r.Exclude))
            .Select(IpcPattern.Parse).Where(p => p.MainGroup is not null).ToList();
        var precise = records.Select(r =>
        {
            var codes = Enumerable.Range(0, random.Next(1, 5)).Select(_ =>
            {
                var p = patterns[random.Next(patterns.Count)];
                var sub = p.Subgroup ?? random.Next(0, 100).ToString("00", CultureInfo.InvariantCulture);
                return IpcCode.Parse(string.Create(CultureInfo.InvariantCulture, $"{p.Prefix} {p.MainGroup}/{sub}"));
            }).Distinct().ToList();
            return r with { Ipc = codes, MainIpc = codes[0] };
        }).ToList();

        Console.WriteLine($"taxonomy: SEI {taxonomies.Sei.Branches.Count()} branches, {taxonomies.Sei.RuleCount} rules, {taxonomies.Sei.PatternCount} patterns; city {taxonomies.City.Chains.Count} chains, {taxonomies.City.RuleCount} rules");
        foreach (var (name, set) in new[] { ("sample (subclass-level IPC)", records), ("precise (group/subgroup IPC)", precise) })
        {
            var assigned = set.Count(r => taxonomies.IndexValues(r).Tokens.Count > 0);
            Console.WriteLine($"{name}: {set.Count:N0} records, {assigned:N0} with at least one industry");
            Time($"  index path (tokens + facets)", set, r => taxonomies.IndexValues(r).Tokens.Count, rounds);
            Time($"  explain path (with reasons)", set, r => taxonomies.Assign(r).Count, rounds);
        }
    }

    private static void Time(string label, List<PatentRecord> set, Func<PatentRecord, int> work, int rounds)
    {
        var sink = 0;
        foreach (var r in set)
        {
            sink += work(r); // warm-up (JIT)
        }

        var best = double.MaxValue;
        for (var round = 0; round < rounds; round++)
        {
            var sw = Stopwatch.StartNew();
            foreach (var r in set)
            {
                sink += work(r);
            }

            best = Math.Min(best, sw.Elapsed.TotalSeconds);
        }

        Console.WriteLine($"{label,-40} {set.Count / best,12:N0} records/s (best of {rounds}; checksum {sink})");
    }
}

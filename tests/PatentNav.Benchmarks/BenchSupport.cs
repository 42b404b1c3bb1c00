using System.Diagnostics;
using System.Globalization;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using PatentNav.Records;
using PatentNav.Search;

namespace PatentNav.Benchmarks;

internal sealed record BenchOptions(int Records, string Out, string Shared, string? ApiDll, int Rounds, bool SegmenterOnly = false, bool TaxonomyOnly = false)
{
    /// <summary>--load: after building the workspace, start the Api over it and run the loopback load client.</summary>
    public bool Load { get; init; }

    /// <summary>--reuse: with --load, keep an existing workspace-N in --out instead of rebuilding it.</summary>
    public bool Reuse { get; init; }

    /// <summary>--analytics: time positioning, chokepoints, indicators, industry summaries and need matching over the workspace.</summary>
    public bool Analytics { get; init; }

    /// <summary>--import-only: build the corpus and time import+index only (no search latency, no Api start-up).</summary>
    public bool ImportOnly { get; init; }

    /// <summary>--index-cost: parse the corpus, then time indexing alone on one thread (CPU seconds).</summary>
    public bool IndexCost { get; init; }

    /// <summary>--refresh-every N: with --index-cost, documents between near-real-time refreshes (default 1500).</summary>
    public int RefreshEvery { get; init; } = 1500;

    /// <summary>--duration S: seconds per load phase (default 20).</summary>
    public int LoadSeconds { get; init; } = 20;

    /// <summary>--clusters: technology-cluster quality (cn-titles-ipc, with the peer) and speed (N records).</summary>
    public bool Clusters { get; init; }

    /// <summary>--clusters-only quality|speed: one part of --clusters; null: both.</summary>
    public string? ClustersPart { get; init; }

    /// <summary>--index-peer: indexing alone with two threads, ours next to Lucene Java 8.7 on the same documents.</summary>
    public bool IndexPeer { get; init; }

    /// <summary>--peer-fields all|text|no-words: with --index-peer, the fields both sides index (default all).</summary>
    public string PeerFields { get; init; } = "all";
}

internal static class BenchOptionsParser

{
    public static BenchOptions Parse(string[] args)
    {
        var load = args.Contains("--load", StringComparer.Ordinal);
        var reuse = args.Contains("--reuse", StringComparer.Ordinal);
        var importOnly = args.Contains("--import-only", StringComparer.Ordinal);
        var indexCost = args.Contains("--index-cost", StringComparer.Ordinal);
        var analytics = args.Contains("--analytics", StringComparer.Ordinal);
        var refreshEvery = 1500;
        var clusters = args.Contains("--clusters", StringComparer.Ordinal);
        var indexPeer = args.Contains("--index-peer", StringComparer.Ordinal);
        var peerFields = "all";
        string? part = null;
        var seconds = 20;
        var rest = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--duration")
            {
                seconds = int.Parse(args[++i], CultureInfo.InvariantCulture);
            }
            else if (args[i] == "--refresh-every")
            {
                refreshEvery = int.Parse(args[++i], CultureInfo.InvariantCulture);
            }
            else if (args[i] == "--clusters-only")
            {
                part = args[++i] is "quality" or "speed" ? args[i] : throw new ArgumentException($"--clusters-only takes quality or speed, got '{args[i]}'");
                clusters = true;
            }
            else if (args[i] == "--peer-fields")
            {
                peerFields = args[++i] is "all" or "text" or "no-words" ? args[i] : throw new ArgumentException($"--peer-fields takes all, text or no-words, got '{args[i]}'");
            }
            else if (args[i] is not "--load" and not "--reuse" and not "--import-only" and not "--index-cost" and not "--analytics" and not "--clusters" and not "--index-peer")
            {
                rest.Add(args[i]);
            }
        }

        var parsed = ParseRest([.. rest]) with
        {
            Load = load, Reuse = reuse, LoadSeconds = seconds, ImportOnly = importOnly, IndexCost = indexCost, RefreshEvery = refreshEvery, Analytics = analytics,
            Clusters = clusters, ClustersPart = part, IndexPeer = indexPeer, PeerFields = peerFields,
        };
        return (clusters || indexPeer) && !rest.Contains("--rounds", StringComparer.Ordinal) ? parsed with { Rounds = 3 } : parsed;
    }

    private static BenchOptions ParseRest(string[] args)
    {
        int? records = null;
        var output = "bench-out";
        var shared = "../shared";
        string? api = null;
        int? rounds = null;
        var segmenterOnly = false;
        var taxonomyOnly = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--records": records = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--out": output = args[++i]; break;
                case "--shared": shared = args[++i]; break;
                case "--api": api = args[++i]; break;
                case "--rounds": rounds = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--segmenter-only": segmenterOnly = true; break;
                case "--taxonomy-only": taxonomyOnly = true; break;
                default: throw new ArgumentException($"unknown argument '{args[i]}'; use --records N --out DIR --shared DIR --api DLL --rounds N --segmenter-only --taxonomy-only --import-only --index-cost [--refresh-every N] --load [--reuse] [--duration S] --clusters [--clusters-only quality|speed] [--reuse] --index-peer [--peer-fields all|text|no-words]");
            }
        }

        // --segmenter-only times tokenisation alone, so it defaults to a smaller corpus and fewer rounds.
        if (taxonomyOnly)
        {
            return new BenchOptions(records ?? 0, output, shared, api, rounds ?? 5, TaxonomyOnly: true);
        }

        return segmenterOnly
            ? new BenchOptions(records ?? 8_000, output, shared, api, rounds ?? 7, SegmenterOnly: true)
            : new BenchOptions(records ?? 100_000, output, shared, api, rounds ?? 50);
    }
}

/// <summary>Builds a corpus by resampling real records: a real title with its real IPC codes, plus a real abstract.</summary>
internal static class CorpusBuilder
{
    public sealed record Corpus(string Source, long TextBytes);

    public static Corpus Build(string shared, int count, string path, int seed, int numberBase = 8_000_000)
    {
        var titles = new List<(string Title, string[] Ipc)>();
        var abstracts = new List<string>();
        string source;
        var titlesCsv = Path.Combine(shared, "data", "cn-titles-ipc", "cn_patent_titles_ipc_subclasses.csv");
        var kp = Path.Combine(shared, "data", "kppatent-zh");
        if (File.Exists(titlesCsv) && Directory.Exists(kp))
        {
            foreach (var line in File.ReadLines(titlesCsv).Skip(1))
            {
                // row,publication_numbers,title,ipc_subclasses,ipc_sections — titles contain no commas in this file's quoted form
                var parts = SplitCsv(line);
                if (parts.Count >= 4)
                {
                    titles.Add((parts[2], parts[3].Split('|', StringSplitOptions.RemoveEmptyEntries)));
                }
            }

            foreach (var file in new[] { "kppatent_train_abstract.jsonl", "kppatent_test_tac.jsonl" })
            {
                foreach (var line in File.ReadLines(Path.Combine(kp, file)))
                {
                    using var doc = JsonDocument.Parse(line);
                    abstracts.Add(doc.RootElement.GetProperty("abstract").GetString() ?? string.Empty);
                }
            }

            source = $"../shared/data: {titles.Count:N0} real titles+IPC (cn-titles-ipc), {abstracts.Count:N0} real abstracts (kppatent-zh)";
        }
        else
        {
            var samples = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "data-samples", "patents.jsonl");
            foreach (var line in File.ReadLines(samples))
            {
                var r = PatentJson.Deserialize(line);
                if (r.Ipc.Count > 0 && r.Title is not null)
                {
                    titles.Add((r.Title, r.Ipc.Select(c => c.ToString()).ToArray()));
                }

                if (r.Abstract is not null)
                {
                    abstracts.Add(r.Abstract);
                }
            }

            source = $"data-samples/patents.jsonl: {titles.Count:N0} titles, {abstracts.Count:N0} abstracts";
        }

        var rng = new Random(seed);

        // Places, origins and citations for the analytics benchmarks, from a second seeded stream so that titles, abstracts
        // and dates are drawn exactly as before (synthetic, like the applicants).
        var extras = new Random(seed + 1);
        var divisions = PatentNav.Places.AdminDivisions.Default;
        string[] cityCodes = ["3207", "3201", "3202", "3205", "3206", "3209", "3211", "3101", "3301", "3302", "3701", "3702", "4403", "4401", "1101", "1201", "5101", "4201"];
        string[] districts = ["320703", "320706", "320707", "320722", "320723", "320724", "320771"];
        string[] foreign = ["JP", "US", "DE", "KR", "FR"];
        long bytes = 0;
        string[] kinds = ["A", "B", "U"];
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false));
        for (var i = 0; i < count; i++)
        {
            var (title, ipc) = titles[rng.Next(titles.Count)];
            var abs = abstracts[rng.Next(abstracts.Count)];
            var codes = ipc.Select(IpcCode.Parse).ToList();
            var filing = new DateOnly(2010, 1, 1).AddDays(rng.Next(0, 5300));
            var record = new PatentRecord
            {
                PublicationNumber = PublicationNumber.Parse(string.Create(CultureInfo.InvariantCulture, $"ZZ{numberBase + i}{kinds[i % 3]}")),
                Title = title,
                Abstract = abs,
                Ipc = codes,
                MainIpc = codes.FirstOrDefault(),
                FilingDate = filing,
                PublicationDate = filing.AddDays(rng.Next(180, 540)),
                Kind = (PatentKind)(1 + (i % 3)),
                LegalStatus = (LegalStatus)rng.Next(0, 4),
                Applicants = [string.Create(CultureInfo.InvariantCulture, $"（示例）基准申请人{rng.Next(0, 2000):D4}有限公司")],
                Synthetic = true,
            };
            if (extras.NextDouble() < 0.12)
            {
                var country = foreign[extras.Next(foreign.Length)];
                record = record with { Applicants = [string.Create(CultureInfo.InvariantCulture, $"(Example) Bench Holder {extras.Next(0, 300):D3} {country} Corporation")], ApplicantCountry = country };
            }
            else
            {
                var city = cityCodes[extras.Next(cityCodes.Length)];
                var code = city == "3207" ? districts[extras.Next(districts.Length)] : city;
                if (divisions.FindByCode(code) is { } division)
                {
                    var (province, cityDivision, district) = divisions.Expand(division);
                    record = record with
                    {
                        ApplicantCountry = "CN",
                        Region = new PatentNav.Records.RegionInfo(province!.Code, province.Name, cityDivision?.Code, cityDivision?.Name, district?.Code, district?.Name, "synthetic (benchmark corpus)"),
                    };
                }
            }

            record = record with { ForwardCitations = extras.Next(0, 4) == 0 ? extras.Next(0, 30) : 0, FamilySize = 1 + (extras.Next(0, 10) == 0 ? extras.Next(1, 6) : 0) };
            bytes += Encoding.UTF8.GetByteCount(title) + Encoding.UTF8.GetByteCount(abs);
            writer.WriteLine(PatentJson.Serialize(record));
        }

        return new Corpus(source, bytes);
    }

    internal static List<string> SplitCsv(string line)
    {
        var fields = new List<string>();
        var sb = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    sb.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    sb.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(sb.ToString());
                sb.Clear();
            }
            else
            {
                sb.Append(c);
            }
        }

        fields.Add(sb.ToString());
        return fields;
    }
}

/// <summary>The fixed query mix: typical analyst searches, with and without facets and filters.</summary>
internal static class QueryMix
{
    public static IReadOnlyList<SearchRequest> Requests() =>
    [
        new() { Query = "锂离子电池 正极材料" },
        new() { Query = "\"碳纤维\"" },
        new() { Query = "石墨烯" },
        new() { Query = "光刻胶" },
        new() { Query = "电池", Facets = FacetNames.All },
        new() { Query = "传感器 检测", Sort = SearchSort.DateDesc },
        new() { Ipc = ["A61K"], Facets = [FacetNames.Year, FacetNames.Applicant] },
        new() { Ipc = ["H01M"], Query = "电解液" },
        new() { Query = "title:装置 AND ipc:B65G" },
        new() { Query = "催化剂 制备", From = new DateOnly(2018, 1, 1), To = new DateOnly(2022, 12, 31) },
        new() { Query = "图像 识别 神经网络", Size = 50 },
        new() { Query = "污水 处理", Status = LegalStatus.Valid },
        new() { Applicant = "基准申请人0042" },
        new() { Query = "复合材料", Facets = [FacetNames.Ipc], Highlight = true },
        new() { Query = "abstract:聚合物 OR abstract:树脂" },
        new() { Query = "中药 组合物", Kind = PatentKind.InventionGrant },
    ];

    public static string Describe(SearchRequest r) =>
        string.Join(" ", new[]
        {
            r.Query, r.Ipc.Count > 0 ? "ipc=" + string.Join(",", r.Ipc) : null, r.Applicant is null ? null : "applicant=" + r.Applicant,
            r.Facets.Count > 0 ? "facets=" + string.Join(",", r.Facets) : null, r.From is null ? null : "dates", r.Status?.ToString(), r.Kind?.ToString(),
            r.Sort == SearchSort.Relevance ? null : r.Sort.ToString(),
        }.Where(s => s is not null));
}

/// <summary>Starts the Api over an existing index and times it until /health answers 200 (cold start).</summary>
internal static class ApiStartup
{
    public static async Task<string> MeasureAsync(string apiDll, string dataDir)
    {
        var port = 5900 + Random.Shared.Next(0, 90);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var sw = Stopwatch.StartNew();
        using var process = Start(apiDll, dataDir, port);
        try
        {
            while (sw.Elapsed < TimeSpan.FromSeconds(60))
            {
                try
                {
                    using var resp = await http.GetAsync(new Uri($"http://127.0.0.1:{port}/health"));
                    if (resp.IsSuccessStatusCode)
                    {
                        var body = await resp.Content.ReadAsStringAsync();
                        return $"{sw.Elapsed.TotalSeconds:F2} s ({body})";
                    }
                }
                catch (HttpRequestException)
                {
                }
                catch (TaskCanceledException)
                {
                }

                await Task.Delay(25);
            }

            return "did not answer within 60 s";
        }
        finally
        {
            process.Kill(entireProcessTree: true);
        }
    }

    /// <summary>Starts the Api on 127.0.0.1:<paramref name="port"/> over <paramref name="dataDir"/> (no sample seeding, Production);
    /// <paramref name="environment"/> adds settings such as PatentNav__ApiKey. Output is drained and discarded.</summary>
    public static Process Start(string apiDll, string dataDir, int port, IReadOnlyDictionary<string, string>? environment = null)
    {
        var psi = new ProcessStartInfo("dotnet", $"\"{apiDll}\" --urls http://127.0.0.1:{port}")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.Environment["PatentNav__DataDirectory"] = Path.GetFullPath(dataDir);
        psi.Environment["PatentNav__SeedDirectory"] = string.Empty;
        psi.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (k, v) in environment ?? new Dictionary<string, string>())
        {
            psi.Environment[k] = v;
        }

        var process = Process.Start(psi)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }
}

/// <summary>Small figures every benchmark reports the same way.</summary>
internal static class BenchStats
{
    /// <summary>The median (the mean of the middle two for an even count).</summary>
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    /// <summary>The 1-, 5- and 15-minute load averages, or n/a where /proc/loadavg does not exist.</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}

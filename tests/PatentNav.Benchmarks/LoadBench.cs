using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using PatentNav.Search;

namespace PatentNav.Benchmarks;

/// <summary>
/// Loopback load against the Api: N concurrent HttpClient workers for a fixed time over the query mix (GET /api/search),
/// /api/facets and /health; then the same while a JSONL import uploaded through POST /api/imports runs.
/// Any exception or non-2xx answer is an error. 127.0.0.1 only.
/// </summary>
internal static class LoadBench
{
    private const string ApiKey = "bench-load-key";

    public sealed record Phase(string Name, int Clients, long Requests, double Seconds, double P50, double P99, double Max, long Errors, string? Note)
    {
        public double PerSecond => Requests / Seconds;
    }

    public static async Task<IReadOnlyList<Phase>> RunAsync(string apiDll, string dataDir, string outDir, string shared, int seconds, int[] clients, Action<string, string> report)
    {
        // The import phases write into the workspace: run on a copy so workspace-N stays N records for --reuse.
        var copy = dataDir.TrimEnd('/', '\\') + "-load";
        if (Directory.Exists(copy))
        {
            Directory.Delete(copy, recursive: true);
        }

        CopyDirectory(dataDir, copy);
        dataDir = copy;
        var port = FreePort();
        var baseUri = new Uri($"http://127.0.0.1:{port}");
        using var process = ApiStartup.Start(apiDll, dataDir, port, new Dictionary<string, string>(StringComparer.Ordinal) { ["PatentNav__ApiKey"] = ApiKey });
        var phases = new List<Phase>();
        try
        {
            using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 256, PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5) };
            using var http = new HttpClient(handler) { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(60) };
            await WaitHealthyAsync(http);
            var paths = Paths();
            foreach (var p in paths)
            {
                using var warm = await http.GetAsync(new Uri(p, UriKind.Relative)); // JIT, caches
                if (!warm.IsSuccessStatusCode)
                {
                    throw new InvalidOperationException($"warm-up {p} answered {(int)warm.StatusCode}: {await warm.Content.ReadAsStringAsync()}");
                }
            }

            report("load requests", $"{paths.Count} distinct: {QueryMix.Requests().Count} searches (the query mix), {paths.Count - QueryMix.Requests().Count - 1} facets, /health");
            foreach (var n in clients)
            {
                var phase = await LoadAsync(http, paths, n, TimeSpan.FromSeconds(seconds), $"{n} clients", stop: null);
                phases.Add(phase);
                Print(phase, report);
            }

            // The same load with an import running: a fresh 20k-record JSONL (numbers not yet in the index) per phase.
            var importBase = 9_000_000;
            foreach (var n in clients)
            {
                var file = Path.Combine(outDir, $"load-import-{importBase}.jsonl");
                CorpusBuilder.Build(shared, 20_000, file, seed: importBase, numberBase: importBase);
                var before = await TotalAsync(http, $"pn:ZZ{importBase / 100_000}*");
                using var cts = new CancellationTokenSource();
                var importTask = ImportAsync(http, file, cts);
                var phase = await LoadAsync(http, paths, n, TimeSpan.FromMinutes(10), $"{n} clients + import", stop: cts.Token);
                var (state, imported, importSeconds) = await importTask;
                var after = await TotalAsync(http, $"pn:ZZ{importBase / 100_000}*");
                phase = phase with { Note = $"import {state}: {imported:N0} records in {importSeconds:F1} s; pn:ZZ{importBase / 100_000}* total {before:N0} → {after:N0}" };
                phases.Add(phase);
                Print(phase, report);
                importBase += 100_000;
            }

            var wrk = FindOnPath("wrk");
            Console.WriteLine(wrk is null
                ? "(wrk not installed; apt-get install -y wrk to cross-check one URL with it)"
                : $"cross-check with wrk (Api started as above): wrk -t2 -c32 -d20s --latency '{baseUri}{paths[0].TrimStart('/')}'");
            return phases;
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    private static void Print(Phase p, Action<string, string> report) =>
        report($"load {p.Name}", string.Create(CultureInfo.InvariantCulture, $"{p.PerSecond:N0} req/s ({p.Requests:N0} in {p.Seconds:F1} s), p50 {p.P50:F1} ms, p99 {p.P99:F1} ms, max {p.Max:F1} ms, errors {p.Errors}{(p.Note is null ? string.Empty : "; " + p.Note)}"));

    /// <summary>The query mix as GET query strings, a few facet requests and /health.</summary>
    public static IReadOnlyList<string> Paths()
    {
        var paths = QueryMix.Requests().Select(ToQueryString).Select(q => "/api/search?" + q).ToList();
        paths.Add("/api/facets?q=" + Uri.EscapeDataString("电池"));
        paths.Add("/api/facets?ipc=H01M&facets=year,kind,status");
        paths.Add("/api/facets?facets=applicant,region,industry&kind=inventionGrant");
        paths.Add("/health");
        return paths;
    }

    public static string ToQueryString(SearchRequest r)
    {
        var parts = new List<string>();
        void Add(string name, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                parts.Add(name + "=" + Uri.EscapeDataString(value));
            }
        }

        Add("q", r.Query);
        Add("ipc", string.Join(",", r.Ipc));
        Add("applicant", r.Applicant);
        Add("kind", r.Kind is { } k ? JsonNamingPolicy.CamelCase.ConvertName(k.ToString()) : null);
        Add("status", r.Status is { } s ? JsonNamingPolicy.CamelCase.ConvertName(s.ToString()) : null);
        Add("from", r.From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add("to", r.To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add("sort", r.Sort switch { SearchSort.DateDesc => "date_desc", SearchSort.DateAsc => "date_asc", _ => null });
        Add("size", r.Size == 20 ? null : r.Size.ToString(CultureInfo.InvariantCulture));
        Add("facets", string.Join(",", r.Facets));
        return string.Join("&", parts);
    }

    private static async Task<Phase> LoadAsync(HttpClient http, IReadOnlyList<string> paths, int clients, TimeSpan duration, string name, CancellationToken? stop)
    {
        var uris = paths.Select(p => new Uri(p, UriKind.Relative)).ToArray();
        var latencies = new List<double>[clients];
        var errors = new long[clients];
        var sw = Stopwatch.StartNew();
        var deadline = duration;
        var firstErrors = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var workers = Enumerable.Range(0, clients).Select(w => Task.Run(async () =>
        {
            var mine = latencies[w] = new List<double>(1 << 14);
            var i = w * 7;
            while (sw.Elapsed < deadline && stop is not { IsCancellationRequested: true })
            {
                var uri = uris[i++ % uris.Length];
                var t = Stopwatch.GetTimestamp();
                try
                {
                    using var resp = await http.GetAsync(uri, HttpCompletionOption.ResponseContentRead);
                    if (!resp.IsSuccessStatusCode)
                    {
                        errors[w]++;
                        if (firstErrors.Count < 5)
                        {
                            firstErrors.Enqueue($"{uri}: {(int)resp.StatusCode}");
                        }
                    }
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
                {
                    errors[w]++;
                    if (firstErrors.Count < 5)
                    {
                        firstErrors.Enqueue($"{uri}: {ex.GetType().Name} {ex.Message}");
                    }
                }

                mine.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
            }
        })).ToArray();
        await Task.WhenAll(workers);
        var elapsed = sw.Elapsed.TotalSeconds;
        var all = latencies.SelectMany(l => l).ToList();
        all.Sort();
        foreach (var e in firstErrors)
        {
            Console.WriteLine($"    error: {e}");
        }

        return new Phase(name, clients, all.Count, elapsed, Percentile(all, 0.50), Percentile(all, 0.99), all.Count == 0 ? 0 : all[^1], errors.Sum(), null);
    }

    /// <summary>Uploads the file, follows the import until it ends, then cancels <paramref name="whenDone"/>.</summary>
    private static async Task<(string State, long Imported, double Seconds)> ImportAsync(HttpClient http, string file, CancellationTokenSource whenDone)
    {
        var sw = Stopwatch.StartNew();
        try
        {
            using var form = new MultipartFormDataContent();
            using var stream = File.OpenRead(file);
            var content = new StreamContent(stream);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
            form.Add(content, "file", Path.GetFileName(file));
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/imports?wait=0", UriKind.Relative)) { Content = form };
            request.Headers.Add("X-Api-Key", ApiKey);
            using var resp = await http.SendAsync(request);
            var body = await resp.Content.ReadAsStringAsync();
            if (!resp.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"upload answered {(int)resp.StatusCode}: {body}");
            }

            var id = JsonDocument.Parse(body).RootElement.GetProperty("id").GetString()!;
            while (sw.Elapsed < TimeSpan.FromMinutes(10))
            {
                await Task.Delay(250);
                using var doc = JsonDocument.Parse(await http.GetStringAsync(new Uri("/api/imports/" + id, UriKind.Relative)));
                var state = doc.RootElement.GetProperty("state").ToString();
                if (state is not ("queued" or "running" or "Queued" or "Running" or "0" or "1"))
                {
                    return (state, doc.RootElement.GetProperty("imported").GetInt64(), sw.Elapsed.TotalSeconds);
                }
            }

            return ("timed out", 0, sw.Elapsed.TotalSeconds);
        }
        finally
        {
            await whenDone.CancelAsync();
        }
    }

    private static async Task<long> TotalAsync(HttpClient http, string q)
    {
        using var doc = JsonDocument.Parse(await http.GetStringAsync(new Uri("/api/search?size=1&q=" + Uri.EscapeDataString(q), UriKind.Relative)));
        return doc.RootElement.GetProperty("total").GetInt64();
    }

    private static async Task WaitHealthyAsync(HttpClient http)
    {
        var sw = Stopwatch.StartNew();
        while (sw.Elapsed < TimeSpan.FromSeconds(60))
        {
            try
            {
                using var resp = await http.GetAsync(new Uri("/health", UriKind.Relative));
                if (resp.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(50);
        }

        throw new InvalidOperationException("the Api did not answer /health within 60 s");
    }

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var f in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            if (Path.GetFileName(f) == "write.lock")
            {
                continue;
            }

            var target = Path.Combine(to, Path.GetRelativePath(from, f));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(f, target);
        }
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, Math.Max(0, (int)Math.Ceiling(p * sorted.Count) - 1))];
}

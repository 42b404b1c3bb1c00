using System.Diagnostics;
using System.Globalization;
using PatentNav.Analytics;
using PatentNav.Reports;
using PatentNav.Search;
using PatentNav.Workspace;

namespace PatentNav.Benchmarks;

/// <summary>Times the navigation analyses over a built workspace: one warm-up, then the median of the rounds, one at a time.</summary>
internal static class AnalyticsBench
{
    /// <summary>Runs a statement on its own connection to the workspace's store (the same database instance) and returns
    /// its time in milliseconds, reading every row; statements on session tables (matched, reference lists) fail here.</summary>
    private static double RunAlone(string dataDir, string sql, KeyValuePair<string, object?>[] parameters)
    {
        using var connection = new DuckDB.NET.Data.DuckDBConnection("Data Source=" + Path.Combine(dataDir, "analytics.duckdb"));
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.Add(new DuckDB.NET.Data.DuckDBParameter(name["db.query.parameter.".Length..], value));
        }

        var s = Stopwatch.GetTimestamp();
        try
        {
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
            }
        }
        catch (DuckDB.NET.Data.DuckDBException)
        {
            return double.NaN;
        }

        return Stopwatch.GetElapsedTime(s).TotalMilliseconds;
    }

    /// <summary>The resident set split as the kernel counts it (/proc/self/status): anonymous memory (heaps, DuckDB's
    /// buffers) and file pages mapped in (the index files Lucene maps, which the kernel may drop at any time).</summary>
    private static string ResidentParts()
    {
        if (!File.Exists("/proc/self/status"))
        {
            return "no /proc";
        }

        var fields = File.ReadAllLines("/proc/self/status")
            .Select(l => l.Split(':', 2))
            .Where(p => p.Length == 2 && p[0] is "RssAnon" or "RssFile")
            .ToDictionary(p => p[0], p => long.Parse(p[1].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024);
        return string.Create(CultureInfo.InvariantCulture, $"anonymous {fields.GetValueOrDefault("RssAnon"):N0} MB, mapped files {fields.GetValueOrDefault("RssFile"):N0} MB");
    }

    public static async Task RunAsync(string dataDir, int rounds, Action<string, string> report)
    {
        // BENCH_STORE_MB=N sets the store's memory limit (AnalyticsMemoryLimitMegabytes), =none leaves DuckDB's default.
        var options = new PatentWorkspaceOptions { DataDirectory = dataDir };
        if (Environment.GetEnvironmentVariable("BENCH_STORE_MB") is { Length: > 0 } limit)
        {
            options = options with { AnalyticsMemoryLimitMegabytes = limit == "none" ? null : int.Parse(limit, CultureInfo.InvariantCulture) };
        }

        using var ws = PatentWorkspace.Open(options);
        report("analytics workspace", $"{ws.Search.DocumentCount:N0} records");

        // A store from an earlier schema (or none) is rebuilt from the index when the workspace opens: wait for it.
        var rebuild = Stopwatch.GetTimestamp();
        var waited = false;
        while (ws.Analytics.Status.State == "building")
        {
            waited = true;
            await Task.Delay(500);
        }

        if (ws.Analytics.Status.State != "ready")
        {
            throw new InvalidOperationException("the analytical store is not ready: " + ws.Analytics.Status.Reason);
        }

        if (waited)
        {
            report("analytical store rebuilt from the index", string.Create(CultureInfo.InvariantCulture, $"{Stopwatch.GetElapsedTime(rebuild).TotalSeconds:F1} s, {ws.Analytics.Status.Rows:N0} rows"));
        }

        // The lexicon is built once per data set (cached in <data>/text): time it separately from the analyses that use it.
        var t = Stopwatch.GetTimestamp();
        var lexicon = await ws.Text.GetTermLexiconAsync();
        report("term discovery (once per data set)", $"{Stopwatch.GetElapsedTime(t).TotalSeconds:F1} s, {lexicon.Terms.Count:N0} terms");

        var cases = new (string Name, Func<Task<string>> Run)[]
        {
            ("positioning 3207 in city:新材料", async () =>
            {
                var r = await ws.Analytics.PositionAsync(new PositioningRequest { Place = "3207", Industry = "city:新材料" });
                return $"RTA {r.Rta:0.00}";
            }),
            ("chokepoint list city:新材料 for 3207", async () =>
            {
                var r = await ws.Analytics.ChokepointsAsync(new ChokepointRequest { Place = "3207", Industry = "city:新材料" });
                return $"{r.Entries.Count} units listed of {r.Scored} scored ({r.Patents:N0} patents in the field)";
            }),
            ("chokepoint list sei:1 (all fields of IT) for 3207", async () =>
            {
                var r = await ws.Analytics.ChokepointsAsync(new ChokepointRequest { Place = "3207", Industry = "sei:1" });
                return $"{r.Entries.Count} units listed of {r.Scored} scored ({r.Patents:N0} patents in the field)";
            }),
            ("high-value indicator 3207", async () =>
            {
                var r = await ws.Analytics.HighValueIndicatorAsync("3207");
                return $"{r.ValidInventions} valid inventions, {r.HighValue} high-value";
            }),
            ("applicant ranking city:新材料 (top 20)", async () =>
            {
                var r = await ws.Analytics.RankApplicantsAsync(new SearchRequest { Industry = "city:新材料" });
                return $"{r.Patents:N0} patents, {r.DistinctApplicants:N0} applicants";
            }),
            ("trends city:新材料", async () =>
            {
                var r = await ws.Analytics.TrendsAsync(new SearchRequest { Industry = "city:新材料" });
                return $"{r.Total:N0} patents";
            }),
            ("industry summaries sei (49 rows)", async () =>
            {
                var r = await ws.Analytics.SummarizeIndustriesAsync("sei", new SearchRequest());
                return $"{r.Patents:N0} patents";
            }),
            ("navigation report 3207 city:高端石化 + HTML + XLSX", async () =>
            {
                var r = await ws.Reports.BuildNavigationReportAsync(new NavigationRequest { Place = "3207", Industry = "city:高端石化" });
                var html = ReportHtml.Render(r);
                var xlsx = ReportDataset.ToXlsx(ReportDataset.From(r));
                return $"{r.Direction.Control.Patents:N0} field patents, HTML {html.Length / 1024:N0} KB, XLSX {xlsx.Length / 1024:N0} KB";
            }),
            ("navigation report 320771 city:新材料 (JSON model)", async () =>
            {
                var r = await ws.Reports.BuildNavigationReportAsync(new NavigationRequest { Place = "320771", Industry = "city:新材料" });
                return $"{r.Positioning.Region.PlaceInField.Count:N0} place patents of {r.Direction.Control.Patents:N0} in the field, {r.Direction.Clusters.K} clusters, {r.Paths.Recommendations.Count} recommendations";
            }),
            ("navigation report 320772 city:新材料 (another park, same industry)", async () =>
            {
                var r = await ws.Reports.BuildNavigationReportAsync(new NavigationRequest { Place = "320772", Industry = "city:新材料" });
                return $"{r.Positioning.Region.PlaceInField.Count:N0} place patents, {r.Direction.Clusters.K} clusters";
            }),
            ("need match (top 20)", async () =>
            {
                var r = await ws.Analytics.MatchNeedAsync(new NeedRequest { Text = "我们需要耐高温的碳纤维复合材料成型工艺，用于风电叶片", Top = 20 });
                return $"{r.Patents.Count} patents";
            }),
        };

        // The reports' first runs matter too: the first report pays the JIT of the report code and of ML.NET's k-means
        // (on 高端石化, 1,987 patents); the 新材料 report's first run is the first clustering of that industry in a warm
        // process; the 320772 report reuses the 新材料 clusters (they depend on the field, not the place).
        // BENCH_SQL=1: each case's store statements of its last round, with their times.
        var statements = new System.Collections.Concurrent.ConcurrentQueue<(string Purpose, double Ms, string? Sql, KeyValuePair<string, object?>[] Parameters)>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == "PatentNav.Analytics",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = a => statements.Enqueue((a.DisplayName, a.Duration.TotalMilliseconds, a.GetTagItem("db.query.text") as string, a.TagObjects.Where(t => t.Key.StartsWith("db.query.parameter.", StringComparison.Ordinal)).ToArray())),
        };
        // BENCH_SQL=2: with each statement's text; BENCH_SQL=3: each statement run again alone, one after another (the
        // analyses run statements concurrently, so their own times include waiting for each other).
        var traceSql = Environment.GetEnvironmentVariable("BENCH_SQL") is "1" or "2" or "3";
        var traceText = Environment.GetEnvironmentVariable("BENCH_SQL") is "2";
        var serial = Environment.GetEnvironmentVariable("BENCH_SQL") is "3";
        if (traceSql)
        {
            ActivitySource.AddActivityListener(listener);
        }

        // BENCH_CASES=a,b: only the cases whose name contains one of them.
        var only = Environment.GetEnvironmentVariable("BENCH_CASES") is { Length: > 0 } filter ? filter.Split(',') : null;
        foreach (var (name, run) in cases.Where(c => only is null || only.Any(o => c.Name.Contains(o, StringComparison.Ordinal))))
        {
            var first = Stopwatch.GetTimestamp();
            var what = await run(); // warm-up
            var firstMs = Stopwatch.GetElapsedTime(first).TotalMilliseconds;
            var times = new List<double>();
            for (var i = 0; i < Math.Max(1, rounds); i++)
            {
                statements.Clear();
                var s = Stopwatch.GetTimestamp();
                await run();
                times.Add(Stopwatch.GetElapsedTime(s).TotalMilliseconds);
            }

            times.Sort();
            report(name, string.Create(CultureInfo.InvariantCulture, $"median {times[times.Count / 2]:N0} ms (min {times[0]:N0}, max {times[^1]:N0}, {times.Count} runs after a first run of {firstMs:N0} ms; {what})"));
            foreach (var (purpose, ms, sql, parameters) in traceSql ? statements : [])
            {
                var alone = serial && sql is not null ? string.Create(CultureInfo.InvariantCulture, $" (alone {RunAlone(dataDir, sql, parameters):N0} ms)") : string.Empty;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    {ms,8:N0} ms{alone}  {purpose}"));
                if (traceText)
                {
                    Console.WriteLine(sql + "\n;");
                }
            }
        }

        using (var connection = new DuckDB.NET.Data.DuckDBConnection("Data Source=" + Path.Combine(dataDir, "analytics.duckdb")))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT CAST(sum(memory_usage_bytes) AS BIGINT), current_setting('memory_limit') FROM duckdb_memory()";
            using var reader = command.ExecuteReader();
            reader.Read();
            report("DuckDB buffer memory after the analyses", string.Create(CultureInfo.InvariantCulture, $"{Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture) / 1048576:N0} MB (memory_limit {reader.GetValue(1)})"));
        }

        using var process = Process.GetCurrentProcess();
        report("resident memory after the analyses", string.Create(CultureInfo.InvariantCulture, $"{process.WorkingSet64 / 1048576:N0} MB (peak {process.PeakWorkingSet64 / 1048576:N0} MB, managed heap {GC.GetTotalMemory(false) / 1048576:N0} MB; {ResidentParts()})"));
    }
}

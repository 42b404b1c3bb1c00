using System.Diagnostics;
using System.Text;
using PatentNav.Api.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace PatentNav.Api.Tests.Browser;

/// <summary>
/// The park managers' page in a real browser: the built Api runs as a child process over a fresh data directory seeded with
/// the bundled sample (8,534 records), and <c>tests/browser/navigation.mjs</c> drives Debian's headless Chromium through
/// playwright-core against it (pick a park and an industry, generate, check every figure against the JSON report, the
/// charts, the HTML download, a ProblemDetails error in words, a screenshot in <c>tests/browser/artifacts/</c>). A second
/// Api requires the API key for reads (<c>PatentNav:RequireKeyForReads</c>): the page must ask for the key, say when it is
/// wrong, and with it show the report and fetch the downloads and the full report. A third Api, with a write key, serves
/// <c>tests/browser/workbench.mjs</c>: every workbench tab (导入, 检索, 分析, 供需对接) driven as a user would, each
/// result compared with the Api's answer to the same request, and a screenshot of each tab.
/// </summary>
/// <remarks>
/// Prerequisites are not skipped when missing: the test fails saying what to install (what <c>.ci/run</c> installs).
/// It lives in this project, not a project of its own, because it reuses <see cref="ApiChildProcess"/> and the Api's
/// build output (data-samples, wwwroot) that this project's output already holds.
/// </remarks>
public sealed class NavigationPageBrowserTests(ITestOutputHelper output) : IDisposable
{
    private const string ChromiumDefault = "/usr/bin/chromium";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromMinutes(9);
    private const string ReadKey = "browser-test-read-key";
    private const string WriteKey = "browser-test-write-key";
    private readonly string _root = Path.Combine(Path.GetTempPath(), "patentnav-browser-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Fact]
    public async Task Page_InHeadlessChromium_GeneratesTheReportWithFiguresMatchingTheJsonChartsDownloadsAndErrorsInWords()
    {
        var (browserTests, chromium, node) = Prerequisites();
        var script = Path.Combine(browserTests, "navigation.mjs");

        // A fresh data directory: the Api seeds it from the bundled sample on first start. No analysis time limit: this
        // test shares two cores with the rest of the suite, and a 503 would say nothing about the page.
        using var api = await ApiChildProcess.StartAsync(
            new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["PatentNav__DataDirectory"] = Path.Combine(_root, "data"),
                ["PatentNav__AnalysisTimeoutSeconds"] = "0",
            },
            StartTimeout);
        using var keyed = await ApiChildProcess.StartAsync(
            new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["PatentNav__DataDirectory"] = Path.Combine(_root, "data-keyed"),
                ["PatentNav__AnalysisTimeoutSeconds"] = "0",
                ["PatentNav__ApiKey"] = ReadKey,
                ["PatentNav__RequireKeyForReads"] = "true",
            },
            StartTimeout);
        keyed.Client.DefaultRequestHeaders.Add("X-Api-Key", ReadKey);
        await WaitForSeedingAsync(api);
        await WaitForSeedingAsync(keyed);

        var artifacts = Path.Combine(browserTests, "artifacts");
        Directory.CreateDirectory(artifacts);
        var (exitCode, log) = await RunAsync(node, browserTests, [script, api.Client.BaseAddress!.ToString().TrimEnd('/'), artifacts, keyed.Client.BaseAddress!.ToString().TrimEnd('/'), ReadKey], chromium);
        output.WriteLine(log);
        Assert.True(exitCode == 0, $"node navigation.mjs exited with {exitCode}:\n{log}\n--- Api output ---\n{api.OutputTail}\n--- keyed Api output ---\n{keyed.OutputTail}");
        Assert.True(File.Exists(Path.Combine(artifacts, "navigation-page.png")), "the script saved no screenshot");
    }

    [Fact]
    public async Task Workbench_InHeadlessChromium_EveryTabShowsWhatTheApiAnswers()
    {
        var (browserTests, chromium, node) = Prerequisites();
        var script = Path.Combine(browserTests, "workbench.mjs");
        using var api = await ApiChildProcess.StartAsync(
            new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["PatentNav__DataDirectory"] = Path.Combine(_root, "data-workbench"),
                ["PatentNav__AnalysisTimeoutSeconds"] = "0",
                ["PatentNav__ApiKey"] = WriteKey,
            },
            StartTimeout);
        await WaitForSeedingAsync(api);

        var artifacts = Path.Combine(browserTests, "artifacts");
        Directory.CreateDirectory(artifacts);
        var (exitCode, log) = await RunAsync(node, browserTests, [script, api.Client.BaseAddress!.ToString().TrimEnd('/'), artifacts, WriteKey], chromium);
        output.WriteLine(log);
        Assert.True(exitCode == 0, $"node workbench.mjs exited with {exitCode}:\n{log}\n--- Api output ---\n{api.OutputTail}");
        foreach (var tab in new[] { "import", "search", "analysis", "match" })
        {
            Assert.True(File.Exists(Path.Combine(artifacts, $"workbench-{tab}.png")), $"the script saved no screenshot of the {tab} tab");
        }
    }

    /// <summary>The browser tests' folder, Chromium and node; fails saying what to install when one is missing.</summary>
    private static (string BrowserTests, string Chromium, string Node) Prerequisites()
    {
        var browserTests = Path.Combine(RepositoryRoot(), "tests", "browser");
        var chromium = Environment.GetEnvironmentVariable("PATENTNAV_CHROMIUM") is { Length: > 0 } configured ? configured : ChromiumDefault;
        var node = FindOnPath("node");
        var missing = new List<string>();
        if (!File.Exists(chromium))
        {
            missing.Add($"Chromium is not installed at {chromium}: run `apt-get install -y chromium fonts-wqy-zenhei` (Debian packages; .ci/run installs them)");
        }

        if (node is null)
        {
            missing.Add("node is not on PATH: install Node.js 20 or later with npm (e.g. `apt-get install -y nodejs npm`)");
        }

        if (!File.Exists(Path.Combine(browserTests, "node_modules", "playwright-core", "package.json")))
        {
            missing.Add($"playwright-core is not installed: run `npm ci` in {browserTests} (.ci/run does)");
        }

        Assert.True(missing.Count == 0, "The browser test's prerequisites are missing:\n- " + string.Join("\n- ", missing));
        return (browserTests, chromium, node!);
    }

    private static async Task WaitForSeedingAsync(ApiChildProcess api)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < StartTimeout)
        {
            var health = await api.Client.GetJsonAsync("/health");
            if (health.GetProperty("documents").GetInt32() > 0 && health.GetProperty("pendingImports").GetInt32() == 0)
            {
                return;
            }

            await Task.Delay(250);
        }

        Assert.Fail($"the sample was not seeded within {StartTimeout.TotalSeconds} s:\n{api.OutputTail}");
    }

    private async Task<(int ExitCode, string Log)> RunAsync(string node, string workingDirectory, IReadOnlyList<string> arguments, string chromium)
    {
        var info = new ProcessStartInfo(node)
        {
            WorkingDirectory = workingDirectory,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["PATENTNAV_CHROMIUM"] = chromium;
        info.Environment["PATENTNAV_BROWSER_TMP"] = _root;
        var log = new StringBuilder();
        using var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => Append(log, e.Data);
        process.ErrorDataReceived += (_, e) => Append(log, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(ScriptTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            Append(log, $"killed after {ScriptTimeout.TotalMinutes} minutes");
            return (-1, Snapshot(log));
        }

        // WaitForExitAsync returns once the output streams are drained.
        return (process.ExitCode, Snapshot(log));
    }

    private static void Append(StringBuilder log, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            log.AppendLine(line);
        }
    }

    private static string Snapshot(StringBuilder log)
    {
        lock (log)
        {
            return log.ToString();
        }
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PatentNav.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no PatentNav.sln above {AppContext.BaseDirectory}");
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);
}

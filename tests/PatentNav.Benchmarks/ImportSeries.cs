using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;

namespace PatentNav.Benchmarks;

/// <summary>
/// <c>--import-only --rounds N</c>: the import benchmark N times, each in a fresh process (as the Api's first upload after
/// start), one after another, with the load average before each; then the median, range and how many runs reached the
/// target. One run says little on this machine: the same work takes ±20 % CPU from one minute to the next.
/// </summary>
internal static partial class ImportSeries
{
    private const double TargetRecordsPerSecond = 5000;

    public static async Task<int> RunAsync(string[] args, int rounds)
    {
        var childArgs = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--rounds")
            {
                i++;
                continue;
            }

            childArgs.Add(args[i]);
        }

        var rates = new List<double>();
        var cpus = new List<double>();
        for (var round = 1; round <= rounds; round++)
        {
            var load = BenchStats.LoadAverage();
            var output = await RunChildAsync(childArgs);
            var m = ImportCallLine().Match(output);
            if (!m.Success)
            {
                Console.Error.WriteLine($"round {round}: no import figure in the run's output:\n{output}");
                return 1;
            }

            var rate = double.Parse(m.Groups["rate"].Value.Replace(",", string.Empty, StringComparison.Ordinal), CultureInfo.InvariantCulture);
            var cpu = double.Parse(m.Groups["cpu"].Value, CultureInfo.InvariantCulture);
            rates.Add(rate);
            cpus.Add(cpu);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"round {round,2} ({DateTime.Now:HH:mm}, load {load}): import call {rate:N0} records/s, {cpu:F1} s CPU"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"import call over {rounds} runs: median {BenchStats.Median(rates):N0} records/s, range {rates.Min():N0}–{rates.Max():N0}; {cpus.Min():F1}–{cpus.Max():F1} s CPU; {rates.Count(r => r >= TargetRecordsPerSecond)} of {rounds} at or above {TargetRecordsPerSecond:N0}"));
        return 0;
    }

    private static async Task<string> RunChildAsync(IReadOnlyList<string> args)
    {
        var self = Environment.ProcessPath ?? "dotnet";
        var psi = new ProcessStartInfo(self) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            psi.ArgumentList.Add(Assembly.GetEntryAssembly()!.Location);
        }

        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return await stdout + await stderr;
    }

    [GeneratedRegex(@"import call alone \(open workspace\)\s+(?<rate>[\d,]+) records/s, (?<cpu>[\d.]+) s CPU", RegexOptions.CultureInvariant)]
    private static partial Regex ImportCallLine();
}

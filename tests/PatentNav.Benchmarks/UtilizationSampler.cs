using System.Diagnostics;
using System.Globalization;

namespace PatentNav.Benchmarks;

/// <summary>Diagnostics for the import benchmark (<c>BENCH_UTIL=1</c>): cores busy in each half second while alive, which
/// shows the phases where the import does not use both cores (start, commits, the end).</summary>
internal sealed class UtilizationSampler : IDisposable
{
    private readonly Thread _thread;
    private volatile bool _stop;

    public UtilizationSampler()
    {
        _thread = new Thread(Run) { IsBackground = true };
        _thread.Start();
    }

    public void Dispose()
    {
        _stop = true;
        _thread.Join();
    }

    private void Run()
    {
        var p = Process.GetCurrentProcess();
        var last = p.TotalProcessorTime;
        var sw = Stopwatch.StartNew();
        var lastT = sw.Elapsed;
        var line = new List<string>();
        while (!_stop)
        {
            Thread.Sleep(500);
            p.Refresh();
            var now = p.TotalProcessorTime;
            var t = sw.Elapsed;
            line.Add(((now - last).TotalSeconds / (t - lastT).TotalSeconds).ToString("F1", CultureInfo.InvariantCulture));
            last = now;
            lastT = t;
        }

        Console.WriteLine("cores busy per 0.5 s: " + string.Join(' ', line));
    }
}

using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace PatentNav.Benchmarks;

/// <summary>Diagnostics for the import benchmark (<c>BENCH_ALLOC=1</c>): the runtime's GC AllocationTick events (one per
/// ~100 KB allocated) summed by type name, so that allocation volume can be attributed without a profiler.</summary>
internal sealed class AllocListener : EventListener
{
    public static readonly ConcurrentDictionary<string, long> Bytes = new();

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(source, EventLevel.Verbose, (EventKeywords)0x1); // GC keyword
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (e.EventName is not "GCAllocationTick_V4" and not "GCAllocationTick_V3" and not "GCAllocationTick_V2" || e.Payload is null)
        {
            return;
        }

        var i = e.PayloadNames!.IndexOf("TypeName");
        var a = e.PayloadNames.IndexOf("AllocationAmount64");
        var name = i >= 0 ? e.Payload[i] as string ?? "?" : "?";
        var amount = a >= 0 ? Convert.ToInt64(e.Payload[a], System.Globalization.CultureInfo.InvariantCulture) : 100_000;
        Bytes.AddOrUpdate(name, amount, (_, v) => v + amount);
    }

    public static void Print()
    {
        foreach (var (k, v) in Bytes.OrderByDescending(kv => kv.Value).Take(40))
        {
            Console.WriteLine($"{v / 1e6,10:F1} MB  {k}");
        }
    }
}

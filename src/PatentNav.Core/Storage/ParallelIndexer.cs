using PatentNav.Records;

namespace PatentNav.Storage;

/// <summary>
/// Indexes records on dedicated worker threads fed by a bounded queue, so that reading, parsing and looking up the next
/// rows overlaps with analysing the previous ones (analysis is the cost of indexing; IndexWriter accepts documents from
/// several threads at once).
/// </summary>
/// <remarks>A queue rather than a fork-join per batch keeps the cores busy while the reader thread prepares the next rows.
/// Result order does not depend on which thread indexes a document: searches break ties by publication number.</remarks>
internal sealed class ParallelIndexer : IDisposable
{
    private readonly PatentIndex _index;
    private const int ChunkSize = 64;
    private readonly Queue<PatentRecord[]> _queue = new();
    private readonly int _capacity;
    private bool _completed;
    private readonly Thread[] _workers;
    private readonly object _gate = new();
    private int _pending;
    private Exception? _failure;

    private readonly Action<PatentRecord, IReadOnlyList<string>>? _indexed;

    /// <param name="index">The index written to.</param>
    /// <param name="workers">Indexing threads.</param>
    /// <param name="capacity">Records queued at most.</param>
    /// <param name="indexed">Called on the indexing thread after each record, with the industry tokens it was indexed
    /// with (the import derives its analytical-store rows there, in parallel).</param>
    public ParallelIndexer(PatentIndex index, int workers, int capacity, Action<PatentRecord, IReadOnlyList<string>>? indexed = null)
    {
        _index = index;
        _indexed = indexed;
        _capacity = Math.Max(1, capacity / ChunkSize);
        _workers = new Thread[Math.Max(1, workers)];
        for (var i = 0; i < _workers.Length; i++)
        {
            var worker = i;
            _workers[i] = new Thread(() => Work(worker)) { IsBackground = true, Name = "PatentNav indexer " + (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) };
            _workers[i].Start();
        }
    }

    /// <summary>Queues records for indexing; blocks while the queue is full. Throws a worker's failure, if any.</summary>
    /// <remarks>Records travel in chunks of 64 under a plain monitor: a per-record hand-off (or BlockingCollection's
    /// spinning semaphore) takes CPU away from the indexing threads.</remarks>
    public void Add(IReadOnlyList<PatentRecord> records)
    {
        for (var start = 0; start < records.Count; start += ChunkSize)
        {
            ThrowIfFailed();
            var chunk = new PatentRecord[Math.Min(ChunkSize, records.Count - start)];
            for (var i = 0; i < chunk.Length; i++)
            {
                chunk[i] = records[start + i];
            }

            lock (_gate)
            {
                while (_queue.Count >= _capacity)
                {
                    Monitor.Wait(_gate);
                }

                _pending += chunk.Length;
                _queue.Enqueue(chunk);
                Monitor.PulseAll(_gate);
            }
        }
    }

    /// <summary>Waits until every queued record is in the writer (not yet visible or durable). Throws a worker's failure.</summary>
    public void Drain()
    {
        lock (_gate)
        {
            while (_pending > 0)
            {
                Monitor.Wait(_gate);
            }
        }

        ThrowIfFailed();
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _completed = true;
            Monitor.PulseAll(_gate);
        }

        foreach (var t in _workers)
        {
            t.Join();
        }
    }

    private void Work(int worker)
    {
        while (true)
        {
            PatentRecord[] chunk;
            lock (_gate)
            {
                // Worker 0 always indexes; the others give way while user queries run, so that searches keep their
                // latency during an import.
                while ((_queue.Count == 0 && !_completed) || (worker > 0 && _queue.Count > 0 && _index.ActiveQueries > 0))
                {
                    Monitor.Wait(_gate, worker > 0 ? 5 : Timeout.Infinite);
                }

                if (_queue.Count == 0)
                {
                    return;
                }

                chunk = _queue.Dequeue();
                Monitor.PulseAll(_gate); // room for the producer
            }

            try
            {
                foreach (var record in chunk)
                {
                    if (Volatile.Read(ref _failure) is null)
                    {
                        var industries = _index.Upsert(record);
                        _indexed?.Invoke(record, industries);
                    }
                }
            }
            catch (Exception ex)
            {
                Interlocked.CompareExchange(ref _failure, ex, null);
            }
            finally
            {
                lock (_gate)
                {
                    _pending -= chunk.Length;
                    if (_pending == 0)
                    {
                        Monitor.PulseAll(_gate);
                    }
                }
            }
        }
    }

    private void ThrowIfFailed()
    {
        if (Volatile.Read(ref _failure) is { } failure)
        {
            throw new IOException("Indexing a record failed: " + failure.Message, failure);
        }
    }
}

using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;
using PatentNav.Records;
using PatentNav.Text;
using PatentNav.Text.Internal;

namespace PatentNav.Analytics.Internal;

/// <summary>
/// The records to cluster, ordered by publication number, each with the counts of its feature tokens. Records keep only
/// what the cluster descriptions read (number, title, applicants, dates, kind, status): 100,000 full records with
/// abstracts and claims would cost hundreds of megabytes for nothing.
/// </summary>
internal sealed class ClusterCorpus
{
    private const int BatchSize = 2048;

    private ClusterCorpus(PatentRecord[] records, int[][] tokenIds, int[][] tokenCounts, string[] tokens, long tokenCount)
    {
        Records = records;
        TokenIds = tokenIds;
        TokenCounts = tokenCounts;
        Tokens = tokens;
        TokenCount = tokenCount;
    }

    /// <summary>The records, ordered by publication number (ordinal), stripped of long texts.</summary>
    public PatentRecord[] Records { get; }

    /// <summary>Per record: the distinct token ids it contains, ascending.</summary>
    public int[][] TokenIds { get; }

    /// <summary>Per record: how often each token of <see cref="TokenIds"/> occurs.</summary>
    public int[][] TokenCounts { get; }

    /// <summary>Token id → text.</summary>
    public string[] Tokens { get; }

    /// <summary>Feature tokens counted in all records (repeats included).</summary>
    public long TokenCount { get; }

    /// <summary>Segments every record's <see cref="AnalysisText.Of"/> (batches on every core; the result does
    /// not depend on the thread count or on the order of <paramref name="records"/>).</summary>
    /// <remarks>The records are enumerated on the calling thread (the index loads them there, inside its searcher) while
    /// a second task segments the batches already read: loading and segmenting overlap.</remarks>
    public static ClusterCorpus Build(IEnumerable<PatentRecord> records, FeatureTokenizer tokenizer, Action<long>? progress, CancellationToken cancellationToken)
    {
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var tokens = new List<string>();
        var kept = new List<PatentRecord>();
        var docIds = new List<int[]>();
        var docCounts = new List<int[]>();
        long tokenCount = 0;
        var segmented = new IReadOnlyList<string>[BatchSize];
        var perDoc = new Dictionary<int, int>();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var parallel = new ParallelOptions { CancellationToken = stop.Token, MaxDegreeOfParallelism = Environment.ProcessorCount };

        void Segment(List<PatentRecord> batch)
        {
            Parallel.For(0, batch.Count, parallel, i => segmented[i] = tokenizer.Tokenize(AnalysisText.Of(batch[i])));
            for (var i = 0; i < batch.Count; i++)
            {
                perDoc.Clear();
                foreach (var token in segmented[i])
                {
                    if (!ids.TryGetValue(token, out var id))
                    {
                        id = tokens.Count;
                        ids[token] = id;
                        tokens.Add(token);
                    }

                    perDoc[id] = perDoc.GetValueOrDefault(id) + 1;
                }

                tokenCount += segmented[i].Count;
                var termIds = perDoc.Keys.ToArray();
                Array.Sort(termIds);
                docIds.Add(termIds);
                docCounts.Add(Array.ConvertAll(termIds, t => perDoc[t]));
                kept.Add(Slim(batch[i]));
                segmented[i] = [];
            }

            progress?.Invoke(kept.Count);
        }

        using (var queue = new BlockingCollection<List<PatentRecord>>(boundedCapacity: 4))
        {
            var consumer = Task.Run(
                () =>
                {
                    try
                    {
                        foreach (var batch in queue.GetConsumingEnumerable(stop.Token))
                        {
                            Segment(batch);
                        }
                    }
                    catch
                    {
                        stop.Cancel(); // the reader must not wait for room in the queue
                        throw;
                    }
                },
                CancellationToken.None);
            Exception? readError = null;
            try
            {
                var batch = new List<PatentRecord>(BatchSize);
                foreach (var record in records)
                {
                    stop.Token.ThrowIfCancellationRequested();
                    batch.Add(record);
                    if (batch.Count == BatchSize)
                    {
                        queue.Add(batch, stop.Token);
                        batch = new List<PatentRecord>(BatchSize);
                    }
                }

                if (batch.Count > 0)
                {
                    queue.Add(batch, stop.Token);
                }
            }
            catch (Exception ex)
            {
                readError = ex;
                stop.Cancel();
            }
            finally
            {
                queue.CompleteAdding();
            }

            Exception? segmentError = null;
            try
            {
                consumer.GetAwaiter().GetResult();
            }
            catch (Exception ex)
            {
                segmentError = ex;
            }

            // The caller's cancellation first; then a failure to read; then a failure to segment (which also stops the
            // reader with a cancellation of its own).
            cancellationToken.ThrowIfCancellationRequested();
            if (readError is not null and not OperationCanceledException)
            {
                ExceptionDispatchInfo.Throw(readError);
            }

            if ((segmentError ?? readError) is { } error)
            {
                ExceptionDispatchInfo.Throw(error);
            }
        }

        // Publication-number order makes everything downstream (vectors, k-means, ties) independent of the index order.
        var order = Enumerable.Range(0, kept.Count).ToArray();
        Array.Sort(order, (a, b) =>
        {
            var c = string.CompareOrdinal(kept[a].PublicationNumber.Value, kept[b].PublicationNumber.Value);
            return c != 0 ? c : a.CompareTo(b);
        });
        return new ClusterCorpus(
            Array.ConvertAll(order, i => kept[i]),
            Array.ConvertAll(order, i => docIds[i]),
            Array.ConvertAll(order, i => docCounts[i]),
            [.. tokens],
            tokenCount);
    }

    private static PatentRecord Slim(PatentRecord r) => r with
    {
        Abstract = null,
        FirstClaim = null,
        Claims = null,
        CurrentHolders = [],
        Inventors = [],
        ApplicantAddress = null,
        Cpc = [],
        FamilyCountries = null,
        LegalStatusRaw = null,
    };
}

/// <summary>
/// TF-IDF vectors of a <see cref="ClusterCorpus"/> over a pruned vocabulary, L2-normalised (cosine geometry).
/// </summary>
internal sealed class TfIdfSpace
{
    private TfIdfSpace(string[] vocabulary, int[] documentFrequency, SparseVector?[] vectors, int prunedGeneric, int prunedRare, int prunedCommon, int prunedCap)
    {
        PrunedGeneric = prunedGeneric;
        Vocabulary = vocabulary;
        DocumentFrequency = documentFrequency;
        Vectors = vectors;
        PrunedRare = prunedRare;
        PrunedCommon = prunedCommon;
        PrunedCap = prunedCap;
    }

    /// <summary>Term id → text, in ordinal order.</summary>
    public string[] Vocabulary { get; }

    /// <summary>Term id → documents containing it (all records).</summary>
    public int[] DocumentFrequency { get; }

    /// <summary>Per record (corpus order): its vector, or null when none of its tokens is in the vocabulary.</summary>
    public SparseVector?[] Vectors { get; }

    /// <summary>Distinct tokens dropped as generic words.</summary>
    public int PrunedGeneric { get; }

    /// <summary>Distinct tokens dropped for occurring in too few records.</summary>
    public int PrunedRare { get; }

    /// <summary>Distinct tokens dropped for occurring in too many records.</summary>
    public int PrunedCommon { get; }

    /// <summary>Distinct tokens dropped by the vocabulary cap (the rarest of the remaining ones).</summary>
    public int PrunedCap { get; }

    /// <summary>
    /// Builds the vectors: vocabulary = tokens that <paramref name="exclude"/> does not reject, in at least <paramref name="minDf"/> records and at most
    /// ⌊<paramref name="maxDfShare"/>·N⌋, the <paramref name="maxTerms"/> most frequent of those (ties by text);
    /// weight = (1 + ln tf)·(ln((1 + N)/(1 + df)) + 1), then L2-normalised.
    /// </summary>
    public static TfIdfSpace Build(ClusterCorpus corpus, int minDf, double maxDfShare, int maxTerms, Func<string, bool>? exclude, CancellationToken cancellationToken)
    {
        var n = corpus.Records.Length;
        var df = new int[corpus.Tokens.Length];
        foreach (var ids in corpus.TokenIds)
        {
            foreach (var id in ids)
            {
                df[id]++;
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        var maxDf = Math.Max(minDf, (int)Math.Floor(maxDfShare * n));
        int generic = 0, rare = 0, common = 0;
        var admitted = new List<int>();
        for (var t = 0; t < df.Length; t++)
        {
            if (exclude?.Invoke(corpus.Tokens[t]) == true)
            {
                generic++;
            }
            else if (df[t] < minDf)
            {
                rare++;
            }
            else if (df[t] > maxDf)
            {
                common++;
            }
            else
            {
                admitted.Add(t);
            }
        }

        admitted.Sort((a, b) =>
        {
            var c = df[b].CompareTo(df[a]);
            return c != 0 ? c : string.CompareOrdinal(corpus.Tokens[a], corpus.Tokens[b]);
        });
        var cap = Math.Max(0, admitted.Count - maxTerms);
        if (cap > 0)
        {
            admitted.RemoveRange(maxTerms, cap);
        }

        admitted.Sort((a, b) => string.CompareOrdinal(corpus.Tokens[a], corpus.Tokens[b]));
        var map = new int[corpus.Tokens.Length];
        Array.Fill(map, -1);
        var vocabulary = new string[admitted.Count];
        var vocabDf = new int[admitted.Count];
        var idf = new double[admitted.Count];
        for (var v = 0; v < admitted.Count; v++)
        {
            map[admitted[v]] = v;
            vocabulary[v] = corpus.Tokens[admitted[v]];
            vocabDf[v] = df[admitted[v]];
            idf[v] = TfIdf.Idf(n, vocabDf[v]);
        }

        var vectors = new SparseVector?[n];
        var terms = new List<int>();
        var frequencies = new List<int>();
        for (var d = 0; d < n; d++)
        {
            if ((d & 4095) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            terms.Clear();
            frequencies.Clear();
            var ids = corpus.TokenIds[d];
            var counts = corpus.TokenCounts[d];
            for (var i = 0; i < ids.Length; i++)
            {
                var v = map[ids[i]];
                if (v >= 0)
                {
                    terms.Add(v);
                    frequencies.Add(counts[i]);
                }
            }

            // The terms stay in corpus token order, the order in which the norm has always been summed.
            if (terms.Count > 0)
            {
                vectors[d] = TfIdf.Vector(CollectionsMarshal.AsSpan(terms), CollectionsMarshal.AsSpan(frequencies), idf);
            }
        }

        return new TfIdfSpace(vocabulary, vocabDf, vectors, generic, rare, common, cap);
    }
}

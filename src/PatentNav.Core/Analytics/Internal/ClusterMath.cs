using System.Globalization;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using PatentNav.Text.Internal;

namespace PatentNav.Analytics.Internal;

/// <summary>k-means through ML.NET, cosine silhouette, nearest-centroid assignment and the classical MDS map.</summary>
internal static class ClusterMath
{
    /// <summary>
    /// Trains ML.NET's k-means (k-means++ initialisation, Yinyang-accelerated Lloyd iterations) on <paramref name="docs"/>
    /// and returns the dense centroids. One thread, a seeded context and a fixed iteration cap make the result
    /// reproducible (ML.NET's results otherwise depend on the thread count).
    /// </summary>
    /// <remarks>ML.NET offers no public way to cancel a fit; the rows are streamed from an enumerator that checks the
    /// token, so a cancellation ends the fit at its next pass over the data.</remarks>
    public static float[][] TrainKMeans(IReadOnlyList<SparseVector> docs, int dimension, int k, int seed, int maxIterations, CancellationToken cancellationToken)
    {
        var ml = new MLContext(seed);
        var schema = SchemaDefinition.Create(typeof(KMeansRow));
        schema[nameof(KMeansRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, dimension);
        var data = ml.Data.LoadFromEnumerable(Rows(docs, dimension, cancellationToken), schema);
        var trainer = ml.Clustering.Trainers.KMeans(new KMeansTrainer.Options
        {
            FeatureColumnName = nameof(KMeansRow.Features),
            NumberOfClusters = k,
            NumberOfThreads = 1,
            MaximumNumberOfIterations = maxIterations,
            InitializationAlgorithm = KMeansTrainer.InitializationAlgorithm.KMeansPlusPlus,
            AccelerationMemoryBudgetMb = 512,
        });

        ClusteringPredictionTransformer<KMeansModelParameters> model;
        try
        {
            model = trainer.Fit(data);
        }
        catch (Exception ex) when (cancellationToken.IsCancellationRequested && ex is not OperationCanceledException)
        {
            // ML.NET wraps exceptions thrown by the data source.
            throw new OperationCanceledException("clustering was cancelled", ex, cancellationToken);
        }

        VBuffer<float>[] centroids = [];
        model.Model.GetClusterCentroids(ref centroids, out var count);
        var dense = new float[count][];
        for (var c = 0; c < count; c++)
        {
            dense[c] = new float[dimension];
            centroids[c].CopyTo(dense[c]);
        }

        return dense;
    }

    /// <summary>
    /// Spherical k-means (Dhillon &amp; Modha 2001) started from <paramref name="start"/>: centroids are L2-normalised,
    /// each document goes to the centroid of highest cosine similarity (ties to the lower index), each centroid becomes
    /// the normalised sum of its documents, until no document moves or <paramref name="maxIterations"/> passes. A centroid
    /// that loses all its documents keeps its place. Returns unit centroids and the final assignment.
    /// </summary>
    /// <remarks>Why, after ML.NET's Euclidean k-means: on unit vectors that objective lets a centroid of small norm (the
    /// mean of unrelated documents) win every document that resembles no topic, a catch-all cluster; ranking by cosine
    /// removes that bias (docs/clusters.md). Sums run in document order on one thread, so the result does not depend on the
    /// thread count.</remarks>
    public static (float[][] Centroids, int[] Labels, int Iterations) Refine(IReadOnlyList<SparseVector> docs, float[][] start, int dimension, int maxIterations, CancellationToken cancellationToken)
    {
        var centroids = Array.ConvertAll(start, Normalised);
        var labels = new int[docs.Count];
        var changed = 0;
        var iterations = 0;
        for (var pass = 0; ; pass++)
        {
            changed = 0;
            Parallel.For(
                0,
                docs.Count,
                new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount },
                () => 0,
                (i, _, moved) =>
                {
                    var best = 0;
                    var bestDot = float.MinValue;
                    for (var c = 0; c < centroids.Length; c++)
                    {
                        var dot = docs[i].Dot(centroids[c]);
                        if (dot > bestDot)
                        {
                            bestDot = dot;
                            best = c;
                        }
                    }

                    if (labels[i] != best || pass == 0)
                    {
                        labels[i] = best;
                        moved++;
                    }

                    return moved;
                },
                moved => Interlocked.Add(ref changed, moved));
            if ((pass > 0 && changed == 0) || pass == maxIterations)
            {
                break;
            }

            iterations++;
            var sums = new float[centroids.Length][];
            for (var i = 0; i < docs.Count; i++)
            {
                var sum = sums[labels[i]] ??= new float[dimension];
                var d = docs[i];
                for (var t = 0; t < d.Count; t++)
                {
                    sum[d.Indices[t]] += d.Values[t];
                }
            }

            for (var c = 0; c < centroids.Length; c++)
            {
                if (sums[c] is { } sum)
                {
                    centroids[c] = Normalised(sum);
                }
            }
        }

        return (centroids, labels, iterations);
    }

    /// <summary>
    /// Splits a cluster holding more than <paramref name="maxShare"/> of the documents in two (<see cref="Bisect"/>) and
    /// merges the two most similar other clusters whose union stays within the share, so that k stays; then refines over
    /// every document and looks again, at most k times. <paramref name="labels"/> is the assignment to
    /// <paramref name="centroids"/> (as <see cref="Refine"/> returns it). Gives up (<c>Stuck</c>) when a half would hold less than 1 % of the documents or no pair can merge:
    /// the data leave no other split at this k.
    /// </summary>
    public static (float[][] Centroids, int Splits, string? Stuck) BalanceOversized(IReadOnlyList<SparseVector> docs, float[][] centroids, int[] labels, int dimension, double maxShare, int refineIterations, int seed, CancellationToken cancellationToken)
    {
        var n = docs.Count;
        var k = centroids.Length;
        var limit = maxShare * n;
        var splits = 0;
        for (var attempt = 0; ; attempt++)
        {
            var sizes = new int[k];
            foreach (var label in labels)
            {
                sizes[label]++;
            }

            var largest = 0;
            for (var c = 1; c < k; c++)
            {
                largest = sizes[c] > sizes[largest] ? c : largest;
            }

            if (sizes[largest] <= limit)
            {
                return (centroids, splits, null);
            }

            if (attempt == k || k < 3)
            {
                return (centroids, splits, string.Create(CultureInfo.InvariantCulture, $"after {splits} splits the patents still gather in one cluster"));
            }

            var members = Enumerable.Range(0, n).Where(i => labels[i] == largest).ToArray();
            if (Bisect(docs, members, dimension, Math.Max(2, (int)Math.Ceiling(0.01 * n)), seed + attempt, cancellationToken) is not { } halves)
            {
                return (centroids, splits, "2-means inside it leaves a half with less than 1 % of the patents");
            }

            var (p, q, bestDot) = (-1, -1, float.MinValue);
            for (var a = 0; a < k; a++)
            {
                for (var b = a + 1; b < k; b++)
                {
                    if (a == largest || b == largest || sizes[a] + sizes[b] > limit)
                    {
                        continue;
                    }

                    var dot = Dot(centroids[a], centroids[b]);
                    if (dot > bestDot)
                    {
                        (p, q, bestDot) = (a, b, dot);
                    }
                }
            }

            if (p < 0)
            {
                return (centroids, splits, "no two other clusters can merge within the share to keep k");
            }

            var merged = new float[dimension];
            for (var t = 0; t < dimension; t++)
            {
                merged[t] = (sizes[p] * centroids[p][t]) + (sizes[q] * centroids[q][t]);
            }

            var next = Enumerable.Range(0, k).Where(c => c != largest && c != p && c != q).Select(c => centroids[c]).ToList();
            next.Add(Normalised(merged));
            next.Add(halves.A);
            next.Add(halves.B);
            (centroids, labels, _) = Refine(docs, [.. next], dimension, refineIterations, cancellationToken);
            splits++;
        }
    }

    /// <summary>k-means++ (ML.NET, seeded) then spherical 2-means over <paramref name="members"/>; null when a half would
    /// hold fewer than <paramref name="minSize"/> documents.</summary>
    private static (float[] A, float[] B)? Bisect(IReadOnlyList<SparseVector> docs, int[] members, int dimension, int minSize, int seed, CancellationToken cancellationToken)
    {
        if (members.Length < 2 * minSize)
        {
            return null;
        }

        var subset = Array.ConvertAll(members, i => docs[i]);
        var start = TrainKMeans(subset, dimension, 2, seed, 100, cancellationToken);
        var (halves, labels, _) = Refine(subset, start, dimension, 20, cancellationToken);
        var inB = labels.Count(l => l == 1);
        return halves.Length == 2 && inB >= minSize && members.Length - inB >= minSize ? (halves[0], halves[1]) : null;
    }

    private static float Dot(float[] x, float[] y)
    {
        double sum = 0;
        for (var t = 0; t < x.Length; t++)
        {
            sum += (double)x[t] * y[t];
        }

        return (float)sum;
    }

    private static float[] Normalised(float[] v)
    {
        double norm = 0;
        foreach (var x in v)
        {
            norm += (double)x * x;
        }

        norm = Math.Sqrt(norm);
        return norm > 0 ? Array.ConvertAll(v, x => (float)(x / norm)) : (float[])v.Clone();
    }

    /// <summary>Cosine distances (1 − cos) between all pairs of unit vectors, as a dense row-major matrix.</summary>
    public static float[] CosineDistances(IReadOnlyList<SparseVector> docs, int dimension, CancellationToken cancellationToken)
    {
        var n = docs.Count;
        var distances = new float[(long)n * n];
        Parallel.For(
            0,
            n,
            new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount },
            () => new float[dimension],
            (i, _, scratch) =>
            {
                var a = docs[i];
                for (var j = 0; j < a.Count; j++)
                {
                    scratch[a.Indices[j]] = a.Values[j];
                }

                var row = (long)i * n;
                for (var j = 0; j < n; j++)
                {
                    distances[row + j] = j == i ? 0f : Math.Max(0f, 1f - docs[j].Dot(scratch));
                }

                for (var j = 0; j < a.Count; j++)
                {
                    scratch[a.Indices[j]] = 0f;
                }

                return scratch;
            },
            _ => { });
        return distances;
    }

    /// <summary>
    /// Mean silhouette (Rousseeuw 1987) of a labelling from precomputed distances: for each point, a = mean distance to
    /// the other members of its cluster, b = the smallest mean distance to another cluster's members, s = (b − a)/max(a, b);
    /// a point alone in its cluster scores 0 (as scikit-learn).
    /// </summary>
    public static double MeanSilhouette(float[] distances, int n, int[] labels, int k)
    {
        var sizes = new int[k];
        foreach (var l in labels)
        {
            sizes[l]++;
        }

        var sums = new double[k];
        double total = 0;
        for (var i = 0; i < n; i++)
        {
            Array.Clear(sums);
            var row = (long)i * n;
            for (var j = 0; j < n; j++)
            {
                sums[labels[j]] += distances[row + j];
            }

            var own = labels[i];
            if (sizes[own] <= 1)
            {
                continue;
            }

            var a = sums[own] / (sizes[own] - 1);
            var b = double.MaxValue;
            for (var c = 0; c < k; c++)
            {
                if (c != own && sizes[c] > 0)
                {
                    b = Math.Min(b, sums[c] / sizes[c]);
                }
            }

            if (b == double.MaxValue)
            {
                continue;
            }

            var m = Math.Max(a, b);
            total += m > 0 ? (b - a) / m : 0;
        }

        return total / n;
    }

    /// <summary>
    /// Classical (Torgerson) MDS of the centroids in two dimensions: the centroids are L2-normalised, their Gram matrix
    /// double-centred (B = J·G·J, which equals −½·J·D²·J for the Euclidean distances D between them) and decomposed; the
    /// coordinates are the top two eigenvectors scaled by √λ. Each axis is oriented so that its largest-magnitude
    /// coordinate is positive (eigenvector signs are otherwise arbitrary). Returns the coordinates and the share of the
    /// positive eigenvalues the two axes keep.
    /// </summary>
    public static (double[] X, double[] Y, double Explained) ClassicalMds(float[][] centroids)
    {
        var k = centroids.Length;
        var unit = centroids.Select(c =>
        {
            var norm = Math.Sqrt(c.Sum(x => (double)x * x));
            return c.Select(x => norm > 0 ? x / norm : 0).ToArray();
        }).ToArray();
        var gram = Matrix<double>.Build.Dense(k, k, (i, j) =>
        {
            double s = 0;
            for (var t = 0; t < unit[i].Length; t++)
            {
                s += unit[i][t] * unit[j][t];
            }

            return s;
        });
        var centre = Matrix<double>.Build.DenseIdentity(k) - Matrix<double>.Build.Dense(k, k, 1.0 / k);
        var b = centre * gram * centre;
        b = (b + b.Transpose()) / 2; // exact symmetry for the symmetric solver
        var evd = b.Evd(Symmetricity.Symmetric);
        var values = evd.EigenValues.Select(v => v.Real).ToArray();
        var order = Enumerable.Range(0, k).OrderByDescending(i => values[i]).ThenBy(i => i).ToArray();
        var positive = values.Where(v => v > 1e-12).Sum();
        var axes = new double[2][];
        double kept = 0;
        for (var a = 0; a < 2; a++)
        {
            axes[a] = new double[k];
            if (a >= order.Length || values[order[a]] <= 1e-12)
            {
                continue;
            }

            var lambda = values[order[a]];
            kept += lambda;
            var vector = evd.EigenVectors.Column(order[a]);
            var pivot = Enumerable.Range(0, k).OrderByDescending(i => Math.Round(Math.Abs(vector[i]), 12)).ThenBy(i => i).First();
            var sign = vector[pivot] < 0 ? -1 : 1;
            for (var i = 0; i < k; i++)
            {
                axes[a][i] = sign * vector[i] * Math.Sqrt(lambda);
            }
        }

        return (axes[0], axes[1], positive > 0 ? kept / positive : 1.0);
    }

    private static IEnumerable<KMeansRow> Rows(IReadOnlyList<SparseVector> docs, int dimension, CancellationToken cancellationToken)
    {
        for (var i = 0; i < docs.Count; i++)
        {
            if ((i & 1023) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            var d = docs[i];
            yield return new KMeansRow { Features = new VBuffer<float>(dimension, d.Count, d.Values, d.Indices) };
        }
    }

    private sealed class KMeansRow
    {
        public VBuffer<float> Features { get; set; }
    }
}

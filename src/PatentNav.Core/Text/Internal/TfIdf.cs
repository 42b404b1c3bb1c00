namespace PatentNav.Text.Internal;

/// <summary>A sparse vector: ascending indices and their values.</summary>
internal readonly record struct SparseVector(int[] Indices, float[] Values)
{
    public int Count => Indices.Length;

    /// <summary>Dot product with a dense vector, accumulated in float.</summary>
    public float Dot(float[] dense)
    {
        var sum = 0f;
        var idx = Indices;
        var val = Values;
        for (var i = 0; i < idx.Length; i++)
        {
            sum += val[i] * dense[idx[i]];
        }

        return sum;
    }
}

/// <summary>
/// Sublinear TF-IDF: weight (1 + ln tf)·(ln((1 + N)/(1 + df)) + 1), L2-normalised into a <see cref="SparseVector"/>.
/// Two precisions, each kept exact for its caller: <see cref="Vector"/> weighs and normalises in double (clusters);
/// <see cref="SingleVector"/> rounds weights to float and scales by a float factor (the classifier, whose IDF is stored as float).
/// </summary>
internal static class TfIdf
{
    /// <summary>Smoothed IDF of a term in <paramref name="documentFrequency"/> of <paramref name="documents"/> documents.</summary>
    public static double Idf(int documents, int documentFrequency) => Math.Log((1.0 + documents) / (1.0 + documentFrequency)) + 1.0;

    /// <summary>Sublinear weight of a term occurring <paramref name="termFrequency"/> times (at least 1).</summary>
    public static double Weight(int termFrequency, double idf) => (1.0 + Math.Log(termFrequency)) * idf;

    /// <summary>A document's vector in double precision: values (float)(w / ‖w‖), the norm summed in input order.</summary>
    /// <param name="terms">Distinct term indices, in any order.</param>
    /// <param name="frequencies">How often each term of <paramref name="terms"/> occurs.</param>
    /// <param name="idf">Term index → IDF.</param>
    public static SparseVector Vector(ReadOnlySpan<int> terms, ReadOnlySpan<int> frequencies, ReadOnlySpan<double> idf)
    {
        var indices = terms.ToArray();
        var weights = new double[indices.Length];
        var sum = 0.0;
        for (var i = 0; i < indices.Length; i++)
        {
            var w = Weight(frequencies[i], idf[indices[i]]);
            weights[i] = w;
            sum += w * w;
        }

        Array.Sort(indices, weights);
        var norm = Math.Sqrt(sum);
        var values = new float[indices.Length];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = (float)(weights[i] / norm);
        }

        return new SparseVector(indices, values);
    }

    /// <summary>A document's vector in single precision: weights rounded to float, their norm summed in double in input
    /// order, then multiplied by the float 1/‖w‖ (left as they are when the norm is 0).</summary>
    /// <param name="terms">Distinct term indices, in any order.</param>
    /// <param name="frequencies">How often each term of <paramref name="terms"/> occurs.</param>
    /// <param name="idf">Term index → IDF.</param>
    public static SparseVector SingleVector(ReadOnlySpan<int> terms, ReadOnlySpan<int> frequencies, ReadOnlySpan<float> idf)
    {
        var indices = terms.ToArray();
        var values = new float[indices.Length];
        double sum = 0;
        for (var i = 0; i < indices.Length; i++)
        {
            var v = (float)Weight(frequencies[i], idf[indices[i]]);
            values[i] = v;
            sum += v * (double)v;
        }

        Array.Sort(indices, values);
        if (sum > 0)
        {
            var scale = (float)(1 / Math.Sqrt(sum));
            for (var i = 0; i < values.Length; i++)
            {
                values[i] *= scale;
            }
        }

        return new SparseVector(indices, values);
    }
}

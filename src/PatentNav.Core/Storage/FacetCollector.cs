using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace PatentNav.Storage;

/// <summary>
/// Counts SortedSet DocValues ordinals per segment for every matching document (Lucene.Net.Facet is not available),
/// then merges segments by value.
/// </summary>
internal sealed class FacetCollector : ICollector
{
    private readonly string[] _fields;
    private readonly Dictionary<string, Dictionary<string, long>> _totals;
    private SortedSetDocValues?[] _segmentValues = [];
    private long[][] _segmentCounts = [];

    public FacetCollector(IEnumerable<string> docValuesFields)
    {
        _fields = docValuesFields.Distinct(StringComparer.Ordinal).ToArray();
        _totals = _fields.ToDictionary(f => f, _ => new Dictionary<string, long>(StringComparer.Ordinal), StringComparer.Ordinal);
    }

    public bool AcceptsDocsOutOfOrder => true;

    public void SetScorer(Scorer scorer)
    {
    }

    public void SetNextReader(AtomicReaderContext context)
    {
        FlushSegment();
        _segmentValues = new SortedSetDocValues?[_fields.Length];
        _segmentCounts = new long[_fields.Length][];
        for (var i = 0; i < _fields.Length; i++)
        {
            var dv = context.AtomicReader.GetSortedSetDocValues(_fields[i]);
            _segmentValues[i] = dv;
            _segmentCounts[i] = dv is null ? [] : new long[dv.ValueCount];
        }
    }

    public void Collect(int doc)
    {
        for (var i = 0; i < _segmentValues.Length; i++)
        {
            var dv = _segmentValues[i];
            if (dv is null)
            {
                continue;
            }

            dv.SetDocument(doc);
            long ord;
            while ((ord = dv.NextOrd()) != SortedSetDocValues.NO_MORE_ORDS)
            {
                _segmentCounts[i][ord]++;
            }
        }
    }

    /// <summary>The counts per field, most frequent first (ties by value), at most <paramref name="top"/> values each.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<KeyValuePair<string, long>>> Results(int top)
    {
        FlushSegment();
        return _totals.ToDictionary(
            kv => kv.Key,
            kv => (IReadOnlyList<KeyValuePair<string, long>>)kv.Value
                .OrderByDescending(e => e.Value)
                .ThenBy(e => e.Key, StringComparer.Ordinal)
                .Take(top)
                .ToList(),
            StringComparer.Ordinal);
    }

    private void FlushSegment()
    {
        var scratch = new BytesRef();
        for (var i = 0; i < _segmentValues.Length; i++)
        {
            var dv = _segmentValues[i];
            if (dv is null)
            {
                continue;
            }

            var totals = _totals[_fields[i]];
            var counts = _segmentCounts[i];
            for (var ord = 0; ord < counts.Length; ord++)
            {
                if (counts[ord] == 0)
                {
                    continue;
                }

                dv.LookupOrd(ord, scratch);
                var key = scratch.Utf8ToString();
                totals[key] = totals.GetValueOrDefault(key) + counts[ord];
            }
        }

        _segmentValues = [];
        _segmentCounts = [];
    }
}

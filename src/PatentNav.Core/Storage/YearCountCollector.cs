using Lucene.Net.Index;
using Lucene.Net.Search;
using PatentNav.Records;

namespace PatentNav.Storage;

/// <summary>
/// Counts matching documents per year of one date field from the segments' <c>yyyyMMdd</c> date values
/// (<see cref="IndexSchema.DateValues"/>; no stored fields are read), and tracks the latest filing, publication or grant
/// date among them.
/// </summary>
/// <remarks>Filing counts fall back to the publication year when the filing date is missing (0), as the year facet does,
/// so that a filing trend's counts equal the <see cref="Search.FacetNames.Year"/> facet of the same filter.</remarks>
internal sealed class YearCountCollector(DateField dateField) : ICollector
{
    private FieldCache.Int32s? _filed;
    private FieldCache.Int32s? _published;
    private FieldCache.Int32s? _granted;

    public SortedDictionary<int, long> Counts { get; } = [];

    public long Undated { get; private set; }

    /// <summary>The latest date (yyyyMMdd) of any kind among the collected documents; 0 when none.</summary>
    public int LatestDate { get; private set; }

    public bool AcceptsDocsOutOfOrder => true;

    public void SetScorer(Scorer scorer)
    {
    }

    public void SetNextReader(AtomicReaderContext context)
    {
        _filed = IndexSchema.DateValues(context.AtomicReader, IndexSchema.Filed);
        _published = IndexSchema.DateValues(context.AtomicReader, IndexSchema.Published);
        _granted = IndexSchema.DateValues(context.AtomicReader, IndexSchema.Granted);
    }

    public void Collect(int doc)
    {
        var filed = _filed!.Get(doc);
        var published = _published!.Get(doc);
        var granted = _granted!.Get(doc);
        LatestDate = Math.Max(LatestDate, Math.Max(filed, Math.Max(published, granted)));
        var value = dateField switch
        {
            DateField.Filing => filed != 0 ? filed : published,
            DateField.Publication => published,
            _ => granted,
        };
        if (value == 0)
        {
            Undated++;
            return;
        }

        var year = value / 10000;
        Counts[year] = Counts.GetValueOrDefault(year) + 1;
    }
}

using Lucene.Net.Index;
using Lucene.Net.Search;

namespace PatentNav.Storage;

/// <summary>Collects the top-level ids of the matching documents, unscored.</summary>
internal sealed class DocIdCollector : ICollector
{
    private int _docBase;

    public List<int> Docs { get; } = [];

    public bool AcceptsDocsOutOfOrder => true;

    public void SetScorer(Scorer scorer)
    {
    }

    public void SetNextReader(AtomicReaderContext context) => _docBase = context.DocBase;

    public void Collect(int doc) => Docs.Add(_docBase + doc);
}

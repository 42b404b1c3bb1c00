using System.Globalization;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;
using Lucene.Net.Util;
using PatentNav.Records;
using PatentNav.Search;
using PatentNav.Taxonomy;

namespace PatentNav.Tests.Search;

/// <summary>
/// Date fields are written with trie precision step 8 (<see cref="IndexSchema.DatePrecisionStep"/>); indexes written
/// before used Lucene's default step 4. Range queries must find the same documents in both, and in a mix of both.
/// </summary>
public sealed class DateRangeTests
{
    [Fact]
    public void DateRange_OverDocumentsWrittenWithStep4AndStep8_FindsExactlyTheDatesInRange()
    {
        var random = new Random(20261127);
        var first = new DateOnly(1985, 1, 1);
        var dates = new Dictionary<string, int>(StringComparer.Ordinal);
        using var directory = new RAMDirectory();
        using (var writer = new IndexWriter(directory, new IndexWriterConfig(LuceneVersion.LUCENE_48, new KeywordAnalyzer())))
        {
            for (var i = 0; i < 600; i++)
            {
                var date = first.AddDays(random.Next(0, 15_000));
                var pn = string.Create(CultureInfo.InvariantCulture, $"CN{2000000 + i}A");
                dates[pn] = IndexSchema.DateValue(date);
                if (i % 2 == 0)
                {
                    // The layout before 2026-11-27: Lucene's Int32Field with its default precision step 4.
                    writer.AddDocument(new Document
                    {
                        new StringField(IndexSchema.Pn, pn, Field.Store.NO),
                        new Int32Field(IndexSchema.Filed, IndexSchema.DateValue(date), Field.Store.NO),
                    });
                }
                else
                {
                    writer.AddDocument(IndexSchema.ToDocument(new PatentRecord { PublicationNumber = PublicationNumber.Parse(pn), FilingDate = date }, IndustryTaxonomies.Default));
                }
            }
        }

        using var reader = DirectoryReader.Open(directory);
        var searcher = new IndexSearcher(reader);
        var pns = Enumerable.Range(0, reader.MaxDoc).Select(d => PnOf(reader, d)).ToArray();
        for (var q = 0; q < 300; q++)
        {
            var a = IndexSchema.DateValue(first.AddDays(random.Next(-100, 15_100)));
            var b = IndexSchema.DateValue(first.AddDays(random.Next(-100, 15_100)));
            int? min = q % 10 == 0 ? null : Math.Min(a, b);
            int? max = q % 10 == 5 ? null : Math.Max(a, b);
            var minInclusive = q % 3 != 0;
            var maxInclusive = q % 4 != 0;
            var expected = dates
                .Where(kv => (min is null || kv.Value > min || (minInclusive && kv.Value == min)) && (max is null || kv.Value < max || (maxInclusive && kv.Value == max)))
                .Select(kv => kv.Key)
                .Order(StringComparer.Ordinal)
                .ToList();

            var hits = searcher.Search(IndexSchema.DateRange(IndexSchema.Filed, min, max, minInclusive, maxInclusive), reader.MaxDoc + 1);
            var found = hits.ScoreDocs.Select(h => pns[h.Doc]!).Order(StringComparer.Ordinal).ToList();

            Assert.Equal(expected, found);
        }
    }

    [Fact]
    public void ToDocument_WritesFourTermsPerDate()
    {
        using var directory = new RAMDirectory();
        using (var writer = new IndexWriter(directory, new IndexWriterConfig(LuceneVersion.LUCENE_48, new KeywordAnalyzer())))
        {
            writer.AddDocument(IndexSchema.ToDocument(new PatentRecord { PublicationNumber = PublicationNumber.Parse("CN114081026A"), FilingDate = new DateOnly(2021, 11, 5) }, IndustryTaxonomies.Default));
        }

        using var reader = DirectoryReader.Open(directory);
        var terms = MultiFields.GetTerms(reader, IndexSchema.Filed);
        Assert.Equal(4, terms.Count);
    }

    /// <summary>The publication number of a document, from its indexed (not stored) key term.</summary>
    private static string? PnOf(DirectoryReader reader, int doc)
    {
        foreach (var leaf in reader.Leaves)
        {
            if (doc < leaf.DocBase || doc >= leaf.DocBase + leaf.Reader.MaxDoc)
            {
                continue;
            }

            var termsEnum = leaf.AtomicReader.GetTerms(IndexSchema.Pn).GetEnumerator();
            while (termsEnum.MoveNext())
            {
                var docs = termsEnum.Docs(null, null);
                if (docs.Advance(doc - leaf.DocBase) == doc - leaf.DocBase)
                {
                    return termsEnum.Term.Utf8ToString();
                }
            }
        }

        return null;
    }
}

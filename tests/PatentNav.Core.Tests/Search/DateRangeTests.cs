using System.Globalization;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;
using Lucene.Net.Util;
using PatentNav.Records;
using PatentNav.Search;
using PatentNav.Storage;
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

    /// <summary>
    /// Sorting and year counts read a segment's dates from the indexed terms (<see cref="IndexSchema.DateValues"/>).
    /// Segments written by earlier builds (trie step 4 and <c>filed_dv</c> DocValues) and current ones (step 8, no
    /// DocValues) are sorted as one, by date, ties and undated documents (0, oldest) by publication number.
    /// </summary>
    [Fact]
    public void DateSortAndYearCounts_OverSegmentsOfBothLayouts_FollowTheDates()
    {
        var random = new Random(20261128);
        var first = new DateOnly(1990, 1, 1);
        var dates = new Dictionary<string, int>(StringComparer.Ordinal);
        using var directory = new RAMDirectory();
        using (var writer = new IndexWriter(directory, new IndexWriterConfig(LuceneVersion.LUCENE_48, new KeywordAnalyzer())))
        {
            for (var i = 0; i < 400; i++)
            {
                var pn = string.Create(CultureInfo.InvariantCulture, $"CN{3000000 + i}A");
                // Every 9th record has no filing date; many share a day, so the tie order is exercised.
                DateOnly? date = i % 9 == 0 ? null : first.AddDays(random.Next(0, 60) * 97);
                dates[pn] = date is { } d0 ? IndexSchema.DateValue(d0) : 0;
                if (i < 200)
                {
                    // The layout before this build: default trie step 4, a numeric DocValues twin (0 when missing).
                    var old = new Document
                    {
                        new StringField(IndexSchema.Pn, pn, Field.Store.NO),
                        new SortedDocValuesField(IndexSchema.PnSort, new BytesRef(pn)),
                        new NumericDocValuesField(IndexSchema.Filed + "_dv", dates[pn]),
                    };
                    if (date is not null)
                    {
                        old.Add(new Int32Field(IndexSchema.Filed, dates[pn], Field.Store.NO));
                    }

                    writer.AddDocument(old);
                }
                else
                {
                    writer.AddDocument(IndexSchema.ToDocument(new PatentRecord { PublicationNumber = PublicationNumber.Parse(pn), FilingDate = date }, IndustryTaxonomies.Default));
                }

                if (i % 50 == 49)
                {
                    writer.Commit(); // several segments of each layout
                }
            }
        }

        using var reader = DirectoryReader.Open(directory);
        Assert.True(reader.Leaves.Count >= 4);
        var searcher = new IndexSearcher(reader);
        var pns = Enumerable.Range(0, reader.MaxDoc).Select(d => PnOf(reader, d)!).ToArray();
        foreach (var reverse in new[] { true, false })
        {
            var sort = new Sort(IndexSchema.DateSort(IndexSchema.Filed, reverse), new SortField(IndexSchema.PnSort, SortFieldType.STRING));
            var found = searcher.Search(new MatchAllDocsQuery(), reader.MaxDoc, sort).ScoreDocs.Select(h => pns[h.Doc]).ToList();
            var byDate = reverse
                ? dates.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal)
                : dates.OrderBy(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal);
            Assert.Equal(byDate.Select(kv => kv.Key).ToList(), found);
        }

        var years = new YearCountCollector(DateField.Filing);
        searcher.Search(new MatchAllDocsQuery(), years);
        var expectedYears = dates.Values.Where(v => v != 0).GroupBy(v => v / 10000).ToDictionary(g => g.Key, g => (long)g.Count());
        Assert.Equal(expectedYears.OrderBy(kv => kv.Key), years.Counts.OrderBy(kv => kv.Key));
        Assert.Equal(dates.Values.Count(v => v == 0), years.Undated);
        Assert.Equal(dates.Values.Max(), years.LatestDate);
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

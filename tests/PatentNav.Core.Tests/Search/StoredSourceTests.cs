using Lucene.Net.Analysis.Core;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Store;
using Lucene.Net.Util;
using PatentNav.Records;
using PatentNav.Search;
using PatentNav.Storage;
using PatentNav.Workspace;

namespace PatentNav.Tests.Search;

/// <summary>The stored record (_source): written as UTF-8 bytes, and still read from indexes that stored it as a string.</summary>
public sealed class StoredSourceTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "patentnav-source-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (System.IO.Directory.Exists(_root))
        {
            System.IO.Directory.Delete(_root, recursive: true);
        }
    }

    [Fact]
    public void ToDocument_StoresSourceAsUtf8Json_ThatReadsBackAsTheRecord()
    {
        var record = Record("CN1234567A", "一种光刻胶组合物");
        var doc = IndexSchema.ToDocument(record, PatentNav.Taxonomy.IndustryTaxonomies.Default);

        var stored = doc.GetField(IndexSchema.Source);
        Assert.NotNull(stored.GetBinaryValue());
        Assert.Equal(PatentJson.Serialize(record), System.Text.Encoding.UTF8.GetString(stored.GetBinaryValue().Bytes, stored.GetBinaryValue().Offset, stored.GetBinaryValue().Length));
        Assert.Equal(PatentJson.Serialize(record), PatentJson.Serialize(IndexSchema.ReadSource(doc)));
    }

    [Fact]
    public async Task GetAsync_IndexWithSourceStoredAsString_ReadsTheRecord()
    {
        // The layout written before the source was stored as bytes: a StoredField with the JSON string.
        var record = Record("CN7654321B", "锂离子电池正极材料");
        var indexPath = Path.Combine(_root, "index");
        using (var dir = new NIOFSDirectory(new DirectoryInfo(indexPath)))
        using (var writer = new IndexWriter(dir, new IndexWriterConfig(LuceneVersion.LUCENE_48, new KeywordAnalyzer())))
        {
            writer.AddDocument(new Document
            {
                new StringField(IndexSchema.Pn, record.PublicationNumber.Value, Field.Store.YES),
                new StoredField(IndexSchema.Source, PatentJson.Serialize(record)),
            });
            writer.Commit();
        }

        await using var ws = PatentWorkspace.Open(new PatentWorkspaceOptions { DataDirectory = _root });
        var read = await ws.Search.GetAsync(record.PublicationNumber.Value);

        Assert.NotNull(read);
        Assert.Equal(PatentJson.Serialize(record), PatentJson.Serialize(read!));
        var all = new List<PatentRecord>();
        await foreach (var r in ws.Search.ReadAllAsync())
        {
            all.Add(r);
        }

        Assert.Equal(record.PublicationNumber, Assert.Single(all).PublicationNumber);
    }

    private static PatentRecord Record(string number, string title) => new()
    {
        PublicationNumber = PublicationNumber.Parse(number),
        Title = title,
        Abstract = "本发明公开了" + title + "及其制备方法。",
        Ipc = [IpcCode.Parse("G03F 7/004")],
        MainIpc = IpcCode.Parse("G03F 7/004"),
        FilingDate = new DateOnly(2020, 5, 1),
        Applicants = ["某某科技有限公司"],
    };
}

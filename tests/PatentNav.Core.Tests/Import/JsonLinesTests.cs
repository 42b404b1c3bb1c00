using PatentNav.Import;
using PatentNav.Records;

namespace PatentNav.Tests.Import;

public class JsonLinesTests
{
    [Fact]
    public void Open_JsonLines_ParsesRecordsAndReportsBadLines()
    {
        var good = PatentJson.Serialize(new PatentRecord
        {
            PublicationNumber = PublicationNumber.Parse(Samples.Patents[0].Number),
            Title = Samples.Patents[0].Title,
            Ipc = IpcCode.ParseList(Samples.Patents[0].Ipc).Codes,
            Applicants = ["（示例）测试电力有限公司"],
        });
        var text = good + "\n\n{\"publicationNumber\": \"not a number\"}\n{broken\n";

        using var file = Samples.Open(text, new ImportOptions { BatchId = "j1" });

        Assert.Equal("jsonl", file.Format);
        Assert.Equal(0, file.HeaderRow);
        var rows = file.ReadRows().ToList();
        Assert.Equal([1L, 3, 4], rows.Select(r => r.Row));
        Assert.Equal(Samples.Patents[0].Title, rows[0].Record?.Title);
        Assert.Equal(("jsonl", "j1"), (rows[0].Record?.SourceFormat, rows[0].Record?.ImportBatch));
        var bad = Assert.Single(rows[1].Errors);
        Assert.Equal(3, bad.Row);
        Assert.Equal("$.publicationNumber", bad.Column);
        Assert.Contains("expected a publication number", bad.Reason, StringComparison.Ordinal);
        Assert.StartsWith("{broken", Assert.Single(rows[2].Errors).Value, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_JsonLinesWithTabularFormatRequested_Throws() =>
        Assert.Throws<ImportFormatException>(() => Samples.Open("{\"publicationNumber\":\"CN114081026A\"}\n", new ImportOptions { Format = "cnipa" }));
}

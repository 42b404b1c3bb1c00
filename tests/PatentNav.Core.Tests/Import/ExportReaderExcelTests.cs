using System.IO.Compression;
using MiniExcelLibs;
using PatentNav.Import;
using PatentNav.Records;

namespace PatentNav.Tests.Import;

public class ExportReaderExcelTests
{
    private static byte[] Xlsx(object sheets)
    {
        using var ms = new MemoryStream();
        ms.SaveAs(sheets, excelType: ExcelType.XLSX);
        return ms.ToArray();
    }

    private static List<Dictionary<string, object>> IncopatRows(bool secondGeneration)
    {
        var pub = secondGeneration ? "公开（公告）号" : "公开(公告)号";
        var title = secondGeneration ? "标题 (中文)" : "标题";
        var p = Samples.Patents[0];
        return
        [
            new()
            {
                [title] = p.Title,
                [pub] = p.Number,
                ["申请号"] = "CN202111412345.6",
                ["申请日"] = new DateTime(2021, 11, 25),
                ["公开(公告)日"] = 44614d, // Excel serial for 2022-02-22
                ["申请人"] = "（示例）连云港测试电力有限公司;（示例）某大学",
                ["标准化申请人"] = "（示例）连云港测试电力",
                ["当前申请(专利权)人"] = "（示例）连云港测试电力有限公司",
                ["申请人国别代码"] = "CN;CN",
                ["申请人地址"] = "江苏省连云港市海州区朝阳东路1号",
                ["申请人省市代码"] = "江苏;连云港",
                ["中国申请人地市"] = "连云港市",
                ["中国申请人区县"] = "连云港经济技术开发区",
                ["IPC主分类"] = "H02G",
                ["IPC"] = p.Ipc,
                ["专利类型"] = "发明申请",
                ["当前法律状态"] = "实质审查",
                ["被引证次数"] = 4d,
                ["简单同族个数"] = 1d,
                ["同族国家/地区"] = "CN",
                ["转让次数"] = "",
                ["许可次数"] = 0d,
                ["质押次数"] = 0d,
                ["合享价值度"] = 7d,
            },
        ];
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Open_IncopatXlsxBothHeaderGenerations_MapsTheSameRecord(bool secondGeneration)
    {
        using var file = Samples.Open(Xlsx(IncopatRows(secondGeneration)), new ImportOptions { FileName = "whatever.bin" });

        Assert.Equal("incopat", file.Format);
        Assert.Null(file.Encoding);
        var row = Assert.Single(file.ReadRows());
        var r = row.Record!;
        Assert.Equal(2, row.Row);
        Assert.Equal("CN114081026A", r.PublicationNumber.Value);
        Assert.Equal("一种水电站高压输电线路驱鸟保护装置", r.Title);
        Assert.Equal(new DateOnly(2021, 11, 25), r.FilingDate);
        Assert.Equal(new DateOnly(2022, 2, 22), r.PublicationDate);
        Assert.Equal(["（示例）连云港测试电力有限公司", "（示例）某大学"], r.Applicants);
        Assert.Equal(["（示例）连云港测试电力有限公司"], r.CurrentHolders);
        Assert.Equal("CN", r.ApplicantCountry);
        Assert.Equal(["H02G", "A01M", "G06F"], r.Ipc.Select(c => c.ToString()));
        Assert.Equal(4, r.ForwardCitations);
        Assert.Null(r.TransferCount);
        Assert.Equal(0, r.LicenceCount);
        Assert.Equal("320771", r.Region?.DistrictCode);
        Assert.Equal("连云港经济技术开发区", r.Region?.DistrictName);
    }

    [Fact]
    public void Open_PatsnapXlsx_ReadsSheet专利数据AndPipeSeparatedNames()
    {
        var p = Samples.Patents[4];
        var sheets = new Dictionary<string, object>
        {
            ["说明"] = new List<Dictionary<string, object>> { new() { ["导出说明"] = "（示例）封面" } },
            ["专利数据"] = new List<Dictionary<string, object>>
            {
                new()
                {
                    ["标题"] = p.Title,
                    ["申请号"] = "CN202110893456.1",
                    ["申请日"] = "2021-08-05",
                    ["公开(公告)号"] = p.Number,
                    ["公开(公告)日"] = "2021-12-14",
                    ["[标]当前申请(专利权)人"] = "（示例）测试药业 | （示例）某中医药大学",
                    ["原始申请(专利权)人"] = "（示例）测试药业有限公司 | （示例）某中医药大学",
                    ["当前申请(专利权)人州/省"] = "江苏省",
                    ["当前申请(专利权)人地市"] = "连云港市",
                    ["当前申请(专利权)人区县"] = "海州区",
                    ["IPC分类号"] = "A61K | A61P",
                    ["IPC主分类号"] = "A61K",
                    ["简单法律状态"] = "有效",
                    ["被引用专利数量"] = 0d,
                    ["专利类型"] = "发明申请",
                },
            },
        };

        using var file = Samples.Open(Xlsx(sheets));

        Assert.Equal("patsnap", file.Format);
        var r = Assert.Single(file.ReadRows()).Record!;
        Assert.Equal(["（示例）测试药业有限公司", "（示例）某中医药大学"], r.Applicants);
        Assert.Equal(["（示例）测试药业", "（示例）某中医药大学"], r.CurrentHolders);
        Assert.Equal(["A61K", "A61P"], r.Ipc.Select(c => c.ToString()));
        Assert.Equal(0, r.ForwardCitations);
        Assert.Equal(LegalStatus.Valid, r.LegalStatus);
        Assert.Equal(("320706", "海州区"), (r.Region?.DistrictCode, r.Region?.DistrictName));
        Assert.Contains("当前申请(专利权)人区县=海州区", r.Region?.Basis, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_NonSeekableXlsx_IsCopiedToATemporaryFile()
    {
        var bytes = Xlsx(IncopatRows(false));

        using var file = ExportReader.Open(new Samples.NonSeekableStream(new MemoryStream(bytes)), new ImportOptions());

        Assert.Equal(bytes.Length, file.TotalBytes);
        Assert.Single(file.ReadRows());
    }

    [Fact]
    public void Open_ZipBomb_IsRefused()
    {
        using var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var entry = zip.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.SmallestSize).Open();
            var zeros = new byte[1024 * 1024];
            for (var i = 0; i < 24; i++)
            {
                entry.Write(zeros);
            }
        }

        var ex = Assert.Throws<ImportFormatException>(() => Samples.Open(ms.ToArray()));

        Assert.Contains("zip bomb", ex.Message, StringComparison.Ordinal);
        Assert.Contains("MaxCompressionRatio", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_XlsxLargerThanTheUncompressedLimit_IsRefused()
    {
        var ex = Assert.Throws<ImportFormatException>(() => Samples.Open(Xlsx(IncopatRows(false)), new ImportOptions { MaxUncompressedBytes = 1000 }));

        Assert.Contains("MaxUncompressedBytes", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_CorruptXls_ThrowsImportFormatException()
    {
        byte[] bytes = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, .. new byte[600]];

        var ex = Assert.Throws<ImportFormatException>(() => Samples.Open(bytes));

        Assert.Contains("XLS", ex.Message, StringComparison.Ordinal);
    }
}

public sealed class ExportReaderXlsTests
{
    /// <summary>data-samples/fixtures/incopat.xls: a real BIFF8 file written by tools/make-xls-fixture.py (Debian python3-xlwt)
    /// from fixtures/patents-sample.jsonl, with dates as Excel date cells.</summary>
    [Fact]
    public void Open_RealXlsFile_ReadsIncopatRowsWithDateCells()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "data-samples", "fixtures", "incopat.xls");
        var expected = File.ReadLines(Path.Combine(AppContext.BaseDirectory, "data-samples", "fixtures", "patents-sample.jsonl"))
            .Select(PatentNav.Records.PatentJson.Deserialize).ToList();
        using var stream = File.OpenRead(path);

        using var file = PatentNav.Import.ExportReader.Open(stream, new PatentNav.Import.ImportOptions { FileName = "incopat.xls" });
        var rows = file.ReadRows().ToList();

        Assert.Equal("incopat", file.Format);
        Assert.Null(file.Encoding);
        Assert.All(rows, r => Assert.Empty(r.Errors));
        Assert.Equal(expected.Count, rows.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            var got = rows[i].Record!;
            Assert.Equal(i + 2, rows[i].Row);
            Assert.Equal(expected[i].PublicationNumber, got.PublicationNumber);
            Assert.Equal(expected[i].Title, got.Title);
            Assert.Equal(expected[i].FilingDate, got.FilingDate);
            Assert.Equal(expected[i].PublicationDate, got.PublicationDate);
            Assert.Equal(expected[i].Applicants, got.Applicants);
            Assert.Equal(expected[i].Ipc, got.Ipc);
        }
    }
}

using System.Text;
using PatentNav.Import;
using PatentNav.Records;

namespace PatentNav.Tests.Import;

public class ExportReaderCsvTests
{
    private static readonly ImportOptions Batch = new() { BatchId = "b1" };

    [Fact]
    public void Open_CnipaFixture_MapsHeaderAndRows()
    {
        using var stream = File.OpenRead(Samples.FixturePath("cnipa_utf8.csv"));
        using var file = ExportReader.Open(stream, Batch);

        Assert.Equal("cnipa", file.Format);
        Assert.Equal("utf-8", file.Encoding);
        Assert.Equal(1, file.HeaderRow);
        Assert.Equal(61, file.Columns.Count);
        Assert.Equal("公开号", file.FieldColumns[RecordFields.PublicationNumber]);
        Assert.Equal("专利名称", file.FieldColumns[RecordFields.Title]);
        Assert.DoesNotContain(RecordFields.ForwardCitations, file.FieldColumns.Keys);
        Assert.Contains("引证数", file.UnmappedColumns);

        var rows = file.ReadRows().ToList();
        var first = rows[0].Record!;
        Assert.Equal(2, rows[0].Row);
        Assert.Equal("CN114081026A", first.PublicationNumber.Value);
        Assert.Equal("CN202111412345.6", first.ApplicationNumber?.Value);
        Assert.Equal(PatentKind.InventionApplication, first.Kind);
        Assert.Equal("一种水电站高压输电线路驱鸟保护装置", first.Title);
        Assert.Equal(["（示例）连云港海州测试电力有限公司", "（示例）某大学"], first.Applicants);
        Assert.Equal(["张三", "李四"], first.Inventors);
        Assert.Equal(new DateOnly(2021, 11, 25), first.FilingDate);
        Assert.Equal(new DateOnly(2022, 2, 22), first.PublicationDate);
        Assert.Null(first.GrantDate);
        Assert.Equal("H02G", first.MainIpc?.ToString());
        Assert.Equal(["H02G", "A01M", "G06F"], first.Ipc.Select(c => c.ToString()));
        Assert.Equal(LegalStatus.Pending, first.LegalStatus);
        Assert.Null(first.ForwardCitations);
        Assert.Equal(["CN", "US"], first.FamilyCountries);
        Assert.Equal(0, first.TransferCount);
        Assert.Equal(1, first.LicenceCount);
        Assert.Null(first.PledgeCount);
        Assert.Equal(2, first.FamilySize);
        Assert.Equal("320706", first.Region?.DistrictCode);
        Assert.Equal("cnipa", first.SourceFormat);
        Assert.Equal("b1", first.ImportBatch);

        var second = rows[1].Record!;
        Assert.Equal("202010330123.4", second.ApplicationNumber?.Value);
        Assert.Equal(PatentKind.InventionGrant, second.Kind);
        Assert.Equal("110108", second.Region?.DistrictCode);
        Assert.Equal("G01D", second.MainIpc?.ToString());
    }

    [Fact]
    public void ReadRows_BadCells_RejectRowsWithRowColumnValueAndReason()
    {
        using var stream = File.OpenRead(Samples.FixturePath("cnipa_utf8.csv"));
        using var file = ExportReader.Open(stream, Batch);

        var rows = file.ReadRows().ToDictionary(r => r.Row);

        Assert.Equal([2L, 3, 4, 5, 6, 8], rows.Keys.Order()); // row 7 is empty: skipped, not rejected
        var badDate = Assert.Single(rows[4].Errors);
        Assert.Null(rows[4].Record);
        Assert.Equal(("申请日", "2022-13-45"), (badDate.Column, badDate.Value));
        Assert.Contains("not a calendar date", badDate.Reason, StringComparison.Ordinal);

        var noNumber = Assert.Single(rows[5].Errors);
        Assert.Equal("公开号", noNumber.Column);
        Assert.Contains("no publication number", noNumber.Reason, StringComparison.Ordinal);

        var badIpc = Assert.Single(rows[6].Errors);
        Assert.Equal(("分类号", "XYZ"), (badIpc.Column, badIpc.Value));
        Assert.Contains("expected an IPC code", badIpc.Reason, StringComparison.Ordinal);

        var badRegion = Assert.Single(rows[8].Errors);
        Assert.Equal(("国省代码", "3x"), (badRegion.Column, badRegion.Value));
    }

    [Fact]
    public void Open_CnipaGb18030Bytes_DetectsEncodingAndDecodesChinese()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var text = File.ReadAllText(Samples.FixturePath("cnipa_utf8.csv"));
        var bytes = Encoding.GetEncoding("GB18030").GetBytes(text);

        using var file = Samples.Open(bytes);

        Assert.Equal("gb18030", file.Encoding);
        Assert.Equal("cnipa", file.Format);
        Assert.Equal("一种水电站高压输电线路驱鸟保护装置", file.ReadRows().First().Record?.Title);
    }

    [Fact]
    public void Open_Utf8WithBom_ReportsBomAndCleanFirstHeader()
    {
        var text = Samples.Line("公开号", "专利名称", "申请日") + Samples.Line("CN114081026A", "一种水电站高压输电线路驱鸟保护装置", "20211125");
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(text)).ToArray();

        using var file = Samples.Open(bytes);

        Assert.Equal("utf-8-bom", file.Encoding);
        Assert.Equal("公开号", file.Columns[0]);
        Assert.Equal("CN114081026A", file.ReadRows().Single().Record?.PublicationNumber.Value);
    }

    [Fact]
    public void Open_NonSeekableGb18030_StreamsThroughSniffedPrefix()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var text = Samples.Line("公开号", "专利名称") + string.Concat(Samples.Patents.Select(p => Samples.Line(p.Number, p.Title)));
        var stream = new Samples.NonSeekableStream(new MemoryStream(Encoding.GetEncoding("GB18030").GetBytes(text)));

        using var file = ExportReader.Open(stream, new ImportOptions());

        Assert.Null(file.TotalBytes);
        Assert.Equal(Samples.Patents.Select(p => p.Title), file.ReadRows().Select(r => r.Record?.Title));
    }

    [Fact]
    public void Open_DerwentThreeLinePreamble_FindsHeaderOnRow4()
    {
        var text =
            "Derwent Innovation 导出\n" +
            "检索式: TI=(驱鸟)\n" +
            "导出日期: 2024-05-01\n" +
            Samples.Line("公开号", "标题", "标题 - DWPI", "摘要 - DWPI", "专利权人/申请人", "发明人", "IPC - 现版", "公开日", "申请号", "申请日", "优先权日") +
            Samples.Line("CN114081026A", "一种水电站高压输电线路驱鸟保护装置", "Bird-repelling device for power line", "", "（示例）测试电力有限公司 | （示例）某大学", "张三;李四", "A01M;G06F;H02G", "2022-02-22", "CN202111412345.6", "2021-11-25", "2021-11-25");

        using var file = Samples.Open(text);

        Assert.Equal("derwent", file.Format);
        Assert.Equal(4, file.HeaderRow);
        Assert.Equal("标题", file.FieldColumns[RecordFields.Title]);
        var row = file.ReadRows().Single();
        Assert.Equal(5, row.Row);
        Assert.Equal(["（示例）测试电力有限公司", "（示例）某大学"], row.Record!.Applicants);
        Assert.Equal("A01M", row.Record.MainIpc?.ToString());
    }

    [Fact]
    public void Open_GooglePatentsSearchUrlLine_FindsHeaderOnRow2()
    {
        var text =
            "search URL:,https://patents.google.com/?q=(驱鸟)&country=CN\n" +
            Samples.Line("id", "title", "assignee", "inventor/author", "priority date", "filing/creation date", "publication date", "grant date", "result link", "representative figure link") +
            Samples.Line("CN-114081026-A", "一种水电站高压输电线路驱鸟保护装置", "（示例）Test Power Co., Ltd., （示例）某大学", "张三, 李四", "2021-11-25", "2021-11-25", "2022-02-22", "", "https://patents.google.com/patent/CN114081026A/zh", "");

        using var file = Samples.Open(text);

        Assert.Equal("google", file.Format);
        Assert.Equal(2, file.HeaderRow);
        var row = file.ReadRows().Single();
        Assert.Equal(3, row.Row);
        var record = row.Record!;
        Assert.Equal("CN114081026A", record.PublicationNumber.Value);
        Assert.Equal(PatentKind.InventionApplication, record.Kind);
        Assert.Equal(["（示例）Test Power Co., Ltd.", "（示例）某大学"], record.Applicants);
        Assert.Null(record.Abstract);
        Assert.Empty(record.Ipc);
    }

    [Fact]
    public void Open_Lens_SplitsDoubleSemicolonsAndIgnoresJurisdictionAsCountry()
    {
        string[] header =
        [
            "#", "Jurisdiction", "Kind", "Display Key", "Lens ID", "Publication Date", "Publication Year", "Application Number", "Application Date",
            "Priority Numbers", "Earliest Priority Date", "Title", "Abstract", "Applicants", "Inventors", "Owners", "URL", "Document Type",
            "Has Full Text", "Cited by Patent Count", "Simple Family Size", "Simple Family Members", "Simple Family Member Jurisdictions",
            "Extended Family Size", "Extended Family Members", "Extended Family Member Jurisdictions", "Sequence Count", "CPC Classifications",
            "IPCR Classifications", "US Classifications", "NPL Citation Count", "NPL Resolved Citation Count", "NPL Resolved Lens ID(s)",
            "NPL Resolved External ID(s)", "NPL Citations", "Legal Status",
        ];
        var cells = header.ToDictionary(h => h, _ => "");
        cells["#"] = "1";
        cells["Jurisdiction"] = "CN";
        cells["Kind"] = "B";
        cells["Display Key"] = "CN 111504366 B";
        cells["Publication Date"] = "2021-01-05";
        cells["Application Number"] = "CN 202010330123 A";
        cells["Title"] = "基于人工智能的流体输送系统精确计量方法及计量装置";
        cells["Applicants"] = "（示例）TEST METERING CO LTD;;（示例）某大学";
        cells["Document Type"] = "Granted Patent";
        cells["Cited by Patent Count"] = "3";
        cells["Simple Family Size"] = "2";
        cells["Simple Family Member Jurisdictions"] = "CN;;US";
        cells["IPCR Classifications"] = "G01F1/00;;G01D21/00";
        cells["CPC Classifications"] = "G01F1/00";
        cells["Legal Status"] = "ACTIVE";

        using var file = Samples.Open(Samples.Line(header) + Samples.Line(header.Select(h => cells[h]).ToArray()));

        Assert.Equal("lens", file.Format);
        Assert.Equal(36, file.Columns.Count);
        var r = file.ReadRows().Single().Record!;
        Assert.Equal("CN111504366B", r.PublicationNumber.Value);
        Assert.Equal(PatentKind.InventionGrant, r.Kind);
        Assert.Equal(["（示例）TEST METERING CO LTD", "（示例）某大学"], r.Applicants);
        Assert.Equal(["G01F 1/00", "G01D 21/00"], r.Ipc.Select(c => c.ToString()));
        Assert.Equal(3, r.ForwardCitations);
        Assert.Equal(["CN", "US"], r.FamilyCountries);
        Assert.Equal(LegalStatus.Valid, r.LegalStatus);
        Assert.Null(r.ApplicantCountry);
        Assert.Null(r.Region);
    }

    [Fact]
    public void Open_LensWithPublicationNumber_PrefersItOverDisplayKey()
    {
        var text = Samples.Line("Lens ID", "Display Key", "Publication Number", "Title") +
            Samples.Line("000-000", "CN 114081026 A", "CN114081026A", "一种水电站高压输电线路驱鸟保护装置");

        using var file = Samples.Open(text);

        Assert.Equal("Publication Number", file.FieldColumns[RecordFields.PublicationNumber]);
    }

    [Theory]
    [InlineData('\t')]
    [InlineData(';')]
    public void Open_TabOrSemicolonDelimited_DetectsDelimiter(char delimiter)
    {
        var text = string.Join(delimiter, "公开(公告)号", "标题", "申请号") + "\n" + string.Join(delimiter, "CN114081026A", "一种水电站高压输电线路驱鸟保护装置", "CN202111412345.6") + "\n";

        using var file = Samples.Open(text);

        Assert.Equal(3, file.Columns.Count);
        Assert.Equal("CN202111412345.6", file.ReadRows().Single().Record?.ApplicationNumber?.Value);
    }

    [Fact]
    public void Open_CustomLayoutWithColumnMapping_UsesTheMapping()
    {
        var text = Samples.Line("编号", "名称", "日期") + Samples.Line("CN114081026A", "一种水电站高压输电线路驱鸟保护装置", "2021/11/25");
        var options = new ImportOptions
        {
            ColumnMapping = new Dictionary<string, string> { [RecordFields.PublicationNumber] = "编号", [RecordFields.Title] = "名称", [RecordFields.FilingDate] = "日期" },
        };

        using var file = Samples.Open(text, options);

        Assert.Equal("custom", file.Format);
        var r = file.ReadRows().Single().Record!;
        Assert.Equal(("CN114081026A", "一种水电站高压输电线路驱鸟保护装置", new DateOnly(2021, 11, 25)), (r.PublicationNumber.Value, r.Title, r.FilingDate));
    }

    [Fact]
    public void Open_ColumnMappingUnknownField_ThrowsNamingIt()
    {
        var options = new ImportOptions { ColumnMapping = new Dictionary<string, string> { ["pubNo"] = "编号" } };

        var ex = Assert.Throws<ImportFormatException>(() => Samples.Open(Samples.Line("编号", "名称"), options));

        Assert.Contains("'pubNo'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_ColumnMappingHeaderNotPresent_ThrowsNamingIt()
    {
        var options = new ImportOptions { ColumnMapping = new Dictionary<string, string> { [RecordFields.Title] = "名字" } };

        var ex = Assert.Throws<ImportFormatException>(() => Samples.Open(Samples.Line("公开号", "专利名称", "申请日") + Samples.Line("CN114081026A", "x", "20211125"), options));

        Assert.Contains("'名字'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_ExplicitFormatWithoutItsPublicationColumn_ThrowsListingColumns()
    {
        using var stream = File.OpenRead(Samples.FixturePath("cnipa_utf8.csv"));

        var ex = Assert.Throws<ImportFormatException>(() => ExportReader.Open(stream, new ImportOptions { Format = "lens" }));

        Assert.Contains("format 'lens'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("公开号", ex.Message, StringComparison.Ordinal);
        Assert.Contains("ColumnMapping", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_ExplicitFormat_IsHonoured()
    {
        var text = Samples.Line("公开(公告)号", "标题", "申请人") + Samples.Line("CN114081026A", "一种水电站高压输电线路驱鸟保护装置", "（示例）甲 | （示例）乙");

        using var file = Samples.Open(text, new ImportOptions { Format = "patsnap" });

        Assert.Equal("patsnap", file.Format);
        Assert.Equal(["（示例）甲", "（示例）乙"], file.ReadRows().Single().Record!.Applicants);
    }

    [Fact]
    public void Open_NoRecognisableHeader_ThrowsNamingColumnMapping()
    {
        var ex = Assert.Throws<ImportFormatException>(() => Samples.Open("a,b,c\n1,2,3\n"));

        Assert.Contains("no header row", ex.Message, StringComparison.Ordinal);
        Assert.Contains("ColumnMapping", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadRows_QuotedMultiLineCell_CountsRecordsNotLines()
    {
        var text = Samples.Line("公开号", "专利名称", "主权项") +
            Samples.Line("CN114081026A", "一种水电站高压输电线路驱鸟保护装置", "1.一种装置，\n其特征在于，\n包括……") +
            Samples.Line("CN111504366B", "基于人工智能的流体输送系统精确计量方法及计量装置", "");

        using var file = Samples.Open(text);

        Assert.Equal([2L, 3], file.ReadRows().Select(r => r.Row));
    }

    [Fact]
    public void ReadRows_200000Rows_StreamsAndAdvancesProgress()
    {
        const int count = 200_000;
        var path = Path.Combine(Path.GetTempPath(), "patentnav-stream-" + Guid.NewGuid().ToString("N") + ".csv");
        try
        {
            using (var writer = new StreamWriter(path, false, new UTF8Encoding(false)))
            {
                writer.Write("公开号,专利名称,申请日,分类号\n");
                for (var i = 0; i < count; i++)
                {
                    var (_, title, ipc) = Samples.Patents[i % Samples.Patents.Length];
                    writer.Write(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"CN{100000000 + i}A,{title},20211125,{ipc}\n"));
                }
            }

            using var stream = File.OpenRead(path);
            using var file = ExportReader.Open(stream, new ImportOptions());
            long seen = 0;
            long progressAtHalf = 0;
            foreach (var row in file.ReadRows())
            {
                Assert.NotNull(row.Record);
                if (++seen == count / 2)
                {
                    progressAtHalf = file.BytesRead;
                }
            }

            Assert.Equal(count, seen);
            Assert.InRange(progressAtHalf, 1, file.TotalBytes!.Value - 1);
            Assert.Equal(file.TotalBytes, file.BytesRead);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void ReadRows_Twice_Throws()
    {
        using var file = Samples.Open(Samples.Line("公开号", "专利名称") + Samples.Line("CN114081026A", "x"));
        _ = file.ReadRows().ToList();

        Assert.Throws<InvalidOperationException>(() => file.ReadRows());
    }
}

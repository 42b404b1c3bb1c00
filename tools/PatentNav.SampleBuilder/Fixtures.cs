using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using PatentNav.Records;

namespace PatentNav.SampleBuilder;

/// <summary>Writes the small import fixtures, one per real export layout (DOMAIN §3), from the enriched records.</summary>
internal sealed class Fixtures
{
    public const int RowsPerFixture = 25;

    /// <summary>The 61-column CNIPA header, read from <c>cnipa-export-schema/</c>.</summary>
    private readonly string[] _cnipaHeader;
    private readonly Random _random;
    private readonly List<SampleRecord> _titlesLianyungang;
    private readonly List<SampleRecord> _titlesElsewhere;
    private readonly List<SampleRecord> _kpShort;
    private readonly string _folder;

    private static readonly JsonSerializerOptions MappingJson = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public Fixtures(string folder, string[] cnipaHeader, Random random, IReadOnlyList<SampleRecord> records)
    {
        _folder = folder;
        _cnipaHeader = cnipaHeader;
        _random = random;
        _titlesLianyungang = records.Where(r => r.Base.Source == SourceKind.TitlesIpc && r.Lead.Group == RegionGroup.Lianyungang).ToList();
        _titlesElsewhere = records.Where(r => r.Base.Source == SourceKind.TitlesIpc && r.Lead.Group != RegionGroup.Lianyungang).ToList();

        // Short texts keep every fixture well under 60 KB (some KPPatent abstracts run to 11,000 characters).
        _kpShort = records.Where(r => r.Base.Source == SourceKind.KpPatent && r.Record.Title is not null
            && r.Record.Abstract is { Length: <= 500 } && r.Record.FirstClaim is { Length: <= 600 }).ToList();
    }

    /// <summary>The fixtures written, for the README: file name → layout description.</summary>
    public List<(string File, string Layout)> Written { get; } = [];

    public void WriteAll()
    {
        var cnipa = Pick();
        WriteCnipa("cnipa.csv", cnipa, Output.Utf8NoBom, "CNIPA-style export, 61 columns, UTF-8 without BOM; dates yyyyMMdd; multi-values `;`");
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        WriteCnipa("cnipa-gb18030.csv", cnipa, Encoding.GetEncoding("GB18030"), "the same rows as cnipa.csv, encoded GB18030");
        WriteIncopat("incopat.xlsx", Pick(), newer: true);
        WriteIncopat("incopat-old.xlsx", Pick(), newer: false);
        WritePatsnap("patsnap.xlsx", Pick());
        WriteLens("lens.csv", Pick());
        WriteDerwent("derwent.csv", Pick());
        WriteGoogle("google.csv", Pick());
        WriteJsonl("patents-sample.jsonl", Pick());
        WriteBadRows("bad-rows.csv");
        WriteCustom("custom.csv", Pick());
    }

    /// <summary>25 records: 6 placed in Lianyungang and 12 elsewhere from cn-titles-ipc (real IPC), 7 from KPPatent-ZH
    /// (real abstracts and claims); a new draw for every fixture, sorted by publication number.</summary>
    private List<SampleRecord> Pick() =>
        [.. Draw(_titlesLianyungang, 6).Concat(Draw(_titlesElsewhere, 12)).Concat(Draw(_kpShort, 7))
            .OrderBy(r => r.Record.PublicationNumber.Value, StringComparer.Ordinal)];

    private List<SampleRecord> Draw(List<SampleRecord> pool, int count)
    {
        var indices = Enumerable.Range(0, pool.Count).ToArray();
        for (var i = 0; i < count; i++)
        {
            var j = i + _random.Next(indices.Length - i);
            (indices[i], indices[j]) = (indices[j], indices[i]);
        }

        return [.. indices.Take(count).Select(i => pool[i])];
    }

    private void WriteCnipa(string file, List<SampleRecord> rows, Encoding encoding, string layout)
    {
        var csv = new CsvText().Line(_cnipaHeader);
        for (var i = 0; i < rows.Count; i++)
        {
            csv.Line(CnipaRow(i + 1, rows[i]));
        }

        Output.Text(Path.Combine(_folder, file), csv.ToString(), encoding);
        Written.Add((file, layout));
    }

    private string?[] CnipaRow(int number, SampleRecord s)
    {
        var r = s.Record;
        var granted = r.GrantDate is not null;
        var values = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["序号"] = number.ToString(CultureInfo.InvariantCulture),
            ["申请日"] = Compact(r.FilingDate),
            ["公开日"] = Compact(r.PublicationDate),
            ["授权公告日"] = Compact(r.GrantDate),
            ["申请人"] = string.Join(";", r.Applicants),
            ["发明人"] = string.Join(";", r.Inventors),
            ["公开号"] = r.PublicationNumber.Value,
            ["授权公告号"] = granted ? r.PublicationNumber.Value : null,
            ["专利类型"] = KindLabel(r.Kind),
            ["专利名称"] = r.Title,
            ["申请摘要"] = r.Abstract,
            ["主权项"] = r.FirstClaim,
            ["申请人地址"] = r.ApplicantAddress,
            ["法律状态"] = r.LegalStatusRaw,
            ["主分类号"] = r.MainIpc?.ToString(),
            ["分类号"] = string.Join(";", r.Ipc),

            // 国省代码: the province code for Chinese applicants, the country code for foreign ones.
            ["国省代码"] = r.Region?.ProvinceCode ?? r.ApplicantCountry,
            ["第一发明人"] = r.Inventors.Count > 0 ? r.Inventors[0] : null,
            ["第一权利人"] = r.Applicants.Count > 0 ? r.Applicants[0] : null,
            ["申请人类型"] = s.Lead.TypeLabel,
            ["专利转移次数"] = Number(r.TransferCount),
            ["许可次数"] = Number(r.LicenceCount),
            ["质押次数"] = Number(r.PledgeCount),
            ["简单同族数量"] = Number(r.FamilySize),
        };
        return [.. _cnipaHeader.Select(h => values.GetValueOrDefault(h))];
    }

    private void WriteIncopat(string file, List<SampleRecord> rows, bool newer)
    {
        string[] header =
        [
            newer ? "标题 (中文)" : "标题", newer ? "摘要 (中文)" : "摘要", newer ? "公开（公告）号" : "公开(公告)号", "申请号", "申请日",
            newer ? "公开（公告）日" : "公开(公告)日", "申请人", "标准化申请人", "申请人国别代码", "申请人地址", "申请人省市代码", "中国申请人地市",
            "中国申请人区县", "IPC主分类", "IPC", "专利类型", "当前法律状态", "专利有效性", "被引证次数", "简单同族个数", "同族国家/地区",
            "转让次数", "许可次数", "质押次数", "发明人",
        ];
        var data = rows.Select(s =>
        {
            var r = s.Record;
            return (IReadOnlyList<object?>)
            [
                r.Title, r.Abstract, r.PublicationNumber.Value, null, Iso(r.FilingDate), Iso(r.PublicationDate),
                string.Join(";", r.Applicants), string.Join(";", r.Applicants), r.ApplicantCountry, r.ApplicantAddress,
                r.Region?.ProvinceCode, r.Region?.CityName, r.Region?.DistrictName, r.MainIpc?.ToString(), string.Join(";", r.Ipc),
                KindLabel(r.Kind), r.LegalStatusRaw, Validity(r.LegalStatus), r.ForwardCitations, r.FamilySize,
                string.Join(";", r.FamilyCountries ?? []), r.TransferCount, r.LicenceCount, r.PledgeCount, string.Join(";", r.Inventors),
            ];
        });
        Output.Xlsx(Path.Combine(_folder, file), "Sheet1", header, data);
        Written.Add((file, newer
            ? "incoPat xlsx, newer header generation (`标题 (中文)`, `公开（公告）号` with full-width parentheses); separator `;`"
            : "incoPat xlsx, older header generation (`标题`, `摘要`, `公开(公告)号` with half-width parentheses); separator `;`"));
    }

    private void WritePatsnap(string file, List<SampleRecord> rows)
    {
        string[] header =
        [
            "标题", "摘要", "申请号", "申请日", "公开(公告)号", "公开(公告)日", "[标]当前申请(专利权)人", "原始申请(专利权)人",
            "当前申请(专利权)人州/省", "当前申请(专利权)人地市", "当前申请(专利权)人区县", "IPC分类号", "IPC主分类号", "简单法律状态",
            "被引用专利数量", "发明人", "专利类型",
        ];
        const string sep = " | ";
        var data = rows.Select(s =>
        {
            var r = s.Record;
            return (IReadOnlyList<object?>)
            [
                r.Title, r.Abstract, null, Iso(r.FilingDate), r.PublicationNumber.Value, Iso(r.PublicationDate),
                string.Join(sep, r.Applicants), string.Join(sep, r.Applicants), r.Region?.ProvinceName, r.Region?.CityName,
                r.Region?.DistrictName, string.Join(sep, r.Ipc), r.MainIpc?.ToString(), Validity(r.LegalStatus), r.ForwardCitations,
                string.Join(sep, r.Inventors),
                r.Kind switch
                {
                    PatentKind.InventionGrant => "授权发明",
                    PatentKind.UtilityModel => "实用新型",
                    _ => "发明申请",
                },
            ];
        });
        Output.Xlsx(Path.Combine(_folder, file), "专利数据", header, data);
        Written.Add((file, "PatSnap 智慧芽 xlsx, sheet `专利数据`; separator ` | `"));
    }

    private void WriteLens(string file, List<SampleRecord> rows)
    {
        string[] header =
        [
            "#", "Jurisdiction", "Kind", "Display Key", "Lens ID", "Publication Date", "Publication Year", "Application Number",
            "Application Date", "Priority Numbers", "Earliest Priority Date", "Title", "Abstract", "Applicants", "Inventors", "Owners",
            "URL", "Document Type", "Has Full Text", "Cited by Patent Count", "Simple Family Size", "Simple Family Members",
            "Simple Family Member Jurisdictions", "Extended Family Size", "Extended Family Members",
            "Extended Family Member Jurisdictions", "Sequence Count", "CPC Classifications", "IPCR Classifications",
            "US Classifications", "NPL Citation Count", "NPL Resolved Citation Count", "NPL Resolved Lens ID(s)",
            "NPL Resolved External ID(s)", "NPL Citations", "Legal Status",
        ];
        const string sep = ";;";
        var csv = new CsvText().Line(header);
        for (var i = 0; i < rows.Count; i++)
        {
            var r = rows[i].Record;
            var (country, digits, kind) = Split(r.PublicationNumber);
            var granted = r.GrantDate is not null;
            csv.Line(
                (i + 1).ToString(CultureInfo.InvariantCulture), country, kind, $"{country} {digits} {kind}", null,
                Iso(r.PublicationDate), r.PublicationDate?.Year.ToString(CultureInfo.InvariantCulture), null, Iso(r.FilingDate), null,
                Iso(r.FilingDate), r.Title, r.Abstract, string.Join(sep, r.Applicants), string.Join(sep, r.Inventors),
                granted ? string.Join(sep, r.Applicants) : null, null,
                r.Kind switch
                {
                    PatentKind.InventionGrant => "Granted Patent",
                    PatentKind.UtilityModel => "Limited Patent",
                    _ => "Patent Application",
                },
                "false", Number(r.ForwardCitations), Number(r.FamilySize), null, string.Join(sep, r.FamilyCountries ?? []),
                Number(r.FamilySize), null, string.Join(sep, r.FamilyCountries ?? []), null, null,
                string.Join(sep, r.Ipc.Select(c => c.Compact)), null, null, null, null, null, null,
                r.LegalStatus switch
                {
                    LegalStatus.Valid => "ACTIVE",
                    LegalStatus.Pending => "PENDING",
                    LegalStatus.Lapsed when r.LegalStatusRaw == "失效-期限届满" => "EXPIRED",
                    LegalStatus.Lapsed when r.Kind == PatentKind.InventionApplication => "DISCONTINUED",
                    LegalStatus.Lapsed => "INACTIVE",
                    _ => "UNKNOWN",
                });
        }

        Output.Text(Path.Combine(_folder, file), csv.ToString());
        Written.Add((file, "Lens.org CSV, 36 columns; dates yyyy-MM-dd; multi-values `;;`; Lens ID and URL left empty (no invented ids)"));
    }

    private void WriteDerwent(string file, List<SampleRecord> rows)
    {
        var csv = new CsvText()
            .Raw("Derwent Innovation 导出")
            .Raw("导出日期: 2025-01-06")
            .Raw(string.Empty)
            .Line("公开号", "标题", "摘要", "专利权人/申请人", "发明人", "IPC - 现版", "公开日", "申请号", "申请日");
        foreach (var s in rows)
        {
            var r = s.Record;
            csv.Line(r.PublicationNumber.Value, r.Title, r.Abstract, string.Join(";", r.Applicants), string.Join(";", r.Inventors),
                string.Join(";", r.Ipc), Iso(r.PublicationDate), null, Iso(r.FilingDate));
        }

        // With a BOM: the other UTF-8 fixtures have none, so both cases are covered.
        Output.Text(Path.Combine(_folder, file), csv.ToString(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        Written.Add((file, "Derwent Innovation (Chinese UI) CSV, UTF-8 with BOM, 3 preamble lines before the header; separator `;`"));
    }

    private void WriteGoogle(string file, List<SampleRecord> rows)
    {
        var csv = new CsvText()
            .Raw("search URL:,https://patents.google.com/?q=%E7%A4%BA%E4%BE%8B&country=CN")
            .Line("id", "title", "assignee", "inventor/author", "priority date", "filing/creation date", "publication date", "grant date",
                "result link", "representative figure link");
        foreach (var s in rows)
        {
            var r = s.Record;
            var (country, digits, kind) = Split(r.PublicationNumber);
            csv.Line($"{country}-{digits}-{kind}", r.Title, string.Join(", ", r.Applicants), string.Join(", ", r.Inventors),
                Iso(r.FilingDate), Iso(r.FilingDate), Iso(r.PublicationDate), Iso(r.GrantDate), null, null);
        }

        Output.Text(Path.Combine(_folder, file), csv.ToString());
        Written.Add((file, "Google Patents CSV: search-URL line, then the header; ids `CN-114081026-A`; assignee/inventor separator `,`; no abstract"));
    }

    private void WriteJsonl(string file, List<SampleRecord> rows)
    {
        var text = new StringBuilder();
        foreach (var s in rows)
        {
            text.Append(PatentJson.Serialize(s.Record)).Append('\n');
        }

        Output.Text(Path.Combine(_folder, file), text.ToString());
        Written.Add((file, "canonical JSONL (`PatentJson`), one record per line"));
    }

    /// <summary>CNIPA layout, 6 rows: spreadsheet rows 2 and 6 are good; 3, 4, 5 and 7 each carry one bad cell.</summary>
    private void WriteBadRows(string file)
    {
        // Rows 2–5 are applications (no 授权公告号 an importer could fall back on when 公开号 is empty); rows 6–7 are grants
        // (row 7 needs a 授权公告日 to spoil). The two pools are disjoint, so no record appears twice.
        var applications = _titlesElsewhere.Where(r => r.Record.GrantDate is null).ToList();
        var granted = _titlesElsewhere.Where(r => r.Record.GrantDate is not null).ToList();
        var rows = Draw(applications, 4).Concat(Draw(granted, 2)).ToList();
        var csv = new CsvText().Line(_cnipaHeader);
        for (var i = 0; i < rows.Count; i++)
        {
            var cells = CnipaRow(i + 1, rows[i]);
            var spreadsheetRow = i + 2;
            var bad = spreadsheetRow switch
            {
                3 => ("申请日", "2022-13-45"),
                4 => ("公开号", string.Empty),
                5 => ("分类号", "XYZ;A61K31/4439"),
                7 => ("授权公告日", "not a date"),
                _ => ((string, string)?)null,
            };
            if (bad is var (column, value))
            {
                cells[Array.IndexOf(_cnipaHeader, column)] = value;
            }

            csv.Line(cells);
        }

        Output.Text(Path.Combine(_folder, file), csv.ToString());
        Written.Add((file, "CNIPA layout, 6 data rows: rows 2 and 6 good; row 3 申请日 `2022-13-45`, row 4 empty 公开号, row 5 分类号 `XYZ;A61K31/4439`, row 7 授权公告日 `not a date` (spreadsheet numbering, header = row 1)"));
    }

    private void WriteCustom(string file, List<SampleRecord> rows)
    {
        var csv = new CsvText().Line("Doc No", "Name", "Summary", "Owner", "Classes", "Filed", "Status");
        foreach (var s in rows)
        {
            var r = s.Record;
            csv.Line(r.PublicationNumber.Value, r.Title, r.Abstract, string.Join("; ", r.Applicants), string.Join("; ", r.Ipc),
                r.FilingDate?.ToString("yyyy/M/d", CultureInfo.InvariantCulture), r.LegalStatusRaw);
        }

        Output.Text(Path.Combine(_folder, file), csv.ToString());

        var mapping = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["publicationNumber"] = "Doc No",
            ["title"] = "Name",
            ["abstract"] = "Summary",
            ["applicants"] = "Owner",
            ["ipc"] = "Classes",
            ["filingDate"] = "Filed",
            ["legalStatus"] = "Status",
        };
        var json = JsonSerializer.Serialize(mapping, MappingJson);
        Output.Text(Path.Combine(_folder, "custom.mapping.json"), json.ReplaceLineEndings("\n") + "\n");
        Written.Add((file, "an unknown layout with English headers (Doc No, Name, Summary, Owner, Classes, Filed, Status); dates yyyy/M/d; separator `; `"));
        Written.Add(("custom.mapping.json", "the explicit column mapping for custom.csv (canonical field → header)"));
    }

    private static (string Country, string Digits, string Kind) Split(PublicationNumber number)
    {
        var v = number.Value;
        var kind = number.KindCode ?? string.Empty;
        var country = number.Country ?? string.Empty;
        return (country, v[country.Length..^kind.Length], kind);
    }

    private static string? Compact(DateOnly? d) => d?.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    private static string? Iso(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string? Number(int? n) => n?.ToString(CultureInfo.InvariantCulture);

    private static string KindLabel(PatentKind kind) => kind switch
    {
        PatentKind.InventionGrant => "发明授权",
        PatentKind.UtilityModel => "实用新型",
        PatentKind.Design => "外观设计",
        _ => "发明申请",
    };

    private static string Validity(LegalStatus status) => status switch
    {
        LegalStatus.Valid => "有效",
        LegalStatus.Lapsed => "失效",
        LegalStatus.Pending => "审中",
        _ => "未确认",
    };
}

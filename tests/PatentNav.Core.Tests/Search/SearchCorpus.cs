using PatentNav.Import;
using PatentNav.Records;
using PatentNav.Workspace;

namespace PatentNav.Tests.Search;

/// <summary>
/// A workspace over a slice of the bundled sample data (data-samples/patents.jsonl: real titles, IPC, abstracts and claims;
/// synthetic applicants, places and dates — see data-samples/README.md) plus a few hand-written records for the cases the
/// real data lacks (光刻胶 does not occur in it; a subgroup-level IPC code). Shared by the search tests; read-only.
/// </summary>
public sealed class SearchCorpus : IDisposable
{
    /// <summary>Hand-written records (not real patents): ids in the ZZ user-assigned range, titles written for the tests.</summary>
    public static readonly PatentRecord[] HandWritten =
    [
        new()
        {
            PublicationNumber = PublicationNumber.Parse("ZZ9900001A"),
            Title = "一种用于集成电路制造的光刻胶组合物及其制备方法",
            Abstract = "本发明提供一种正性光刻胶组合物，包含成膜树脂、光致产酸剂和溶剂，分辨率高。",
            Ipc = [IpcCode.Parse("G03F 7/004"), IpcCode.Parse("A61K 31/4439")],
            MainIpc = IpcCode.Parse("G03F 7/004"),
            Kind = PatentKind.InventionApplication,
            FilingDate = new DateOnly(2021, 3, 4),
            Applicants = ["（示例）测试光电材料有限公司"],
            Synthetic = true,
        },
        new()
        {
            PublicationNumber = PublicationNumber.Parse("ZZ9900003A"),
            Title = "电池包和储能电池 & <外壳>",
            Kind = PatentKind.UtilityModel,
            Synthetic = true,
        },
        new()
        {
            PublicationNumber = PublicationNumber.Parse("ZZ9900002A"),
            Title = "一种含有吡啶衍生物的药物组合物",
            Ipc = [IpcCode.Parse("A61K 31/44")],
            MainIpc = IpcCode.Parse("A61K 31/44"),
            Kind = PatentKind.InventionApplication,
            FilingDate = new DateOnly(2019, 6, 1),
            Synthetic = true,
        },
    ];

    private readonly string _dir = Path.Combine(Path.GetTempPath(), "patentnav-search-" + Guid.NewGuid().ToString("N"));

    public SearchCorpus()
    {
        var lines = File.ReadLines(Path.Combine(AppContext.BaseDirectory, "data-samples", "patents.jsonl")).ToList();

        // Every record with an abstract (the KPPatent ones) and the first 1,500 title-only ones: ~2,200 records.
        Records = lines.Select(PatentJson.Deserialize)
            .Where((r, i) => r.Abstract is not null || i < 1500)
            .Concat(HandWritten)
            .ToList();
        var jsonl = string.Join('\n', Records.Select(PatentJson.Serialize));
        Workspace = PatentWorkspace.Open(new PatentWorkspaceOptions { DataDirectory = _dir });
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(jsonl));
        Report = Workspace.Imports.ImportAsync(stream, new ImportOptions { Format = "jsonl" }).GetAwaiter().GetResult();
    }

    public IReadOnlyList<PatentRecord> Records { get; }

    public PatentWorkspace Workspace { get; }

    public ImportReport Report { get; }

    /// <summary>The records whose title, abstract or claims contain <paramref name="text"/> (the expected hits of a phrase).</summary>
    public IReadOnlyList<PatentRecord> Containing(string text) =>
        Records.Where(r => (r.Title ?? string.Empty).Contains(text, StringComparison.Ordinal)
            || (r.Abstract ?? string.Empty).Contains(text, StringComparison.Ordinal)
            || ((r.Claims ?? r.FirstClaim) ?? string.Empty).Contains(text, StringComparison.Ordinal)).ToList();

    public void Dispose()
    {
        Workspace.Dispose();
        Directory.Delete(_dir, recursive: true);
    }
}

[CollectionDefinition(nameof(SearchCorpus))]
public sealed class SearchCorpusCollection : ICollectionFixture<SearchCorpus>
{
}

using System.Text;
using PatentNav.Analytics;
using PatentNav.Records;
using PatentNav.Search;

namespace PatentNav.Core.Tests.Analytics;

/// <summary>
/// The per-segment cache of text-less records that analyses read: the same answers as reading the stored records, and
/// never a stale record after an update (records written for this test; names are invented).
/// </summary>
public sealed class AnalysisRecordCacheTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "patentnav-cache-" + Guid.NewGuid().ToString("N"));

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task Cached_and_uncached_workspaces_give_the_same_positioning_and_an_update_is_seen_at_once()
    {
        using var cached = Open("cached", cache: true);
        using var uncached = Open("uncached", cache: false);
        var records = Enumerable.Range(0, 60).Select(Record).ToArray();
        await cached.ImportAsync(Jsonl(records));
        await uncached.ImportAsync(Jsonl(records));

        var request = new PositioningRequest { Place = "3207", Ipc = ["C08"], MinSupport = 1 };
        var a = await cached.PositionAsync(request);
        var again = await cached.PositionAsync(request);
        var b = await uncached.PositionAsync(request);
        Assert.Equal(10, a.PlaceInField.Count);
        Assert.Equal(Json(b), Json(a));
        Assert.Equal(Json(a), Json(again));

        // Move one C08 patent out of 连云港: the cache must not serve the old record.
        var moved = records[0] with { Region = new RegionInfo("32", "江苏省", "3201", "南京市", null, null, "test"), ApplicantAddress = "江苏省南京市玄武区" };
        await cached.ImportAsync(Jsonl(moved));
        await uncached.ImportAsync(Jsonl(moved));
        var after = await cached.PositionAsync(request);
        Assert.Equal(9, after.PlaceInField.Count);
        Assert.Equal(Json(await uncached.PositionAsync(request)), Json(after));

        // The warm-up reads every record once into the cache; without the cache it does nothing.
        Assert.Equal(60, await cached.WarmAnalysisCacheAsync());
        Assert.Equal(0, await uncached.WarmAnalysisCacheAsync());

        // Analyses that need text still get it.
        var hv = await cached.AssessHighValueAsync(new SearchRequest());
        Assert.Equal(60, hv.Count);
        var full = await cached.GetAsync(records[1].PublicationNumber.Value);
        Assert.Equal(records[1].Abstract, full!.Abstract);
    }

    private static PatentRecord Record(int i) => new()
    {
        PublicationNumber = PublicationNumber.Parse($"CN1{i:D8}B"),
        Kind = PatentKind.InventionGrant,
        LegalStatus = LegalStatus.Valid,
        Title = i % 3 == 0 ? "一种聚合物复合材料" : "一种数控机床主轴",
        Abstract = "本发明公开了一种用于测试的摘要文本，编号" + i,
        Ipc = [IpcCode.Parse(i % 3 == 0 ? "C08K 3/00" : "B23Q 1/00")],
        Applicants = [i % 2 == 0 ? "连云港测试材料有限公司" : "苏州测试机床有限公司"],
        ApplicantAddress = i % 2 == 0 ? "江苏省连云港市海州区" : "江苏省苏州市姑苏区",
        Region = i % 2 == 0
            ? new RegionInfo("32", "江苏省", "3207", "连云港市", "320706", "海州区", "test")
            : new RegionInfo("32", "江苏省", "3205", "苏州市", null, null, "test"),
        FilingDate = new DateOnly(2015 + (i % 8), 3, 1),
        GrantDate = new DateOnly(2018 + (i % 6), 6, 1),
    };

    private PatentWorkspace Open(string name, bool cache) =>
        PatentWorkspace.Open(new PatentWorkspaceOptions { DataDirectory = Path.Combine(_root, name), CacheAnalysisRecords = cache });

    private static MemoryStream Jsonl(params PatentRecord[] records) =>
        new(Encoding.UTF8.GetBytes(string.Join('\n', records.Select(PatentJson.Serialize))));

    private static string Json<T>(T value) => System.Text.Json.JsonSerializer.Serialize(value, PatentJson.Options);
}

using System.Diagnostics;
using PatentNav.Import;
using PatentNav.Records;

namespace PatentNav.Workspace;

/// <summary>The import warm-up (<see cref="ImportService.WarmUpAsync"/>): a small invented record set imported into a
/// throwaway data directory.</summary>
internal static class ImportWarmUp
{
    private const int WarmUpRecords = 320;

    public static readonly Lazy<Task<TimeSpan>> Once = new(
        () => Task.Run(async () =>
        {
            var started = Stopwatch.GetTimestamp();
            var report = await RunAsync(Path.Combine(Path.GetTempPath(), "patentnav-warmup-" + Guid.NewGuid().ToString("N"))).ConfigureAwait(false);
            return report.State == ImportState.Completed && report.Rejected == 0
                ? Stopwatch.GetElapsedTime(started)
                : throw new InvalidOperationException($"the import warm-up ended {report.State} with {report.Rejected} rejected rows: {report.Message ?? (report.Errors.Count > 0 ? report.Errors[0].Reason : null)}");
        }),
        LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The warm-up import into <paramref name="directory"/>, which is deleted afterwards.</summary>
    public static async Task<ImportReport> RunAsync(string directory)
    {
        try
        {
            var options = new PatentWorkspaceOptions
            {
                DataDirectory = directory,
                // Commits during the import too, so that their code is compiled as well.
                CommitEveryRows = WarmUpRecords / 3,
            };
            using var lines = new MemoryStream();
            foreach (var record in RecordSet())
            {
                lines.Write(PatentJson.SerializeToUtf8(record));
                lines.WriteByte((byte)'\n');
            }

            lines.Position = 0;
            using var core = WorkspaceCore.Open(options);
            var imports = new ImportService(core);
            try
            {
                return await imports.ImportAsync(lines, new ImportOptions { Format = "jsonl", FileName = "warm-up.jsonl" }).ConfigureAwait(false);
            }
            finally
            {
                core.BeginShutdown();
                imports.WaitForBackground();
            }
        }
        finally
        {
            try
            {
                if (Directory.Exists(directory))
                {
                    Directory.Delete(directory, recursive: true);
                }
            }
            catch (IOException)
            {
                // A temporary directory left behind costs nothing but its space; the operating system cleans it.
            }
        }
    }

    /// <summary>Invented records with enough words, IPC codes, places and dates to pass through every part of indexing
    /// (terms in more than 128 documents, so Lucene's block postings are written too).</summary>
    public static IEnumerable<PatentRecord> RecordSet()
    {
        string[] titles =
        [
            "一种锂离子电池正极材料及其制备方法", "高强度碳纤维复合材料的成型装置", "用于海上平台的系泊系统",
            "含氟聚合物涂层及其应用", "抗肿瘤化合物的晶型与药物组合物", "光刻胶组合物以及图案形成方法",
            "乙烯裂解炉的节能控制方法", "Method for producing a cathode active material",
        ];
        string[] leads = ["本发明公开了一种材料的制备方法，包括混合、烧结和粉碎三个步骤。", "本实用新型公开了一种装置，涉及机械设备技术领域。"];
        string[] sentences =
        [
            "所述装置包括机架、驱动电机、传动轴以及设置在传动轴上的夹持组件。",
            "该方法提高了产品的循环稳定性，降低了生产成本，适合工业化生产。",
            "通过调节反应温度为120℃至180℃，反应时间为2小时至6小时，得到目标产物。",
            "实验结果表明，所得样品在0.5C倍率下的放电比容量达到165mAh/g。",
            "The composition comprises 10 to 30 wt% of a binder and a solvent.",
            "所述控制单元根据传感器采集的数据调整阀门开度，实现自动化控制。",
            "本实用新型结构简单，安装方便，使用寿命长。",
            "所述涂层的厚度为5微米至50微米，附着力达到0级。",
        ];
        string[] ipc = ["H01M 4/525", "C08J 5/04", "B63B 21/50", "C09D 127/12", "A61K 31/4439", "G03F 7/004", "C10G 9/36", "H01M 10/0525"];
        string[] places = ["320706", "320703", "320722", "110108", "440305", "310115"];
        for (var i = 0; i < WarmUpRecords; i++)
        {
            var place = places[i % places.Length];
            yield return new PatentRecord
            {
                PublicationNumber = PublicationNumber.Parse($"ZZ{8_000_000 + i}A"),
                Kind = (PatentKind)(1 + (i % 3)),
                Title = titles[i % titles.Length],
                Abstract = string.Concat(leads[i % leads.Length], sentences[i % sentences.Length], sentences[(i * 3 + 1) % sentences.Length]),
                FirstClaim = i % 4 == 0 ? sentences[(i + 1) % sentences.Length] : null,
                Applicants = [$"预热样例{i % 11}号公司", $"预热样例{i % 5}号大学"],
                Inventors = [$"预热{i % 13}", $"预热{i % 7}"],
                Region = new RegionInfo(place[..2], "预热省", place[..4], "预热市", place, "预热区", "warm-up"),
                MainIpc = IpcCode.Parse(ipc[i % ipc.Length]),
                Ipc = [IpcCode.Parse(ipc[i % ipc.Length]), IpcCode.Parse(ipc[(i + 5) % ipc.Length])],
                FilingDate = new DateOnly(2012 + (i % 12), 1 + (i % 12), 1 + (i % 28)),
                PublicationDate = new DateOnly(2013 + (i % 12), 1 + (i % 12), 1 + (i % 28)),
                GrantDate = i % 3 == 1 ? new DateOnly(2015 + (i % 10), 1 + (i % 12), 1 + (i % 28)) : null,
                LegalStatus = (LegalStatus)(i % 4),
                Synthetic = true,
            };
        }
    }
}

using System.Globalization;
using System.Text;
using PatentNav.Import;
using PatentNav.Records;
using PatentNav.Search;
using PatentNav.Workspace;

namespace PatentNav.Tests.Search;

/// <summary>CheckIndex and backup/restore of a workspace's committed index, including while an import runs.</summary>
public sealed class IndexMaintenanceTests : IDisposable
{
    private const int CommitEvery = 1000;
    private readonly string _root = Path.Combine(Path.GetTempPath(), "patentnav-maint-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Fact]
    public async Task Backup_WhileImportRuns_RestoredIndexHoldsExactlyTheCommittedRows()
    {
        // 10,000 rows; the file's reader stops after 5,000 until released, so the import is provably running during the
        // backup. Batches of 512 and a commit after ≥ 1,000 rows put the last commit at row 4,096.
        var numbers = Numbers(10_000);
        using var gated = new GatedStream(Jsonl(numbers), gateAfterLine: 5_000);
        var data = Path.Combine(_root, "live");
        var backupDir = Path.Combine(_root, "backup");
        IndexBackupManifest manifest;
        IndexCheckResult checkWhileRunning;
        await using (var ws = Open(data))
        {
            var import = ws.Imports.ImportAsync(gated, new ImportOptions { Format = "jsonl", FileName = "generated.jsonl" });
            var running = await WaitForAsync(ws, r => r.CommittedRows >= 4096);
            Assert.Equal(4096, running.CommittedRows);

            checkWhileRunning = await ws.Maintenance.CheckIndexAsync();
            manifest = await ws.Maintenance.BackupAsync(backupDir);
            Assert.Equal(ImportState.Running, ws.Imports.Get(running.Id)!.State);

            gated.Release();
            var report = await import.WaitAsync(TimeSpan.FromSeconds(60));
            Assert.Equal(ImportState.Completed, report.State);
            Assert.Equal(10_000, report.Imported);
            Assert.Equal(10_000, ws.Search.DocumentCount);
        }

        Assert.True(checkWhileRunning.Clean, string.Join("; ", checkWhileRunning.Problems));
        Assert.Equal(4096, checkWhileRunning.Documents);
        Assert.Equal("4096", manifest.CommitData["rowsCommitted"]);
        Assert.Equal(4096, manifest.Documents);
        Assert.Contains(manifest.Files, f => f.Name == manifest.SegmentsFile && f.Bytes > 0);
        Assert.True(File.Exists(Path.Combine(backupDir, "backup.json")));

        // Restore (the documented offline procedure): a fresh data directory whose index/ is the backup's index/.
        var restored = Path.Combine(_root, "restored");
        CopyFolder(Path.Combine(backupDir, "index"), Path.Combine(restored, "index"));
        await using var back = Open(restored);
        var stored = new List<string>();
        await foreach (var r in back.Search.ReadAllAsync())
        {
            stored.Add(r.PublicationNumber.Value);
        }

        Assert.Equal(numbers.Take(4096).Order(StringComparer.Ordinal), stored.Order(StringComparer.Ordinal));
        var check = await back.Maintenance.CheckIndexAsync();
        Assert.True(check.Clean, string.Join("; ", check.Problems));
        Assert.Equal((4096, manifest.Generation), (check.Documents, check.Generation));
    }

    [Fact]
    public async Task CheckIndex_AfterImport_CleanWithCommitAndCounts()
    {
        await using var ws = Open(Path.Combine(_root, "data"));
        var report = await ws.Imports.ImportAsync(Jsonl(Numbers(300)), new ImportOptions { Format = "jsonl" });

        var check = await ws.Maintenance.CheckIndexAsync();

        Assert.True(check.Clean, string.Join("; ", check.Problems));
        Assert.Empty(check.Problems);
        Assert.Equal(300, check.Documents);
        Assert.True(check.Segments >= 1);
        Assert.StartsWith("segments_", check.SegmentsFile, StringComparison.Ordinal);
        Assert.Equal(report.Id, check.CommitData["import"]);
    }

    [Fact]
    public async Task CheckIndex_CorruptedFile_NotCleanAndNamesTheProblem()
    {
        var data = Path.Combine(_root, "data");
        await using (var ws = Open(data))
        {
            await ws.Imports.ImportAsync(Jsonl(Numbers(300)), new ImportOptions { Format = "jsonl" });
        }

        // Flip one byte in the middle of the largest index file: inside a segment's postings or stored fields, which Lucene
        // 4.8 checksums and CheckIndex verifies, and not in the small files that opening the index reads.
        var largest = new DirectoryInfo(Path.Combine(data, "index")).GetFiles().OrderByDescending(f => f.Length).First();
        using (var file = new FileStream(largest.FullName, FileMode.Open, FileAccess.ReadWrite))
        {
            file.Position = file.Length / 2;
            var b = file.ReadByte();
            file.Position = file.Length / 2;
            file.WriteByte((byte)(b ^ 0xFF));
        }

        await using var reopened = Open(data);
        var check = await reopened.Maintenance.CheckIndexAsync();

        Assert.False(check.Clean);
        Assert.Contains(check.Problems, p => p.Contains("broken segment", StringComparison.Ordinal));
        Assert.Contains(check.Problems, p => p.Contains("Exception:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CheckIndex_NothingCommitted_CleanAndEmpty()
    {
        await using var ws = Open(Path.Combine(_root, "data"));

        var check = await ws.Maintenance.CheckIndexAsync();

        Assert.True(check.Clean);
        Assert.Null(check.SegmentsFile);
        Assert.Equal((0, 0L), (check.Segments, check.Documents));
    }

    [Fact]
    public async Task Backup_NothingCommitted_ThrowsWithReason()
    {
        await using var ws = Open(Path.Combine(_root, "data"));

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => ws.Maintenance.BackupAsync(Path.Combine(_root, "backup")));

        Assert.Contains("Nothing has been committed", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Backup_IntoNonEmptyFolder_ThrowsAndLeavesItAlone()
    {
        await using var ws = Open(Path.Combine(_root, "data"));
        await ws.Imports.ImportAsync(Jsonl(Numbers(10)), new ImportOptions { Format = "jsonl" });
        var target = Path.Combine(_root, "backup");
        Directory.CreateDirectory(target);
        File.WriteAllText(Path.Combine(target, "keep.txt"), "x");

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => ws.Maintenance.BackupAsync(target));

        Assert.Contains("not empty", ex.Message, StringComparison.Ordinal);
        Assert.Equal(["keep.txt"], Directory.EnumerateFileSystemEntries(target).Select(Path.GetFileName));
    }

    private static PatentWorkspace Open(string dir) => PatentWorkspace.Open(new PatentWorkspaceOptions
    {
        DataDirectory = dir,
        CommitEveryRows = CommitEvery,
        CommitInterval = TimeSpan.FromHours(1), // commits by row count only, so that their positions are deterministic
    });

    private static List<string> Numbers(int count) =>
        Enumerable.Range(1, count).Select(i => string.Create(CultureInfo.InvariantCulture, $"ZZ{7_100_000 + i}A")).ToList();

    private static MemoryStream Jsonl(IEnumerable<string> numbers)
    {
        var titles = File.ReadLines(Path.Combine(AppContext.BaseDirectory, "data-samples", "fixtures", "patents-sample.jsonl"))
            .Select(l => PatentJson.Deserialize(l).Title)
            .ToArray();
        var lines = numbers.Select((pn, i) => PatentJson.Serialize(new PatentRecord { PublicationNumber = PublicationNumber.Parse(pn), Title = titles[i % titles.Length] }));
        return new MemoryStream(Encoding.UTF8.GetBytes(string.Join('\n', lines) + "\n"));
    }

    private static async Task<ImportReport> WaitForAsync(PatentWorkspace ws, Func<ImportReport, bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            if (ws.Imports.List().FirstOrDefault(condition) is { } report)
            {
                return report;
            }

            await Task.Delay(20, timeout.Token);
        }
    }

    private static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }
    }

    /// <summary>A read-only, non-seekable stream over bytes that blocks reads past the end of a given line until released.</summary>
    private sealed class GatedStream : Stream
    {
        private readonly MemoryStream _inner;
        private readonly long _gate;
        private readonly ManualResetEventSlim _open = new(false);

        public GatedStream(MemoryStream inner, int gateAfterLine)
        {
            _inner = inner;
            var bytes = inner.ToArray();
            var lines = 0;
            var gate = inner.Length;
            for (var i = 0; i < inner.Length; i++)
            {
                if (bytes[i] == (byte)'\n' && ++lines == gateAfterLine)
                {
                    gate = i + 1;
                    break;
                }
            }

            _gate = gate;
        }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => _inner.Position; set => throw new NotSupportedException(); }

        public void Release() => _open.Set();

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_inner.Position >= _gate && !_open.IsSet)
            {
                _open.Wait(TimeSpan.FromSeconds(60));
            }

            if (!_open.IsSet)
            {
                count = (int)Math.Min(count, _gate - _inner.Position);
            }

            return _inner.Read(buffer, offset, count);
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _open.Set();
                _open.Dispose();
                _inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}

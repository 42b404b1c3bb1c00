using System.Globalization;
using System.Text.Json;
using Lucene.Net.Index;
using Lucene.Net.Store;
using PatentNav.Records;
using PatentNav.Search;

namespace PatentNav.Storage;

/// <summary>Read-only operations on a held (snapshotted) commit: CheckIndex and backup copies.</summary>
internal static class IndexOperations
{
    /// <summary>The manifest's file name in a backup folder.</summary>
    public const string ManifestFileName = "backup.json";

    /// <summary>Runs CheckIndex on <paramref name="commit"/> through a read-only view of the index folder pinned to that commit.</summary>
    public static IndexCheckResult Check(string indexPath, IndexCommit commit, TimeProvider time)
    {
        using var directory = new PinnedCommitDirectory(new NIOFSDirectory(new DirectoryInfo(indexPath)), commit.SegmentsFileName);
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        var checker = new CheckIndex(directory) { InfoStream = output };
        var status = checker.DoCheckIndex();

        var problems = new List<string>();
        if (status.MissingSegments)
        {
            problems.Add("the commit's segments file could not be found or read");
        }

        if (status.CantOpenSegments)
        {
            problems.Add("the commit's segments file could not be opened");
        }

        if (status.MissingSegmentVersion)
        {
            problems.Add("the commit's segments file has no version");
        }

        if (status.ToolOutOfDate)
        {
            problems.Add("the index was written by a newer Lucene version than this check understands");
        }

        long documents = 0;
        foreach (var segment in status.SegmentInfos)
        {
            var errors = new (string Part, Exception? Error)[]
            {
                ("field norms", segment.FieldNormStatus?.Error),
                ("terms and postings", segment.TermIndexStatus?.Error),
                ("stored fields", segment.StoredFieldStatus?.Error),
                ("term vectors", segment.TermVectorStatus?.Error),
                ("doc values", segment.DocValuesStatus?.Error),
            };
            if (!segment.OpenReaderPassed)
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"segment {segment.Name}: could not be opened"));
            }

            foreach (var (part, error) in errors.Where(e => e.Error is not null))
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"segment {segment.Name}: {part}: {error!.Message}"));
            }

            documents += segment.DocCount - segment.NumDeleted;
        }

        if (status.NumBadSegments > 0)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"{status.NumBadSegments} broken segment(s); {status.TotLoseDocCount} documents would be lost by a repair"));
        }

        if (!status.Clean)
        {
            // What CheckIndex said went wrong, in its own words: a segment that fails a test is reported only in its output
            // ("FAILED", then the exception), not in the per-part statuses.
            problems.AddRange(output.ToString().Split('\n')
                .Select(l => l.Trim())
                .Where(l => l.StartsWith("FAILED", StringComparison.Ordinal) || l.StartsWith("ERROR", StringComparison.Ordinal)
                    || l.Contains("Exception:", StringComparison.Ordinal))
                .Distinct(StringComparer.Ordinal)
                .Take(20));
            if (problems.Count == 0)
            {
                problems.Add("CheckIndex reported the index as not clean");
            }
        }

        return new IndexCheckResult(
            status.Clean && problems.Count == 0,
            commit.SegmentsFileName,
            commit.Generation,
            status.NumSegments,
            documents,
            new Dictionary<string, string>(commit.UserData, StringComparer.Ordinal),
            problems,
            time.GetUtcNow());
    }

    /// <summary>Copies <paramref name="commit"/>'s files into <c>&lt;target&gt;/index</c>, opens the copy to count its
    /// documents, and writes the manifest.</summary>
    public static IndexBackupManifest Backup(string indexPath, IndexCommit commit, string target, TimeProvider time, CancellationToken cancellationToken)
    {
        var indexTarget = Path.Combine(target, "index");
        System.IO.Directory.CreateDirectory(indexTarget);
        var files = new List<IndexBackupFile>();
        foreach (var name in commit.FileNames.Order(StringComparer.Ordinal))
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var source = new FileStream(Path.Combine(indexPath, name), FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 16, FileOptions.SequentialScan);
            using var copy = new FileStream(Path.Combine(indexTarget, name), FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
            source.CopyTo(copy);
            copy.Flush(flushToDisk: true);
            files.Add(new IndexBackupFile(name, copy.Length));
        }

        // Counting through the copy (not the live folder) proves that the backup opens on its own.
        int documents;
        using (var copied = new NIOFSDirectory(new DirectoryInfo(indexTarget)))
        using (var reader = DirectoryReader.Open(copied))
        {
            documents = reader.NumDocs;
        }

        var manifest = new IndexBackupManifest(
            target,
            commit.SegmentsFileName,
            commit.Generation,
            documents,
            new Dictionary<string, string>(commit.UserData, StringComparer.Ordinal),
            files,
            files.Sum(f => f.Bytes),
            time.GetUtcNow());
        var path = Path.Combine(target, ManifestFileName);
        File.WriteAllText(path + ".tmp", JsonSerializer.Serialize(manifest, PatentJson.Options));
        File.Move(path + ".tmp", path);
        return manifest;
    }
}

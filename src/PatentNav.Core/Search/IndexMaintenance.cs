namespace PatentNav.Search;

/// <summary>The outcome of checking the index's last commit with Lucene's CheckIndex (索引校验), read-only.</summary>
/// <param name="Clean">True when CheckIndex found no problem in any segment of the commit.</param>
/// <param name="SegmentsFile">The commit checked (its <c>segments_N</c> file), or <c>null</c> when nothing is committed yet.</param>
/// <param name="Generation">The commit's generation (the N of <c>segments_N</c>); 0 when nothing is committed yet.</param>
/// <param name="Segments">Segments in the commit.</param>
/// <param name="Documents">Live documents in the commit (documents minus deletions); rows of a running import that are
/// not committed yet are not counted.</param>
/// <param name="CommitData">The commit's user data (<c>import</c>, <c>rowsCommitted</c>, <c>committedAt</c>).</param>
/// <param name="Problems">What CheckIndex reported as wrong, one line each; empty when <paramref name="Clean"/>.</param>
/// <param name="CheckedAt">When the check finished.</param>
public sealed record IndexCheckResult(
    bool Clean,
    string? SegmentsFile,
    long Generation,
    int Segments,
    long Documents,
    IReadOnlyDictionary<string, string> CommitData,
    IReadOnlyList<string> Problems,
    DateTimeOffset CheckedAt);

/// <summary>
/// The manifest of an index backup (索引备份): which commit was copied, its files and when. Written as
/// <c>backup.json</c> next to the backup's <c>index/</c> folder.
/// </summary>
/// <param name="Directory">The backup folder (holding <c>index/</c> and <c>backup.json</c>).</param>
/// <param name="SegmentsFile">The commit copied (its <c>segments_N</c> file).</param>
/// <param name="Generation">The commit's generation.</param>
/// <param name="Documents">Live documents in the copied commit.</param>
/// <param name="CommitData">The commit's user data (<c>import</c>, <c>rowsCommitted</c>, <c>committedAt</c>).</param>
/// <param name="Files">Every file of the commit with its size in bytes.</param>
/// <param name="TotalBytes">The sum of the files' sizes.</param>
/// <param name="CreatedAt">When the copy finished.</param>
public sealed record IndexBackupManifest(
    string Directory,
    string SegmentsFile,
    long Generation,
    long Documents,
    IReadOnlyDictionary<string, string> CommitData,
    IReadOnlyList<IndexBackupFile> Files,
    long TotalBytes,
    DateTimeOffset CreatedAt);

/// <summary>One file of an index backup.</summary>
/// <param name="Name">The Lucene file name (also its name under the backup's <c>index/</c> folder).</param>
/// <param name="Bytes">Its size.</param>
public sealed record IndexBackupFile(string Name, long Bytes);

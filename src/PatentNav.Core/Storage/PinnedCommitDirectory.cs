using Lucene.Net.Store;

namespace PatentNav.Storage;

/// <summary>
/// A read-only view of an index directory that shows one commit only: every other <c>segments_N</c> file and
/// <c>segments.gen</c> are hidden, and every write throws.
/// </summary>
/// <remarks>CheckIndex reads "the latest commit" of a directory. While the writer keeps committing, the latest commit can
/// change between taking a snapshot and CheckIndex listing the files, and the newer commit's files are not protected by the
/// snapshot; pinning the listing to the snapshotted commit closes that window. The writes throw so that the check can
/// never touch the live index (CheckIndex only writes in FixIndex, which we never call).</remarks>
internal sealed class PinnedCommitDirectory(Lucene.Net.Store.Directory inner, string segmentsFile) : FilterDirectory(inner)
{
    private const string SegmentsPrefix = "segments";

    public override string[] ListAll() => Delegate.ListAll().Where(Visible).ToArray();

    [Obsolete("Lucene marks this obsolete; kept to hide other commits from callers that still use it.")]
    public override bool FileExists(string name) => Visible(name) && Delegate.FileExists(name);

    public override IndexInput OpenInput(string name, IOContext context) =>
        Visible(name) ? Delegate.OpenInput(name, context) : throw new FileNotFoundException("hidden from the pinned commit view", name);

    public override long FileLength(string name) =>
        Visible(name) ? Delegate.FileLength(name) : throw new FileNotFoundException("hidden from the pinned commit view", name);

    public override IndexOutput CreateOutput(string name, IOContext context) => throw ReadOnly();

    public override void DeleteFile(string name) => throw ReadOnly();

    public override void Sync(ICollection<string> names) => throw ReadOnly();

    public override Lucene.Net.Store.Lock MakeLock(string name) => throw ReadOnly();

    public override void ClearLock(string name) => throw ReadOnly();

    private bool Visible(string name) =>
        !name.StartsWith(SegmentsPrefix, StringComparison.Ordinal) || string.Equals(name, segmentsFile, StringComparison.Ordinal);

    private static NotSupportedException ReadOnly() => new("the index check opens the index read-only");
}

using PatentNav.Search;
using PatentNav.Storage;

namespace PatentNav.Workspace;

/// <summary>Operations (运维): the index's size, its last commit, a read-only check and an online backup.</summary>
/// <remarks>Thread safety: every member is safe to call concurrently, also while an import runs.</remarks>
public sealed class MaintenanceService
{
    private readonly WorkspaceCore _core;
    private readonly PatentWorkspaceOptions _options;
    private readonly PatentIndex _index;

    internal MaintenanceService(WorkspaceCore core)
    {
        _core = core;
        _options = core.Options;
        _index = core.Index;
    }

    /// <summary>The user data of the last durable commit (<c>import</c> id, <c>committedAt</c>).</summary>
    public IReadOnlyDictionary<string, string> LastCommit => new Dictionary<string, string>(_index.LastCommitData, StringComparer.Ordinal);

    /// <summary>The index's size on disk in bytes.</summary>
    public long IndexSizeBytes() => _index.SizeOnDisk();

    /// <summary>
    /// Checks the last commit of the index with Lucene's CheckIndex (索引校验), read-only, while the workspace keeps serving
    /// and importing.
    /// </summary>
    /// <remarks>The commit is held (snapshot) for the check so that a concurrent import's next commit cannot delete its
    /// files, and the check sees it through a read-only view of the index folder: it takes no write lock and never
    /// repairs anything. It reads every byte of the commit, so it takes about as long as reading the index once.</remarks>
    /// <returns>The summary; <see cref="IndexCheckResult.Clean"/> is true for a healthy (or never committed) index.</returns>
    public Task<IndexCheckResult> CheckIndexAsync(CancellationToken cancellationToken = default)
    {
        _core.ThrowIfDisposed();
        return Task.Run(
            () =>
            {
                cancellationToken.ThrowIfCancellationRequested();
                var commit = _index.SnapshotLastCommit();
                if (commit is null)
                {
                    return new IndexCheckResult(true, null, 0, 0, 0, new Dictionary<string, string>(StringComparer.Ordinal), [], _options.TimeProvider.GetUtcNow());
                }

                try
                {
                    return IndexOperations.Check(_index.Path, commit, _options.TimeProvider);
                }
                finally
                {
                    _index.ReleaseSnapshot(commit);
                }
            },
            cancellationToken);
    }

    /// <summary>
    /// Copies the last commit of the index into <paramref name="targetDirectory"/> (as <c>index/</c>, with a
    /// <c>backup.json</c> manifest) while the workspace keeps serving and importing (索引备份).
    /// </summary>
    /// <remarks>
    /// <para>The commit is held (snapshot) during the copy so that imports committing meanwhile do not delete its files;
    /// Lucene never changes a file once written, so the copy is consistent. Rows written after that commit are not in the
    /// backup: <see cref="IndexBackupManifest.CommitData"/> names the import and its committed rows.</para>
    /// <para>Restore is offline: stop the service, replace <c>&lt;data&gt;/index</c> with the backup's <c>index/</c>
    /// folder, start it again (see README, Operations).</para>
    /// </remarks>
    /// <param name="targetDirectory">A new or empty folder; never the workspace's own index folder.</param>
    /// <param name="cancellationToken">Stops the copy; the partial folder is left for the caller to remove.</param>
    /// <exception cref="InvalidOperationException">Nothing has been committed yet, or the target is not empty.</exception>
    public Task<IndexBackupManifest> BackupAsync(string targetDirectory, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(targetDirectory);
        _core.ThrowIfDisposed();
        var target = Path.GetFullPath(targetDirectory);
        if (Directory.Exists(target) && Directory.EnumerateFileSystemEntries(target).Any())
        {
            throw new InvalidOperationException($"The backup folder '{target}' is not empty; back up into a new folder.");
        }

        return Task.Run(
            () =>
            {
                var commit = _index.SnapshotLastCommit()
                    ?? throw new InvalidOperationException("Nothing has been committed to the index yet, so there is nothing to back up.");
                try
                {
                    return IndexOperations.Backup(_index.Path, commit, target, _options.TimeProvider, cancellationToken);
                }
                finally
                {
                    _index.ReleaseSnapshot(commit);
                }
            },
            cancellationToken);
    }
}

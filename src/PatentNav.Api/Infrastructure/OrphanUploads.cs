namespace PatentNav.Api.Infrastructure;

/// <summary>Removes uploads left behind by a process that was killed while importing them.</summary>
/// <remarks>Found by the SIGKILL test: an upload is deleted when its import ends, so a killed import leaves its copy (up to
/// MaxUploadBytes) in <c>uploads/</c> for ever. At start-up no import of this process runs, and write.lock (taken when the
/// workspace opened) keeps other processes out of the data directory, so every <c>*.upload</c> there is an orphan.</remarks>
internal static class OrphanUploads
{
    public static int Remove(PatentWorkspace workspace, ILogger logger)
    {
        var removed = 0;
        foreach (var path in Directory.EnumerateFiles(workspace.Imports.UploadsDirectory, "*.upload"))
        {
            try
            {
                File.Delete(path);
                removed++;
            }
            catch (IOException ex)
            {
                logger.LogWarning(ex, "Could not remove the orphaned upload {Path}", path);
            }
        }

        if (removed > 0)
        {
            logger.LogInformation("Removed {Count} upload(s) left by an import that the previous process did not finish", removed);
        }

        return removed;
    }
}

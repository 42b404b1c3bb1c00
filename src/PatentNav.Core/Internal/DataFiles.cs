namespace PatentNav.Internal;

/// <summary>The workspace's own small files (taxonomy, places, reference lists, caches, import reports).</summary>
internal static class DataFiles
{
    /// <summary>Writes <paramref name="text"/> to <paramref name="path"/> through a temporary file and a rename, so that a
    /// crash mid-write leaves the previous file, never half of the new one. Creates the folder.</summary>
    public static async Task WriteAtomicallyAsync(string path, string text, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var tmp = path + ".tmp";
        await File.WriteAllTextAsync(tmp, text, cancellationToken).ConfigureAwait(false);
        File.Move(tmp, path, overwrite: true);
    }

    /// <summary>The synchronous form of <see cref="WriteAtomicallyAsync"/>.</summary>
    public static void WriteAtomically(string path, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var tmp = path + ".tmp";
        File.WriteAllText(tmp, text);
        File.Move(tmp, path, overwrite: true);
    }
}

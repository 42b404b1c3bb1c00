namespace PatentNav.Internal;

/// <summary>
/// An editable JSON document kept in the data directory (the place catalogue, the city taxonomy, the reference lists):
/// read once and held, replaced only with a value that was validated before, written atomically so that a crash leaves
/// the previous file.
/// </summary>
/// <typeparam name="T">The validated, immutable value.</typeparam>
/// <param name="path">The file.</param>
/// <param name="what">The document's name in messages ("place catalogue").</param>
/// <param name="read">Parses and validates the file's text; throws when it is invalid.</param>
/// <param name="write">The text stored for a value.</param>
/// <param name="fallback">The value while no file exists (an embedded default, or empty).</param>
internal sealed class StoredDocument<T>(string path, string what, Func<string, T> read, Func<T, string> write, Func<T> fallback)
    where T : class
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private T? _value;

    public string Path => path;

    /// <summary>The value now: the stored file's, else the fallback.</summary>
    /// <exception cref="InvalidOperationException">The file was edited by hand into an invalid document; the message names it.</exception>
    public T Current => Volatile.Read(ref _value) ?? Load();

    /// <summary>Replaces the value with <paramref name="change"/>'s result for the current one, one change at a time.</summary>
    public async Task<T> UpdateAsync(Func<T, T> change, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var updated = change(Current);
            await DataFiles.WriteAtomicallyAsync(path, write(updated), cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _value, updated);
            return updated;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Replaces the value.</summary>
    public Task<T> ReplaceAsync(T value, CancellationToken cancellationToken) => UpdateAsync(_ => value, cancellationToken);

    private T Load()
    {
        T loaded;
        if (File.Exists(path))
        {
            try
            {
                loaded = read(File.ReadAllText(path));
            }
            catch (Records.InvalidRequestException ex)
            {
                throw new InvalidOperationException($"The {what} '{path}' is invalid: {ex.Message}", ex);
            }
        }
        else
        {
            loaded = fallback();
        }

        Interlocked.CompareExchange(ref _value, loaded, null);
        return _value!;
    }
}

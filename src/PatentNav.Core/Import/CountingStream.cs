namespace PatentNav.Import;

/// <summary>
/// A read-only pass-through stream that remembers how far into the underlying stream reading has gone, for progress
/// reporting while a parser consumes it.
/// </summary>
/// <remarks>Readers such as <see cref="StreamReader"/> read ahead in buffers, so the position runs ahead of the rows handed
/// out by at most one buffer; good enough for a progress bar.</remarks>
internal sealed class CountingStream(Stream inner, bool leaveOpen) : Stream
{
    private long _position;
    private long _highWater;

    /// <summary>The furthest byte offset read so far (relative to where this stream started).</summary>
    public long BytesRead => Interlocked.Read(ref _highWater);

    public override bool CanRead => true;

    public override bool CanSeek => inner.CanSeek;

    /// <summary>Forgets the sniffed prefix after seeking back to the start, so that progress starts from zero.</summary>
    public void ResetHighWater() => Interlocked.Exchange(ref _highWater, _position);

    public override bool CanWrite => false;

    public override long Length => inner.Length;

    public override long Position
    {
        get => inner.CanSeek ? inner.Position : _position;
        set => Seek(value, SeekOrigin.Begin);
    }

    public override int Read(byte[] buffer, int offset, int count) => Advance(inner.Read(buffer, offset, count));

    public override int Read(Span<byte> buffer) => Advance(inner.Read(buffer));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Advance(await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override long Seek(long offset, SeekOrigin origin)
    {
        _position = inner.Seek(offset, origin);
        return _position;
    }

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && !leaveOpen)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private int Advance(int n)
    {
        _position += n;
        if (_position > _highWater)
        {
            Interlocked.Exchange(ref _highWater, _position);
        }

        return n;
    }
}

/// <summary>A stream that first replays bytes already read (the sniffed prefix), then continues with the rest of the source;
/// lets a non-seekable upload be sniffed without buffering the whole file.</summary>
internal sealed class PrefixedStream(byte[] prefix, int prefixLength, Stream rest) : Stream
{
    private int _offset;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (_offset < prefixLength)
        {
            var n = Math.Min(buffer.Length, prefixLength - _offset);
            prefix.AsSpan(_offset, n).CopyTo(buffer);
            _offset += n;
            return n;
        }

        return rest.Read(buffer);
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
            rest.Dispose();
        }

        base.Dispose(disposing);
    }
}

namespace Lanyard.Scanning.Sources;

/// <summary>
/// A read-only stream that ends after a byte budget, so a zip bomb or a tar entry with a huge declared
/// size cannot make a scan read (or hold) more than the limit.
/// </summary>
internal sealed class BoundedReadStream(Stream inner, long limit) : Stream
{
    private long position;

    /// <summary>True once the budget was reached while the inner stream still had data.</summary>
    public bool LimitReached { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => position;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var remaining = limit - position;
        if (remaining <= 0)
        {
            LimitReached |= buffer.Length > 0 && inner.Read(buffer[..1]) > 0;
            return 0;
        }

        var read = inner.Read(buffer[..(int)Math.Min(buffer.Length, remaining)]);
        position += read;
        return read;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}

namespace Empreinte.Ingestion;

/// <summary>
/// A read-only, forward-only stream over a <paramref name="source"/> it owns: the part every wrapper the
/// readers put in front of an export shares (no seeking, no length, no writing; disposing it disposes
/// the source). Subclasses say only how a read goes.
/// </summary>
public abstract class ForwardReadStream(Stream source) : Stream
{
    protected Stream Source { get; } = source;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public abstract override int Read(Span<byte> buffer);

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) Source.Dispose();
        base.Dispose(disposing);
    }
}

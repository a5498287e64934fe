namespace Empreinte.Ingestion;

/// <summary>
/// A read-only pass-through that remembers the last byte read, so the CSV reader can tell, once
/// the data ends, whether the last line was finished by a newline (see <see cref="ExportReader"/>).
/// </summary>
internal sealed class EndTrackingStream(Stream inner) : ForwardReadStream(inner)
{
    private int _last = -1;

    /// <summary>True when the data ended right after a line feed (or was empty).</summary>
    public bool EndsWithNewline => _last is -1 or '\n';

    public override int Read(Span<byte> buffer)
    {
        var read = Source.Read(buffer);
        if (read > 0) _last = buffer[read - 1];
        return read;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await Source.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        if (read > 0) _last = buffer.Span[read - 1];
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
}

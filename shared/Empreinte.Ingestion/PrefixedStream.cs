namespace Empreinte.Ingestion;

/// <summary>A read-only stream that replays bytes already read (to sniff the content) before the rest of the source.</summary>
public sealed class PrefixedStream(ReadOnlyMemory<byte> prefix, Stream rest) : ForwardReadStream(rest)
{
    private ReadOnlyMemory<byte> _prefix = prefix;

    /// <summary>The bytes not yet replayed (all of them before the first read).</summary>
    public ReadOnlyMemory<byte> Prefix => _prefix;

    public override int Read(Span<byte> buffer)
    {
        if (_prefix.IsEmpty) return Source.Read(buffer);
        var n = Math.Min(buffer.Length, _prefix.Length);
        _prefix.Span[..n].CopyTo(buffer);
        _prefix = _prefix[n..];
        return n;
    }
}

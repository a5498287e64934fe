using System.Runtime.CompilerServices;

namespace Empreinte.Application.Files;

/// <summary>
/// The CSV field (quoted if need be, UTF-8) of strings written again and again, by instance: the
/// readers and the classifier share one instance per distinct provider, service, region, unit,
/// resource, reason…, so most text of lines.csv repeats by reference, and its encoding can be
/// copied instead of redone. A fixed direct-mapped table, like <see cref="RoundTripNumbers"/>: a
/// string seen once only costs a slot until another replaces it.
/// </summary>
internal sealed class EncodedFields
{
    private const int SlotBits = 12;

    private readonly string?[] _strings = new string?[1 << SlotBits];
    private readonly byte[][] _fields = new byte[1 << SlotBits][];

    /// <summary>The field of <paramref name="value"/>, encoded by <paramref name="encode"/> when it is not in the table.</summary>
    public ReadOnlySpan<byte> For(string value, Func<string, byte[]> encode)
    {
        var slot = (int)((uint)RuntimeHelpers.GetHashCode(value) * 0x9E3779B9u >> (32 - SlotBits));
        if (!ReferenceEquals(_strings[slot], value))
        {
            _fields[slot] = encode(value);
            _strings[slot] = value;
        }

        return _fields[slot];
    }
}

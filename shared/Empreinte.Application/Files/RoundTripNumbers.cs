using System.Globalization;

namespace Empreinte.Application.Files;

/// <summary>
/// The round-trip text of doubles (<c>ToString("R")</c>) in UTF-8, remembered for the values seen last.
/// lines.csv writes quantities as read (estimates go through <see cref="SevenDigits"/>), and billing
/// exports repeat the same few quantities on most rows (an hour of a VM is 1), while shortest
/// round-trip formatting costs far more than a copy. A fixed direct-mapped table: a hit copies the
/// text, a miss formats it into its slot; memory stays constant and nothing is allocated per number.
/// </summary>
internal sealed class RoundTripNumbers
{
    /// <summary>The longest round-trip text of a double: sign, 17 digits, point, <c>E-308</c>.</summary>
    public const int MaxLength = 26;

    private const int SlotBits = 12;
    private const int Slots = 1 << SlotBits;

    private readonly ulong[] _bits = new ulong[Slots];
    private readonly byte[] _lengths = new byte[Slots]; // 0: empty slot
    private readonly byte[] _text = new byte[Slots * MaxLength];

    /// <summary>Writes the round-trip text of <paramref name="value"/>, in UTF-8, to <paramref name="destination"/> (at least <see cref="MaxLength"/> long); returns its length.</summary>
    public int Format(double value, Span<byte> destination)
    {
        var bits = BitConverter.DoubleToUInt64Bits(value);
        // Fibonacci hashing spreads values that differ only in low mantissa bits over the table.
        var slot = (int)((bits * 0x9E3779B97F4A7C15UL) >> (64 - SlotBits));
        var text = _text.AsSpan(slot * MaxLength, MaxLength);
        if (_lengths[slot] == 0 || _bits[slot] != bits)
        {
            if (!value.TryFormat(text, out var written, "R", CultureInfo.InvariantCulture))
                throw new InvalidOperationException($"the round-trip text of {value.ToString("R", CultureInfo.InvariantCulture)} is longer than {MaxLength} characters");
            _bits[slot] = bits;
            _lengths[slot] = (byte)written;
        }

        var length = _lengths[slot];
        text[..length].CopyTo(destination);
        return length;
    }
}

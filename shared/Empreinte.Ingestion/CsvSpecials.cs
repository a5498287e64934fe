using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Empreinte.Ingestion;

/// <summary>
/// Finds the characters that matter to CSV — delimiter, quote, CR, LF — in a buffer, 32 characters at a
/// time: one block load gives a bit mask of their positions, and each next position is a bit count away,
/// so a record's many short cells cost no call or load each (Sep reads the same way).
/// The buffer must hold <see cref="BlockChars"/> readable characters past <c>end</c>; positions from
/// <c>end</c> on are never reported.
/// </summary>
internal struct CsvSpecials
{
    /// <summary>Characters per block; the reader keeps this many spare characters after its text.</summary>
    public const int BlockChars = 32;

    private int _blockStart;
    private uint _mask;

    /// <summary>A scanner that loads its first block at the first <see cref="Next"/>.</summary>
    public static CsvSpecials Create() => new() { _blockStart = -BlockChars };

    /// <summary>The first <c>,</c> <c>"</c> <c>\r</c> or <c>\n</c> at or after <paramref name="from"/> and before <paramref name="end"/>, or −1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Next(char[] buffer, int end, int from)
    {
        if (from >= end) return -1;
        var offset = from - _blockStart;
        if ((uint)offset >= BlockChars)
        {
            _blockStart = from;
            _mask = Block(buffer, end, from);
        }
        else
        {
            _mask &= uint.MaxValue << offset;
        }

        while (_mask == 0)
        {
            _blockStart += BlockChars;
            if (_blockStart >= end) return -1;
            _mask = Block(buffer, end, _blockStart);
        }

        return _blockStart + BitOperations.TrailingZeroCount(_mask);
    }

    /// <summary>Bit i set when <c>buffer[at + i]</c> is special and <c>at + i &lt; end</c>.</summary>
    private static uint Block(char[] buffer, int end, int at)
    {
        if ((uint)at > (uint)(buffer.Length - BlockChars)) throw new ArgumentOutOfRangeException(nameof(at));
        ref var first = ref Unsafe.As<char, ushort>(ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(buffer), at));
        uint mask;
        if (Vector256.IsHardwareAccelerated)
        {
            var low = Matches(Vector256.LoadUnsafe(ref first));
            var high = Matches(Vector256.LoadUnsafe(ref first, 16));
            mask = Vector256.Narrow(low, high).ExtractMostSignificantBits();
        }
        else
        {
            var a = Vector128.Narrow(Matches(Vector128.LoadUnsafe(ref first)), Matches(Vector128.LoadUnsafe(ref first, 8)));
            var b = Vector128.Narrow(Matches(Vector128.LoadUnsafe(ref first, 16)), Matches(Vector128.LoadUnsafe(ref first, 24)));
            mask = a.ExtractMostSignificantBits() | (b.ExtractMostSignificantBits() << 16);
        }

        var valid = end - at;
        return valid >= BlockChars ? mask : mask & ((1u << valid) - 1);
    }

    // Compared as 16-bit values, so no character above U+00FF can pass for one of the four.
    private static Vector256<ushort> Matches(Vector256<ushort> chars) =>
        Vector256.Equals(chars, Vector256.Create((ushort)',')) | Vector256.Equals(chars, Vector256.Create((ushort)'"'))
        | Vector256.Equals(chars, Vector256.Create((ushort)'\r')) | Vector256.Equals(chars, Vector256.Create((ushort)'\n'));

    private static Vector128<ushort> Matches(Vector128<ushort> chars) =>
        Vector128.Equals(chars, Vector128.Create((ushort)',')) | Vector128.Equals(chars, Vector128.Create((ushort)'"'))
        | Vector128.Equals(chars, Vector128.Create((ushort)'\r')) | Vector128.Equals(chars, Vector128.Create((ushort)'\n'));
}

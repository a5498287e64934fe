using System.Numerics;
using System.Runtime.InteropServices;

namespace Empreinte.Ingestion;

/// <summary>
/// One string per distinct value of the repetitive columns of a file (provider, charge category, service, region,
/// unit, currency, meter, description): exports repeat a few thousand values over millions of rows, so a row
/// then allocates no string for them. Looked up by span, so a hit allocates nothing; bounded in size. One per
/// mapper, so per file and single-threaded.
/// </summary>
/// <remarks>
/// An open-addressing table rather than a <see cref="Dictionary{TKey, TValue}"/>: a look-up is one hash, one
/// probe and one comparison on the hot path of every row. The hash reads 16 bytes a step from a seed drawn
/// per process, and a look-up gives up after <see cref="MaxProbes"/> slots (the value is then returned
/// unshared): a crafted file cannot make look-ups slow, only make its values unshared.
/// </remarks>
public sealed class TextPool
{
    private const int Limit = 16_384;
    private const int MaxProbes = 32;
    private const ulong Multiplier = 0x9E3779B97F4A7C15;
    private static readonly ulong s_seed = (ulong)Random.Shared.NextInt64();

    // Kept at most half full, so probe runs stay short.
    private Entry[] _entries = new Entry[64];
    private int _count;

    /// <summary>The cell as <see cref="Cells.Text"/> gives it (trimmed, null for the null spellings), shared with equal cells.</summary>
    public string? Get(ReadOnlySpan<char> cell)
    {
        var value = cell.Trim();
        // The null spellings are empty, "[]" or "NULL" once trimmed.
        if (value.Length is 0 or 2 or 4 && Cells.IsNull(value)) return null;
        var hash = Hash(value);
        var entries = _entries;
        var mask = entries.Length - 1;
        var slot = hash & mask;
        var probes = 0;
        while (entries[slot].Text is { } pooled)
        {
            if (entries[slot].Hash == hash && value.SequenceEqual(pooled)) return pooled;
            if (++probes == MaxProbes) return value.ToString();
            slot = (slot + 1) & mask;
        }

        var text = value.ToString();
        if (_count < Limit)
        {
            entries[slot] = new Entry(text, hash);
            if (++_count * 2 > entries.Length) Grow();
        }

        return text;
    }

    private static int Hash(ReadOnlySpan<char> text)
    {
        var bytes = MemoryMarshal.AsBytes(text);
        var a = s_seed;
        var b = s_seed ^ (ulong)bytes.Length;
        var i = 0;
        // Two independent lanes, so that the multiplications overlap.
        for (; i + 16 <= bytes.Length; i += 16)
        {
            a = Mix(a, MemoryMarshal.Read<ulong>(bytes[i..]));
            b = Mix(b, MemoryMarshal.Read<ulong>(bytes[(i + 8)..]));
        }

        if (i + 8 <= bytes.Length)
        {
            a = Mix(a, MemoryMarshal.Read<ulong>(bytes[i..]));
            i += 8;
        }

        if (i < bytes.Length)
        {
            // The last 8 bytes (overlapping those already read), or the 1 to 3 characters of a short value.
            ulong tail = 0;
            if (bytes.Length >= 8) tail = MemoryMarshal.Read<ulong>(bytes[^8..]);
            else foreach (var c in text) tail = (tail << 16) | c;
            b = Mix(b, tail);
        }

        return (int)(((a ^ BitOperations.RotateLeft(b, 23)) * Multiplier) >> 32);
    }

    private static ulong Mix(ulong state, ulong chunk) => BitOperations.RotateLeft((state ^ chunk) * Multiplier, 31);

    private void Grow()
    {
        var entries = new Entry[_entries.Length * 2];
        var mask = entries.Length - 1;
        foreach (var entry in _entries)
        {
            if (entry.Text is null) continue;
            var slot = entry.Hash & mask;
            while (entries[slot].Text is not null) slot = (slot + 1) & mask;
            entries[slot] = entry;
        }

        _entries = entries;
    }

    private readonly record struct Entry(string? Text, int Hash);
}

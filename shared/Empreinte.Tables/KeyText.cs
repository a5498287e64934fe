using System.Globalization;
using System.Text;

namespace Empreinte.Tables;

/// <summary>
/// Turns free text (file names, dimension values) into stable key parts. Keys must be the same in
/// every process and every run, so hashing is FNV-1a over UTF-8, never <see cref="string.GetHashCode()"/>
/// (randomised per process).
/// </summary>
public static class KeyText
{
    /// <summary>Longest text kept readable in a key; keys are limited to 1 KiB.</summary>
    private const int _maxReadableLength = 120;

    /// <summary>64-bit FNV-1a of the parts, separated by a unit separator so ("ab","c") ≠ ("a","bc").</summary>
    public static ulong Hash(params ReadOnlySpan<string?> parts)
    {
        const ulong offset = 14695981039346656037UL;
        const ulong prime = 1099511628211UL;
        var hash = offset;
        Span<byte> buffer = stackalloc byte[256];
        foreach (var part in parts)
        {
            var text = part ?? "";
            var bytes = Encoding.UTF8.GetByteCount(text) <= buffer.Length ? buffer[..Encoding.UTF8.GetBytes(text, buffer)] : Encoding.UTF8.GetBytes(text);
            foreach (var b in bytes)
            {
                hash ^= b;
                hash *= prime;
            }

            hash ^= 0x1F;
            hash *= prime;
        }

        return hash;
    }

    public static string HashHex(params ReadOnlySpan<string?> parts) => Hash(parts).ToString("x16", CultureInfo.InvariantCulture);

    /// <summary>A bucket in [0, buckets) that depends only on the parts.</summary>
    public static int Bucket(int buckets, params ReadOnlySpan<string?> parts) => (int)(Hash(parts) % (ulong)buckets);

    /// <summary>
    /// The text made safe for a PartitionKey/RowKey: the characters keys forbid (/ \ # ? and control
    /// characters) become '_'. When that changed or shortened anything, a hash of the original is
    /// appended so two different names never share a key.
    /// </summary>
    public static string Safe(string text)
    {
        var builder = new StringBuilder(Math.Min(text.Length, _maxReadableLength) + 17);
        var changed = false;
        foreach (var c in text.Length > _maxReadableLength ? text.AsSpan(0, _maxReadableLength) : text.AsSpan())
        {
            var forbidden = c is '/' or '\\' or '#' or '?' || char.IsControl(c);
            builder.Append(forbidden ? '_' : c);
            changed |= forbidden;
        }

        if (changed || text.Length > _maxReadableLength) builder.Append('~').Append(HashHex(text));
        return builder.ToString();
    }

    /// <summary>yyyyMM of the line's charge period; lines without one share <see cref="NoMonth"/>.</summary>
    public static string MonthOf(DateTimeOffset? chargePeriodStart) =>
        chargePeriodStart is { } start ? start.UtcDateTime.ToString("yyyyMM", CultureInfo.InvariantCulture) : NoMonth;

    /// <summary>The month key of lines without a charge period: sorts before every real month.</summary>
    public const string NoMonth = "000000";
}

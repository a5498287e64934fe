using System.Runtime.CompilerServices;

namespace Empreinte.Ingestion.Formats;

/// <summary>
/// What a mapper derives from a pooled string (a unit's multiplier, a region's code, a provider's name),
/// kept by the string's instance: <see cref="TextPool"/> hands out one instance per value, so a value that
/// repeats on every row is derived once, found by reference without reading its text. Direct-mapped and
/// small: two strings on one slot, or a string from outside the pool, are only derived again.
/// </summary>
internal sealed class ByInstance<T>(Func<string, T> derive)
{
    private const int Slots = 64;
    private readonly Entry[] _entries = new Entry[Slots];

    public T For(string text)
    {
        ref var entry = ref _entries[RuntimeHelpers.GetHashCode(text) & (Slots - 1)];
        if (!ReferenceEquals(entry.Text, text)) entry = new Entry(text, derive(text));
        return entry.Value;
    }

    private readonly record struct Entry(string? Text, T Value);
}

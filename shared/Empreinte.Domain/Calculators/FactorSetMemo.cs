using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Empreinte.Domain.Factors;

namespace Empreinte.Domain.Calculators;

/// <summary>
/// Values worked out from a factor set and a few fields of a line (a site, a host), remembered per
/// factor set but outside it, so that the set itself stays immutable. Exports repeat a few hundred
/// such combinations over millions of lines. Bounded: an export with garbage in a column must not
/// grow it without end; past the bound, values are worked out each time.
/// </summary>
internal sealed class FactorSetMemo<TKey, TValue>(int capacity)
    where TKey : notnull
{
    private readonly ConditionalWeakTable<FactorSet, ConcurrentDictionary<TKey, TValue>> _bySet = new();

    // Nearly every run uses one factor set: the last one used skips the weak table.
    private Remembered? _last;

    public bool TryGet(FactorSet factors, TKey key, out TValue value) => For(factors).TryGetValue(key, out value!);

    public void Remember(FactorSet factors, TKey key, TValue value)
    {
        var values = For(factors);
        if (values.Count < capacity) values.TryAdd(key, value);
    }

    private ConcurrentDictionary<TKey, TValue> For(FactorSet factors)
    {
        var last = _last;
        if (last is not null && ReferenceEquals(last.Factors, factors)) return last.Values;
        var values = _bySet.GetValue(factors, static _ => new ConcurrentDictionary<TKey, TValue>());
        _last = new Remembered(factors, values);
        return values;
    }

    private sealed record Remembered(FactorSet Factors, ConcurrentDictionary<TKey, TValue> Values);
}

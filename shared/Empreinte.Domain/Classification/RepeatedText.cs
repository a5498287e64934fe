using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace Empreinte.Domain.Classification;

/// <summary>
/// What the classifier derives from a few strings of a record alone (its search text, a reason, an
/// instance type found in a description), derived once per combination of those string instances
/// instead of once per row. Readers share
/// one instance per distinct value of the repetitive columns, so a combination that repeats on a
/// million rows repeats by reference: the lookup hashes references, not text. Equal text held in
/// different instances only costs a second entry. Bounded, like the machine cache, so an odd
/// export cannot grow it without limit; past the bound, results are derived as before.
/// </summary>
internal sealed class RepeatedText<TKey, TResult>(Func<TKey, TResult> derive, IEqualityComparer<TKey> sameInstances) where TKey : notnull
{
    private const int Limit = 4096;
    private readonly ConcurrentDictionary<TKey, TResult> _derived = new(sameInstances);

    public TResult For(TKey key)
    {
        if (_derived.TryGetValue(key, out var result)) return result;
        result = derive(key);
        if (_derived.Count < Limit) _derived.TryAdd(key, result);
        return result;
    }
}

/// <summary>Equality of tuples of strings by instance, for <see cref="RepeatedText{TKey, TResult}"/>.</summary>
internal sealed class SameStrings :
    IEqualityComparer<(string?, string?)>,
    IEqualityComparer<(string?, string?, string?)>,
    IEqualityComparer<(string?, string?, string?, string?, string?)>
{
    public static SameStrings Instance { get; } = new();

    public bool Equals((string?, string?) x, (string?, string?) y) =>
        ReferenceEquals(x.Item1, y.Item1) && ReferenceEquals(x.Item2, y.Item2);

    public int GetHashCode((string?, string?) key) => HashCode.Combine(Of(key.Item1), Of(key.Item2));

    public bool Equals((string?, string?, string?) x, (string?, string?, string?) y) =>
        ReferenceEquals(x.Item1, y.Item1) && ReferenceEquals(x.Item2, y.Item2) && ReferenceEquals(x.Item3, y.Item3);

    public int GetHashCode((string?, string?, string?) key) => HashCode.Combine(Of(key.Item1), Of(key.Item2), Of(key.Item3));

    public bool Equals((string?, string?, string?, string?, string?) x, (string?, string?, string?, string?, string?) y) =>
        ReferenceEquals(x.Item1, y.Item1) && ReferenceEquals(x.Item2, y.Item2) && ReferenceEquals(x.Item3, y.Item3)
        && ReferenceEquals(x.Item4, y.Item4) && ReferenceEquals(x.Item5, y.Item5);

    public int GetHashCode((string?, string?, string?, string?, string?) key) =>
        HashCode.Combine(Of(key.Item1), Of(key.Item2), Of(key.Item3), Of(key.Item4), Of(key.Item5));

    private static int Of(string? text) => text is null ? 0 : RuntimeHelpers.GetHashCode(text);
}

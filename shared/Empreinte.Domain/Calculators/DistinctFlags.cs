namespace Empreinte.Domain.Calculators;

/// <summary>Merges assumption flags into one list, each flag once, in the order first raised.</summary>
internal static class DistinctFlags
{
    // By index, and one flag on its own: these run for every line of an export, and enumerating an
    // IReadOnlyList or wrapping a flag in an array allocates each time.
    public static void Add(List<string> target, IReadOnlyList<string> source)
    {
        for (var i = 0; i < source.Count; i++) Add(target, source[i]);
    }

    public static void Add(List<string> target, string flag)
    {
        if (!target.Contains(flag)) target.Add(flag);
    }
}

namespace Empreinte.Contracts;

/// <summary>The calculator names used in <see cref="BatchEstimated"/> and by the import tracker.</summary>
public static class Calculators
{
    public const string Energy = "energy";
    public const string Water = "water";
    public const string Materials = "materials";

    public static IReadOnlyList<string> All { get; } = [Energy, Water, Materials];
}

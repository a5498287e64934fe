using System.Diagnostics.CodeAnalysis;
using Empreinte.Domain.Calculators.Ccf;

namespace Empreinte.Domain.Calculators;

/// <summary>The methodologies Empreinte ships, by name: where a run's methodology is chosen, once.</summary>
public static class Methodologies
{
    /// <summary>Empreinte's own, <c>default</c>.</summary>
    public static IMethodology Default { get; } = new EmpreinteMethodology();

    /// <summary>Cloud Carbon Footprint's code, <c>ccf</c>.</summary>
    public static IMethodology Ccf { get; } = new CcfMethodology();

    /// <summary>Every methodology; a new one is one more entry here (and a <see cref="CalculationProfile"/> value for typed options).</summary>
    public static IReadOnlyList<IMethodology> All { get; } = [Default, Ccf];

    /// <summary>The methodology of a name (case-insensitive); an empty name is <see cref="Default"/>.</summary>
    public static bool TryGet(string? name, [NotNullWhen(true)] out IMethodology? methodology)
    {
        if (string.IsNullOrEmpty(name))
        {
            methodology = Default;
            return true;
        }

        foreach (var candidate in All)
        {
            if (!candidate.Name.Equals(name, StringComparison.OrdinalIgnoreCase)) continue;
            methodology = candidate;
            return true;
        }

        methodology = null;
        return false;
    }

    public static IMethodology For(CalculationProfile profile) => profile switch
    {
        CalculationProfile.Ccf => Ccf,
        _ => Default,
    };
}

using Empreinte.Contracts;
using Empreinte.Domain.Factors;
using Empreinte.Domain.Usage;

namespace Empreinte.Domain.Calculators;

/// <summary>
/// Water consumption (Li et al., "Making AI Less Thirsty", 2023): on-site = IT kWh × WUE;
/// off-site = facility kWh (IT × PUE) × EWIF of the country's electricity (WRI/WSP 2020).
/// AI tokens add the water outside the use phase (training amortisation, manufacturing, infrastructure):
/// use-phase water × (lifecycle boundary − 1), the boundary spanning EcoLogits' scope to Mistral's LCA.
/// Scarcity weighting (AWARE) is not shipped: no sourced per-country factor in this factor set.
/// </summary>
public static class WaterCalculator
{
    /// <summary>Empreinte's estimate (<see cref="EmpreinteMethodology"/>).</summary>
    public static WaterEstimate Estimate(UsageLine line, FactorSet factors)
    {
        var it = ItEnergy.Of(line, factors);
        var site = Site.Of(line, factors);
        var flags = Flags(it, site);
        var boundary = line.UsageKind == UsageKinds.AiTokens
            ? AiInference.LifecycleBoundary(factors, FactorKeys.LlmLifecycleBoundaryWater, flags)
            : (Uncertain?)null;
        return Of(it, site, flags, boundary);
    }

    /// <summary>The estimate under the methodology a profile names: <see cref="Methodologies.For"/>(profile).Water.</summary>
    public static WaterEstimate Estimate(UsageLine line, FactorSet factors, CalculationProfile profile) =>
        Methodologies.For(profile).Water(line, factors);

    /// <summary>Water of IT energy used at a site; <paramref name="lifecycleBoundary"/>, when given, multiplies the total.</summary>
    internal static WaterEstimate Of(ItEnergy it, Site site, List<string> flags, Uncertain? lifecycleBoundary)
    {
        var onSite = it.TotalKwh * site.WueLitresPerKwh;
        var offSite = it.TotalKwh * site.Pue * site.ElectricityWaterLitresPerKwh;
        var total = onSite + offSite;
        if (lifecycleBoundary is { } boundary) total *= boundary;
        return new WaterEstimate(total, onSite, offSite, flags);
    }

    /// <summary>The flags of the IT energy and the site, each once.</summary>
    internal static List<string> Flags(ItEnergy it, Site site)
    {
        var flags = new List<string>(it.Flags.Count + site.Flags.Count + 1);
        DistinctFlags.Add(flags, it.Flags);
        DistinctFlags.Add(flags, site.Flags);
        return flags;
    }
}

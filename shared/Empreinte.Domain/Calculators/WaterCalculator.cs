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
    public static WaterEstimate Estimate(UsageLine line, FactorSet factors) => Estimate(line, factors, CalculationProfile.Default);

    public static WaterEstimate Estimate(UsageLine line, FactorSet factors, CalculationProfile profile)
    {
        var it = ItEnergy.Of(line, factors, profile);
        var site = Site.Of(line, factors, profile);
        var onSite = it.TotalKwh * site.WueLitresPerKwh;
        var offSite = it.TotalKwh * site.Pue * site.ElectricityWaterLitresPerKwh;
        var flags = new List<string>(it.Flags.Count + site.Flags.Count + 1);
        EnergyCalculator.AddDistinct(flags, it.Flags);
        EnergyCalculator.AddDistinct(flags, site.Flags);
        var total = onSite + offSite;
        if (line.UsageKind == UsageKinds.AiTokens)
        {
            var boundary = AiInference.LifecycleBoundary(factors, "llm-lifecycle-boundary-water", profile == CalculationProfile.Ccf, flags);
            total *= boundary;
        }

        return new WaterEstimate(total, onSite, offSite, flags);
    }
}

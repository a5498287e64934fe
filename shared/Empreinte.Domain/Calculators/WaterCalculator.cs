using Empreinte.Contracts;
using Empreinte.Domain.Factors;

namespace Empreinte.Domain.Calculators;

/// <summary>
/// Water consumption (Li et al., "Making AI Less Thirsty", 2023): on-site = IT kWh × WUE;
/// off-site = facility kWh (IT × PUE) × EWIF of the country's electricity (WRI/WSP 2020).
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
        var flags = new List<string>(it.Flags.Count + site.Flags.Count);
        EnergyCalculator.AddDistinct(flags, it.Flags);
        EnergyCalculator.AddDistinct(flags, site.Flags);
        return new WaterEstimate(onSite + offSite, onSite, offSite, flags);
    }
}

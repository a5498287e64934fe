using Empreinte.Contracts;
using Empreinte.Domain.Factors;

namespace Empreinte.Domain.Calculators;

/// <summary>
/// Water consumption (Li et al., "Making AI Less Thirsty", 2023): on-site = IT kWh × WUE;
/// off-site = facility kWh (IT × PUE) × EWIF of the country's electricity (WRI/WSP 2020).
/// </summary>
public static class WaterCalculator
{
    public static WaterEstimate Estimate(UsageLine line, FactorSet factors)
    {
        var it = ItEnergy.Of(line, factors);
        var site = Site.Of(line, factors);
        var onSite = it.TotalKwh * site.Datacenter.WueLitresPerKwh;
        var offSite = it.TotalKwh * site.Datacenter.Pue * site.ElectricityWater.Value;
        var flags = it.Flags.Concat(site.Flags).Distinct().ToList();
        return new WaterEstimate(onSite + offSite, onSite, offSite, flags);
    }
}

using Empreinte.Contracts;
using Empreinte.Domain.Factors;

namespace Empreinte.Domain.Calculators;

/// <summary>
/// Energy and operational carbon: facility kWh = IT kWh × PUE; location-based kgCO2e = facility kWh
/// × grid intensity of the region. Market-based carbon needs the providers' contractual data, which
/// this factor set does not hold yet: it equals the location-based value and says so with a flag.
/// </summary>
public static class EnergyCalculator
{
    public const string MarketBasedNotAvailable = "market-based-equals-location";

    public static EnergyEstimate Estimate(UsageLine line, FactorSet factors)
    {
        var it = ItEnergy.Of(line, factors);
        var site = Site.Of(line, factors);
        var facilityKwh = it.TotalKwh * site.Datacenter.Pue;
        var carbon = facilityKwh * (site.Grid.Value * 0.001); // g/kWh → kg/kWh
        var flags = it.Flags.Concat(site.Flags).Append(MarketBasedNotAvailable).Distinct().ToList();
        return new EnergyEstimate(facilityKwh, carbon, carbon, it.Breakdown, it.Utilisation, site.Datacenter.Pue.Central, flags);
    }
}

using Empreinte.Contracts;
using Empreinte.Domain.Factors;
using Empreinte.Domain.Usage;

namespace Empreinte.Domain.Calculators;

/// <summary>
/// Energy and operational carbon: facility kWh = IT kWh × PUE; location-based kgCO2e = facility kWh
/// × grid intensity of the region. Market-based = location-based × (1 − share of electricity the
/// provider matches with carbon-free contracts) where the provider publishes it (Google CFE % per
/// region, AWS 100 % renewable matching), flagged as lower confidence; otherwise it equals the
/// location-based value, flagged.
/// </summary>
public static class EnergyCalculator
{
    /// <summary>Empreinte's estimate (<see cref="EmpreinteMethodology"/>).</summary>
    public static EnergyEstimate Estimate(UsageLine line, FactorSet factors)
    {
        // A machine sized from the bill or its name has typical, not stated, memory and host: its range is wider.
        var spread = IsInferredMachine(line) ? factors.Value(FactorKeys.InferredMachineEnergyFactor) : (Uncertain?)null;
        return Of(ItEnergy.Of(line, factors), Site.Of(line, factors), spread);
    }

    /// <summary>The estimate under the methodology a profile names: <see cref="Methodologies.For"/>(profile).Energy.</summary>
    public static EnergyEstimate Estimate(UsageLine line, FactorSet factors, CalculationProfile profile) =>
        Methodologies.For(profile).Energy(line, factors);

    /// <summary>Facility energy and carbon of IT energy used at a site; <paramref name="spread"/> multiplies the facility kWh when given.</summary>
    internal static EnergyEstimate Of(ItEnergy it, Site site, Uncertain? spread)
    {
        var facilityKwh = it.TotalKwh * site.Pue;
        if (spread is { } factor) facilityKwh *= factor;
        var carbon = facilityKwh * (site.GridGramsPerKwh * 0.001); // g/kWh → kg/kWh
        var flags = new List<string>(it.Flags.Count + site.Flags.Count + 1);
        DistinctFlags.Add(flags, it.Flags);
        DistinctFlags.Add(flags, site.Flags);

        Uncertain market;
        if (site.MarketMatchedShare is { } matched)
        {
            // The most matching gives the lowest market value.
            market = Uncertain.Of(carbon.Low * (1 - matched.High), carbon.Central * (1 - matched.Central), carbon.High * (1 - matched.Low));
            DistinctFlags.Add(flags, CalculatorFlags.MarketBasedLowConfidence);
        }
        else
        {
            market = carbon;
            DistinctFlags.Add(flags, CalculatorFlags.MarketBasedEqualsLocation);
        }

        return new EnergyEstimate(facilityKwh, carbon, market, it.Breakdown, it.Utilisation, site.Pue.Central, flags)
        {
            GridGramsPerKwh = site.GridGramsPerKwh.Central,
        };
    }

    private static bool IsInferredMachine(UsageLine line)
    {
        for (var i = 0; i < line.Flags.Count; i++)
        {
            if (line.Flags[i] is AssumptionFlags.InferredFromName or AssumptionFlags.FromBillAttributes) return true;
        }

        return false;
    }
}

using Empreinte.Contracts;
using Empreinte.Domain.Calculators.Ccf;
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
    public const string MarketBasedNotAvailable = CalculatorFlags.MarketBasedEqualsLocation;

    public static EnergyEstimate Estimate(UsageLine line, FactorSet factors) => Estimate(line, factors, CalculationProfile.Default);

    public static EnergyEstimate Estimate(UsageLine line, FactorSet factors, CalculationProfile profile)
    {
        if (profile == CalculationProfile.Ccf && CcfMethodology.Estimate(line) is { } ccf) return FromCcf(ccf);
        var it = ItEnergy.Of(line, factors, profile);
        var site = Site.Of(line, factors, profile);
        var facilityKwh = it.TotalKwh * site.Pue;
        // A machine sized from the bill or its name has typical, not stated, memory and host: its range is wider.
        if (profile == CalculationProfile.Default && IsInferredMachine(line)) facilityKwh *= factors.Constant("inferred-machine-energy-factor").Value;
        var carbon = facilityKwh * (site.GridGramsPerKwh * 0.001); // g/kWh → kg/kWh
        var flags = new List<string>(it.Flags.Count + site.Flags.Count + 1);
        AddDistinct(flags, it.Flags);
        AddDistinct(flags, site.Flags);

        Uncertain market;
        if (site.MarketMatchedShare is { } matched)
        {
            // The most matching gives the lowest market value.
            market = Uncertain.Of(carbon.Low * (1 - matched.High), carbon.Central * (1 - matched.Central), carbon.High * (1 - matched.Low));
            AddDistinct(flags, CalculatorFlags.MarketBasedLowConfidence);
        }
        else
        {
            market = carbon;
            AddDistinct(flags, CalculatorFlags.MarketBasedEqualsLocation);
        }

        return new EnergyEstimate(facilityKwh, carbon, market, it.Breakdown, it.Utilisation, site.Pue.Central, flags)
        {
            GridGramsPerKwh = site.GridGramsPerKwh.Central,
        };
    }

    /// <summary>CCF's operational kWh and carbon as point values; location-based only (CCF has no market-based figure).</summary>
    private static EnergyEstimate FromCcf(CcfEstimate ccf)
    {
        var flags = new List<string>(ccf.Flags.Count + 1);
        AddDistinct(flags, ccf.Flags);
        if (ccf.Utilisation is not null) AddDistinct(flags, Usage.AssumptionFlags.DefaultUtilisation);
        AddDistinct(flags, CalculatorFlags.MarketBasedEqualsLocation);
        var carbon = Uncertain.Exactly(ccf.OperationalKgCo2e);
        var it = new EnergyBreakdown(ccf.CpuKwh / ccf.Pue, ccf.MemoryKwh / ccf.Pue, ccf.GpuKwh / ccf.Pue, ccf.StorageKwh / ccf.Pue, ccf.NetworkKwh / ccf.Pue, 0);
        return new EnergyEstimate(Uncertain.Exactly(ccf.OperationalKwh), carbon, carbon, it, ccf.Utilisation, ccf.Pue, flags)
        {
            GridGramsPerKwh = ccf.GridGramsPerKwh,
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

    // By index, and one flag on its own: these run for every line of an export, and enumerating an
    // IReadOnlyList or wrapping a flag in an array allocates each time.
    internal static void AddDistinct(List<string> target, IReadOnlyList<string> source)
    {
        for (var i = 0; i < source.Count; i++) AddDistinct(target, source[i]);
    }

    internal static void AddDistinct(List<string> target, string flag)
    {
        if (!target.Contains(flag)) target.Add(flag);
    }
}

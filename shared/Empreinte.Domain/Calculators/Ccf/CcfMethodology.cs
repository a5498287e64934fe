using Empreinte.Contracts;
using Empreinte.Domain.Factors;
using Empreinte.Domain.Usage;

namespace Empreinte.Domain.Calculators.Ccf;

/// <summary>
/// What Cloud Carbon Footprint's code computes (<c>ccf</c>), as point values (low = central = high),
/// location-based only, for comparisons with a CCF dashboard. AWS and Azure lines: CCF's per-row
/// logic on its own tables (<see cref="CcfBillingRow"/>, checked against CCF's npm packages), also
/// for lines Empreinte's classifier leaves unmapped. Other lines (Google Cloud, other providers, AI
/// tokens) and water, which CCF lacks: CCF's coefficients on Empreinte's catalogue and models
/// (<see cref="CcfCatalogueModel"/>).
/// </summary>
public sealed class CcfMethodology : IMethodology
{
    public const string MethodologyName = "ccf";

    public const string RowFailedInCcf = "ccf-row-fails-in-ccf";
    public const string NotEstimatedByCcf = "ccf-not-estimated";
    public const string InstanceTypeNotInCcf = "ccf-instance-type-not-in-ccf";

    public string Name => MethodologyName;

    /// <summary>Mapped lines, and every line CCF's code estimates whatever Empreinte's classifier made of it.</summary>
    public bool Covers(UsageLine line) => line.Status == LineStatuses.Mapped || CcfBillingRow.Covers(line);

    public EnergyEstimate Energy(UsageLine line, FactorSet factors) => Energy(line, factors, CcfBillingRow.Estimate(line));

    /// <summary>CCF has no water model: Empreinte's, on CCF's point values and site, within EcoLogits' boundary for AI tokens.</summary>
    public WaterEstimate Water(UsageLine line, FactorSet factors)
    {
        var it = CcfCatalogueModel.ItEnergy(line, factors);
        var site = CcfCatalogueModel.Site(line, factors);
        return WaterCalculator.Of(it, site, WaterCalculator.Flags(it, site), lifecycleBoundary: null);
    }

    public MaterialsEstimate Materials(UsageLine line, FactorSet factors) => Materials(line, factors, CcfBillingRow.Estimate(line));

    /// <summary>The three criteria with CCF's row read once (it is the costly part: CCF's usage-type lists are patterns).</summary>
    public LineEstimate Estimate(UsageLine line, FactorSet factors)
    {
        var row = CcfBillingRow.Estimate(line);
        return new(Energy(line, factors, row), Water(line, factors), Materials(line, factors, row));
    }

    private static EnergyEstimate Energy(UsageLine line, FactorSet factors, CcfEstimate? row) => row is not null
        ? FromRow(row)
        : EnergyCalculator.Of(CcfCatalogueModel.ItEnergy(line, factors), CcfCatalogueModel.Site(line, factors), spread: null);

    // CCF has no ADPe or mass, and no embodied carbon for storage, network or serverless.
    private static MaterialsEstimate Materials(UsageLine line, FactorSet factors, CcfEstimate? row) => row is not null
        ? new(Uncertain.Exactly(row.EmbodiedKgCo2e), Uncertain.Zero, Uncertain.Zero, new List<string> { CalculatorFlags.CcfEmbodiedCarbonOnly })
        : CcfCatalogueModel.Materials(line, factors);

    /// <summary>CCF's operational kWh and carbon as point values; location-based only (CCF has no market-based figure).</summary>
    private static EnergyEstimate FromRow(CcfEstimate ccf)
    {
        var flags = new List<string>(ccf.Flags.Count + 1);
        DistinctFlags.Add(flags, ccf.Flags);
        if (ccf.Utilisation is not null) DistinctFlags.Add(flags, AssumptionFlags.DefaultUtilisation);
        DistinctFlags.Add(flags, CalculatorFlags.MarketBasedEqualsLocation);
        var carbon = Uncertain.Exactly(ccf.OperationalKgCo2e);
        var it = new EnergyBreakdown(ccf.CpuKwh / ccf.Pue, ccf.MemoryKwh / ccf.Pue, ccf.GpuKwh / ccf.Pue, ccf.StorageKwh / ccf.Pue, ccf.NetworkKwh / ccf.Pue, 0);
        return new EnergyEstimate(Uncertain.Exactly(ccf.OperationalKwh), carbon, carbon, it, ccf.Utilisation, ccf.Pue, flags)
        {
            GridGramsPerKwh = ccf.GridGramsPerKwh,
        };
    }
}

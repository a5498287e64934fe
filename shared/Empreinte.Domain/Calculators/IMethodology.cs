using Empreinte.Contracts;
using Empreinte.Domain.Factors;

namespace Empreinte.Domain.Calculators;

/// <summary>
/// A way of turning one classified usage line into its footprint under a factor set: Empreinte's own
/// (<see cref="EmpreinteMethodology"/>) or Cloud Carbon Footprint's (<see cref="Ccf.CcfMethodology"/>).
/// Chosen once, by name (<see cref="Methodologies"/>); stateless and thread-safe, and linear in
/// each line's quantity. Every estimate carries the flags of the defaults it took.
/// </summary>
public interface IMethodology
{
    /// <summary>The name on the command line and in messages (<c>UsageBatchParsed.Profile</c>).</summary>
    string Name { get; }

    /// <summary>Whether the line gets an estimate; the others get zero (unmapped, excluded, or outside the methodology).</summary>
    bool Covers(UsageLine line);

    /// <summary>Facility energy (kWh) and operational carbon (kgCO2e, location- and market-based).</summary>
    EnergyEstimate Energy(UsageLine line, FactorSet factors);

    /// <summary>Water consumed on site and off site (L).</summary>
    WaterEstimate Water(UsageLine line, FactorSet factors);

    /// <summary>Embodied carbon (kgCO2e), abiotic depletion (kg Sb eq) and e-waste (kg) allocated to the line.</summary>
    MaterialsEstimate Materials(UsageLine line, FactorSet factors);

    /// <summary>The three at once, equal to calling each; a methodology may share work between them (CCF reads its row once).</summary>
    LineEstimate Estimate(UsageLine line, FactorSet factors) => new(Energy(line, factors), Water(line, factors), Materials(line, factors));
}

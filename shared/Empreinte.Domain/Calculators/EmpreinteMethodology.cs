using Empreinte.Contracts;
using Empreinte.Domain.Factors;
using Empreinte.Domain.Usage;

namespace Empreinte.Domain.Calculators;

/// <summary>
/// Empreinte's own methodology (<c>default</c>): ranges on every factor, current grid data,
/// market-based carbon where providers publish their matching, embodied impacts by host component
/// (docs/methodology.md §1–6, §10–11). Mapped lines only.
/// </summary>
public sealed class EmpreinteMethodology : IMethodology
{
    public const string MethodologyName = "default";

    public string Name => MethodologyName;

    public bool Covers(UsageLine line) => line.Status == LineStatuses.Mapped;

    public EnergyEstimate Energy(UsageLine line, FactorSet factors) => EnergyCalculator.Estimate(line, factors);

    public WaterEstimate Water(UsageLine line, FactorSet factors) => WaterCalculator.Estimate(line, factors);

    public MaterialsEstimate Materials(UsageLine line, FactorSet factors) => MaterialsCalculator.Estimate(line, factors);
}

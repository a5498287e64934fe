using Empreinte.Contracts;
using Empreinte.Domain.Calculators;

namespace Empreinte.Application.Results;

/// <summary>A line with the estimates of all three calculators.</summary>
public sealed record LineResult(UsageLine Line, EnergyEstimate Energy, WaterEstimate Water, MaterialsEstimate Materials);

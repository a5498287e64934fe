using Empreinte.Contracts;
using Empreinte.Domain.Calculators;
using Empreinte.Domain.Factors;

namespace Empreinte.Domain.Recommendations;

/// <summary>
/// Every criterion of one or more lines, each a low/central/high range, in the unit its name gives.
/// Worked out only through the energy, water and materials calculators, so a saving is always a
/// difference of two estimates made the same way.
/// </summary>
public readonly record struct Footprint(
    Uncertain EnergyKwh,
    Uncertain CarbonLocationKgCo2e,
    Uncertain CarbonMarketKgCo2e,
    Uncertain EmbodiedKgCo2e,
    Uncertain WaterLitres,
    Uncertain AbioticDepletionKgSbEq,
    Uncertain EwasteKg)
{
    public static Footprint Zero => default;

    /// <summary>The criteria in the order every output lists them, with their unit.</summary>
    public static IReadOnlyList<(string Name, string Unit, Func<Footprint, Uncertain> Value)> Criteria { get; } =
    [
        ("energyKwh", "kWh", f => f.EnergyKwh),
        ("carbonLocationKgCo2e", "kgCO2e", f => f.CarbonLocationKgCo2e),
        ("carbonMarketKgCo2e", "kgCO2e", f => f.CarbonMarketKgCo2e),
        ("embodiedKgCo2e", "kgCO2e", f => f.EmbodiedKgCo2e),
        ("waterLitres", "L", f => f.WaterLitres),
        ("abioticDepletionKgSbEq", "kg Sb eq", f => f.AbioticDepletionKgSbEq),
        ("ewasteKg", "kg", f => f.EwasteKg),
    ];

    /// <summary>Operational (location-based) plus embodied carbon, kgCO2e: the total a change must never raise.</summary>
    public Uncertain TotalCarbonKgCo2e => CarbonLocationKgCo2e + EmbodiedKgCo2e;

    public static Footprint Of(UsageLine line, FactorSet factors, CalculationProfile profile)
    {
        var (energy, water, materials) = Methodologies.For(profile).Estimate(line, factors);
        return new(energy.EnergyKwh, energy.CarbonLocationKgCo2e, energy.CarbonMarketKgCo2e,
            materials.EmbodiedKgCo2e, water.WaterLitres, materials.AbioticDepletionKgSbEq, materials.EwasteKg);
    }

    public static Footprint operator +(Footprint a, Footprint b) => new(
        a.EnergyKwh + b.EnergyKwh, a.CarbonLocationKgCo2e + b.CarbonLocationKgCo2e, a.CarbonMarketKgCo2e + b.CarbonMarketKgCo2e,
        a.EmbodiedKgCo2e + b.EmbodiedKgCo2e, a.WaterLitres + b.WaterLitres, a.AbioticDepletionKgSbEq + b.AbioticDepletionKgSbEq, a.EwasteKg + b.EwasteKg);

    /// <summary>
    /// What going from <paramref name="before"/> to <paramref name="after"/> saves (positive = less).
    /// Bound by bound: the low saving compares the two low estimates, and so on, because both
    /// estimates share the same assumptions (same utilisation, same model-size bounds); the three
    /// differences are then ordered.
    /// </summary>
    public static Footprint Savings(Footprint before, Footprint after)
    {
        static Uncertain Diff(Uncertain b, Uncertain a) => Uncertain.Of(b.Low - a.Low, b.Central - a.Central, b.High - a.High);
        return new(
            Diff(before.EnergyKwh, after.EnergyKwh), Diff(before.CarbonLocationKgCo2e, after.CarbonLocationKgCo2e),
            Diff(before.CarbonMarketKgCo2e, after.CarbonMarketKgCo2e), Diff(before.EmbodiedKgCo2e, after.EmbodiedKgCo2e),
            Diff(before.WaterLitres, after.WaterLitres), Diff(before.AbioticDepletionKgSbEq, after.AbioticDepletionKgSbEq),
            Diff(before.EwasteKg, after.EwasteKg));
    }
}

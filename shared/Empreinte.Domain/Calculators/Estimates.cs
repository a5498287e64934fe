namespace Empreinte.Domain.Calculators;

/// <summary>IT energy by component, before PUE, in kWh (central values; the total carries the range).</summary>
/// <param name="OtherKwh">Host server share of GPU and AI usage, and AI serving overhead, kWh.</param>
public sealed record EnergyBreakdown(double CpuKwh, double MemoryKwh, double GpuKwh, double StorageKwh, double NetworkKwh, double OtherKwh)
{
    public static EnergyBreakdown None { get; } = new(0, 0, 0, 0, 0, 0);
}

/// <summary>Energy and operational carbon of one line.</summary>
/// <param name="EnergyKwh">Facility energy (IT energy × PUE), kWh.</param>
/// <param name="CarbonLocationKgCo2e">Location-based operational emissions, kgCO2e.</param>
/// <param name="CarbonMarketKgCo2e">Market-based operational emissions, kgCO2e.</param>
/// <param name="Breakdown">IT energy by component (central), kWh.</param>
/// <param name="Utilisation">CPU/GPU utilisation used (central), fraction 0–1; null when not applicable.</param>
/// <param name="Pue">Power usage effectiveness used (central).</param>
public sealed record EnergyEstimate(
    Uncertain EnergyKwh,
    Uncertain CarbonLocationKgCo2e,
    Uncertain CarbonMarketKgCo2e,
    EnergyBreakdown Breakdown,
    double? Utilisation,
    double Pue,
    IReadOnlyList<string> Flags)
{
    /// <summary>What a line the methodology does not cover gets: zero, no flags.</summary>
    public static EnergyEstimate None { get; } = new(Uncertain.Zero, Uncertain.Zero, Uncertain.Zero, EnergyBreakdown.None, null, 0, []);

    /// <summary>Grid carbon intensity used (central), gCO2e per kWh.</summary>
    public double GridGramsPerKwh { get; init; }
}

/// <summary>Water consumed for one line, in litres.</summary>
/// <param name="WaterLitres">On-site plus off-site consumption, L.</param>
/// <param name="OnSiteLitres">Cooling water consumed in the data centre (IT energy × WUE), L.</param>
/// <param name="OffSiteLitres">Water consumed to generate the electricity (facility energy × EWIF), L.</param>
public sealed record WaterEstimate(Uncertain WaterLitres, Uncertain OnSiteLitres, Uncertain OffSiteLitres, IReadOnlyList<string> Flags)
{
    /// <summary>What a line the methodology does not cover gets: zero, no flags.</summary>
    public static WaterEstimate None { get; } = new(Uncertain.Zero, Uncertain.Zero, Uncertain.Zero, []);
}

/// <summary>Hardware impacts allocated to one line.</summary>
/// <param name="EmbodiedKgCo2e">Embodied (manufacturing) emissions, kgCO2e.</param>
/// <param name="AbioticDepletionKgSbEq">Abiotic depletion of minerals and metals, kg Sb eq.</param>
/// <param name="EwasteKg">Mass of hardware that becomes e-waste, allocated to this use, kg.</param>
public sealed record MaterialsEstimate(Uncertain EmbodiedKgCo2e, Uncertain AbioticDepletionKgSbEq, Uncertain EwasteKg, IReadOnlyList<string> Flags)
{
    /// <summary>What a line the methodology does not cover gets: zero, no flags.</summary>
    public static MaterialsEstimate None { get; } = new(Uncertain.Zero, Uncertain.Zero, Uncertain.Zero, []);
}

/// <summary>The three criteria of one line under one methodology and factor set.</summary>
public readonly record struct LineEstimate(EnergyEstimate Energy, WaterEstimate Water, MaterialsEstimate Materials);

using Empreinte.Domain;

namespace Empreinte.Application.Results;

/// <summary>Sums of every criterion, each with low/central/high, and the cost and lines behind them.</summary>
public sealed class FootprintTotals
{
    public Uncertain EnergyKwh { get; private set; }
    public Uncertain CarbonLocationKgCo2e { get; private set; }
    public Uncertain CarbonMarketKgCo2e { get; private set; }
    public Uncertain EmbodiedKgCo2e { get; private set; }
    public Uncertain WaterLitres { get; private set; }
    public Uncertain AbioticDepletionKgSbEq { get; private set; }
    public Uncertain EwasteKg { get; private set; }
    public decimal Cost { get; private set; }
    public long Lines { get; private set; }

    public void Add(LineResult result)
    {
        EnergyKwh += result.Energy.EnergyKwh;
        CarbonLocationKgCo2e += result.Energy.CarbonLocationKgCo2e;
        CarbonMarketKgCo2e += result.Energy.CarbonMarketKgCo2e;
        EmbodiedKgCo2e += result.Materials.EmbodiedKgCo2e;
        WaterLitres += result.Water.WaterLitres;
        AbioticDepletionKgSbEq += result.Materials.AbioticDepletionKgSbEq;
        EwasteKg += result.Materials.EwasteKg;
        Cost += result.Line.Cost;
        Lines++;
    }
}

using Empreinte.Domain.Calculators;
using Empreinte.Domain.Usage;

namespace Empreinte.Domain.Tests;

/// <summary>Each formula on one hand-worked case, the arithmetic written out. Tolerances are relative.</summary>
public class HandWorkedTests
{
    private static void Near(double expected, double actual, double relative = 0.005) =>
        Assert.True(Math.Abs(actual - expected) <= Math.Abs(expected) * relative, $"expected {expected:G6} ± {relative:P1}, got {actual:G6}");

    // Azure D4s v3, 1 h, westeurope. CPU set {Cascade Lake, Skylake, Broadwell, Haswell}:
    // mean min = (0.64 + 0.65 + 0.71 + 1.00) / 4 = 0.75 W; mean max = (3.97 + 4.26 + 3.69 + 4.74) / 4 = 4.165 W.
    // At 50 %: 0.75 + 0.5 × 3.415 = 2.4575 W/vCPU × 4 vCPU = 9.83 W → 0.00983 kWh.
    // Memory: 16 GB × 0.000392 kWh/GB·h × 1 h = 0.006272 kWh. IT = 0.016102 kWh.
    private const double _d4sCpuKwh = 0.00983;
    private const double _d4sMemoryKwh = 0.006272;
    private const double _d4sItKwh = _d4sCpuKwh + _d4sMemoryKwh;

    [Fact]
    public void Energy_D4sV3_WestEurope_OneHour()
    {
        var e = EnergyCalculator.Estimate(Lines.Machine(Providers.Azure, "D4s v3", "westeurope", 1), Lines.Factors);
        Near(_d4sCpuKwh, e.Breakdown.CpuKwh);
        Near(_d4sMemoryKwh, e.Breakdown.MemoryKwh);
        // Facility = IT × PUE 1.185 (Microsoft central) = 0.019081 kWh.
        Near(_d4sItKwh * 1.185, e.EnergyKwh.Central);
        Assert.Equal(1.185, e.Pue, 3);
        Assert.Equal(0.5, e.Utilisation!.Value, 3);
        // Location-based: 0.019081 kWh × 252.7 g/kWh (Ember 2024 NLD) = 4.822 g.
        Near(_d4sItKwh * 1.185 * 252.7 / 1000, e.CarbonLocationKgCo2e.Central);
        Assert.Contains(CalculatorFlags.MarketBasedEqualsLocation, e.Flags);
        Assert.Equal(e.CarbonLocationKgCo2e, e.CarbonMarketKgCo2e);
    }

    [Fact]
    public void Water_D4sV3_WestEurope_OneHour()
    {
        var w = WaterCalculator.Estimate(Lines.Machine(Providers.Azure, "D4s v3", "westeurope", 1), Lines.Factors);
        // On-site: 0.016102 kWh IT × WUE 0.30 L/kWh = 4.83 mL; off-site: 0.019081 kWh × 3.433 L/kWh (WRI NLD) = 65.5 mL.
        Near(_d4sItKwh * 0.30, w.OnSiteLitres.Central);
        Near(_d4sItKwh * 1.185 * 3.433, w.OffSiteLitres.Central);
        Near(w.OnSiteLitres.Central + w.OffSiteLitres.Central, w.WaterLitres.Central, 1e-9);
    }

    [Fact]
    public void Materials_D4sV3_OneHour_EmbodiedFromHostShare()
    {
        var m = MaterialsCalculator.Estimate(Lines.Machine(Providers.Azure, "D4s v3", "westeurope", 1), Lines.Factors);
        // 1,482.9 kg × (1 h / 35,040 h) × (4 / 64 vCPU) = 0.002645 kg = 2.65 g.
        Near(1482.9 / 35040 * 4 / 64, m.EmbodiedKgCo2e.Central);
        // ADPe: 0.135 kgSb × 1/35,040 × 4/64; e-waste: 25 kg × 1/35,040 × 4/64.
        Near(0.135 / 35040 * 4 / 64, m.AbioticDepletionKgSbEq.Central);
        Near(25.0 / 35040 * 4 / 64, m.EwasteKg.Central);
    }

    [Fact]
    public void Storage_OneTbMonthSsd_ReplicatedThreeTimes()
    {
        // 1,000 GB-months × 730 h / 1,000 × 3 replicas = 2,190 TB·h × 1.2 Wh/TB·h = 2.628 kWh IT.
        var e = EnergyCalculator.Estimate(Lines.Storage(Providers.Azure, "westeurope", 1000), Lines.Factors);
        Near(2.628, e.Breakdown.StorageKwh);
        Near(2.628 * 1.185, e.EnergyKwh.Central);
        // Embodied: 2,190 TB·h / 35,040 h × 26 kgCO2e/TB = 1.625 kg.
        Near(2190.0 / 35040 * 26, MaterialsCalculator.Estimate(Lines.Storage(Providers.Azure, "westeurope", 1000), Lines.Factors).EmbodiedKgCo2e.Central);
    }

    [Fact]
    public void Network_OneHundredGb()
    {
        // 100 GB × 0.001 kWh/GB = 0.1 kWh IT; AWS PUE 1.135; eu-west-1 → Ireland 279.79 g/kWh.
        var e = EnergyCalculator.Estimate(Lines.Network(Providers.Aws, "eu-west-1", 100), Lines.Factors);
        Near(0.1, e.Breakdown.NetworkKwh);
        Near(0.1 * 1.135 * 279.79 / 1000, e.CarbonLocationKgCo2e.Central);
    }

    [Fact]
    public void EightH100Vm_OneHour_ReportsGpuEnergyEmbodiedAndWater()
    {
        var line = Lines.Machine(Providers.Azure, "ND96isr H100 v5", "eastus", 1);
        var e = EnergyCalculator.Estimate(line, Lines.Factors);
        // GPU: 8 × (79 + 0.5 × (700 − 79)) W = 8 × 389.5 W = 3,116 W × 1 h = 3.116 kWh IT.
        Near(3.116, e.Breakdown.GpuKwh);
        Assert.True(e.Breakdown.CpuKwh > 0);
        // GPU embodied alone: 8 × 164 kg / 35,040 h = 37.4 g; the host share adds to it.
        var m = MaterialsCalculator.Estimate(line, Lines.Factors);
        Assert.True(m.EmbodiedKgCo2e.Central > 8 * 164.0 / 35040);
        Assert.True(m.AbioticDepletionKgSbEq.Central > 0 && m.EwasteKg.Central > 0);
        // Water: at least the GPU's on-site share, 3.116 kWh × 0.30 L/kWh.
        var w = WaterCalculator.Estimate(line, Lines.Factors);
        Assert.True(w.OnSiteLitres.Central >= 3.116 * 0.30);
        Assert.True(w.OffSiteLitres.Central > 0);
    }

    [Fact]
    public void GpuHours_TwoA100_OneHour_IncludeHostShare()
    {
        var line = Lines.GpuHours(Providers.Gcp, "us-central1", "A100", 2, 1);
        var e = EnergyCalculator.Estimate(line, Lines.Factors);
        // GPU: 2 × (46 + 0.5 × 361) W = 453 W → 0.453 kWh; host: 1.2 kW × 2/8 × 1 h = 0.3 kWh (other).
        Near(0.453, e.Breakdown.GpuKwh);
        Near(0.3, e.Breakdown.OtherKwh);
        // Embodied: (2 × 150 + 2/8 × 5,700) kg / 35,040 h = 1,725 / 35,040 = 49.2 g.
        Near((2 * 150 + 0.25 * 5700) / 35040.0, MaterialsCalculator.Estimate(line, Lines.Factors).EmbodiedKgCo2e.Central);
    }

    [Fact]
    public void UnknownRegion_FallsBackToWorld_Flagged()
    {
        var e = EnergyCalculator.Estimate(Lines.Machine(Providers.Azure, "D4s v3", null, 1), Lines.Factors);
        Assert.Contains(AssumptionFlags.RegionUnknown, e.Flags);
        Near(472.94, e.GridGramsPerKwh);
        var poland = WaterCalculator.Estimate(Lines.Machine(Providers.Azure, "D4s v3", "polandcentral", 1), Lines.Factors);
        Assert.DoesNotContain(AssumptionFlags.WaterFactorFallback, poland.Flags);
        Assert.Contains(AssumptionFlags.GridFactorFallback, EnergyCalculator.Estimate(Lines.Machine(Providers.Azure, "D4s v3", "polandcentral", 1), Lines.Factors).Flags);
    }

    [Fact]
    public void Materials_Nd96asrA100_GpuCardsNotCountedTwice()
    {
        // CCF host 3,576 kg includes Teads' 8 × 150 kg GPU cards: host 3,576 − 1,200 = 2,376 kg, plus 8 × 150 kg (A100 row)
        // → 3,576 kg × 1 h / 35,040 h × 96/96 = 102.05 g, not 136.3 g.
        var m = MaterialsCalculator.Estimate(Lines.Machine(Providers.Azure, "ND96asr A100 v4", "westeurope", 1), Lines.Factors);
        Near(3576.0 / 35040, m.EmbodiedKgCo2e.Central);
    }

    [Fact]
    public void AzureOpenAi_InKnownRegion_UsesRegionGrid_AndOpenAiDatacentre()
    {
        var line = Lines.Tokens(Providers.Azure, "swedencentral", "gpt-4o-2024-08-06", 1000);
        var e = EnergyCalculator.Estimate(line, Lines.Factors);
        // swedencentral → Electricity Maps SE-SE3 20 g/kWh; PUE from the OpenAI / Azure OpenAI profile (EcoLogits 1.20).
        Near(20, e.GridGramsPerKwh);
        Assert.Equal(1.20, e.Pue, 3);
        Assert.DoesNotContain(CalculatorFlags.AiDatacenterAssumed, e.Flags);
    }
}

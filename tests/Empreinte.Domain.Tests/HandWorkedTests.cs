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
    public void Materials_D4sV3_OneHour_EmbodiedFromHostComponents()
    {
        var m = MaterialsCalculator.Estimate(Lines.Machine(Providers.Azure, "D4s v3", "westeurope", 1), Lines.Factors);
        // Host: 64 vCPU, 256 GB, 2 sockets (assumed), die = mean of {Cascade Lake 6.94, Skylake 6.88, Broadwell 4.561, Haswell 6.201} = 6.1455 cm².
        // CPUs 2 × (6.1455 × 1.97 + 9.14) = 42.49; DRAM 256 × 2.2 / 1.2444 + 256/32 × 5.22 = 452.59 + 41.76;
        // power supplies 2 × 2.99 × 24.3 = 145.31; motherboard 66.1; case 150; assembly 6.68 → 904.93 kgCO2e,
        // × (1 h / 35,040 h) × (4 / 64 vCPU) = 1.614 g.
        const double hostKg = 42.49 + 452.59 + 41.76 + 145.31 + 66.1 + 150 + 6.68;
        Near(hostKg / 35040 * 4 / 64, m.EmbodiedKgCo2e.Central);
        // ADPe: 2 × (6.1455 × 5.87e-7 + 0.0204) + 256 × 6.3e-5 / 1.2444 + 8 × 0.00169 + 2 × 2.99 × 0.0083 + 0.00369 + 0.0202 + 1.41e-6 = 0.14072 kgSb.
        const double hostSb = 0.0408072 + 0.0129605 + 0.01352 + 0.049634 + 0.00369 + 0.0202 + 1.41e-6;
        Near(hostSb / 35040 * 4 / 64, m.AbioticDepletionKgSbEq.Central);
        // E-waste: 2 × 0.8 (CPU + heatsink) + 8 × 0.035 (DIMMs) + 2 × 2.99 (power supplies) + 2.5 (board) + 12 (case) = 22.36 kg.
        Near(22.36 / 35040 * 4 / 64, m.EwasteKg.Central);
        Assert.Contains(HostHardware.HostSocketsAssumed, m.Flags);
        Assert.DoesNotContain(HostHardware.CpuDieAssumed, m.Flags);
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
    public void Materials_Nd96asrA100_HostComponentsPlusEightCards()
    {
        // Host (96 vCPU, 900 GB, EPYC 2nd Gen 10.279 cm², 2 sockets assumed): CPUs 2 × (10.279 × 1.97 + 9.14) = 58.78;
        // DRAM 900 × 2.2 / 1.2444 + 900/32 × 5.22 = 1,591.13 + 146.81; power 145.31; board 66.1; case 150; assembly 6.68
        // → 2,164.81 kg; GPUs only as cards: 8 × 150 kg (A100 row) → 3,364.81 kg × 1 h / 35,040 h × 96/96 = 96.03 g.
        var m = MaterialsCalculator.Estimate(Lines.Machine(Providers.Azure, "ND96asr A100 v4", "westeurope", 1), Lines.Factors);
        Near((58.78 + 1591.13 + 146.81 + 145.31 + 66.1 + 150 + 6.68 + 8 * 150) / 35040, m.EmbodiedKgCo2e.Central);
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

using Empreinte.Domain.Calculators;
using Empreinte.Domain.Usage;

namespace Empreinte.Domain.Tests;

/// <summary>The CCF profile reproduces methodology-anchors §1.8 (derived there with CCF constants).</summary>
public class CcfProfileTests
{
    private static void Within1Percent(double expected, double actual) =>
        Assert.True(Math.Abs(actual - expected) <= expected * 0.01, $"expected {expected:G6} ± 1 %, got {actual:G6}");

    [Fact]
    public void Ccf_D4sV3_WestEurope_OneHour_MatchesAnchor()
    {
        var line = Lines.Machine(Providers.Azure, "D4s v3", "westeurope", 1);
        var e = EnergyCalculator.Estimate(line, Lines.Factors, CalculationProfile.Ccf);
        // 2.4575 W/vCPU × 4 vCPU × 1.185 PUE / 1,000 = 0.01165 kWh; × 328.4 g/kWh = 3.83 g.
        Within1Percent(0.01165, e.EnergyKwh.Central);
        Within1Percent(0.00383, e.CarbonLocationKgCo2e.Central);
        Assert.Equal(e.EnergyKwh.Low, e.EnergyKwh.High);
        // Embodied: 1.4829 t × 1/35,040 × 4/64 = 2.65 g.
        var m = MaterialsCalculator.Estimate(line, Lines.Factors, CalculationProfile.Ccf);
        Within1Percent(0.00265, m.EmbodiedKgCo2e.Central);
    }

    [Fact]
    public void Ccf_Nd96asrA100_GpuPart_MatchesAnchor()
    {
        // 8 × (46 + 0.5 × 361) W × 1.185 = 2.147 kWh for the GPU part of 1 h.
        var e = EnergyCalculator.Estimate(Lines.Machine(Providers.Azure, "ND96asr A100 v4", "westeurope", 1), Lines.Factors, CalculationProfile.Ccf);
        Within1Percent(2.147, e.Breakdown.GpuKwh * e.Pue);
    }

    [Fact]
    public void Ccf_DerivedMicroarchitecture_UsesProviderAverage()
    {
        // Sapphire Rapids is not a CCF row: CCF would use the AWS average (0.74 + 0.5 × 2.76 = 2.12 W/vCPU).
        var e = EnergyCalculator.Estimate(Lines.Machine(Providers.Aws, "m7i.xlarge", "us-east-1", 1), Lines.Factors, CalculationProfile.Ccf);
        Assert.Contains(AssumptionFlags.MicroarchitectureUnknown, e.Flags);
        Assert.Equal(2.12 * 4 / 1000, e.Breakdown.CpuKwh, 6);
    }

    [Fact]
    public void Ccf_MedianRule_WithSandyOrIvyBridge()
    {
        // n1 set {Skylake, Broadwell, Haswell, Ivy Bridge, Sandy Bridge}: median min = 1.00, median max = 4.74 →
        // 1.00 + 0.5 × 3.74 = 2.87 W/vCPU.
        var e = EnergyCalculator.Estimate(Lines.Machine(Providers.Gcp, "n1-standard-1", "us-central1", 1), Lines.Factors, CalculationProfile.Ccf);
        Assert.Equal(2.87 / 1000, e.Breakdown.CpuKwh, 6);
    }
}

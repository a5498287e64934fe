using Empreinte.Domain.Calculators;
using Empreinte.Domain.Usage;

namespace Empreinte.Domain.Tests;

/// <summary>Compute billed without a machine type (containers, databases, serverless) and cost proxies.</summary>
public class ComputeEquivalentTests
{
    private static void Near(double expected, double actual, double relative = 0.005) =>
        Assert.True(Math.Abs(actual - expected) <= Math.Abs(expected) * relative, $"expected {expected:G6} ± {relative:P1}, got {actual:G6}");

    [Fact]
    public void Container_TenVCpuHoursAndFortyGbHours_OnAwsAverageCpu()
    {
        var line = Lines.Base(Providers.Aws, UsageKinds.Container, "us-east-1") with { VCpuHours = 10, MemoryGbHours = 40 };

        var e = EnergyCalculator.Estimate(line, Lines.Factors);

        // CPU: AWS average 0.74–3.5 W/vCPU at 50 % = 0.74 + 0.5 × 2.76 = 2.12 W × 10 vCPU·h = 0.0212 kWh.
        Near(0.0212, e.Breakdown.CpuKwh);
        // Memory: 40 GB·h × 0.000392 kWh/GB·h = 0.01568 kWh.
        Near(0.01568, e.Breakdown.MemoryKwh);
        Assert.Contains(AssumptionFlags.MicroarchitectureUnknown, e.Flags);
        // Embodied: generic host of 64 vCPU and 256 GB by components, processor unknown (6.94 cm², 2 sockets):
        // CPUs 2 × (6.94 × 1.97 + 9.14) = 45.62; DRAM 256 × 2.2 / 1.2444 + 8 × 5.22 = 494.35; power 145.31; board 66.1;
        // case 150; assembly 6.68 → 908.06 kg over 64 vCPU × 35,040 h, × 10 vCPU·h.
        var m = MaterialsCalculator.Estimate(line, Lines.Factors);
        Near((45.62 + 494.35 + 145.31 + 66.1 + 150 + 6.68) / (64 * 35040.0) * 10, m.EmbodiedKgCo2e.Central);
        Assert.Contains(HostHardware.CpuDieAssumed, m.Flags);
        // The CCF profile follows CCF's code, which estimates a row by its usage type: a container line without one
        // gets no embodied carbon from CCF.
        Assert.Equal(0, MaterialsCalculator.Estimate(line, Lines.Factors, CalculationProfile.Ccf).EmbodiedKgCo2e.Central);
    }

    [Fact]
    public void Serverless_GbSeconds_BecomeVCpuHoursByCcfLambdaRule()
    {
        // 3,600 GB-s = 1 GB·h; CCF: 1 vCPU per 1,792 MB → 1 GB·h = 1,024 / 1,792 vCPU·h = 0.5714 vCPU·h.
        var line = Lines.Base(Providers.Aws, UsageKinds.Serverless, "us-east-1") with { GbSeconds = 3600 };

        var e = EnergyCalculator.Estimate(line, Lines.Factors);

        Near(2.12 * 1024 / 1792 / 1000, e.Breakdown.CpuKwh);
        Near(0.000392, e.Breakdown.MemoryKwh);
    }

    [Fact]
    public void CostProxy_OneDollar_IsTheComputeItBuysOnAReferenceVm_WithAWideRange()
    {
        var line = Lines.Base(Providers.Aws, UsageKinds.Serverless, "us-east-1") with
        {
            Cost = 1m,
            Currency = "USD",
            Flags = [AssumptionFlags.CostProxy],
        };

        var e = EnergyCalculator.Estimate(line, Lines.Factors);

        // 1 USD → 20.83 vCPU·h at list price (m5.xlarge 0.192 USD/h ÷ 4 vCPU); central 50 % of the price = 10.42 vCPU·h.
        // CPU: 2.12 W × 10.42 = 0.02209 kWh; memory: 41.68 GB·h × 0.000392 = 0.01634 kWh.
        Near(0.02209, e.Breakdown.CpuKwh);
        Near(0.01634, e.Breakdown.MemoryKwh);
        Assert.True(e.EnergyKwh.High / e.EnergyKwh.Low > 10, "a cost proxy carries at least an order of magnitude of uncertainty");
        Assert.DoesNotContain(ComputeEquivalent.CurrencyNotUsd, e.Flags);
    }

    [Fact]
    public void CostProxy_InAnotherCurrency_IsFlagged()
    {
        var line = Lines.Base(Providers.Azure, UsageKinds.Storage, "westeurope") with
        {
            Cost = 2m,
            Currency = "EUR",
            Flags = [AssumptionFlags.CostProxy],
        };

        var e = EnergyCalculator.Estimate(line, Lines.Factors);

        Assert.True(e.EnergyKwh.Central > 0);
        Assert.Contains(ComputeEquivalent.CurrencyNotUsd, e.Flags);
    }

    [Fact]
    public void CostProxy_ZeroCost_IsZero()
    {
        var line = Lines.Base(Providers.Aws, UsageKinds.Network, "us-east-1") with { Cost = 0m, Currency = "USD", Flags = [AssumptionFlags.CostProxy] };

        Assert.Equal(Uncertain.Zero, EnergyCalculator.Estimate(line, Lines.Factors).EnergyKwh);
        Assert.Equal(Uncertain.Zero, MaterialsCalculator.Estimate(line, Lines.Factors).EmbodiedKgCo2e);
    }
}

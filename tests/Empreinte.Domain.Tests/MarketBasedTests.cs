using Empreinte.Domain.Calculators;
using Empreinte.Domain.Usage;

namespace Empreinte.Domain.Tests;

public class MarketBasedTests
{
    [Fact]
    public void Google_UsesRegionCfe_LowConfidence()
    {
        // us-central1 CFE 2025 = 0.88 → market = location × 0.12.
        var e = EnergyCalculator.Estimate(Lines.Machine(Providers.Gcp, "n2-standard-4", "us-central1", 10), Lines.Factors);
        Assert.Equal(e.CarbonLocationKgCo2e.Central * 0.12, e.CarbonMarketKgCo2e.Central, 9);
        Assert.Contains(CalculatorFlags.MarketBasedLowConfidence, e.Flags);
    }

    [Fact]
    public void Aws_RenewableMatched_CentralZero_HighEqualsLocation()
    {
        var e = EnergyCalculator.Estimate(Lines.Machine(Providers.Aws, "m5.xlarge", "us-east-1", 10), Lines.Factors);
        Assert.Equal(0, e.CarbonMarketKgCo2e.Central, 12);
        Assert.Equal(e.CarbonLocationKgCo2e.High, e.CarbonMarketKgCo2e.High, 12);
        Assert.Contains(CalculatorFlags.MarketBasedLowConfidence, e.Flags);
    }

    [Fact]
    public void Microsoft_NoPublishedData_EqualsLocation_Flagged()
    {
        var e = EnergyCalculator.Estimate(Lines.Machine(Providers.Azure, "D4s v5", "swedencentral", 10), Lines.Factors);
        Assert.Equal(e.CarbonLocationKgCo2e, e.CarbonMarketKgCo2e);
        Assert.Contains(CalculatorFlags.MarketBasedEqualsLocation, e.Flags);
    }
}

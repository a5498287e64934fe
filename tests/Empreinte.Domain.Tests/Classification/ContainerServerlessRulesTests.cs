using Empreinte.Contracts;
using Empreinte.Domain.Usage;
using static Empreinte.Domain.Tests.Classification.Records;

namespace Empreinte.Domain.Tests.Classification;

/// <summary>Compute billed without a machine (<c>ContainerServerlessRules</c>).</summary>
public class ContainerServerlessRulesTests
{
    private static UsageLine Line(string provider, string service, string meter, double quantity, string unit) =>
        Classify(UsageOf(provider) with { ServiceName = service, SkuMeter = meter, Quantity = quantity, QuantityUnit = unit });

    [Fact]
    public void FargateVCpuSeconds_AreContainerVCpuHours()
    {
        var line = Line(Providers.Aws, "Amazon Elastic Container Service", "USE1-Fargate-vCPU-Seconds:perCPU", 7200, Units.VCpuSeconds);

        Assert.Equal((LineStatuses.Mapped, UsageKinds.Container, 2.0), (line.Status, line.UsageKind, line.VCpuHours!.Value));
        Assert.Empty(line.Flags);
    }

    [Fact]
    public void ContainerGbHours_AreContainerMemory()
    {
        var line = Line(Providers.Aws, "Amazon Elastic Container Service", "USE1-Fargate-GB-Hours", 16, Units.GbHours);

        Assert.Equal((UsageKinds.Container, 16.0, (double?)null), (line.UsageKind, line.MemoryGbHours!.Value, line.VCpuHours));
    }

    [Theory]
    [InlineData("Standard vCPU Active Usage", 6.0, null)]
    [InlineData("Standard Memory Active Usage", null, 6.0)]
    public void ContainerAppsHours_AreVCpuOrMemoryByTheMeterWords(string meter, double? vcpuHours, double? memoryGbHours)
    {
        var line = Line(Providers.Azure, "Azure Container Apps", meter, 6, Units.Hours);

        Assert.Equal((UsageKinds.Container, vcpuHours, memoryGbHours), (line.UsageKind, line.VCpuHours, line.MemoryGbHours));
    }

    [Fact]
    public void DefenderPlansPerVCore_AreNotContainerCompute()
    {
        var line = Line(Providers.Azure, "Microsoft Defender for Cloud", "Defender for Containers vCore", 6, Units.Hours);

        Assert.Equal(Flags(AssumptionFlags.CostProxy), FlagsOf(line));
        Assert.Null(line.VCpuHours);
    }

    [Fact]
    public void GbSecondsOfAnyService_AreServerless()
    {
        var line = Line(Providers.Azure, "Azure Functions", "Execution Time", 36_000, Units.GbSeconds);

        Assert.Equal((UsageKinds.Serverless, 36_000.0, 10.0), (line.UsageKind, line.GbSeconds!.Value, line.MemoryGbHours!.Value));
    }

    [Fact]
    public void VCpuHoursOfNoKnownService_AreNotGuessedAsCompute()
    {
        var line = Line(Providers.Azure, "Some Service", "Compute Units", 6, Units.VCpuHours);

        Assert.Null(line.VCpuHours);
        Assert.Equal(Flags(AssumptionFlags.CostProxy), FlagsOf(line));
    }
}

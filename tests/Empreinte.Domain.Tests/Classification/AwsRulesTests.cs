using Empreinte.Contracts;
using Empreinte.Domain.Classification;
using Empreinte.Domain.Factors;
using Empreinte.Domain.Usage;
using static Empreinte.Domain.Tests.Classification.Records;

namespace Empreinte.Domain.Tests.Classification;

/// <summary>Bedrock usage types (<c>AwsRules</c>), and the CUR fields the cross-cutting rule sets read (instance types, EBS, S3).</summary>
public class AwsRulesTests
{
    private static UsageRecord Bedrock(string usageType, double quantity, string unit) => UsageOf(Providers.Aws) with
    {
        ServiceName = "Amazon Bedrock",
        SkuMeter = usageType,
        Quantity = quantity,
        QuantityUnit = unit,
    };

    [Theory]
    [InlineData("USE1-Claude3.5Sonnet-input-tokens", "claude-3.5-sonnet", null, 2500.0, null)]
    [InlineData("USW2-Claude4.5Haiku-output-tokens-priority", "claude-4.5-haiku", "priority", null, 2500.0)]
    [InlineData("USE1-MetaLlama3-8B-input-tokens-batch", "meta-llama-3-8b", "batch", 2500.0, null)]
    public void BedrockTokenUsageTypes_GiveModelDeploymentAndTokens(string usageType, string model, string? deployment, double? input, double? output)
    {
        var line = Classify(Bedrock(usageType, 2500, Units.Tokens));

        Assert.Equal((LineStatuses.Mapped, UsageKinds.AiTokens, model, deployment), (line.Status, line.UsageKind, line.AiModel, line.AiDeployment));
        Assert.Equal((input, output), (line.InputTokens, line.OutputTokens));
        Assert.Empty(line.Flags);
    }

    [Fact]
    public void BedrockUsageType_BilledInAnotherUnit_IsNotTokens()
    {
        // Provisioned model units are billed by the hour: no token count, so Bedrock's cost stands for it.
        var line = Classify(Bedrock("USE1-Claude3.5Sonnet-input-tokens", 3, Units.Hours));

        Assert.Equal((UsageKinds.AiTokens, (double?)null), (line.UsageKind, line.InputTokens));
        Assert.Equal(Flags(AssumptionFlags.CostProxy), FlagsOf(line));
    }

    [Fact]
    public void InstanceTypeInTheDescription_IsLookedUpInTheCatalogue()
    {
        var line = Classify(UsageOf(Providers.Aws) with
        {
            ServiceName = "Amazon Elastic Compute Cloud",
            SkuMeter = "USE1-BoxUsage:m5.large",
            ChargeDescription = "$0.096 per On Demand Linux m5.large Instance Hour",
            Quantity = 24,
            QuantityUnit = Units.Hours,
        });

        Assert.Equal((LineStatuses.Mapped, UsageKinds.VirtualMachine, "m5.large"), (line.Status, line.UsageKind, line.InstanceType));
        Assert.Equal((24.0, 2, 8.0), (line.InstanceHours!.Value, line.VCpus!.Value, line.MemoryGb!.Value));
        Assert.Equal(string.Join('|', FactorSet.Embedded.Machine(Providers.Aws, "m5.large")!.Microarchitectures), line.CpuMicroarchitecture);
        Assert.Empty(line.Flags);
    }

    [Fact]
    public void CatalogueGpuMachine_KeepsItsGpus()
    {
        var line = Classify(UsageOf(Providers.Aws) with { ServiceName = "Amazon Elastic Compute Cloud", InstanceType = "p4d.24xlarge", Quantity = 1, QuantityUnit = Units.Hours });
        var machine = FactorSet.Embedded.Machine(Providers.Aws, "p4d.24xlarge")!;

        Assert.Equal((UsageKinds.VirtualMachine, machine.GpuModel, machine.GpuCount), (line.UsageKind, line.GpuModel, line.GpuCount!.Value));
    }

    [Fact]
    public void UnknownTypeStatingItsSize_IsSizedFromTheBill_AndFlagged()
    {
        var line = Classify(UsageOf(Providers.Aws) with { InstanceType = "m5.huge", VCpus = 4, MemoryGb = 16, Quantity = 2, QuantityUnit = Units.Hours });

        Assert.Equal((LineStatuses.Mapped, UsageKinds.VirtualMachine, "m5.huge"), (line.Status, line.UsageKind, line.InstanceType));
        Assert.Equal((4, 16.0, 2.0), (line.VCpus!.Value, line.MemoryGb!.Value, line.InstanceHours!.Value));
        Assert.Equal(Flags(AssumptionFlags.FromBillAttributes, AssumptionFlags.MicroarchitectureUnknown), FlagsOf(line));
    }

    [Fact]
    public void UnknownTypeStatingVCpusOnly_HasItsMemoryFlaggedAssumed()
    {
        var line = Classify(UsageOf(Providers.Aws) with { InstanceType = "m5.huge", VCpus = 4, PhysicalProcessor = "Intel Xeon Platinum 8375C (Ice Lake)", Quantity = 1, QuantityUnit = Units.Hours });

        Assert.Equal("Ice Lake", line.CpuMicroarchitecture);
        Assert.Equal(Flags(AssumptionFlags.FromBillAttributes, AssumptionFlags.MemoryAssumed), FlagsOf(line));
    }

    [Fact]
    public void TypeNewerThanTheCatalogue_IsReadFromItsName_AndFlagged()
    {
        var line = Classify(UsageOf(Providers.Aws) with { InstanceType = "m9a.2xlarge", Quantity = 1, QuantityUnit = Units.Hours });

        Assert.Equal((LineStatuses.Mapped, 8, "EPYC 5th Gen"), (line.Status, line.VCpus!.Value, line.CpuMicroarchitecture));
        Assert.Equal(Flags(AssumptionFlags.InferredFromName), FlagsOf(line));
    }

    [Fact]
    public void NameNoGrammarReads_IsUnmapped_WithTheName()
    {
        var line = Classify(UsageOf(Providers.Aws) with { ServiceName = "Amazon Elastic Compute Cloud", InstanceType = "m5.huge", Quantity = 1, QuantityUnit = Units.Hours });

        Assert.Equal((LineStatuses.Unmapped, UsageKinds.Unmapped, "unknown instance type 'm5.huge'"), (line.Status, line.UsageKind, line.Reason));
        Assert.Empty(line.Flags);
    }

    [Fact]
    public void MarketplaceSoftwareByTheHour_IsNeitherAMachineNorACostProxy()
    {
        var line = Classify(UsageOf(Providers.Aws) with
        {
            ServiceName = "AWS Marketplace",
            ChargeDescription = "per hour for software on m5.large",
            Quantity = 5,
            QuantityUnit = Units.Hours,
            RawUnit = "Hrs",
        });

        Assert.Equal((LineStatuses.Unmapped, "no physical model for AWS Marketplace in Hrs"), (line.Status, line.Reason));
    }

    [Theory]
    [InlineData("EBS:VolumeUsage.gp3", "Amazon Elastic Compute Cloud", "ssd", 2, false)]
    [InlineData("EBS:VolumeUsage.st1", "Amazon Elastic Compute Cloud", "hdd", 2, false)]
    [InlineData("TimedStorage-ByteHrs", "Amazon Simple Storage Service", "ssd", 6, true)]
    [InlineData("TimedStorage-GlacierByteHrs", "Amazon Glacier", "hdd", 1, false)]
    public void StorageUsageTypes_GiveMediaAndReplication(string usageType, string service, string media, int replication, bool mediaAssumed)
    {
        var line = Classify(UsageOf(Providers.Aws) with { ServiceName = service, SkuMeter = usageType, Quantity = 50, QuantityUnit = Units.GbMonths });

        Assert.Equal((UsageKinds.Storage, 50.0, media, replication), (line.UsageKind, line.StorageGbMonths!.Value, line.StorageMedia, line.ReplicationFactor!.Value));
        Assert.Equal(mediaAssumed, line.Flags.Contains(AssumptionFlags.StorageMediaAssumed));
    }

    [Fact]
    public void LambdaGbSeconds_AreServerless()
    {
        var line = Classify(UsageOf(Providers.Aws) with { ServiceName = "AWS Lambda", SkuMeter = "USE1-Lambda-GB-Second", Quantity = 7200, QuantityUnit = Units.GbSeconds });

        Assert.Equal((UsageKinds.Serverless, 7200.0, 2.0), (line.UsageKind, line.GbSeconds!.Value, line.MemoryGbHours!.Value));
    }
}

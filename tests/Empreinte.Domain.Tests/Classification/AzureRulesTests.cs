using Empreinte.Contracts;
using Empreinte.Domain.Classification;
using Empreinte.Domain.Factors;
using Empreinte.Domain.Usage;
using static Empreinte.Domain.Tests.Classification.Records;

namespace Empreinte.Domain.Tests.Classification;

/// <summary>Azure OpenAI meters (<c>AzureRules</c>), and the Azure meters the cross-cutting rule sets read (VM sizes, disk tiers).</summary>
public class AzureRulesTests
{
    private static UsageRecord OpenAi(string meter, string subcategory, double quantity, string unit) => UsageOf(Providers.Azure) with
    {
        ServiceName = "Azure AI Services",
        MeterCategory = "Azure OpenAI",
        MeterSubcategory = subcategory,
        SkuMeter = meter,
        Quantity = quantity,
        QuantityUnit = unit,
        RawUnit = unit,
    };

    [Theory]
    [InlineData("gpt 4o 0513 Input global Tokens", "gpt-4o", "gpt-4o", "global", 2500.0, null)]
    [InlineData("GPT 5 pro out glbl Tokens", "Azure OpenAI", "gpt-5-pro", "global", null, 2500.0)]
    [InlineData("gpt-4o-0806-Batch-Inp-glbl Tokens", "Azure OpenAI", "gpt-4o-0806", "batch", 2500.0, null)]
    public void TokenMeters_GiveModelDeploymentAndTokensInTheirDirection(string meter, string subcategory, string model, string deployment, double? input, double? output)
    {
        var line = Classify(OpenAi(meter, subcategory, 2500, Units.Tokens));

        Assert.Equal((LineStatuses.Mapped, UsageKinds.AiTokens, model, deployment), (line.Status, line.UsageKind, line.AiModel, line.AiDeployment));
        Assert.Equal((input, output), (line.InputTokens, line.OutputTokens));
        Assert.Empty(line.Flags);
    }

    [Fact]
    public void TokenMeters_CountedInTheGenericUnit_AreTokensToo()
    {
        var line = Classify(OpenAi("gpt 4o 0513 Input global Tokens", "gpt-4o", 40, Units.Count));

        Assert.Equal((UsageKinds.AiTokens, 40.0), (line.UsageKind, line.InputTokens!.Value));
    }

    [Fact]
    public void ProvisionedThroughputHours_AreAiUsageByCost_WithTheirModel()
    {
        var line = Classify(OpenAi("Provisioned Managed Global Unit", "gpt-4o", 24, Units.Hours));

        Assert.Equal((LineStatuses.Mapped, UsageKinds.AiTokens, "gpt-4o", AiMeters.Provisioned), (line.Status, line.UsageKind, line.AiModel, line.AiDeployment));
        Assert.Equal(((double?)null, (double?)null), (line.InputTokens, line.OutputTokens));
        Assert.Equal(Flags(AssumptionFlags.CostProxy), FlagsOf(line));
        Assert.Equal($"cost proxy: no physical quantity for Azure AI Services in {Units.Hours}", line.Reason);
    }

    [Fact]
    public void OpenAiMeter_WithoutADirection_IsLeftToTheCostProxy()
    {
        // A fine-tuning hosting meter counted in units has no token direction: AI usage by cost, not tokens.
        var line = Classify(OpenAi("Fine Tuning Hosting", "gpt-4o", 3, Units.Count));

        Assert.Equal((UsageKinds.AiTokens, (double?)null, (string?)null), (line.UsageKind, line.InputTokens, line.AiDeployment));
        Assert.Equal(Flags(AssumptionFlags.CostProxy), FlagsOf(line));
    }

    [Fact]
    public void VmSizeInTheMeterName_IsLookedUpInTheCatalogue()
    {
        var line = Classify(UsageOf(Providers.Azure) with
        {
            ServiceName = "Virtual Machines",
            MeterCategory = "Virtual Machines",
            SkuMeter = "Virtual Machines Dv2/DSv2 Series - D11 v2/DS11 v2 - US East",
            Quantity = 10,
            QuantityUnit = Units.Hours,
        });
        var machine = FactorSet.Embedded.Machine(Providers.Azure, "D11 v2")!;

        Assert.Equal((LineStatuses.Mapped, UsageKinds.VirtualMachine, "D11 v2"), (line.Status, line.UsageKind, line.InstanceType));
        Assert.Equal((10.0, machine.VCpus, machine.MemoryGb), (line.InstanceHours!.Value, line.VCpus!.Value, line.MemoryGb!.Value));
        Assert.Equal(string.Join('|', machine.Microarchitectures), line.CpuMicroarchitecture);
        Assert.Empty(line.Flags);
    }

    [Theory]
    [InlineData("P10 LRS Disk", 128, "ssd", 3)]
    [InlineData("E4 ZRS Disk", 32, "ssd", 3)]
    [InlineData("S4 LRS Disk", 32, "hdd", 3)]
    public void ManagedDiskTiers_AreStorageOfTheTierSize(string meter, double gib, string media, int replication)
    {
        var line = Classify(UsageOf(Providers.Azure) with { ServiceName = "Storage", MeterCategory = "Storage", SkuMeter = meter, Quantity = 2, QuantityUnit = Units.Months });

        Assert.Equal((LineStatuses.Mapped, UsageKinds.Storage, media, replication), (line.Status, line.UsageKind, line.StorageMedia, line.ReplicationFactor!.Value));
        Assert.Equal(2 * gib * 1.073741824, line.StorageGbMonths!.Value, 9);
        Assert.Empty(line.Flags);
    }

    [Theory]
    [InlineData("Hot LRS Data Stored", 3)]
    [InlineData("Hot GRS Data Stored", 6)]
    [InlineData("Hot RA-GZRS Data Stored", 6)]
    public void BlobStorage_ReplicationComesFromTheRedundancyInTheMeter(string meter, int replication)
    {
        var line = Classify(UsageOf(Providers.Azure) with { ServiceName = "Storage", MeterCategory = "Storage", SkuMeter = meter, Quantity = 100, QuantityUnit = Units.GbMonths });

        Assert.Equal((UsageKinds.Storage, 100.0, replication), (line.UsageKind, line.StorageGbMonths!.Value, line.ReplicationFactor!.Value));
        Assert.Equal(Flags(AssumptionFlags.StorageMediaAssumed), FlagsOf(line));
    }
}

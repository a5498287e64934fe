using Empreinte.Contracts;
using Empreinte.Domain.Classification;
using Empreinte.Domain.Factors;
using Empreinte.Domain.Usage;
using static Empreinte.Domain.Tests.Classification.Records;

namespace Empreinte.Domain.Tests.Classification;

/// <summary>Vertex AI and Gemini API SKUs (<c>GcpRules</c>), and the Google Cloud lines the cross-cutting rule sets read.</summary>
public class GcpRulesTests
{
    private static UsageRecord Sku(string service, string sku, double quantity, string unit) => UsageOf(Providers.Gcp) with
    {
        ServiceName = service,
        SkuMeter = sku,
        Quantity = quantity,
        QuantityUnit = unit,
        RawUnit = unit,
    };

    [Theory]
    [InlineData("Gemini 2.5 Flash Input Text Tokens", Units.Tokens, "gemini-2.5-flash", null, 1_500_000.0, null)]
    [InlineData("Gemini 2.5 Flash Output Text Tokens", Units.Count, "gemini-2.5-flash", null, null, 1_500_000.0)]
    [InlineData("Gemini 2.0 Flash Batch Input Text Tokens", Units.Count, "gemini-2.0-flash", "batch", 1_500_000.0, null)]
    public void TokenSkus_GiveModelDeploymentAndTokens(string sku, string unit, string model, string? deployment, double? input, double? output)
    {
        var line = Classify(Sku("Vertex AI", sku, 1_500_000, unit));

        Assert.Equal((LineStatuses.Mapped, UsageKinds.AiTokens, model, deployment), (line.Status, line.UsageKind, line.AiModel, line.AiDeployment));
        Assert.Equal((input, output), (line.InputTokens, line.OutputTokens));
        Assert.Empty(line.Flags);
    }

    [Fact]
    public void CharacterSkus_AreTurnedIntoTokens_AndFlagged()
    {
        var perToken = FactorSet.Embedded.Constant("gemini-characters-per-token").Value.Central;

        var line = Classify(Sku("Vertex AI", "Gemini 1.5 Flash Input Text Characters", 800_000, Units.Characters));

        Assert.Equal((UsageKinds.AiTokens, "gemini-1.5-flash"), (line.UsageKind, line.AiModel));
        Assert.Equal(800_000 / perToken, line.InputTokens!.Value, 6);
        Assert.Equal(Flags(AssumptionFlags.TokensFromCharacters), FlagsOf(line));
    }

    [Fact]
    public void ProvisionedThroughput_IsAiUsageByCost_WithItsModel()
    {
        var line = Classify(Sku("Vertex AI", "Gemini 2.5 Flash Provisioned Throughput", 3600, Units.Seconds));

        Assert.Equal((UsageKinds.AiTokens, "gemini-2.5-flash", AiMeters.Provisioned), (line.UsageKind, line.AiModel, line.AiDeployment));
        Assert.Equal(Flags(AssumptionFlags.CostProxy), FlagsOf(line));
    }

    [Fact]
    public void ImageOutputs_AreNotTokens_AndFallToTheCostProxy()
    {
        var line = Classify(Sku("Vertex AI", "Gemini 2.5 Flash Image Output", 12, Units.Count));

        Assert.Equal((UsageKinds.AiTokens, (double?)null, (double?)null), (line.UsageKind, line.InputTokens, line.OutputTokens));
        Assert.Equal(Flags(AssumptionFlags.CostProxy), FlagsOf(line));
    }

    [Fact]
    public void MachineType_IsLookedUpInTheCatalogue()
    {
        var line = Classify(UsageOf(Providers.Gcp) with { ServiceName = "Compute Engine", InstanceType = "n2-standard-4", Quantity = 3, QuantityUnit = Units.Hours });
        var machine = FactorSet.Embedded.Machine(Providers.Gcp, "n2-standard-4")!;

        Assert.Equal((UsageKinds.VirtualMachine, machine.VCpus, machine.MemoryGb, 3.0), (line.UsageKind, line.VCpus!.Value, line.MemoryGb!.Value, line.InstanceHours!.Value));
    }

    [Fact]
    public void CloudStorage_IsStoredTwice()
    {
        var line = Classify(Sku("Cloud Storage", "Standard Storage Europe Multi-region", 10, Units.GbMonths));

        Assert.Equal((UsageKinds.Storage, 2), (line.UsageKind, line.ReplicationFactor!.Value));
        Assert.DoesNotContain(AssumptionFlags.ReplicationAssumed, line.Flags);
    }

    [Fact]
    public void CloudRunGbSeconds_AreServerless()
    {
        var line = Classify(Sku("Cloud Run", "Memory Allocation Time", 3600, Units.GbSeconds));

        Assert.Equal((UsageKinds.Serverless, 1.0), (line.UsageKind, line.MemoryGbHours!.Value));
    }
}

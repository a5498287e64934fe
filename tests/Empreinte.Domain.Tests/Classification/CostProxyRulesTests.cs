using Empreinte.Contracts;
using Empreinte.Domain.Usage;
using static Empreinte.Domain.Tests.Classification.Records;

namespace Empreinte.Domain.Tests.Classification;

/// <summary>First-party services with a cost and no physical quantity, mapped by cost (<c>CostProxyRules</c>, the last rule set).</summary>
public class CostProxyRulesTests
{
    private static UsageLine Line(string provider, string service, string meter, string unit, decimal cost = 2m) =>
        Classify(UsageOf(provider) with { ServiceName = service, SkuMeter = meter, Quantity = 10, QuantityUnit = unit, RawUnit = unit, Cost = cost });

    [Theory]
    [InlineData(Providers.Azure, "Load Balancer", "Standard Included LB Rules and Outbound Rules", Units.Hours, UsageKinds.Network)]
    [InlineData(Providers.Aws, "Amazon Virtual Private Cloud", "USE1-PublicIPv4:InUseAddress", Units.Hours, UsageKinds.Network)]
    [InlineData(Providers.Azure, "Storage", "Write Operations", Units.Count, UsageKinds.Storage)]
    [InlineData(Providers.Aws, "Amazon DynamoDB", "USE1-WriteRequestUnits", Units.Requests, UsageKinds.Database)]
    [InlineData(Providers.Azure, "Cognitive Services", "S0 Transactions", Units.Count, UsageKinds.AiTokens)]
    [InlineData(Providers.Aws, "Amazon Elastic Kubernetes Service", "USE1-AmazonEKS-Hours:perCluster", Units.Hours, UsageKinds.Container)]
    [InlineData(Providers.Azure, "Virtual Machines", "Virtual Machine Reserved Capacity Fee", Units.Hours, UsageKinds.VirtualMachine)]
    [InlineData(Providers.Azure, "Key Vault", "Operations", Units.Count, UsageKinds.Serverless)]
    [InlineData(Providers.OpenAi, "Assistants", "file_search calls", Units.Count, UsageKinds.Serverless)]
    public void ServiceWithACostAndNoQuantity_IsMappedByCost_AsItsBroadCategory(string provider, string service, string meter, string unit, string kind)
    {
        var line = Line(provider, service, meter, unit);

        Assert.Equal((LineStatuses.Mapped, kind), (line.Status, line.UsageKind));
        Assert.Equal(Flags(AssumptionFlags.CostProxy), FlagsOf(line));
        Assert.Equal($"cost proxy: no physical quantity for {service} in {unit}", line.Reason);
        Assert.Equal(((double?)null, (double?)null, (double?)null), (line.VCpuHours, line.StorageGbMonths, line.NetworkGb));
    }

    [Fact]
    public void FreeLine_HasNothingToProxy_AndIsUnmapped()
    {
        var line = Line(Providers.Azure, "Key Vault", "Operations", Units.Count, cost: 0m);

        Assert.Equal((LineStatuses.Unmapped, UsageKinds.Unmapped, $"no physical model for Key Vault in {Units.Count}"), (line.Status, line.UsageKind, line.Reason));
    }

    [Fact]
    public void UnknownProvider_IsNotProxied()
    {
        var line = Line("Contoso Cloud", "Widgets", "Widget Hours", Units.Hours);

        Assert.Equal((LineStatuses.Unmapped, $"no physical model for Widgets in {Units.Hours}"), (line.Status, line.Reason));
    }

    [Theory]
    [InlineData("Azure Marketplace", "Software Plan")]
    [InlineData("Windows Server", "License Fee")]
    public void MarketplaceAndLicences_AreNotProxied(string service, string meter)
    {
        var line = Line(Providers.Azure, service, meter, Units.Count);

        Assert.Equal(LineStatuses.Unmapped, line.Status);
        Assert.Empty(line.Flags);
    }

    [Fact]
    public void MissingUnit_IsNamedInTheReason()
    {
        var line = Classify(UsageOf(Providers.Azure) with { ServiceName = "Key Vault", Quantity = 1, Cost = 0m });

        Assert.Equal("no physical model for Key Vault in unknown unit", line.Reason);
    }
}

using Empreinte.Contracts;
using Empreinte.Domain.Usage;
using static Empreinte.Domain.Tests.Classification.Records;

namespace Empreinte.Domain.Tests.Classification;

/// <summary>Data transfer in GB on every provider (<c>NetworkRules</c>).</summary>
public class NetworkRulesTests
{
    [Theory]
    [InlineData(Providers.Aws, "AWS Data Transfer", "USE1-DataTransfer-Out-Bytes", null)]
    [InlineData(Providers.Azure, "Bandwidth", "Standard Data Transfer Out", null)]
    [InlineData(Providers.Gcp, "Compute Engine", "Network Inter Region Egress from Americas to EMEA", null)]
    [InlineData(Providers.Oci, "NETWORK", "Outbound Data Transfer Zone 1", null)]
    [InlineData(Providers.Azure, "Azure Firewall", "Data Processed", null)]
    [InlineData(Providers.Azure, "Virtual Network", "Gateway", "Networking")]
    public void TransferredGb_AreNetwork(string provider, string service, string meter, string? category)
    {
        var line = Classify(UsageOf(provider) with { ServiceName = service, ServiceCategory = category, SkuMeter = meter, Quantity = 3.5, QuantityUnit = Units.Gb });

        Assert.Equal((LineStatuses.Mapped, UsageKinds.Network, 3.5), (line.Status, line.UsageKind, line.NetworkGb!.Value));
        Assert.Empty(line.Flags);
    }

    [Fact]
    public void GbOfSomethingElse_IsNotTransfer()
    {
        var line = Classify(UsageOf(Providers.Azure) with { ServiceName = "Log Analytics", SkuMeter = "Analytics Logs Data Ingestion", Quantity = 3.5, QuantityUnit = Units.Gb });

        Assert.Null(line.NetworkGb);
        Assert.Equal((UsageKinds.Storage, Flags(AssumptionFlags.CostProxy)), (line.UsageKind, FlagsOf(line)));
    }
}

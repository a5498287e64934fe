using Empreinte.Contracts;
using Empreinte.Domain.Usage;
using static Empreinte.Domain.Tests.Classification.Records;

namespace Empreinte.Domain.Tests.Classification;

/// <summary>
/// What <c>UsageClassifier</c> does around its rule sets: non-usage charges, the unmapped fallback, quantity flags,
/// the line's own fields, and the order in which the rule sets decide.
/// </summary>
public class UsageClassifierTests
{
    [Theory]
    [InlineData("Tax")]
    [InlineData("Credit")]
    [InlineData("Purchase")]
    [InlineData("Refund")]
    public void NonUsageCharges_AreExcluded_WithTheirCategory(string category)
    {
        // Even a record a rule would map (a catalogue VM) is excluded when it is not usage.
        var line = Classify(UsageOf(Providers.Aws) with { ChargeCategory = category, InstanceType = "m5.large", Quantity = null, QuantityUnit = Units.Hours });

        Assert.Equal((LineStatuses.Excluded, UsageKinds.NonUsage, $"non-usage charge: {category}"), (line.Status, line.UsageKind, line.Reason));
        Assert.Empty(line.Flags);
        Assert.Null(line.InstanceHours);
    }

    [Fact]
    public void UsageCategory_IsReadWhateverItsCase()
    {
        var line = Classify(UsageOf(Providers.Aws) with { ChargeCategory = "usage", InstanceType = "m5.large", Quantity = 1, QuantityUnit = Units.Hours });

        Assert.Equal(LineStatuses.Mapped, line.Status);
    }

    [Fact]
    public void WhatNoRuleDecides_IsUnmapped_WithServiceAndRawUnit()
    {
        var line = Classify(UsageOf(Providers.Gcp) with { ServiceName = "Mystery", Quantity = 3, QuantityUnit = "Widgets", RawUnit = "widgets", Cost = 0m });

        Assert.Equal((LineStatuses.Unmapped, UsageKinds.Unmapped, "no physical model for Mystery in widgets"), (line.Status, line.UsageKind, line.Reason));
    }

    [Fact]
    public void UnmappedWithoutAService_SaysSo()
    {
        var line = Classify(UsageOf(Providers.Gcp) with { Quantity = 3, RawUnit = "widgets", Cost = 0m });

        Assert.Equal("no physical model for unknown service in widgets", line.Reason);
    }

    [Fact]
    public void NegativeQuantity_IsACorrection_FlaggedOnTopOfTheRuleFlags()
    {
        var line = Classify(UsageOf(Providers.Azure) with { ServiceName = "Storage", SkuMeter = "Hot LRS Data Stored", Quantity = -4, QuantityUnit = Units.GbMonths });

        Assert.Equal((UsageKinds.Storage, -4.0), (line.UsageKind, line.StorageGbMonths!.Value));
        Assert.Equal(Flags(AssumptionFlags.StorageMediaAssumed, AssumptionFlags.NegativeQuantityCorrection), FlagsOf(line));
    }

    [Fact]
    public void MissingQuantity_IsFlagged_MappedOrNot()
    {
        var mapped = Classify(UsageOf(Providers.Aws) with { InstanceType = "m5.large", Quantity = null, QuantityUnit = Units.Hours });
        var unmapped = Classify(UsageOf(Providers.Gcp) with { ServiceName = "Mystery", Quantity = null, Cost = 0m });

        Assert.Equal((LineStatuses.Mapped, Flags(AssumptionFlags.QuantityMissing)), (mapped.Status, FlagsOf(mapped)));
        Assert.Equal((LineStatuses.Unmapped, Flags(AssumptionFlags.QuantityMissing)), (unmapped.Status, FlagsOf(unmapped)));
    }

    [Fact]
    public void Line_CopiesTheRecordsOwnFields()
    {
        var start = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
        var record = UsageOf(Providers.Aws) with
        {
            BillingAccountId = "billing",
            SubAccountId = "123456789012",
            SubAccountName = "prod",
            ResourceId = "i-0abc",
            ServiceName = "Amazon Elastic Compute Cloud",
            ServiceCategory = "Compute",
            RegionId = "eu-west-3",
            ChargePeriodStart = start,
            ChargePeriodEnd = start.AddHours(1),
            ChargeDescription = "$0.096 per On Demand Linux m5.large Instance Hour",
            Quantity = 1,
            QuantityUnit = Units.Hours,
            Cost = 0.096m,
            Currency = "EUR",
            Tags = """{"team":"a"}""",
        };

        var line = Classify(record);

        Assert.Equal(("rules.csv", 7L, Providers.Aws, "billing", "123456789012", "prod", "i-0abc"),
            (line.SourceFile, line.SourceRow, line.Provider, line.BillingAccountId, line.SubAccountId, line.SubAccountName, line.ResourceId));
        Assert.Equal(("Amazon Elastic Compute Cloud", "Compute", "eu-west-3", start, start.AddHours(1), "Usage"),
            (line.ServiceName, line.ServiceCategory, line.RegionId, line.ChargePeriodStart!.Value, line.ChargePeriodEnd!.Value, line.ChargeCategory));
        Assert.Equal((1.0, Units.Hours, 0.096m, "EUR", """{"team":"a"}"""), (line.Quantity!.Value, line.QuantityUnit, line.Cost, line.Currency, line.Tags));
        // Without a meter, the description stands for it; the instance type found in it is kept.
        Assert.Equal((record.ChargeDescription, "m5.large"), (line.SkuMeter, line.InstanceType));
    }

    [Fact]
    public void AzureProvisionedThroughput_IsDecidedByTheAiRules_BeforeTheCostProxy()
    {
        var line = Classify(UsageOf(Providers.Azure) with { ServiceName = "Azure AI Services", MeterCategory = "Azure OpenAI", MeterSubcategory = "gpt-4o", SkuMeter = "Provisioned Managed Global Unit", Quantity = 1, QuantityUnit = Units.Hours });

        // The cost proxy alone would give AI usage by cost too, but without the model and the deployment.
        Assert.Equal(("gpt-4o", "provisioned"), (line.AiModel, line.AiDeployment));
    }

    [Fact]
    public void Databases_AreDecidedBeforeMachines()
    {
        // db.r5.large is an r5.large host: the database rules read it before the machine rules would.
        var line = Classify(UsageOf(Providers.Aws) with { ServiceName = "Amazon Relational Database Service", InstanceType = "db.r5.large", Quantity = 1, QuantityUnit = Units.Hours });

        Assert.Equal((UsageKinds.Database, (double?)null), (line.UsageKind, line.InstanceHours));
    }

    [Fact]
    public void AnUnknownInstanceType_StopsTheRules_SoItsNameIsReported()
    {
        // Container words and vCPU hours would make a container line; the named machine decides first.
        var line = Classify(UsageOf(Providers.Aws) with { ServiceName = "Amazon Elastic Container Service", SkuMeter = "vCPU", InstanceType = "m5.huge", Quantity = 1, QuantityUnit = Units.Hours });

        Assert.Equal((LineStatuses.Unmapped, "unknown instance type 'm5.huge'"), (line.Status, line.Reason));
    }

    [Fact]
    public void Containers_AreDecidedBeforeOciCompute()
    {
        // OCI Container Instances bill memory in GB-hours like compute shapes; the container words decide first.
        var line = Classify(UsageOf(Providers.Oci) with { ServiceName = "CONTAINER_INSTANCES", SkuMeter = "Container Instances - Memory", Quantity = 16, QuantityUnit = Units.GbHours });

        Assert.Equal((UsageKinds.Container, 16.0, (double?)null), (line.UsageKind, line.MemoryGbHours!.Value, line.InstanceHours));
    }

    [Fact]
    public void Transfer_IsDecidedByTheNetworkRules_BeforeTheCostProxy()
    {
        var line = Classify(UsageOf(Providers.Azure) with { ServiceName = "Bandwidth", SkuMeter = "Standard Data Transfer Out", Quantity = 2, QuantityUnit = Units.Gb });

        Assert.Equal((UsageKinds.Network, 2.0), (line.UsageKind, line.NetworkGb!.Value));
        Assert.DoesNotContain(AssumptionFlags.CostProxy, line.Flags);
    }
}

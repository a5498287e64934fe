using Empreinte.Contracts;
using Empreinte.Domain.Usage;
using static Empreinte.Domain.Tests.Classification.Records;

namespace Empreinte.Domain.Tests.Classification;

/// <summary>Storage by GB-month and disks by disk-month on every provider (<c>StorageRules</c>, <c>ManagedDiskRules</c>).</summary>
public class StorageRulesTests
{
    [Fact]
    public void GbMonths_AreStorage_WithUnknownMediaAndReplicationFlagged()
    {
        var line = Classify(UsageOf(Providers.Oci) with { ServiceName = "OBJECTSTORE", SkuMeter = "Object Storage - Storage", Quantity = 12.5, QuantityUnit = Units.GbMonths });

        Assert.Equal((LineStatuses.Mapped, UsageKinds.Storage, 12.5, "ssd", 1), (line.Status, line.UsageKind, line.StorageGbMonths!.Value, line.StorageMedia, line.ReplicationFactor!.Value));
        Assert.Equal(Flags(AssumptionFlags.StorageMediaAssumed, AssumptionFlags.ReplicationAssumed), FlagsOf(line));
    }

    [Fact]
    public void GbHoursOfAStorageService_AreGbMonthsOverAnAverageMonth()
    {
        var line = Classify(UsageOf(Providers.Gcp) with { ServiceName = "Cloud Storage", ServiceCategory = "Storage", SkuMeter = "Standard Storage", Quantity = 730, QuantityUnit = Units.GbHours });

        Assert.Equal((UsageKinds.Storage, 1.0), (line.UsageKind, line.StorageGbMonths!.Value));
    }

    [Fact]
    public void MemoryGbHours_AreNotStorage()
    {
        var line = Classify(UsageOf(Providers.Azure) with { ServiceName = "Storage", SkuMeter = "Memory", Quantity = 730, QuantityUnit = Units.GbHours });

        Assert.Null(line.StorageGbMonths);
        Assert.Equal(Flags(AssumptionFlags.CostProxy), FlagsOf(line));
    }

    [Fact]
    public void EarlyDeletionFees_AreNotDataStored()
    {
        var line = Classify(UsageOf(Providers.Azure) with { ServiceName = "Storage", SkuMeter = "Archive Early Delete", Quantity = 40, QuantityUnit = Units.GbMonths });

        Assert.Null(line.StorageGbMonths);
        Assert.Equal(Flags(AssumptionFlags.CostProxy), FlagsOf(line));
    }

    [Theory]
    [InlineData("HDD", null, "hdd")]
    [InlineData(null, "Archive", "hdd")]
    [InlineData("Premium SSD", null, "ssd")]
    public void MediaStatedByTheExport_WinsOverTheProductWords(string? diskType, string? storageClass, string media)
    {
        var line = Classify(UsageOf(Providers.Azure) with { ServiceName = "Storage", SkuMeter = "Premium Data Stored", DiskType = diskType, StorageClass = storageClass, Quantity = 1, QuantityUnit = Units.GbMonths });

        Assert.Equal(media, line.StorageMedia);
        Assert.DoesNotContain(AssumptionFlags.StorageMediaAssumed, line.Flags);
    }

    [Fact]
    public void RedundancyStatedByTheExport_GivesTheReplication()
    {
        var line = Classify(UsageOf(Providers.Azure) with { ServiceName = "Storage", SkuMeter = "Hot Data Stored", Redundancy = "GRS", Quantity = 1, QuantityUnit = Units.GbMonths });

        Assert.Equal(6, line.ReplicationFactor);
        Assert.DoesNotContain(AssumptionFlags.ReplicationAssumed, line.Flags);
    }

    [Fact]
    public void DiskMonthsWithAStatedSize_AreStorageOfThatSize()
    {
        // FOCUS SkuPriceDetails DiskSpace and DiskType, on a meter without a tier name.
        var line = Classify(UsageOf(Providers.Azure) with { ServiceName = "Storage", SkuMeter = "Ultra Disk", DiskSizeGb = 100, DiskType = "SSD", Quantity = 0.5, QuantityUnit = Units.Months });

        Assert.Equal((UsageKinds.Storage, 50.0, "ssd", 3), (line.UsageKind, line.StorageGbMonths!.Value, line.StorageMedia, line.ReplicationFactor!.Value));
        Assert.Empty(line.Flags);
    }

    [Fact]
    public void MonthsWithNeitherATierNorASize_AreNotStorage()
    {
        var line = Classify(UsageOf(Providers.Azure) with { ServiceName = "Azure DNS", SkuMeter = "Public Zone", Quantity = 1, QuantityUnit = Units.Months });

        Assert.Null(line.StorageGbMonths);
        Assert.Equal((UsageKinds.Network, Flags(AssumptionFlags.CostProxy)), (line.UsageKind, FlagsOf(line)));
    }
}

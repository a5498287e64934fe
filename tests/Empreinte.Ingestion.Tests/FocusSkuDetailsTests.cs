using Empreinte.Contracts;
using Empreinte.Domain.Classification;
using Empreinte.Domain.Factors;
using Empreinte.Domain.Usage;

namespace Empreinte.Ingestion.Tests;

/// <summary>FOCUS 1.2 SkuPriceDetails and Microsoft x_SkuDetails: instance type, vCPU, memory, GPUs, disk media and size, redundancy.</summary>
public class FocusSkuDetailsTests
{
    private const double GbPerGib = 1.073741824;
    private static readonly UsageClassifier s_classifier = new(FactorSet.Embedded);

    private const string Header = "BilledCost,EffectiveCost,ChargeCategory,ProviderName,ServiceName,ServiceCategory,RegionId,ChargePeriodStart,ChargePeriodEnd,ConsumedQuantity,ConsumedUnit,SkuMeter,InvoiceId,SkuPriceDetails,x_SkuDetails";

    private static string Row(string service, string category, double quantity, string unit, string meter, string? priceDetails, string? skuDetails = null) =>
        $"1.5,1.5,Usage,Microsoft,{service},{category},westeurope,2025-05-01T00:00:00Z,2025-05-02T00:00:00Z,{quantity.ToString(System.Globalization.CultureInfo.InvariantCulture)},{unit},{meter},INV-1,{Quote(priceDetails)},{Quote(skuDetails)}";

    private static string Quote(string? json) => json is null ? "NULL" : "\"" + json.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static (UsageRecord Record, UsageLine Line) Read(string row)
    {
        using var file = Samples.OpenText(Header + "\n" + row + "\n");
        Assert.Equal("focus-1.2", file.Format);
        var record = Assert.Single(file.Rows()).Record ?? throw new Xunit.Sdk.XunitException("rejected");
        return (record, s_classifier.Classify(record));
    }

    [Fact]
    public void SkuPriceDetails_InstanceCoresMemory_AreRead_AndTheVmIsMapped()
    {
        var (record, line) = Read(Row("Virtual Machines", "Compute", 24, "Hours", "D4s v5",
            """{"InstanceType": "Standard_D4s_v5", "CoreCount": 4, "MemorySize": 16, "GpuCount": 0, "OperatingSystem": "Linux"}"""));

        Assert.Equal(("Standard_D4s_v5", 4, (int?)null), (record.InstanceType, record.VCpus, record.GpuCount));
        Assert.Equal(16 * GbPerGib, record.MemoryGb!.Value, 9);
        Assert.Equal((LineStatuses.Mapped, UsageKinds.VirtualMachine, 24.0), (line.Status, line.UsageKind, line.InstanceHours!.Value));
    }

    [Fact]
    public void SkuPriceDetails_UncataloguedInstance_UsesStatedCoresMemoryAndGpus()
    {
        var (record, line) = Read(Row("Virtual Machines", "Compute", 10, "Hours", "ZZ9 gpu",
            """{"InstanceType": "Standard_ZZ9_gpu_v9", "CoreCount": "12", "MemorySize": "96 GiB", "GpuCount": 2}"""));

        Assert.Equal((12, 2), (record.VCpus, record.GpuCount));
        Assert.Equal((UsageKinds.VirtualMachine, 12, 2), (line.UsageKind, line.VCpus!.Value, line.GpuCount!.Value));
        Assert.Equal(96 * GbPerGib, line.MemoryGb!.Value, 9);
        Assert.Contains(AssumptionFlags.MicroarchitectureUnknown, line.Flags);
    }

    [Fact]
    public void MicrosoftSkuDetails_ServiceTypeAndVcpus_GiveVmSize()
    {
        var (record, line) = Read(Row("Virtual Machines", "Compute", 5, "Hours", "D2s v3",
            null, """{"ServiceType": "Standard_D2s_v3", "VCPUs": 2, "UsageType": "ComputeHR", "ImageType": "Canonical"}"""));

        Assert.Equal(("Standard_D2s_v3", 2), (record.InstanceType, record.VCpus));
        Assert.Equal((UsageKinds.VirtualMachine, 5.0), (line.UsageKind, line.InstanceHours!.Value));
    }

    [Fact]
    public void SkuPriceDetails_DiskTypeSpaceRedundancy_GiveDiskStorage()
    {
        var (record, line) = Read(Row("Storage", "Storage", 2, "1/Month", "Custom Managed Disk",
            """{"DiskType": "Premium SSD", "DiskSpace": 256, "Redundancy": "ZRS"}"""));

        Assert.Equal(("Premium SSD", "ZRS"), (record.DiskType, record.Redundancy));
        Assert.Equal(256 * GbPerGib, record.DiskSizeGb!.Value, 9);
        Assert.Equal((UsageKinds.Storage, "ssd", 3), (line.UsageKind, line.StorageMedia, line.ReplicationFactor!.Value));
        Assert.Equal(2 * 256 * GbPerGib, line.StorageGbMonths!.Value, 9);
        Assert.Empty(line.Flags);
    }

    [Fact]
    public void SkuPriceDetails_StorageClassAndRedundancy_GiveMediaAndReplication()
    {
        var (record, line) = Read(Row("Storage", "Storage", 500, "GB-Months", "Data Stored",
            """{"StorageClass": "Archive", "Redundancy": "GRS"}"""));

        Assert.Equal(("Archive", "GRS"), (record.StorageClass, record.Redundancy));
        Assert.Equal((UsageKinds.Storage, "hdd", 6, 500.0), (line.UsageKind, line.StorageMedia, line.ReplicationFactor!.Value, line.StorageGbMonths!.Value));
        Assert.Empty(line.Flags);
    }

    [Fact]
    public void SkuPriceDetails_NullOrMalformed_StatesNothing()
    {
        var (record, _) = Read(Row("Storage", "Storage", 5, "GB-Months", "Data Stored", "not json"));
        Assert.Equal((null, null, null, null), (record.InstanceType, record.VCpus, record.DiskType, record.Redundancy));
        var (nulls, _) = Read(Row("Storage", "Storage", 5, "GB-Months", "Data Stored", null));
        Assert.Equal((null, null), (nulls.InstanceType, nulls.MemoryGb));
    }
}

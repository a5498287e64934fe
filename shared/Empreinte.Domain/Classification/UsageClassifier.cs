using System.Text.RegularExpressions;
using Empreinte.Contracts;
using Empreinte.Domain.Factors;
using Empreinte.Domain.Usage;

namespace Empreinte.Domain.Classification;

/// <summary>
/// Turns a normalised <see cref="UsageRecord"/> into a classified <see cref="UsageLine"/>: the usage
/// kind and its physical quantities, or unmapped with a reason, or excluded (non-usage charges).
/// Nothing is dropped: every record comes out as exactly one line.
/// </summary>
public sealed partial class UsageClassifier(FactorSet factors)
{
    public UsageLine Classify(UsageRecord record)
    {
        var line = Base(record);
        if (!IsUsage(record.ChargeCategory))
            return line with { Status = LineStatuses.Excluded, UsageKind = UsageKinds.NonUsage, Reason = $"non-usage charge: {record.ChargeCategory}" };

        return TryMachine(record, line)
            ?? TryStorage(record, line)
            ?? TryNetwork(record, line)
            ?? line with { Reason = UnmappedReason(record) };
    }

    private static bool IsUsage(string chargeCategory) => chargeCategory.Equals("Usage", StringComparison.OrdinalIgnoreCase);

    private UsageLine? TryMachine(UsageRecord record, UsageLine line)
    {
        if (record.QuantityUnit != Units.Hours) return null;
        var instanceType = record.InstanceType ?? InstanceTypeFromText(record);
        if (instanceType is null) return null;

        var machine = factors.Machine(record.Provider, instanceType);
        if (machine is null)
            return line with { InstanceType = instanceType, Reason = $"instance type '{instanceType}' is not in the {record.Provider} machine catalogue" };

        return line with
        {
            Status = LineStatuses.Mapped,
            UsageKind = machine.GpuCount > 0 && machine.VCpus == 0 ? UsageKinds.GpuHours : UsageKinds.VirtualMachine,
            Reason = null,
            InstanceType = machine.Name,
            InstanceHours = record.Quantity,
            VCpus = machine.VCpus,
            MemoryGb = machine.MemoryGb,
            CpuMicroarchitecture = string.Join('|', machine.Microarchitectures),
            GpuModel = machine.GpuModel,
            GpuCount = machine.GpuCount == 0 ? null : machine.GpuCount,
            HostVCpus = machine.HostVCpus,
        };
    }

    /// <summary>
    /// Finds an instance type in free text: AWS descriptions ("per On Demand Linux m5.large Instance
    /// Hour", "…|us-east-1|m5.2xlarge") and Azure meters ("Virtual Machines Dv2/DSv2 Series - D11 v2/DS11 v2 - US East").
    /// </summary>
    private static string? InstanceTypeFromText(UsageRecord record)
    {
        foreach (var text in new[] { record.ChargeDescription, record.SkuMeter })
        {
            if (string.IsNullOrEmpty(text)) continue;
            if (record.Provider == Providers.Aws && AwsInstanceType().Match(text) is { Success: true } aws) return aws.Value;
            if (record.Provider == Providers.Azure && AzureVmMeter().Match(text) is { Success: true } azure)
                return azure.Groups["size"].Value.Split('/')[0].Trim();
        }

        return null;
    }

    private static UsageLine? TryStorage(UsageRecord record, UsageLine line)
    {
        if (record.QuantityUnit != Units.GbMonths) return null;
        var service = (record.ServiceName ?? "") + " " + (record.ChargeDescription ?? "") + " " + (record.SkuMeter ?? "");
        if (!IsStorageService(record, service)) return null;

        var flags = new List<string>();
        var media = StorageMedia(service);
        if (media is null)
        {
            media = "ssd";
            flags.Add(AssumptionFlags.StorageMediaAssumed);
        }

        var replication = StorageReplication.For(record.Provider, service, out var assumed);
        if (assumed) flags.Add(AssumptionFlags.ReplicationAssumed);

        return line with
        {
            Status = LineStatuses.Mapped,
            UsageKind = UsageKinds.Storage,
            Reason = null,
            StorageGbMonths = record.Quantity,
            StorageMedia = media,
            ReplicationFactor = replication,
            Flags = flags,
        };
    }

    private static bool IsStorageService(UsageRecord record, string text) =>
        string.Equals(record.ServiceCategory, "Storage", StringComparison.OrdinalIgnoreCase)
        || text.Contains("Storage", StringComparison.OrdinalIgnoreCase)
        || text.Contains("EBS", StringComparison.Ordinal)
        || text.Contains("Disk", StringComparison.OrdinalIgnoreCase);

    /// <summary>Media from the product words: HDD tiers (st1, sc1, Standard HDD, Cold/Archive) or SSD tiers.</summary>
    private static string? StorageMedia(string text)
    {
        if (HddWords().IsMatch(text)) return "hdd";
        if (SsdWords().IsMatch(text)) return "ssd";
        return null;
    }

    private static UsageLine? TryNetwork(UsageRecord record, UsageLine line)
    {
        if (record.QuantityUnit != Units.Gb) return null;
        var text = (record.ChargeDescription ?? "") + " " + (record.SkuMeter ?? "");
        var isTransfer = string.Equals(record.ServiceCategory, "Networking", StringComparison.OrdinalIgnoreCase)
            || text.Contains("data transfer", StringComparison.OrdinalIgnoreCase)
            || text.Contains("DataTransfer", StringComparison.OrdinalIgnoreCase)
            || text.Contains("Bandwidth", StringComparison.OrdinalIgnoreCase);
        if (!isTransfer) return null;

        return line with { Status = LineStatuses.Mapped, UsageKind = UsageKinds.Network, Reason = null, NetworkGb = record.Quantity };
    }

    private static string UnmappedReason(UsageRecord record) =>
        $"no physical model for {record.ServiceName ?? "unknown service"} in {(string.IsNullOrEmpty(record.RawUnit) ? "unknown unit" : record.RawUnit)}";

    private static UsageLine Base(UsageRecord record) => new()
    {
        SourceFile = record.SourceFile,
        SourceRow = record.SourceRow,
        Provider = record.Provider,
        BillingAccountId = record.BillingAccountId,
        SubAccountId = record.SubAccountId,
        SubAccountName = record.SubAccountName,
        ResourceId = record.ResourceId,
        ServiceName = record.ServiceName,
        ServiceCategory = record.ServiceCategory,
        RegionId = record.RegionId,
        ChargePeriodStart = record.ChargePeriodStart,
        ChargePeriodEnd = record.ChargePeriodEnd,
        ChargeCategory = record.ChargeCategory,
        SkuMeter = record.SkuMeter ?? record.ChargeDescription,
        InstanceType = record.InstanceType,
        Quantity = record.Quantity,
        QuantityUnit = record.QuantityUnit,
        Cost = record.Cost,
        Currency = record.Currency,
        Tags = record.Tags,
        Status = LineStatuses.Unmapped,
        UsageKind = UsageKinds.Unmapped,
    };

    [GeneratedRegex(@"\b[a-z][a-z0-9]*(?:-flex)?\.(?:nano|micro|small|medium|large|metal|\d*xlarge)\b", RegexOptions.CultureInvariant)]
    private static partial Regex AwsInstanceType();

    [GeneratedRegex(@"Virtual Machines .*? - (?<size>[A-Z][A-Za-z0-9 /]+?)(?: - | Low Priority| Spot|$)", RegexOptions.CultureInvariant)]
    private static partial Regex AzureVmMeter();

    [GeneratedRegex(@"\b(st1|sc1|HDD|Cold|Archive|Glacier|Infrequent|Standard - IA|Magnetic)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HddWords();

    [GeneratedRegex(@"\b(gp2|gp3|io1|io2|SSD|Premium|NVMe)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SsdWords();
}

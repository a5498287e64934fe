using System.Text.RegularExpressions;
using Empreinte.Contracts;
using Empreinte.Domain.Usage;

namespace Empreinte.Domain.Calculators.Ccf;

/// <summary>What Cloud Carbon Footprint's code computes for one billing line (AWS CUR, Azure consumption).</summary>
/// <param name="CpuKwh">Facility kWh of the vCPUs (PUE and replication included, as CCF reports it).</param>
/// <param name="EmbodiedKgCo2e">CCF's embodied carbon; CCF also adds it to kWh (÷ grid), which Empreinte does not.</param>
internal sealed record CcfEstimate(
    double CpuKwh,
    double MemoryKwh,
    double GpuKwh,
    double StorageKwh,
    double NetworkKwh,
    double Pue,
    double GridGramsPerKwh,
    double EmbodiedKgCo2e,
    double? Utilisation,
    IReadOnlyList<string> Flags)
{
    public double OperationalKwh => CpuKwh + MemoryKwh + GpuKwh + StorageKwh + NetworkKwh;

    public double OperationalKgCo2e => OperationalKwh * GridGramsPerKwh / 1000;
}

/// <summary>
/// Cloud Carbon Footprint's per-row estimation as its published packages run it
/// (@cloud-carbon-footprint/aws 0.15.0 CostAndUsageReports, azure 1.8.0 ConsumptionManagement):
/// CCF's own classification of the usage type, its instance tables, burstable baselines, memory
/// term, GPU term, replication factors, PUE, grid table and embodied carbon (usage hours ÷ vCPUs ×
/// scope 3 ÷ 35,040 h × vCPUs ÷ largest vCPUs of the family). Other providers are not covered here.
/// </summary>
internal static partial class CcfBillingRow
{
    /// <summary>Whether CCF's code gives the line an estimate (AWS and Azure usage in hours, GB-months, GB or GB-seconds), whatever Empreinte's classifier made of it.</summary>
    public static bool Covers(UsageLine line) =>
        line.Provider is Providers.Aws or Providers.Azure && line.UsageKind is not (UsageKinds.NonUsage or UsageKinds.AiTokens) && KindOf(line) != Kind.None;

    /// <summary>CCF's estimate of the line; null when CCF's packages do not cover the line (other providers, non-usage, AI tokens).</summary>
    public static CcfEstimate? Estimate(UsageLine line)
    {
        if (line.UsageKind is UsageKinds.NonUsage or UsageKinds.AiTokens) return null;
        return line.Provider switch
        {
            Providers.Aws => Aws(line, CcfTables.Embedded),
            Providers.Azure => Azure(line, CcfTables.Embedded),
            _ => null,
        };
    }

    /// <summary>
    /// CCF's PUE and grid factor for a provider's region (AWS, Azure, Google Cloud: regional PUE where
    /// CCF has one); <paramref name="fallback"/> when CCF's table lacks the region and its "Unknown" row applies.
    /// Null for providers CCF's tables do not cover.
    /// </summary>
    public static (double Pue, double GridGramsPerKwh)? Site(string provider, string? region, out bool fallback)
    {
        fallback = false;
        if (provider is not (Providers.Aws or Providers.Azure or Providers.Gcp)) return null;
        var t = CcfTables.Embedded;
        var flags = new List<string>(1);
        var grid = Grid(t, provider, region, flags);
        fallback = flags.Count > 0;
        var pue = (region is null ? null : t.OptionalConstant(provider, "pue-" + region.ToLowerInvariant())) ?? t.Constant(provider, "pue");
        return (pue, grid);
    }

    private enum Kind { Compute, Seconds, Storage, Network, Memory, None }

    private static Kind KindOf(UsageLine line) => line.QuantityUnit switch
    {
        Units.Hours or Units.VCpuHours => Kind.Compute,
        Units.Seconds when line.Provider == Providers.Aws => Kind.Seconds,
        Units.GbSeconds or "Lambda-GB-Second" when line.Provider == Providers.Aws => Kind.Seconds,
        "DPU-Hour" or "ACU-Hr" when line.Provider == Providers.Aws => Kind.Compute,
        // Units the normaliser leaves as written (CCF's MEMORY_USAGE_UNITS).
        "GB Hour" or "GB Second" or "GB Seconds" => Kind.Memory,
        Units.GbMonths or Units.Months => Kind.Storage,
        Units.Gb => Kind.Network,
        Units.GbSeconds or Units.GbHours => Kind.Memory,
        _ => line.UsageKind switch
        {
            UsageKinds.VirtualMachine => Kind.Compute,
            UsageKinds.Storage => Kind.Storage,
            UsageKinds.Network => Kind.Network,
            _ => Kind.None,
        },
    };

    // ---------------- AWS (CostAndUsageReports, CostAndUsageReportsRow) ----------------

    private static CcfEstimate Aws(UsageLine line, CcfTables t)
    {
        const string p = Providers.Aws;
        var flags = new List<string>();
        var pue = t.Constant(p, "pue");
        var grid = Grid(t, p, line.RegionId, flags);
        var service = line.ServiceCategory ?? "AmazonEC2";
        var usageType = line.SkuMeter ?? (line.InstanceType is { } type ? "BoxUsage:" + type : "");
        var amount = line.Quantity ?? 0;
        switch (KindOf(line))
        {
            case Kind.Seconds:
                {
                    // Lambda (GB-seconds read as vCPU-seconds, as CCF does) and other per-second usage: compute only.
                    var utilisation = t.Constant(p, "cpu-utilisation");
                    string[] processors = service == "AWSLambda" && usageType.EndsWith("-ARM", StringComparison.Ordinal) ? ["AWS Graviton2"] : ["Unknown"];
                    if (processors is ["Unknown"]) flags.Add(AssumptionFlags.MicroarchitectureUnknown);
                    var cpu = ComputeKwh(t, p, processors, utilisation, amount / 3600, pue, AwsReplication(t, service, usageType));
                    return new(cpu, 0, 0, 0, 0, pue, grid, 0, utilisation / 100, flags);
                }

            case Kind.Compute:
                {
                    var hours = line.InstanceHours ?? amount;
                    var replication = AwsReplication(t, service, usageType);
                    var vcpuType = AwsVCpuInstanceType(usageType);
                    var instanceType = AwsInstanceType(usageType);
                    var processors = t.Instance(p, instanceType)?.Processors is { Length: > 0 } known ? known : ["Unknown"];
                    var baseline = t.Instance(p, TwoParts(vcpuType))?.BurstableBaselinePercent;
                    var utilisation = t.Constant(p, "cpu-utilisation");
                    // CCF's Athena query takes vCPUs from the bill (product/vcpu) when its table lacks the type.
                    if (t.Instance(p, vcpuType) is null) flags.Add(CcfMethodology.InstanceTypeNotInCcf);
                    if (processors is ["Unknown"]) flags.Add(AssumptionFlags.MicroarchitectureUnknown);
                    var tableVCpus = t.Instance(p, vcpuType) is { Table: "ec2" } row ? row.VCpus : null;
                    double vcpuHours;
                    if (service == "AWSGlue") vcpuHours = 4 * hours;
                    else if (service == "AmazonSimpleDB") vcpuHours = hours;
                    else if (usageType.Contains("Aurora:ServerlessUsage", StringComparison.Ordinal)) vcpuHours = hours / 4;
                    else if (ContainsAny(["Fargate-vCPU-Hours", "CPUCredits"], usageType)) vcpuHours = hours;
                    else if (baseline is not null && t.Instance(p, TwoParts(vcpuType)) is { VCpus: { } burstVCpus })
                        vcpuHours = burstVCpus * (baseline.Value / utilisation) * hours;
                    else
                        vcpuHours = (tableVCpus ?? line.VCpus ?? 0) * hours;
                    var cpu = ComputeKwh(t, p, processors, utilisation, vcpuHours, pue, replication);

                    var gpu = 0.0;
                    if (ContainsAny(t.List(p, "GPU_INSTANCES_TYPES"), usageType))
                    {
                        var gpuHours = (t.Instance(p, vcpuType)?.Gpus ?? 0) * hours;
                        var gpuProcessors = t.Instance(p, instanceType)?.GpuProcessors is { Length: > 0 } g ? g : ["Unknown"];
                        gpu = ComputeKwh(t, p, gpuProcessors, utilisation, gpuHours, pue, replication);
                    }

                    var memory = 0.0;
                    var split = instanceType.Split('.');
                    if (t.Instance(p, instanceType) is { Table: "ec2", MemoryGb: { } memoryGb } instance && t.Instance(p, instanceType)?.BurstableBaselinePercent is null)
                    {
                        var chips = split[0] is "m5zn" or "z1d" ? 2 : Math.Ceiling(instance.FamilyLargestVCpus!.Value / 96);
                        memory = GigabyteHours(chips, instance.FamilyLargestMemoryGb!.Value, GbPerChip(t, p, processors), memoryGb, hours)
                            * t.Constant(p, "memory-kwh-per-gb-hour") * pue * replication;
                    }

                    var embodied = Embodied(t, p, t.Instance(p, split.Length >= 2 ? split[^2] + "." + split[^1] : ""), hours);
                    return new(cpu, memory, gpu, 0, 0, pue, grid, embodied, utilisation / 100, flags);
                }

            case Kind.Storage:
                {
                    var tbHours = line.QuantityUnit == Units.GbHours ? amount / 1000
                        : EndsWithAny(t.List(p, "BYTE_HOURS_USAGE_TYPES"), usageType) ? amount / Units.BytesPerTib
                        : (line.StorageGbMonths ?? amount) / 1000 * 24 * DaysInMonth(line);
                    var replication = AwsReplication(t, service, usageType);
                    string? coefficient = null;
                    if (EndsWithAny(t.List(p, "SSD_USAGE_TYPES"), usageType) || (EndsWithAny(t.List(p, "SSD_SERVICES"), service) && !usageType.Contains("Backup", StringComparison.Ordinal)))
                        coefficient = "ssd-wh-per-tb-hour";
                    else if (EndsWithAny(t.List(p, "HDD_USAGE_TYPES"), usageType))
                        coefficient = "hdd-wh-per-tb-hour";
                    else if (line.SkuMeter is null && line.StorageMedia is { } media)
                    {
                        // A line without a usage type: its own media and replication (CCF always has one).
                        coefficient = media == "hdd" ? "hdd-wh-per-tb-hour" : "ssd-wh-per-tb-hour";
                        replication = line.ReplicationFactor ?? 1;
                        tbHours = StoredCapacity.TbHours(line) / replication;
                    }

                    if (coefficient is null) return NotEstimated(pue, grid, flags);
                    var kwh = tbHours * t.Constant(p, coefficient) * pue * replication / 1000;
                    return new(0, 0, 0, kwh, 0, pue, grid, 0, null, flags);
                }

            case Kind.Network:
                {
                    var counted = line.SkuMeter is null || (EndsWithAny(t.List(p, "NETWORKING_USAGE_TYPES"), usageType) && service != "AmazonCloudFront");
                    if (!counted) return NotEstimated(pue, grid, flags);
                    var kwh = (line.NetworkGb ?? amount) * t.Constant(p, "network-kwh-per-gb") * pue;
                    return new(0, 0, 0, 0, kwh, pue, grid, 0, null, flags);
                }

            default:
                return NotEstimated(pue, grid, flags);
        }
    }

    /// <summary>CCF AWS_REPLICATION_FACTORS_FOR_SERVICES.</summary>
    private static double AwsReplication(CcfTables t, string service, string usageType)
    {
        string Factor() => service switch
        {
            "AmazonS3" when ContainsAny(["TimedStorage-ZIA", "EarlyDelete-ZIA", "TimedStorage-RRS"], usageType) => "s3-one-zone-reduced-redundancy",
            "AmazonS3" when ContainsAny(["TimedStorage", "EarlyDelete"], usageType) => "s3",
            "AmazonEC2" when usageType.Contains("VolumeUsage", StringComparison.Ordinal) => "ec2-ebs-volume",
            "AmazonEC2" when usageType.Contains("SnapshotUsage", StringComparison.Ordinal) => "ec2-ebs-snapshot",
            "AmazonEFS" => usageType.Contains("ZIA", StringComparison.Ordinal) ? "efs-one-zone" : "efs",
            "AmazonRDS" when usageType.Contains("BackupUsage", StringComparison.Ordinal) => "rds-backup",
            "AmazonRDS" when usageType.Contains("Aurora", StringComparison.Ordinal) => "rds-aurora",
            "AmazonRDS" when usageType.Contains("Multi-AZ", StringComparison.Ordinal) => "rds-multi-az",
            "AmazonDocDB" => usageType.Contains("BackupUsage", StringComparison.Ordinal) ? "document-db-backup" : "document-db-storage",
            "AmazonDynamoDB" => "dynamo-db",
            "AmazonECR" when usageType.Contains("TimedStorage", StringComparison.Ordinal) => "ecr-storage",
            "AmazonElastiCache" when usageType.Contains("BackupUsage", StringComparison.Ordinal) => "document-elasticache-backup",
            "AmazonSimpleDB" when usageType.Contains("TimedStorage", StringComparison.Ordinal) => "simple-db",
            _ => "default",
        };
        return t.Constant(Providers.Aws, "replication-" + Factor());
    }

    /// <summary>CCF extractInstanceTypeFromUsageType: the part after the last ':' without a service prefix.</summary>
    private static string AwsVCpuInstanceType(string usageType) =>
        ServicePrefix().Replace(usageType[(usageType.LastIndexOf(':') + 1)..], "");

    /// <summary>CCF parseInstanceTypeFromUsageType ("…xl" read as "…xlarge"; db/cache/Kafka prefixes).</summary>
    private static string AwsInstanceType(string usageType)
    {
        if (usageType.EndsWith("xl", StringComparison.Ordinal)) usageType += "arge";
        foreach (var prefix in (ReadOnlySpan<string>)["db", "cache", "Kafka"])
        {
            if (!usageType.Contains(prefix, StringComparison.Ordinal)) continue;
            var at = usageType.LastIndexOf(prefix + ".", StringComparison.Ordinal);
            return at < 0 ? usageType : usageType[(at + prefix.Length + 1)..];
        }

        return usageType[(usageType.LastIndexOf(':') + 1)..];
    }

    private static string TwoParts(string type)
    {
        var parts = type.Split('.');
        return parts.Length <= 2 ? type : parts[0] + "." + parts[1];
    }

    [GeneratedRegex(@"^((db|cache|dax|dms|ml|mq|KernelGateway-ml|.+Kafka)\.)", RegexOptions.CultureInvariant)]
    private static partial Regex ServicePrefix();

    // ---------------- Azure (ConsumptionManagement, ConsumptionDetailRow) ----------------

    private static CcfEstimate Azure(UsageLine line, CcfTables t)
    {
        const string p = Providers.Azure;
        var flags = new List<string>();
        var pue = t.Constant(p, "pue");
        var grid = Grid(t, p, line.RegionId, flags);
        var service = line.ServiceName ?? "Virtual Machines";
        var meter = line.SkuMeter ?? line.InstanceType ?? "";
        var usageType = meter.Contains("Spot", StringComparison.Ordinal) ? meter.Replace(" Spot", "", StringComparison.Ordinal)
            : meter.Contains('/') ? meter.Split('/')[0] : meter;
        // Exports without CCF's meter name (FOCUS: SkuMeter is absent or a description): the size the classifier read.
        if (t.Instance(p, usageType) is null && line.InstanceType is { } size && t.Instance(p, size) is not null) usageType = size;
        var amount = line.Quantity ?? 0;
        var replication = AzureReplication(t, service, usageType);
        var memoryCoefficient = t.Constant(p, "memory-kwh-per-gb-hour");
        var isMemoryUsage = ContainsAny(t.List(p, "MEMORY_USAGE_TYPES"), usageType);
        switch (KindOf(line))
        {
            case Kind.Compute:
                {
                    var hours = line.InstanceHours ?? amount;
                    var instance = t.Instance(p, usageType);
                    if (isMemoryUsage)
                        return new(0, hours * memoryCoefficient * pue * replication, 0, 0, 0, pue, grid, 0, null, flags);
                    var utilisation = t.Constant(p, "cpu-utilisation");
                    var processors = instance?.Processors is { Length: > 0 } known ? known : ["Unknown"];
                    // CCF counts 1 vCPU for a meter missing from its tables.
                    if (instance is null) flags.Add(CcfMethodology.InstanceTypeNotInCcf);
                    if (processors is ["Unknown"]) flags.Add(AssumptionFlags.MicroarchitectureUnknown);
                    var cpu = ComputeKwh(t, p, processors, utilisation, hours * (instance?.VCpus ?? 1), pue, replication);
                    var gpu = 0.0;
                    if (ContainsAny(t.List(p, "GPU_VIRTUAL_MACHINE_TYPES"), usageType))
                    {
                        var gpuProcessors = instance?.GpuProcessors is { Length: > 0 } g ? g : ["Unknown"];
                        gpu = ComputeKwh(t, p, gpuProcessors, utilisation, hours * (instance?.Gpus ?? 1), pue, replication);
                    }

                    var memory = 0.0;
                    if (instance is { Table: "series", MemoryGb: { } memoryGb })
                    {
                        memory = GigabyteHours(Math.Ceiling(instance.FamilyLargestVCpus!.Value / 96), instance.FamilyLargestMemoryGb!.Value,
                            GbPerChip(t, p, processors), memoryGb, hours) * memoryCoefficient * pue * replication;
                    }

                    var embodied = instance?.Table is "series" or "constrained-vcpu" ? Embodied(t, p, instance, hours) : 0;
                    return new(cpu, memory, gpu, 0, 0, pue, grid, embodied, utilisation / 100, flags);
                }

            case Kind.Memory:
                {
                    var gbHours = line.QuantityUnit is Units.GbSeconds or "GB Second" or "GB Seconds" ? amount / 3600 : amount;
                    return new(0, gbHours * memoryCoefficient * pue * replication, 0, 0, 0, pue, grid, 0, null, flags);
                }

            case Kind.Storage:
                {
                    var ssdDisks = t.List(p, "SSD_MANAGED_DISKS_STORAGE_GB");
                    var hddDisks = t.List(p, "HDD_MANAGED_DISKS_STORAGE_GB");
                    var ssd = ContainsAny(ssdDisks, usageType) || ContainsAny(t.List(p, "STORAGE_USAGE_TYPES"), usageType);
                    var hdd = !ssd && ContainsAny(hddDisks, usageType);
                    var managed = ContainsAny(ssdDisks, usageType) || ContainsAny(hddDisks, usageType);
                    double tbHours;
                    if (line.SkuMeter is null && line.StorageMedia is { } media)
                    {
                        // A line without a meter: its own media and replication (CCF always has a meter).
                        ssd = media != "hdd";
                        hdd = !ssd;
                        replication = line.ReplicationFactor ?? 1;
                        tbHours = (line.StorageGbMonths ?? amount) * Units.HoursPerMonth / 1000;
                    }
                    else if (ssd && managed)
                    {
                        // CCF reads the disk tier (P10, E30…) from the meter and counts its size for a day, whatever the quantity;
                        // a standard-HDD meter ("S10 LRS Disk") has no P/E tier and makes CCF throw.
                        var tier = DiskTier().Match(usageType);
                        if (!tier.Success)
                        {
                            flags.Add(CcfMethodology.RowFailedInCcf);
                            return NotEstimated(pue, grid, flags);
                        }

                        tbHours = Amount(ssdDisks, tier.Value) / 1000 * 24;
                    }
                    else if (hdd && managed)
                    {
                        tbHours = Amount(hddDisks, DiskWord().Replace(usageType, "").Trim()) / 1000 * 24;
                    }
                    else
                    {
                        tbHours = amount / 1000 * 24;
                    }

                    if (!ssd && !hdd) return NotEstimated(pue, grid, flags);
                    var kwh = tbHours * t.Constant(p, ssd ? "ssd-wh-per-tb-hour" : "hdd-wh-per-tb-hour") * pue * replication / 1000;
                    return new(0, 0, 0, double.IsNaN(kwh) ? 0 : kwh, 0, pue, grid, 0, null, flags);
                }

            case Kind.Network:
                {
                    // CCF leaves out internet egress ("Data Transfer Out … To Any").
                    var counted = line.SkuMeter is null || (ContainsAny(t.List(p, "NETWORKING_USAGE_TYPES"), usageType) && !usageType.Contains("To Any", StringComparison.Ordinal));
                    if (!counted) return NotEstimated(pue, grid, flags);
                    var kwh = (line.NetworkGb ?? amount) * t.Constant(p, "network-kwh-per-gb") * pue;
                    return new(0, 0, 0, 0, kwh, pue, grid, 0, null, flags);
                }

            default:
                return NotEstimated(pue, grid, flags);
        }
    }

    /// <summary>CCF AZURE_REPLICATION_FACTORS_FOR_SERVICES (1 where CCF has none).</summary>
    private static double AzureReplication(CcfTables t, string service, string usageType)
    {
        string Factor() => service switch
        {
            "Storage" when usageType.Contains("LRS", StringComparison.Ordinal) => "storage-lrs",
            "Storage" when usageType.Contains("GZRS", StringComparison.Ordinal) => "storage-gzrs",
            "Storage" when usageType.Contains("ZRS", StringComparison.Ordinal) => "storage-zrs",
            "Storage" when usageType.Contains("GRS", StringComparison.Ordinal) => "storage-grs",
            "Storage" when usageType.Contains("Disks", StringComparison.Ordinal) => "storage-disks",
            "Azure Database for MySQL" => "database-mysql",
            "Azure Cosmos DB" when usageType.Contains("Data Stored", StringComparison.Ordinal) => "cosmos-db",
            "SQL Database" when ContainsAny(["Data Stored", "vCore"], usageType) => "sql-db",
            "Redis Cache" => "redis-cache",
            _ => "default",
        };
        return t.Constant(Providers.Azure, "replication-" + Factor());
    }

    [GeneratedRegex(@"(P|E)\d{1,2}", RegexOptions.CultureInvariant)]
    private static partial Regex DiskTier();

    [GeneratedRegex(@"Disks?", RegexOptions.CultureInvariant)]
    private static partial Regex DiskWord();

    // ---------------- shared (core) ----------------

    private static CcfEstimate NotEstimated(double pue, double grid, List<string> flags)
    {
        flags.Add(CcfMethodology.NotEstimatedByCcf);
        return new(0, 0, 0, 0, 0, pue, grid, 0, null, flags);
    }

    private static double Grid(CcfTables t, string provider, string? region, List<string> flags)
    {
        if (region is not null && t.Grid(provider, region.ToLowerInvariant()) is { } known) return known;
        flags.Add(CalculatorFlags.CcfGridFallback);
        return t.Grid(provider, "unknown")!.Value;
    }

    /// <summary>CCF ComputeEstimator: (min + u × (max − min)) × vCPU-hours × PUE × replication ÷ 1000.</summary>
    private static double ComputeKwh(CcfTables t, string provider, string[] processors, double utilisationPercent, double vcpuHours, double pue, double replication)
    {
        var min = Watts(t, provider, processors, w => w.Min, "Average");
        var max = Watts(t, provider, processors, w => w.Max, "Average");
        return (min + utilisationPercent / 100 * (max - min)) * vcpuHours * pue * replication / 1000;
    }

    /// <summary>
    /// CCF getMinWatts/getMaxWatts: mean of the processors' values, median with Sandy or Ivy Bridge;
    /// the provider average when a processor has no value (CCF's mean is then undefined or NaN).
    /// </summary>
    private static double Watts(CcfTables t, string provider, string[] processors, Func<(double? Min, double? Max, double? Gb), double?> pick, string average)
    {
        var values = processors.Select(n => pick(t.Processor(provider, n))).ToList();
        double? result;
        if (processors.Contains("Sandy Bridge") || processors.Contains("Ivy Bridge"))
        {
            // ramda median: JavaScript's sort puts undefined last; a middle undefined gives NaN.
            var sorted = values.Where(v => v is not null).Select(v => v!.Value).Order().Cast<double?>().Concat(values.Where(v => v is null)).ToList();
            var width = 2 - sorted.Count % 2;
            var middle = sorted.Skip((sorted.Count - width) / 2).Take(width).ToList();
            result = middle.Any(v => v is null) ? null : middle.Average(v => v!.Value);
        }
        else
        {
            result = values.Count == 0 || values.Any(v => v is null) ? null : values.Average(v => v!.Value);
        }

        return result is { } r && r != 0 ? r : pick(t.Processor(provider, average))!.Value;
    }

    /// <summary>CCF getMemory: mean GB per physical chip of the processors, the provider average when undefined.</summary>
    private static double GbPerChip(CcfTables t, string provider, string[] processors)
    {
        var values = processors.Select(n => t.Processor(provider, n).GbPerChip).ToList();
        return values.Count > 0 && values.All(v => v is not null) && values.Average(v => v!.Value) is var mean && mean != 0
            ? mean
            : t.Processor(provider, "Average").GbPerChip!.Value;
    }

    /// <summary>CCF calculateGigabyteHours: the host's memory per chip above the processors' GB per chip, by the instance's share of memory.</summary>
    private static double GigabyteHours(double chips, double largestMemoryGb, double gbPerChip, double instanceMemoryGb, double hours)
    {
        var excess = largestMemoryGb / chips - gbPerChip;
        return excess > 0 ? excess / (largestMemoryGb / instanceMemoryGb) * hours : 0;
    }

    /// <summary>
    /// CCF EmbodiedEmissionsEstimator as the packages call it: usage period = hours ÷ instance vCPUs,
    /// × scope 3 ÷ lifespan × vCPUs ÷ largest vCPUs; nothing when a field is missing.
    /// </summary>
    private static double Embodied(CcfTables t, string provider, CcfInstance? instance, double hours)
    {
        if (instance is not { VCpus: > 0 and var vcpus, EmbodiedKgCo2e: > 0 and var scope3, FamilyLargestVCpus: > 0 and var largest }) return 0;
        return scope3 * (hours / vcpus / t.Constant(provider, "server-lifespan-hours")) * (vcpus / largest);
    }

    private static double DaysInMonth(UsageLine line) =>
        line.ChargePeriodStart is { } start ? DateTime.DaysInMonth(start.UtcDateTime.Year, start.UtcDateTime.Month) : 30.42;

    /// <summary>
    /// CCF containsAny: each value, as a regular expression between word boundaries (so "NC24" does not
    /// match "NC24ads A100 v4", and a '.' in a value matches any character, as in CCF).
    /// </summary>
    private static bool ContainsAny(IReadOnlyList<(string Value, double? Amount)> list, string text)
    {
        foreach (var (value, _) in list)
        {
            if (WordPattern(value).IsMatch(text)) return true;
        }

        return false;
    }

    private static bool ContainsAny(ReadOnlySpan<string> values, string text)
    {
        foreach (var value in values)
        {
            if (WordPattern(value).IsMatch(text)) return true;
        }

        return false;
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Regex> _wordPatterns = new(StringComparer.Ordinal);

    private static Regex WordPattern(string value) =>
        _wordPatterns.GetOrAdd(value, v => new Regex(@"\b" + v + @"\b", RegexOptions.ECMAScript | RegexOptions.CultureInvariant));

    private static bool EndsWithAny(IReadOnlyList<(string Value, double? Amount)> list, string text)
    {
        foreach (var (value, _) in list)
        {
            if (text.EndsWith(value, StringComparison.Ordinal)) return true;
        }

        return false;
    }

    private static double Amount(IReadOnlyList<(string Value, double? Amount)> list, string key)
    {
        foreach (var (value, amount) in list)
        {
            if (value == key) return amount ?? double.NaN;
        }

        return double.NaN;
    }
}

using System.Buffers;
using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
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
        if (!IsUsage(record.ChargeCategory))
            return Line(record, new Decision { Status = LineStatuses.Excluded, UsageKind = UsageKinds.NonUsage, Reason = _nonUsageReasons.For((record.ChargeCategory, null)) });

        // The words every rule looks in, built once per record (this runs on every row of the export).
        var text = _texts.For((record.ServiceName, record.MeterCategory, record.MeterSubcategory, record.SkuMeter, record.ChargeDescription));
        var decision = TryAiTokens(record)
            ?? TryDatabase(record, text)
            ?? TryMachine(record, text)
            ?? TryContainerOrServerless(record, text)
            ?? TryOciCompute(record)
            ?? TryStorage(record, text)
            ?? TryManagedDisk(record, text)
            ?? TryNetwork(record, text)
            ?? TryCostProxy(record, text)
            ?? new Decision { Reason = _unmappedReasons.For((record.ServiceName, record.RawUnit)) };
        return Line(record, decision);
    }

    /// <summary>
    /// What a rule decides about a record: the line's fields beyond those copied from the record
    /// (unset: unmapped, no flags, the record's instance type). Rules return this value rather
    /// than a copy of the line each, so that one line object is built per record (<see cref="Line"/>).
    /// </summary>
    private readonly record struct Decision
    {
        public string? Status { get; init; }
        public string? UsageKind { get; init; }
        public string? Reason { get; init; }
        public IReadOnlyList<string>? Flags { get; init; }
        public string? InstanceType { get; init; }
        public double? InstanceHours { get; init; }
        public int? VCpus { get; init; }
        public double? MemoryGb { get; init; }
        public string? CpuMicroarchitecture { get; init; }
        public string? GpuModel { get; init; }
        public int? GpuCount { get; init; }
        public int? HostVCpus { get; init; }
        public double? HostMemoryGb { get; init; }
        public double? StorageGbMonths { get; init; }
        public string? StorageMedia { get; init; }
        public int? ReplicationFactor { get; init; }
        public double? NetworkGb { get; init; }
        public string? AiModel { get; init; }
        public double? InputTokens { get; init; }
        public double? OutputTokens { get; init; }
        public double? VCpuHours { get; init; }
        public double? MemoryGbHours { get; init; }
        public double? GbSeconds { get; init; }
        public string? AiDeployment { get; init; }
    }

    private static readonly Decision s_mapped = new() { Status = LineStatuses.Mapped };

    // Strings built from the record's words, once per combination rather than once per row (see RepeatedText).
    private readonly RepeatedText<(string?, string?, string?, string?, string?), string> _texts = new(Text, SameStrings.Instance);
    private readonly RepeatedText<(string?, string?), string> _nonUsageReasons = new(k => $"non-usage charge: {k.Item1}", SameStrings.Instance);
    private readonly RepeatedText<(string?, string?), string> _unmappedReasons = new(k => UnmappedReason(k.Item1, k.Item2), SameStrings.Instance);
    private readonly RepeatedText<(string?, string?), string> _costProxyReasons = new(k => CostProxyReason(k.Item1, k.Item2), SameStrings.Instance);
    private readonly RepeatedText<(string?, string?, string?), string?> _instanceTypesInText = new(k => InstanceTypeFromText(k.Item1!, k.Item2, k.Item3), SameStrings.Instance);

    private const int MachineCacheLimit = 4096;
    private readonly ConcurrentDictionary<(string Provider, string Name), MachineType?> _machines = new();
    private readonly ConcurrentDictionary<(string Provider, string Name), MachineType?> _inferred = new();
    private readonly ConditionalWeakTable<MachineType, string> _microarchitectures = [];

    /// <summary>Catalogue lookup, cached per spelling: instance types repeat on millions of rows and the catalogue builds a key per lookup.</summary>
    private MachineType? Machine(string provider, string name)
    {
        if (_machines.TryGetValue((provider, name), out var machine)) return machine;
        machine = factors.Machine(provider, name);
        // A bound on distinct spellings, so an odd export cannot grow the cache without limit.
        if (_machines.Count < MachineCacheLimit) _machines.TryAdd((provider, name), machine);
        return machine;
    }

    /// <summary>The words every rule looks in: service, meter category and subcategory, meter, description.</summary>
    private static string Text((string? Service, string? MeterCategory, string? MeterSubcategory, string? Meter, string? Description) words) =>
        $"{words.Service} {words.MeterCategory} {words.MeterSubcategory} {words.Meter} {words.Description}";

    private static bool Has(string text, string word) => text.Contains(word, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Whether the text contains any of the words, ignoring case: the same test as a chain of <see cref="Has"/>, in one
    /// vectorised pass (a chain of case-insensitive Contains was the classifier's main cost per row).
    /// </summary>
    private static bool HasAny(string text, SearchValues<string> words) => text.AsSpan().ContainsAny(words);

    private static SearchValues<string> Words(params string[] words) => SearchValues.Create(words, StringComparison.OrdinalIgnoreCase);

    private static readonly SearchValues<string> s_notCompute = Words("License", "Extended Support");
    private static readonly SearchValues<string> s_serverless = Words("Lambda", "Functions", "Cloud Run", "Cloud Functions");
    private static readonly SearchValues<string> s_container = Words("Fargate", "Container", "Kubernetes", "ECS", "EKS");
    private static readonly SearchValues<string> s_cores = Words("vCPU", "vCore");
    private static readonly SearchValues<string> s_memory = Words("GB-Hours", "Memory");
    private static readonly SearchValues<string> s_defender = Words("Defender");
    private static readonly SearchValues<string> s_disk = Words("Disk");
    private static readonly SearchValues<string> s_marketplace = Words("Marketplace");
    private static readonly SearchValues<string> s_notProxied = Words("Marketplace", "License");
    private static readonly SearchValues<string> s_storageProxy = Words("Storage", "S3", "Blob", "Glacier", "Log Analytics");
    private static readonly SearchValues<string> s_aiProxy = Words("OpenAI", "Bedrock", "Cognitive", "Vertex AI", "Gemini");
    private static readonly SearchValues<string> s_containerProxy = Words("Kubernetes", "Container", "EKS", "Fargate");
    private static readonly SearchValues<string> s_virtualMachine = Words("Virtual Machine");
    private static readonly SearchValues<string> s_memoryWord = Words("Memory");
    private static readonly SearchValues<string> s_earlyDelete = Words("EarlyDelete", "Early Delete");
    private static readonly SearchValues<string> s_storageOrDisk = Words("Storage", "Disk");

    /// <summary>
    /// OpenAI usage (model and token counts from the API), Azure OpenAI meters (every deployment type), Bedrock token
    /// usage types (every model family), Google Cloud Vertex AI and Gemini API SKUs. Capacity billed by the hour
    /// (Azure PTU, Vertex AI provisioned throughput) has no token count: it is kept as AI usage by cost, flagged.
    /// </summary>
    private Decision? TryAiTokens(UsageRecord record)
    {
        if (record.InputTokens is not null || record.OutputTokens is not null)
        {
            return s_mapped with
            {
                UsageKind = UsageKinds.AiTokens,
                AiModel = record.AiModel,
                InputTokens = record.InputTokens,
                OutputTokens = record.OutputTokens,
                Flags = record.AiModel is null ? [AssumptionFlags.ModelSizeAssumed] : [],
            };
        }

        if (record.Provider == Providers.Azure && record.QuantityUnit == Units.Hours && Has(record.MeterCategory ?? "", "OpenAI")
            && AiMeters.ParseAzure(record.SkuMeter ?? "", record.MeterSubcategory) is { Deployment: AiMeters.Provisioned } ptu)
            return Provisioned(record, ptu.Model);

        if (record.Provider == Providers.Gcp && record.SkuMeter is { } sku && AiMeters.ParseGcp(sku) is { } gcp)
        {
            if (gcp.Deployment == AiMeters.Provisioned) return Provisioned(record, gcp.Model);
            if (gcp.Direction is null || record.Quantity is not { } amount) return null;
            // The SKU says what is counted; the unit may be the generic "count". Image or video counts are not tokens.
            if (record.QuantityUnit == Units.Characters || (Has(sku, "character") && record.QuantityUnit is Units.Count or Units.Requests))
            {
                var fromCharacters = amount / factors.Constant("gemini-characters-per-token").Value.Central;
                return AiTokens(gcp.Model, gcp.Direction, fromCharacters) with { AiDeployment = gcp.Deployment, Flags = [AssumptionFlags.TokensFromCharacters] };
            }

            if (record.QuantityUnit == Units.Tokens || (Has(sku, "token") && record.QuantityUnit is Units.Count or Units.Requests))
                return AiTokens(gcp.Model, gcp.Direction, amount) with { AiDeployment = gcp.Deployment };
            return null;
        }

        if (record.Quantity is not { } tokens || record.QuantityUnit is not (Units.Tokens or Units.Count)) return null;
        if (record.Provider == Providers.Azure && (Has(record.MeterCategory ?? "", "OpenAI") || Has(record.SkuMeter ?? "", "Tokens")))
        {
            var (direction, deployment, model) = AiMeters.ParseAzure(record.SkuMeter ?? "", record.MeterSubcategory);
            if (direction is null) return null;
            return AiTokens(model, direction, tokens) with { AiDeployment = deployment };
        }

        if (record.Provider == Providers.Aws && record.SkuMeter is { } usageType && AiMeters.ParseBedrock(usageType) is { } bedrock)
            return AiTokens(bedrock.Model, bedrock.Direction, tokens) with { AiDeployment = bedrock.Deployment };
        return null;
    }

    /// <summary>Reserved AI capacity billed by the hour: AI usage by cost (no token count to model), with the model it serves.</summary>
    private Decision Provisioned(UsageRecord record, string model) => s_mapped with
    {
        UsageKind = UsageKinds.AiTokens,
        AiModel = model.Length == 0 ? null : model,
        AiDeployment = AiMeters.Provisioned,
        Flags = [AssumptionFlags.CostProxy],
        Reason = _costProxyReasons.For((record.ServiceName, record.RawUnit)),
    };

    private static Decision AiTokens(string model, string direction, double tokens) => s_mapped with
    {
        UsageKind = UsageKinds.AiTokens,
        AiModel = model,
        InputTokens = direction == AiMeters.Output ? null : tokens,
        OutputTokens = direction == AiMeters.Output ? tokens : null,
    };

    /// <summary>
    /// Managed databases: vCore/vCPU-hours (Azure SQL and MySQL vCore meters, AdditionalInfo vCores, RDS
    /// db.* instances, OCI database OCPUs). Licence and extended-support fees per vCPU are not compute.
    /// </summary>
    private Decision? TryDatabase(UsageRecord record, string text)
    {
        if (!DatabaseWords().IsMatch(text) || record.Quantity is not { } q) return null;
        if (HasAny(text, s_notCompute)) return null;

        if (record.QuantityUnit == Units.VCpuHours)
            return Database(q, null, [AssumptionFlags.MemoryAssumed]);
        if (record.QuantityUnit != Units.Hours) return null;

        var instance = record.InstanceType ?? _instanceTypesInText.For((record.Provider, record.ChargeDescription, record.SkuMeter));
        if (instance is not null && instance.StartsWith("db.", StringComparison.OrdinalIgnoreCase)
            && Machine(record.Provider, instance[3..]) is { } machine)
            return Database(q * machine.VCpus, q * machine.MemoryGb, []) with { InstanceType = instance, VCpus = machine.VCpus, MemoryGb = machine.MemoryGb };

        var vcores = record.VCpus ?? (VCoreWord().Match(record.SkuMeter ?? "") is { Success: true } m ? int.Parse(m.Groups["n"].Value, System.Globalization.CultureInfo.InvariantCulture) : null);
        if (vcores is null && Has(record.SkuMeter ?? "", "vCore")) vcores = 1;
        return vcores is { } v ? Database(q * v, record.MemoryGb is { } mem ? q * mem : null, record.MemoryGb is null ? [AssumptionFlags.MemoryAssumed] : []) with { VCpus = v } : null;
    }

    private static Decision Database(double vcpuHours, double? memoryGbHours, IReadOnlyList<string> flags) => s_mapped with
    {
        UsageKind = UsageKinds.Database,
        VCpuHours = vcpuHours,
        MemoryGbHours = memoryGbHours,
        Flags = [.. flags, AssumptionFlags.MicroarchitectureUnknown],
    };

    /// <summary>Fargate/ECS/EKS/AKS/Container Apps vCPU and GB hours → container; Lambda/Functions GB-seconds and Cloud Run → serverless.</summary>
    private static Decision? TryContainerOrServerless(UsageRecord record, string text)
    {
        if (record.Quantity is not { } q) return null;
        var serverless = HasAny(text, s_serverless);
        var container = HasAny(text, s_container);
        var kind = serverless ? UsageKinds.Serverless : container ? UsageKinds.Container : null;
        var mapped = s_mapped with { UsageKind = kind ?? UsageKinds.Serverless };
        switch (record.QuantityUnit)
        {
            case Units.GbSeconds:
                return mapped with { GbSeconds = q, MemoryGbHours = q / 3600 };
            case Units.VCpuSeconds when kind is not null:
                return mapped with { VCpuHours = q / 3600 };
            case Units.VCpuHours when kind is not null:
                return mapped with { VCpuHours = q };
            case Units.GbHours when kind is not null:
                return mapped with { MemoryGbHours = q };
            case Units.Hours when kind is not null && HasAny(text, s_cores) && !HasAny(text, s_defender):
                return mapped with { VCpuHours = q };
            case Units.Hours when kind is not null && HasAny(text, s_memory) && !HasAny(text, s_defender):
                return mapped with { MemoryGbHours = q };
            default:
                return null;
        }
    }

    /// <summary>
    /// OCI bills compute per OCPU-hour and memory per GB-hour on separate lines. Each becomes a
    /// virtual-machine line of a notional 1-vCPU (or 1-GB, 0-vCPU) instance, so hours × vCPUs and hours × GB stay exact.
    /// </summary>
    private static Decision? TryOciCompute(UsageRecord record)
    {
        if (record.Provider != Providers.Oci || record.Quantity is not { } q) return null;
        var flags = new[] { AssumptionFlags.MicroarchitectureUnknown };
        return record.QuantityUnit switch
        {
            Units.VCpuHours => s_mapped with { UsageKind = UsageKinds.VirtualMachine, InstanceHours = q, VCpus = 1, MemoryGb = 0, VCpuHours = q, Flags = flags },
            Units.GbHours => s_mapped with { UsageKind = UsageKinds.VirtualMachine, InstanceHours = q, VCpus = 0, MemoryGb = 1, MemoryGbHours = q, Flags = flags },
            Units.GpuHours => s_mapped with { UsageKind = UsageKinds.GpuHours, InstanceHours = q, GpuCount = 1, Flags = flags },
            _ => null,
        };
    }

    /// <summary>
    /// Disks billed per disk-month: the Azure tier in the meter gives the size (<c>P10 LRS Disk</c>), else the size the
    /// export states (FOCUS SkuPriceDetails <c>DiskSpace</c>, with <c>DiskType</c> for the media).
    /// </summary>
    private static Decision? TryManagedDisk(UsageRecord record, string text)
    {
        if (record.QuantityUnit != Units.Months || record.Quantity is not { } months) return null;
        var tier = HasAny(text, s_disk) ? ManagedDisks.Tier(record.SkuMeter ?? "") ?? ManagedDisks.Tier(text) : null;
        if (tier is null && record.DiskSizeGb is null) return null;

        var flags = new List<string>(2);
        var gb = tier?.Gb ?? record.DiskSizeGb!.Value;
        var media = tier?.Media ?? StatedMedia(record) ?? StorageMedia(text);
        if (media is null)
        {
            media = "ssd";
            flags.Add(AssumptionFlags.StorageMediaAssumed);
        }

        var replication = StorageReplication.For(record.Provider, $"Managed Disk {text} {record.Redundancy}", out var assumed);
        if (assumed) flags.Add(AssumptionFlags.ReplicationAssumed);
        return s_mapped with
        {
            UsageKind = UsageKinds.Storage,
            StorageGbMonths = months * gb,
            StorageMedia = media,
            ReplicationFactor = replication,
            Flags = flags,
        };
    }

    /// <summary>Media from what the export states about the SKU (FOCUS SkuPriceDetails DiskType, StorageClass), or null.</summary>
    private static string? StatedMedia(UsageRecord record) =>
        record.DiskType is null && record.StorageClass is null ? null : StorageMedia($"{record.DiskType} {record.StorageClass}");

    /// <summary>
    /// A first-party cloud service with a cost but no physical quantity (requests, keys, operations,
    /// throughput units, public IPs): mapped by cost, flagged <see cref="AssumptionFlags.CostProxy"/>, with no
    /// physical fields set; the kind is the service's broad category. Marketplace software and unknown providers stay unmapped.
    /// </summary>
    private Decision? TryCostProxy(UsageRecord record, string text)
    {
        if (record.Cost == 0 || record.Provider is not (Providers.Aws or Providers.Azure or Providers.Gcp or Providers.Oci or Providers.OpenAi)) return null;
        if (HasAny(text, s_notProxied)) return null;
        var kind = ProxyNetwork().IsMatch(text) ? UsageKinds.Network
            : HasAny(text, s_storageProxy) ? UsageKinds.Storage
            : DatabaseWords().IsMatch(text) ? UsageKinds.Database
            : HasAny(text, s_aiProxy) ? UsageKinds.AiTokens
            : HasAny(text, s_containerProxy) ? UsageKinds.Container
            : record.QuantityUnit == Units.Hours && HasAny(text, s_virtualMachine) ? UsageKinds.VirtualMachine
            : UsageKinds.Serverless;
        return s_mapped with
        {
            UsageKind = kind,
            Flags = [AssumptionFlags.CostProxy],
            Reason = _costProxyReasons.For((record.ServiceName, record.RawUnit)),
        };
    }

    private static bool IsUsage(string chargeCategory) => chargeCategory.Equals("Usage", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Virtual machines billed per instance-hour. The catalogue gives the machine; a type it does not know is sized from
    /// the bill's own attributes (vCPUs, memory, GPUs) with the naming grammar filling the rest, else from the naming
    /// grammar alone (<see cref="MachineNameGrammar"/>), each flagged; a name no grammar reads stays unmapped with its reason.
    /// </summary>
    private Decision? TryMachine(UsageRecord record, string text)
    {
        if (record.QuantityUnit != Units.Hours) return null;
        var instanceType = record.InstanceType ?? _instanceTypesInText.For((record.Provider, record.ChargeDescription, record.SkuMeter));
        if (instanceType is null) return null;

        if (HasAny(text, s_marketplace)) return null;
        if (Machine(record.Provider, instanceType) is { } machine) return Machine(record, machine, []);

        var inferred = InferredMachine(record.Provider, instanceType);
        // A processor the bill names (CUR product/physicalProcessor) is more specific than the grammar's generation.
        var statedProcessor = ProcessorNames.Microarchitecture(record.PhysicalProcessor);
        if (statedProcessor is not null && inferred is not null) inferred = inferred with { Microarchitectures = [statedProcessor] };
        if (record.VCpus is { } vcpus)
        {
            // The bill states the size (CUR product/vcpu and memory, Azure AdditionalInfo VCPUs, FOCUS SkuPriceDetails):
            // it wins over the grammar, which still gives the processor and host where the name follows it.
            var memory = record.MemoryGb ?? (inferred is null ? null : inferred.MemoryGb / inferred.VCpus * vcpus);
            var stated = inferred is null
                ? new MachineType(record.Provider, instanceType, vcpus, memory ?? 0, statedProcessor is null ? [] : [statedProcessor], null, 0, 0, 0, null, MachineNameGrammar.Inferred)
                : inferred with { VCpus = vcpus, MemoryGb = memory ?? 0, HostVCpus = Math.Max(inferred.HostVCpus, vcpus), HostMemoryGb = Math.Max(inferred.HostMemoryGb, memory ?? 0) };
            if (record.GpuCount is { } gpus) stated = stated with { GpuCount = gpus };
            var flags = new List<string>(4) { AssumptionFlags.FromBillAttributes };
            if (inferred is not null) flags.Add(AssumptionFlags.InferredFromName);
            if (record.MemoryGb is null && inferred is null) flags.Add(AssumptionFlags.MemoryAssumed);
            if (stated.Microarchitectures.Count == 0) flags.Add(AssumptionFlags.MicroarchitectureUnknown);
            return Machine(record, stated, flags) with { InstanceType = instanceType, MemoryGb = memory, HostVCpus = stated.HostVCpus == 0 ? null : stated.HostVCpus, HostMemoryGb = stated.HostMemoryGb == 0 ? null : stated.HostMemoryGb };
        }

        if (inferred is not null)
        {
            List<string> flags = statedProcessor is null ? [AssumptionFlags.InferredFromName] : [AssumptionFlags.InferredFromName, AssumptionFlags.FromBillAttributes];
            if (inferred.Microarchitectures.Count == 0) flags.Add(AssumptionFlags.MicroarchitectureUnknown);
            return Machine(record, inferred, flags) with { InstanceType = instanceType };
        }

        return new Decision { InstanceType = instanceType, Reason = $"unknown instance type '{instanceType}'" };
    }

    private Decision Machine(UsageRecord record, MachineType machine, IReadOnlyList<string> flags) => s_mapped with
    {
        UsageKind = machine.GpuCount > 0 && machine.VCpus == 0 ? UsageKinds.GpuHours : UsageKinds.VirtualMachine,
        InstanceType = machine.Name,
        InstanceHours = record.Quantity,
        VCpus = machine.VCpus,
        MemoryGb = machine.MemoryGb,
        CpuMicroarchitecture = machine.Microarchitectures.Count == 0 ? null : _microarchitectures.GetValue(machine, static m => string.Join('|', m.Microarchitectures)),
        GpuModel = machine.GpuModel,
        GpuCount = machine.GpuCount == 0 ? null : machine.GpuCount,
        HostVCpus = machine.HostVCpus,
        HostMemoryGb = machine.HostMemoryGb,
        Flags = flags,
    };

    /// <summary>The naming grammar's reading of a type the catalogue lacks, cached per spelling like the catalogue lookup.</summary>
    private MachineType? InferredMachine(string provider, string name)
    {
        if (_inferred.TryGetValue((provider, name), out var machine)) return machine;
        machine = MachineNameGrammar.Infer(provider, name);
        if (_inferred.Count < MachineCacheLimit) _inferred.TryAdd((provider, name), machine);
        return machine;
    }

    /// <summary>
    /// Finds an instance type in free text: AWS descriptions ("per On Demand Linux m5.large Instance
    /// Hour", "…|us-east-1|m5.2xlarge") and Azure meters ("Virtual Machines Dv2/DSv2 Series - D11 v2/DS11 v2 - US East").
    /// </summary>
    private static string? InstanceTypeFromText(string provider, string? chargeDescription, string? skuMeter)
    {
        foreach (var text in (ReadOnlySpan<string?>)[chargeDescription, skuMeter])
        {
            if (string.IsNullOrEmpty(text)) continue;
            if (provider == Providers.Aws && AwsInstanceType().Match(text) is { Success: true } aws) return aws.Value;
            if (provider == Providers.Azure && AzureVmMeter().Match(text) is { Success: true } azure)
                return azure.Groups["size"].Value.Split('/')[0].Trim();
        }

        return null;
    }

    private static Decision? TryStorage(UsageRecord record, string text)
    {
        var gbMonths = record.QuantityUnit switch
        {
            Units.GbMonths => record.Quantity,
            Units.GbHours when IsStorageService(record, text) && !HasAny(text, s_memoryWord) => record.Quantity / Units.HoursPerMonth,
            _ => null,
        };
        if (gbMonths is null) return null;
        var service = text;
        // Early-deletion fees are billed in GB-months for data no longer stored.
        if (HasAny(service, s_earlyDelete)) return null;

        var flags = new List<string>();
        var media = StatedMedia(record) ?? StorageMedia(service);
        if (media is null)
        {
            media = "ssd";
            flags.Add(AssumptionFlags.StorageMediaAssumed);
        }

        var replication = StorageReplication.For(record.Provider, record.Redundancy is null ? service : $"{service} {record.Redundancy}", out var assumed);
        if (assumed) flags.Add(AssumptionFlags.ReplicationAssumed);

        return s_mapped with
        {
            UsageKind = UsageKinds.Storage,
            StorageGbMonths = gbMonths,
            StorageMedia = media,
            ReplicationFactor = replication,
            Flags = flags,
        };
    }

    private static bool IsStorageService(UsageRecord record, string text) =>
        string.Equals(record.ServiceCategory, "Storage", StringComparison.OrdinalIgnoreCase)
        || HasAny(text, s_storageOrDisk)
        || text.Contains("EBS", StringComparison.Ordinal);

    /// <summary>Media from the product words: HDD tiers (st1, sc1, Standard HDD, Cold/Archive) or SSD tiers.</summary>
    private static string? StorageMedia(string text)
    {
        if (HddWords().IsMatch(text)) return "hdd";
        if (SsdWords().IsMatch(text)) return "ssd";
        return null;
    }

    private static Decision? TryNetwork(UsageRecord record, string text)
    {
        if (record.QuantityUnit != Units.Gb) return null;
        var isTransfer = string.Equals(record.ServiceCategory, "Networking", StringComparison.OrdinalIgnoreCase)
            || TransferWords().IsMatch(text);
        if (!isTransfer) return null;

        return s_mapped with { UsageKind = UsageKinds.Network, NetworkGb = record.Quantity };
    }

    private static string UnmappedReason(string? serviceName, string? rawUnit) =>
        $"no physical model for {serviceName ?? "unknown service"} in {(string.IsNullOrEmpty(rawUnit) ? "unknown unit" : rawUnit)}";

    private static string CostProxyReason(string? serviceName, string? rawUnit) =>
        $"cost proxy: no physical quantity for {serviceName ?? "service"} in {(string.IsNullOrEmpty(rawUnit) ? "unknown unit" : rawUnit)}";

    /// <summary>
    /// A usage line's quantity flags on top of the rules' own: a negative quantity is a correction
    /// (refund, re-rating) netted against the period's usage, an empty one is estimated as zero; both are
    /// shown per line and counted apart in summary.json, never taken for ordinary usage.
    /// </summary>
    private static IReadOnlyList<string> QuantityFlags(UsageRecord record, string status, IReadOnlyList<string> flags)
    {
        if (status == LineStatuses.Excluded) return flags;
        // Token lines carry their quantities as tokens.
        if (record.Quantity is null) return record.InputTokens is null && record.OutputTokens is null ? [.. flags, AssumptionFlags.QuantityMissing] : flags;
        return record.Quantity < 0 ? [.. flags, AssumptionFlags.NegativeQuantityCorrection] : flags;
    }

    /// <summary>The one line of a record: its own fields, and what the rules decided.</summary>
    private static UsageLine Line(UsageRecord record, Decision decision) => new()
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
        InstanceType = decision.InstanceType ?? record.InstanceType,
        Quantity = record.Quantity,
        QuantityUnit = record.QuantityUnit,
        Cost = record.Cost,
        Currency = record.Currency,
        Tags = record.Tags,
        Status = decision.Status ?? LineStatuses.Unmapped,
        UsageKind = decision.UsageKind ?? UsageKinds.Unmapped,
        Reason = decision.Reason,
        Flags = QuantityFlags(record, decision.Status ?? LineStatuses.Unmapped, decision.Flags ?? []),
        InstanceHours = decision.InstanceHours,
        VCpus = decision.VCpus,
        MemoryGb = decision.MemoryGb,
        CpuMicroarchitecture = decision.CpuMicroarchitecture,
        GpuModel = decision.GpuModel,
        GpuCount = decision.GpuCount,
        HostVCpus = decision.HostVCpus,
        HostMemoryGb = decision.HostMemoryGb,
        StorageGbMonths = decision.StorageGbMonths,
        StorageMedia = decision.StorageMedia,
        ReplicationFactor = decision.ReplicationFactor,
        NetworkGb = decision.NetworkGb,
        AiModel = decision.AiModel,
        InputTokens = decision.InputTokens,
        OutputTokens = decision.OutputTokens,
        VCpuHours = decision.VCpuHours,
        MemoryGbHours = decision.MemoryGbHours,
        GbSeconds = decision.GbSeconds,
        AiDeployment = decision.AiDeployment,
    };

    [GeneratedRegex(@"data transfer|DataTransfer|Bandwidth|-Out-Bytes|-In-Bytes|Egress|Ingress|Peering|Data Processed|Inter-Region|Internet", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TransferWords();

    [GeneratedRegex(@"Network|Load ?Balanc|NAT Gateway|IP Address|IPv4|Public IP|Private Link|Private Endpoint|DNS|CDN|VPN|Front Door|Bandwidth|Peering", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ProxyNetwork();

    [GeneratedRegex(@"Database|\bSQL\b|\bRDS\b|Cosmos|MySQL|PostgreSQL|Aurora|Cloud SQL|Autonomous|DynamoDB|\bDATABASE\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DatabaseWords();

    [GeneratedRegex(@"(?<n>\d+) vCore", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex VCoreWord();

    [GeneratedRegex(@"\b[a-z][a-z0-9]*(?:-flex)?\.(?:nano|micro|small|medium|large|metal|\d*xlarge)\b(?!-)", RegexOptions.CultureInvariant)]
    private static partial Regex AwsInstanceType();

    [GeneratedRegex(@"Virtual Machines .*? - (?<size>[A-Z][A-Za-z0-9 /]+?)(?: - | Low Priority| Spot|$)", RegexOptions.CultureInvariant)]
    private static partial Regex AzureVmMeter();

    [GeneratedRegex(@"\b(st1|sc1|HDD|Cold|Archive|Glacier|Infrequent|Standard - IA|Magnetic)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HddWords();

    [GeneratedRegex(@"\b(gp2|gp3|io1|io2|SSD|Premium|NVMe)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SsdWords();
}

namespace Empreinte.Domain.Usage;

/// <summary>The usage kinds a line can be classified as (strings, because they cross every boundary).</summary>
public static class UsageKinds
{
    public const string VirtualMachine = "virtual-machine";
    public const string Serverless = "serverless";
    public const string Container = "container";
    public const string Database = "database";
    public const string Storage = "storage";
    public const string Network = "network";
    public const string AiTokens = "ai-tokens";
    public const string GpuHours = "gpu-hours";
    public const string Unmapped = "unmapped";
    public const string NonUsage = "non-usage";
}

/// <summary>The status of a line in the outputs.</summary>
public static class LineStatuses
{
    /// <summary>A physical model, or a clearly flagged proxy, gives the line a footprint.</summary>
    public const string Mapped = "mapped";

    /// <summary>Usage we could not model; reported with its cost and reason.</summary>
    public const string Unmapped = "unmapped";

    /// <summary>Not usage (tax, credits, purchases, refunds): counted, excluded from footprint and coverage.</summary>
    public const string Excluded = "excluded";
}

/// <summary>Assumption flags: each says which unknown input was replaced by a default, and is shown per line.</summary>
public static class AssumptionFlags
{
    public const string DefaultUtilisation = "default-utilisation";
    public const string MicroarchitectureUnknown = "microarchitecture-unknown";
    public const string RegionUnknown = "region-unknown";
    public const string ProviderAveragePue = "provider-average-pue";
    public const string StorageMediaAssumed = "storage-media-assumed";
    public const string ReplicationAssumed = "replication-assumed";
    public const string MemoryAssumed = "memory-assumed";
    public const string GridFactorFallback = "grid-factor-fallback";
    public const string WaterFactorFallback = "water-factor-fallback";
    public const string ModelSizeAssumed = "model-size-assumed";
    public const string HostShareAssumed = "host-share-assumed";
    public const string CostProxy = "cost-proxy";

    /// <summary>Tokens converted from billed characters (Google: about 4 characters per Gemini token).</summary>
    public const string TokensFromCharacters = "tokens-from-characters";

    /// <summary>A machine type not in the catalogue, sized from what the bill states (vCPUs, memory, processor, GPUs).</summary>
    public const string FromBillAttributes = "from-bill-attributes";

    /// <summary>A machine type not in the catalogue, read from the provider's naming grammar (<see cref="Classification.MachineNameGrammar"/>).</summary>
    public const string InferredFromName = "inferred-from-name";

    /// <summary>A usage line with no quantity: estimated as zero, counted in summary.json <c>rows.quantityMissing</c>.</summary>
    public const string QuantityMissing = "quantity-missing";

    /// <summary>A usage line with a negative quantity: a correction netted against usage, counted in <c>rows.corrections</c>.</summary>
    public const string NegativeQuantityCorrection = "negative-quantity-correction";
}

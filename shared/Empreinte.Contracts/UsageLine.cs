namespace Empreinte.Contracts;

/// <summary>
/// One normalised, classified usage line as it travels between ingestion and the calculators.
/// FOCUS-shaped; every quantity carries its unit in its name. Physical quantities are null when
/// they do not apply to the line's <see cref="UsageKind"/>.
/// </summary>
public sealed record UsageLine
{
    // Where the line came from: the file name and its 1-based data row (header excluded).
    public required string SourceFile { get; init; }
    public required long SourceRow { get; init; }

    public required string Provider { get; init; }
    public string? BillingAccountId { get; init; }
    public string? SubAccountId { get; init; }
    public string? SubAccountName { get; init; }
    public string? ResourceId { get; init; }
    public string? ServiceName { get; init; }
    public string? ServiceCategory { get; init; }
    public string? RegionId { get; init; }
    public DateTimeOffset? ChargePeriodStart { get; init; }
    public DateTimeOffset? ChargePeriodEnd { get; init; }
    public required string ChargeCategory { get; init; }
    public string? SkuMeter { get; init; }
    public string? InstanceType { get; init; }
    public double? Quantity { get; init; }
    public string? QuantityUnit { get; init; }
    public decimal Cost { get; init; }
    public string? Currency { get; init; }
    public string? Tags { get; init; }

    // Classification.
    public required string Status { get; init; }
    public required string UsageKind { get; init; }
    public string? Reason { get; init; }
    public IReadOnlyList<string> Flags { get; init; } = [];

    // Physical quantities, by usage kind.
    public double? InstanceHours { get; init; }
    public int? VCpus { get; init; }
    public double? MemoryGb { get; init; }
    public string? CpuMicroarchitecture { get; init; }
    public string? GpuModel { get; init; }
    public int? GpuCount { get; init; }
    /// <summary>vCPUs of the largest size of the family: the host share used for embodied impacts.</summary>
    public int? HostVCpus { get; init; }
    /// <summary>Memory (GB) of the largest size of the family: CCF's memory term compares it with the SPECpower GB per chip.</summary>
    public double? HostMemoryGb { get; init; }
    public double? StorageGbMonths { get; init; }
    public string? StorageMedia { get; init; }
    public int? ReplicationFactor { get; init; }
    public double? NetworkGb { get; init; }
    public string? AiModel { get; init; }
    public double? InputTokens { get; init; }
    public double? OutputTokens { get; init; }

    // Added for serverless, container and database kinds (and OCI per-OCPU / per-GB compute lines).
    /// <summary>vCPU-hours consumed (database vCores, Fargate/AKS vCPU, OCI OCPU × 2, serverless vCPU time).</summary>
    public double? VCpuHours { get; init; }
    /// <summary>Memory GB-hours consumed (Fargate/Cloud Run memory, OCI memory, database memory when known).</summary>
    public double? MemoryGbHours { get; init; }
    /// <summary>Serverless GB-seconds (Lambda, Azure Functions execution time).</summary>
    public double? GbSeconds { get; init; }
    /// <summary>AI deployment type parsed from Azure OpenAI meters: global, regional, data-zone, batch, provisioned.</summary>
    public string? AiDeployment { get; init; }
}

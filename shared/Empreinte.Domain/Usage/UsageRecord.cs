namespace Empreinte.Domain.Usage;

/// <summary>
/// One normalised billing line, FOCUS-shaped, as every reader produces it before classification.
/// Quantities are already multiplied out of their pricing blocks (<c>10 Hours</c> → hours).
/// </summary>
public sealed record UsageRecord
{
    public required string SourceFile { get; init; }

    /// <summary>1-based data row in the source file (the header is row 0).</summary>
    public required long SourceRow { get; init; }

    /// <summary>Normalised provider: <see cref="Providers"/>.</summary>
    public required string Provider { get; init; }

    public string? BillingAccountId { get; init; }
    public string? SubAccountId { get; init; }
    public string? SubAccountName { get; init; }
    public string? ResourceId { get; init; }
    public string? ResourceType { get; init; }
    public string? ServiceName { get; init; }
    public string? ServiceCategory { get; init; }

    /// <summary>Provider region code, lower case (<c>westeurope</c>, <c>us-east-1</c>).</summary>
    public string? RegionId { get; init; }

    public DateTimeOffset? ChargePeriodStart { get; init; }
    public DateTimeOffset? ChargePeriodEnd { get; init; }

    /// <summary>FOCUS ChargeCategory: Usage, Purchase, Tax, Credit, Adjustment (or the provider's word).</summary>
    public required string ChargeCategory { get; init; }

    public string? ChargeDescription { get; init; }
    public string? SkuId { get; init; }

    /// <summary>The meter or usage type (FOCUS SkuMeter, Azure MeterName, AWS UsageType).</summary>
    public string? SkuMeter { get; init; }

    /// <summary>Azure MeterCategory / FOCUS x_SkuMeterCategory / AWS product family.</summary>
    public string? MeterCategory { get; init; }

    /// <summary>Azure MeterSubCategory / FOCUS x_SkuMeterSubcategory.</summary>
    public string? MeterSubcategory { get; init; }

    /// <summary>Instance type or VM size when the export names one (<c>m5.xlarge</c>, <c>Standard_D4s_v5</c>).</summary>
    public string? InstanceType { get; init; }

    /// <summary>Consumed quantity in <see cref="QuantityUnit"/>, blocks multiplied out.</summary>
    public double? Quantity { get; init; }

    /// <summary>Canonical unit of <see cref="Quantity"/> (see <see cref="Units"/>), or the raw unit when not recognised.</summary>
    public string? QuantityUnit { get; init; }

    /// <summary>The raw unit as written in the export.</summary>
    public string? RawUnit { get; init; }

    /// <summary>Cost of the line in <see cref="Currency"/> (effective cost where the export has one, else billed cost).</summary>
    public decimal Cost { get; init; }

    public string? Currency { get; init; }

    /// <summary>Tags as a JSON object string.</summary>
    public string? Tags { get; init; }

    /// <summary>vCPUs of the instance when the export states them (Azure AdditionalInfo VCPUs, CUR product/vcpu).</summary>
    public int? VCpus { get; init; }

    /// <summary>Memory of the instance in GB when the export states it (CUR product/memory "16 GiB").</summary>
    public double? MemoryGb { get; init; }

    /// <summary>GPUs of the instance when the export states them (FOCUS SkuPriceDetails <c>GpuCount</c>).</summary>
    public int? GpuCount { get; init; }

    /// <summary>The processor the export names for the instance (CUR <c>product/physicalProcessor</c>), if any.</summary>
    public string? PhysicalProcessor { get; init; }

    /// <summary>Disk media as written (FOCUS SkuPriceDetails <c>DiskType</c>: <c>SSD</c>, <c>HDD</c>, <c>Premium SSD</c>).</summary>
    public string? DiskType { get; init; }

    /// <summary>Provisioned size of one disk in GB when the export states it (FOCUS SkuPriceDetails <c>DiskSpace</c>, written in GiB).</summary>
    public double? DiskSizeGb { get; init; }

    /// <summary>Storage class as written (FOCUS SkuPriceDetails <c>StorageClass</c>: <c>Hot</c>, <c>Archive</c>, <c>GLACIER</c>).</summary>
    public string? StorageClass { get; init; }

    /// <summary>Storage redundancy as written (FOCUS SkuPriceDetails <c>Redundancy</c>: <c>LRS</c>, <c>ZRS</c>, <c>GRS</c>).</summary>
    public string? Redundancy { get; init; }

    /// <summary>AI model name for token usage (OpenAI usage API <c>model</c>, parsed Azure OpenAI meters, Bedrock usage types).</summary>
    public string? AiModel { get; init; }

    /// <summary>Input (prompt) tokens, cached input included.</summary>
    public double? InputTokens { get; init; }

    /// <summary>Output (completion) tokens.</summary>
    public double? OutputTokens { get; init; }
}

/// <summary>Normalised provider names (FOCUS ProviderName values).</summary>
public static class Providers
{
    public const string Aws = "AWS";
    public const string Azure = "Microsoft";
    public const string Gcp = "Google Cloud";
    public const string Oci = "Oracle";
    public const string OpenAi = "OpenAI";
    public const string Unknown = "Unknown";

    public static string Normalise(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw)) return Unknown;
        var value = raw.Trim();
        if (value.Contains("Amazon", StringComparison.OrdinalIgnoreCase) || value.Equals("AWS", StringComparison.OrdinalIgnoreCase)) return Aws;
        if (value.Contains("Microsoft", StringComparison.OrdinalIgnoreCase) || value.Contains("Azure", StringComparison.OrdinalIgnoreCase)) return Azure;
        if (value.Contains("Google", StringComparison.OrdinalIgnoreCase) || value.Equals("GCP", StringComparison.OrdinalIgnoreCase)) return Gcp;
        if (value.Contains("Oracle", StringComparison.OrdinalIgnoreCase) || value.Equals("OCI", StringComparison.OrdinalIgnoreCase)) return Oci;
        if (value.Contains("OpenAI", StringComparison.OrdinalIgnoreCase)) return OpenAi;
        return value;
    }
}

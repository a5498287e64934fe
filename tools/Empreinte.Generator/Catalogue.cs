namespace Empreinte.Generator;

/// <summary>What a generated row stands for; the ground truth counts rows and quantities per kind.</summary>
internal enum RowKind
{
    VirtualMachine,
    GpuVirtualMachine,
    BlockStorage,
    ObjectStorage,
    DataTransfer,
    AiTokens,
    Unmapped,
    Tax,
}

/// <summary>One billable product: the static cells of its rows and how its quantity is drawn.</summary>
/// <param name="UnitPrice">Price per unit of <paramref name="ConsumedUnit"/> in USD.</param>
/// <param name="Meter">The provider's meter (Azure meter name, AWS usage type) where rows carry one: FOCUS 1.0 has no column for it, so the FOCUS shape writes it to <c>x_SkuMeterName</c>.</param>
internal sealed record Product(
    RowKind Kind,
    string Provider,
    string ServiceName,
    string ServiceCategory,
    string ChargeDescription,
    string ConsumedUnit,
    string ResourceType,
    decimal UnitPrice,
    string SkuId,
    string Meter = "");

/// <summary>
/// The products the generator draws from, in plausible proportions for a mixed AWS/Azure estate.
/// Instance types are ones present in the domain's machine_types.csv, so VM rows are mappable.
/// </summary>
internal static class Catalogue
{
    public const string Aws = "AWS";
    public const string Microsoft = "Microsoft";

    /// <summary>Share of rows per kind (sums to 1): hourly VM rows dominate real exports.</summary>
    public static IReadOnlyList<(RowKind Kind, double Share)> Mix { get; } =
    [
        (RowKind.VirtualMachine, 0.45),
        (RowKind.GpuVirtualMachine, 0.02),
        (RowKind.BlockStorage, 0.12),
        (RowKind.ObjectStorage, 0.08),
        (RowKind.DataTransfer, 0.15),
        (RowKind.AiTokens, 0.03),
        (RowKind.Unmapped, 0.145),
        (RowKind.Tax, 0.005),
    ];

    public static IReadOnlyList<Product> Products { get; } =
    [
        Vm(Aws, "m5.xlarge", 0.192m), Vm(Aws, "m5.large", 0.096m), Vm(Aws, "c5.2xlarge", 0.34m), Vm(Aws, "c5.xlarge", 0.17m),
        Vm(Aws, "t3.medium", 0.0416m), Vm(Aws, "m5.2xlarge", 0.384m),
        Vm(Microsoft, "D4s v3", 0.192m), Vm(Microsoft, "D2s v5", 0.096m), Vm(Microsoft, "D11 v2", 0.185m),
        Gpu(Aws, "g5.4xlarge", 1.624m), Gpu(Microsoft, "ND96asr A100 v4", 27.197m),

        new(RowKind.BlockStorage, Aws, "Amazon Elastic Compute Cloud", "Storage", "$0.08 per GB-month of General Purpose (gp3) provisioned storage", "GB-Mo", "Volume", 0.08m, "EBS-GP3"),
        new(RowKind.BlockStorage, Aws, "Amazon Elastic Compute Cloud", "Storage", "$0.045 per GB-month of Throughput Optimized HDD (st1) provisioned storage", "GB-Mo", "Volume", 0.045m, "EBS-ST1"),
        new(RowKind.BlockStorage, Microsoft, "Storage", "Storage", "Premium SSD Managed Disks - P30 LRS Disk", "1 GB/Month", "Disk", 0.1348m, "DZH318Z0BQ4V"),
        new(RowKind.ObjectStorage, Aws, "Amazon Simple Storage Service", "Storage", "$0.023 per GB - first 50 TB / month of storage used", "GB-Mo", "Bucket", 0.023m, "S3-STD"),
        new(RowKind.ObjectStorage, Aws, "Amazon Simple Storage Service", "Storage", "$0.0125 per GB-Month of storage used in Standard-Infrequent Access", "GB-Mo", "Bucket", 0.0125m, "S3-IA"),
        new(RowKind.ObjectStorage, Microsoft, "Storage", "Storage", "Blob Storage - Hot LRS Data Stored", "1 GB/Month", "Storage account", 0.0184m, "DZH318Z0BNVX"),
        new(RowKind.DataTransfer, Aws, "Amazon Elastic Compute Cloud", "Networking", "$0.09 per GB - first 10 TB / month data transfer out beyond the global free tier", "GB", "Data transfer", 0.09m, "DT-OUT"),
        new(RowKind.DataTransfer, Microsoft, "Bandwidth", "Networking", "Bandwidth - Standard Data Transfer Out - Zone 1", "1 GB", "Data transfer", 0.087m, "DZH318Z0BNZ5"),
        // LLM tokens, billed per 1,000: Azure OpenAI meters and Bedrock usage types as the providers write them
        // (billing-formats.md §6.3: "gpt 4o 0513 Input global Tokens", "USE1-Claude-input-tokens").
        new(RowKind.AiTokens, Microsoft, "Azure OpenAI", "AI and Machine Learning", "gpt 4o 0513 Input global Tokens", "1K", "Cognitive Services account", 0.0025m, "AOAI-GPT4O-INP", "gpt 4o 0513 Input global Tokens"),
        new(RowKind.AiTokens, Microsoft, "Azure OpenAI", "AI and Machine Learning", "gpt 4o 0513 Output global Tokens", "1K", "Cognitive Services account", 0.01m, "AOAI-GPT4O-OUT", "gpt 4o 0513 Output global Tokens"),
        new(RowKind.AiTokens, Aws, "Amazon Bedrock", "AI and Machine Learning", "$0.003 per 1K input tokens for Claude", "1K tokens", "Model", 0.003m, "BEDROCK-CLAUDE-IN", "USE1-Claude-input-tokens"),
        new(RowKind.AiTokens, Aws, "Amazon Bedrock", "AI and Machine Learning", "$0.015 per 1K output tokens for Claude", "1K tokens", "Model", 0.015m, "BEDROCK-CLAUDE-OUT", "USE1-Claude-output-tokens"),
        new(RowKind.Unmapped, Aws, "Amazon Simple Queue Service", "Integration", "$0.40 per million Amazon SQS standard requests in Tier1", "Requests", "Queue", 0.0000004m, "SQS-REQ"),
        new(RowKind.Unmapped, Aws, "AWS Key Management Service", "Security", "$0.03 per 10,000 requests", "Requests", "Key", 0.000003m, "KMS-REQ"),
        new(RowKind.Unmapped, Microsoft, "Key Vault", "Security", "Key Vault - Standard Operations", "10K", "Key vault", 0.03m, "DZH318Z0BQPS"),
        new(RowKind.Tax, Aws, "Tax", "Other", "Sales tax", "", "", 0m, ""),
        new(RowKind.Tax, Microsoft, "Tax", "Other", "Tax", "", "", 0m, ""),
    ];

    public static IReadOnlyList<string> AwsRegions { get; } = ["us-east-1", "us-west-2", "eu-west-1", "eu-central-1", "eu-west-3", "ap-northeast-1"];

    public static IReadOnlyList<string> AzureRegions { get; } = ["westeurope", "northeurope", "francecentral", "eastus", "swedencentral", "japaneast"];

    private static Product Vm(string provider, string instanceType, decimal hourly) => provider == Aws
        ? new(RowKind.VirtualMachine, Aws, "Amazon Elastic Compute Cloud", "Compute", $"${hourly} per On Demand Linux {instanceType} Instance Hour", "Hrs", "Instance", hourly, $"EC2-{instanceType}")
        : new(RowKind.VirtualMachine, Microsoft, "Virtual Machines", "Compute", $"Virtual Machines {instanceType.Split(' ')[0]} Series - {instanceType} - EU West", "1 Hour", "Virtual machine", hourly, $"VM-{instanceType.Replace(' ', '-')}");

    private static Product Gpu(string provider, string instanceType, decimal hourly) => Vm(provider, instanceType, hourly) with { Kind = RowKind.GpuVirtualMachine };
}

using System.Buffers;
using Empreinte.Domain.Usage;

namespace Empreinte.Domain.Classification.Rules;

/// <summary>
/// Compute billed without a machine, on every provider: Fargate/ECS/EKS/AKS/Container Apps vCPU and GB hours →
/// container; Lambda/Functions GB-seconds and Cloud Run → serverless. Defender plans billed per vCPU-hour are not compute.
/// </summary>
internal sealed class ContainerServerlessRules : IClassificationRule
{
    private static readonly SearchValues<string> s_serverless = RuleText.Words("Lambda", "Functions", "Cloud Run", "Cloud Functions");
    private static readonly SearchValues<string> s_container = RuleText.Words("Fargate", "Container", "Kubernetes", "ECS", "EKS");
    private static readonly SearchValues<string> s_cores = RuleText.Words("vCPU", "vCore");
    private static readonly SearchValues<string> s_memory = RuleText.Words("GB-Hours", "Memory");
    private static readonly SearchValues<string> s_defender = RuleText.Words("Defender");

    public Decision? TryClassify(UsageRecord record, string text)
    {
        if (record.Quantity is not { } q) return null;
        var serverless = RuleText.HasAny(text, s_serverless);
        var container = RuleText.HasAny(text, s_container);
        var kind = serverless ? UsageKinds.Serverless : container ? UsageKinds.Container : null;
        var mapped = Decision.Mapped with { UsageKind = kind ?? UsageKinds.Serverless };
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
            case Units.Hours when kind is not null && RuleText.HasAny(text, s_cores) && !RuleText.HasAny(text, s_defender):
                return mapped with { VCpuHours = q };
            case Units.Hours when kind is not null && RuleText.HasAny(text, s_memory) && !RuleText.HasAny(text, s_defender):
                return mapped with { MemoryGbHours = q };
            default:
                return null;
        }
    }
}

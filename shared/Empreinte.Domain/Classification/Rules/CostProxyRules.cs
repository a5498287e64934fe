using System.Buffers;
using System.Text.RegularExpressions;
using Empreinte.Domain.Usage;

namespace Empreinte.Domain.Classification.Rules;

/// <summary>
/// A first-party cloud service with a cost but no physical quantity (requests, keys, operations, throughput units,
/// public IPs): mapped by cost, flagged <see cref="AssumptionFlags.CostProxy"/>, with no physical fields set; the kind
/// is the service's broad category. Marketplace software, licences and unknown providers stay unmapped. The last rule set.
/// </summary>
internal sealed partial class CostProxyRules(ClassificationContext context) : IClassificationRule
{
    private static readonly SearchValues<string> s_notProxied = RuleText.Words("Marketplace", "License");
    private static readonly SearchValues<string> s_storageProxy = RuleText.Words("Storage", "S3", "Blob", "Glacier", "Log Analytics");
    private static readonly SearchValues<string> s_aiProxy = RuleText.Words("OpenAI", "Bedrock", "Cognitive", "Vertex AI", "Gemini");
    private static readonly SearchValues<string> s_containerProxy = RuleText.Words("Kubernetes", "Container", "EKS", "Fargate");
    private static readonly SearchValues<string> s_virtualMachine = RuleText.Words("Virtual Machine");

    public Decision? TryClassify(UsageRecord record, string text)
    {
        if (record.Cost == 0 || record.Provider is not (Providers.Aws or Providers.Azure or Providers.Gcp or Providers.Oci or Providers.OpenAi)) return null;
        if (RuleText.HasAny(text, s_notProxied)) return null;
        var kind = ProxyNetwork().IsMatch(text) ? UsageKinds.Network
            : RuleText.HasAny(text, s_storageProxy) ? UsageKinds.Storage
            : DatabaseRules.DatabaseWords().IsMatch(text) ? UsageKinds.Database
            : RuleText.HasAny(text, s_aiProxy) ? UsageKinds.AiTokens
            : RuleText.HasAny(text, s_containerProxy) ? UsageKinds.Container
            : record.QuantityUnit == Units.Hours && RuleText.HasAny(text, s_virtualMachine) ? UsageKinds.VirtualMachine
            : UsageKinds.Serverless;
        return Decision.Mapped with
        {
            UsageKind = kind,
            Flags = [AssumptionFlags.CostProxy],
            Reason = context.CostProxyReason(record),
        };
    }

    [GeneratedRegex(@"Network|Load ?Balanc|NAT Gateway|IP Address|IPv4|Public IP|Private Link|Private Endpoint|DNS|CDN|VPN|Front Door|Bandwidth|Peering", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ProxyNetwork();
}

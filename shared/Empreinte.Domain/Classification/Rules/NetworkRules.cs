using System.Text.RegularExpressions;
using Empreinte.Domain.Usage;

namespace Empreinte.Domain.Classification.Rules;

/// <summary>Data moved, in GB, on every provider: a networking service or transfer words (egress, peering, inter-region…).</summary>
internal sealed partial class NetworkRules : IClassificationRule
{
    public Decision? TryClassify(UsageRecord record, string text)
    {
        if (record.QuantityUnit != Units.Gb) return null;
        var isTransfer = string.Equals(record.ServiceCategory, "Networking", StringComparison.OrdinalIgnoreCase)
            || TransferWords().IsMatch(text);
        if (!isTransfer) return null;

        return Decision.Mapped with { UsageKind = UsageKinds.Network, NetworkGb = record.Quantity };
    }

    [GeneratedRegex(@"data transfer|DataTransfer|Bandwidth|-Out-Bytes|-In-Bytes|Egress|Ingress|Peering|Data Processed|Inter-Region|Internet", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TransferWords();
}

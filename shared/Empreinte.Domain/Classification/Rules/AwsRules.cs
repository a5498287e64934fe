using System.Text.RegularExpressions;
using Empreinte.Domain.Usage;

namespace Empreinte.Domain.Classification.Rules;

/// <summary>
/// Amazon Bedrock token usage types of every model family (<see cref="AiMeters.ParseBedrock"/>). EC2, RDS, EBS and
/// S3 go through the cross-cutting rule sets; this class also reads an instance type in a CUR description or usage
/// type for them (<see cref="InstanceTypeIn"/>).
/// </summary>
internal sealed partial class AwsRules : IClassificationRule
{
    public Decision? TryClassify(UsageRecord record, string text)
    {
        if (record.Provider != Providers.Aws || record.Quantity is not { } tokens || record.QuantityUnit is not (Units.Tokens or Units.Count)) return null;
        if (record.SkuMeter is not { } usageType || AiMeters.ParseBedrock(usageType) is not { } bedrock) return null;
        return AiTokens.Of(bedrock.Model, bedrock.Direction, tokens) with { AiDeployment = bedrock.Deployment };
    }

    /// <summary>
    /// An instance type in a CUR description or usage type (<c>per On Demand Linux m5.large Instance Hour</c>,
    /// <c>…|us-east-1|m5.2xlarge</c>, <c>db.r5.large</c>), or null.
    /// </summary>
    public static string? InstanceTypeIn(string text) => InstanceType().Match(text) is { Success: true } aws ? aws.Value : null;

    [GeneratedRegex(@"\b[a-z][a-z0-9]*(?:-flex)?\.(?:nano|micro|small|medium|large|metal|\d*xlarge)\b(?!-)", RegexOptions.CultureInvariant)]
    private static partial Regex InstanceType();
}

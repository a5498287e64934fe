using System.Text.RegularExpressions;
using Empreinte.Domain.Usage;

namespace Empreinte.Domain.Classification.Rules;

/// <summary>
/// Azure OpenAI meters (every deployment type): provisioned throughput units billed by the hour are AI usage by
/// cost; token meters give the model, the direction and the deployment (<see cref="AiMeters.ParseAzure"/>).
/// Azure virtual machines, disks and storage go through the cross-cutting rule sets; this class also reads the VM
/// size in a meter name for them (<see cref="VmSizeIn"/>).
/// </summary>
internal sealed partial class AzureRules(ClassificationContext context) : IClassificationRule
{
    public Decision? TryClassify(UsageRecord record, string text)
    {
        if (record.Provider != Providers.Azure) return null;

        if (record.QuantityUnit == Units.Hours && RuleText.Has(record.MeterCategory ?? "", "OpenAI")
            && AiMeters.ParseAzure(record.SkuMeter ?? "", record.MeterSubcategory) is { Deployment: AiMeters.Provisioned } ptu)
            return AiTokens.Provisioned(context, record, ptu.Model);

        if (record.Quantity is not { } tokens || record.QuantityUnit is not (Units.Tokens or Units.Count)) return null;
        if (!RuleText.Has(record.MeterCategory ?? "", "OpenAI") && !RuleText.Has(record.SkuMeter ?? "", "Tokens")) return null;
        var (direction, deployment, model) = AiMeters.ParseAzure(record.SkuMeter ?? "", record.MeterSubcategory);
        if (direction is null) return null;
        return AiTokens.Of(model, direction, tokens) with { AiDeployment = deployment };
    }

    /// <summary>The VM size in an Azure meter (<c>Virtual Machines Dv2/DSv2 Series - D11 v2/DS11 v2 - US East</c> → <c>D11 v2</c>), or null.</summary>
    public static string? VmSizeIn(string text) =>
        VmMeter().Match(text) is { Success: true } azure ? azure.Groups["size"].Value.Split('/')[0].Trim() : null;

    [GeneratedRegex(@"Virtual Machines .*? - (?<size>[A-Z][A-Za-z0-9 /]+?)(?: - | Low Priority| Spot|$)", RegexOptions.CultureInvariant)]
    private static partial Regex VmMeter();
}

using Empreinte.Domain.Factors;
using Empreinte.Domain.Usage;

namespace Empreinte.Domain.Classification.Rules;

/// <summary>
/// Google Cloud Vertex AI and Gemini API SKUs (<see cref="AiMeters.ParseGcp"/>): tokens, or characters turned into
/// tokens (older generative SKUs bill per character; flagged), and provisioned throughput billed by the hour as AI
/// usage by cost. Image or video counts are not tokens and fall through. Compute Engine, Cloud Storage and network
/// go through the cross-cutting rule sets.
/// </summary>
internal sealed class GcpRules(ClassificationContext context) : IClassificationRule
{
    public Decision? TryClassify(UsageRecord record, string text)
    {
        if (record.Provider != Providers.Gcp || record.SkuMeter is not { } sku || AiMeters.ParseGcp(sku) is not { } gcp) return null;
        if (gcp.Deployment == AiMeters.Provisioned) return AiTokens.Provisioned(context, record, gcp.Model);
        if (gcp.Direction is null || record.Quantity is not { } amount) return null;

        // The SKU says what is counted; the unit may be the generic "count".
        if (record.QuantityUnit == Units.Characters || (RuleText.Has(sku, "character") && record.QuantityUnit is Units.Count or Units.Requests))
        {
            var fromCharacters = amount / context.Factors.Value(FactorKeys.GeminiCharactersPerToken).Central;
            return AiTokens.Of(gcp.Model, gcp.Direction, fromCharacters) with { AiDeployment = gcp.Deployment, Flags = [AssumptionFlags.TokensFromCharacters] };
        }

        if (record.QuantityUnit == Units.Tokens || (RuleText.Has(sku, "token") && record.QuantityUnit is Units.Count or Units.Requests))
            return AiTokens.Of(gcp.Model, gcp.Direction, amount) with { AiDeployment = gcp.Deployment };
        return null;
    }
}

using Empreinte.Domain.Usage;

namespace Empreinte.Domain.Classification.Rules;

/// <summary>
/// The decisions the AI rule sets of every provider share (Azure OpenAI, Bedrock, Vertex AI and Gemini API):
/// tokens in one direction, or capacity reserved by the hour.
/// </summary>
internal static class AiTokens
{
    /// <summary>Tokens billed in one direction: input (prompt, cached included) unless the meter says output.</summary>
    public static Decision Of(string model, string direction, double tokens) => Decision.Mapped with
    {
        UsageKind = UsageKinds.AiTokens,
        AiModel = model,
        InputTokens = direction == AiMeters.Output ? null : tokens,
        OutputTokens = direction == AiMeters.Output ? tokens : null,
    };

    /// <summary>Reserved AI capacity billed by the hour: AI usage by cost (no token count to model), with the model it serves.</summary>
    public static Decision Provisioned(ClassificationContext context, UsageRecord record, string model) => Decision.Mapped with
    {
        UsageKind = UsageKinds.AiTokens,
        AiModel = model.Length == 0 ? null : model,
        AiDeployment = AiMeters.Provisioned,
        Flags = [AssumptionFlags.CostProxy],
        Reason = context.CostProxyReason(record),
    };
}

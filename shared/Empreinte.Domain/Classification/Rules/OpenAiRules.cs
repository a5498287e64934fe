using Empreinte.Domain.Usage;

namespace Empreinte.Domain.Classification.Rules;

/// <summary>
/// OpenAI usage exports (the usage API and its dashboard CSV) state the model and the input and output tokens
/// of each bucket: such a record is AI token usage whatever its unit, flagged when the model is not named.
/// </summary>
internal sealed class OpenAiRules : IClassificationRule
{
    public Decision? TryClassify(UsageRecord record, string text)
    {
        if (record.InputTokens is null && record.OutputTokens is null) return null;
        return Decision.Mapped with
        {
            UsageKind = UsageKinds.AiTokens,
            AiModel = record.AiModel,
            InputTokens = record.InputTokens,
            OutputTokens = record.OutputTokens,
            Flags = record.AiModel is null ? [AssumptionFlags.ModelSizeAssumed] : [],
        };
    }
}

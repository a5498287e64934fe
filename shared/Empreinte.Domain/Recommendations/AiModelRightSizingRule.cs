using Empreinte.Domain.Usage;

namespace Empreinte.Domain.Recommendations;

/// <summary>
/// Moving AI tokens to the smaller model of the same provider family (<c>ai_model_tiers.csv</c>):
/// the same tokens re-estimated with the smaller model's size. Only when both models resolve to
/// distinct, sized rows of the factor set (never the unknown-model fallback).
/// </summary>
public sealed class AiModelRightSizingRule : IRecommendationRule
{
    public IEnumerable<Recommendation> Recommend(RecommendationContext context)
    {
        var byModel = context.Groups
            .Where(g => g.Key.UsageKind == UsageKinds.AiTokens && !string.IsNullOrEmpty(g.Key.AiModel))
            .GroupBy(g => (g.Key.Provider, g.Key.SubAccount, Model: g.Key.AiModel!));
        foreach (var source in byModel)
        {
            var fromModel = context.Factors.LlmModel(source.Key.Model);
            if (fromModel.IsFallback) continue;
            var tier = context.Data.ModelTiers.FirstOrDefault(t => t.FromPattern.Equals(fromModel.Pattern, StringComparison.OrdinalIgnoreCase));
            if (tier is null) continue;
            var target = ReplacePattern(source.Key.Model, tier.FromPattern, tier.ToPattern);
            var toModel = context.Factors.LlmModel(target);
            if (toModel.IsFallback || toModel == fromModel) continue;

            var (before, after) = context.Reestimate(source, line => line with { AiModel = target });
            var savings = Footprint.Savings(before, after);
            var tradeOffs = RecommendationEngine.CriteriaRaised(savings);
            tradeOffs.Add(RecommendationText.Of("ai-smaller-model", tier.Family));
            var tokens = source.Sum(g => g.InputTokens + g.OutputTokens);
            yield return new Recommendation(
                RecommendationKinds.AiModelRightSizing,
                new RecommendationScope("model", source.Key.Provider, source.Key.SubAccount, null, null, source.Key.Model),
                source.Key.Model,
                target,
                source.Sum(g => g.Lines),
                tokens,
                "tokens",
                source.Sum(g => g.Cost),
                savings,
                tradeOffs,
                "medium",
                Heuristic: false,
                RecommendationText.Of(
                    "ai-rationale", target, fromModel.ActiveParamsLowB, fromModel.ActiveParamsHighB, toModel.ActiveParamsLowB, toModel.ActiveParamsHighB,
                    savings.EnergyKwh.Central / Math.Max(tokens, 1) * 1e6));
        }
    }

    private static string ReplacePattern(string model, string from, string to)
    {
        var at = model.IndexOf(from, StringComparison.OrdinalIgnoreCase);
        return at < 0 ? to : string.Concat(model.AsSpan(0, at), to, model.AsSpan(at + from.Length));
    }
}

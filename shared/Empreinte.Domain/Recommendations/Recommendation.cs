using System.Text.Json.Serialization;

namespace Empreinte.Domain.Recommendations;

/// <summary>What a recommendation applies to: the level it names and the values that identify it.</summary>
/// <param name="Level">One of <c>sub-account</c>, <c>resource</c>, <c>service</c>, <c>region</c>, <c>model</c>.</param>
public sealed record RecommendationScope(string Level, string Provider, string? SubAccount, string? Service, string? Region, string? Model)
{
    public override string ToString() => string.Join(" / ", new[] { Provider, SubAccount, Service, Region, Model }.Where(v => !string.IsNullOrEmpty(v)));
}

/// <summary>
/// One change and what it would save on every criterion (positive = less), each saving a range
/// obtained by re-estimating the affected lines under the change with the same calculators.
/// </summary>
/// <param name="Kind">A <see cref="RecommendationKinds"/> value.</param>
/// <param name="AffectedUsage">Summed usage of the affected lines, in <paramref name="AffectedUnit"/>.</param>
/// <param name="AffectedCost">Cost of the affected lines, in the export's currency.</param>
/// <param name="Confidence"><c>high</c>, <c>medium</c> or <c>low</c>.</param>
/// <param name="Heuristic">True when the rule guesses intent (dev/test from names or tags) rather than reading it.</param>
/// <param name="TradeOffTexts">What the change costs elsewhere (a criterion that rises, data residency, latency, compatibility).</param>
/// <param name="RationaleText">Why this change, in one sentence.</param>
public sealed record Recommendation(
    string Kind,
    RecommendationScope Scope,
    string From,
    string To,
    long AffectedLines,
    double AffectedUsage,
    string AffectedUnit,
    decimal AffectedCost,
    Footprint Savings,
    [property: JsonIgnore] IReadOnlyList<RecommendationText> TradeOffTexts,
    string Confidence,
    bool Heuristic,
    [property: JsonIgnore] RecommendationText RationaleText)
{
    /// <summary>The trade-offs in English (summary.json, recommendations.csv); <see cref="TradeOffTexts"/> renders them in either language.</summary>
    public IReadOnlyList<string> TradeOffs => TradeOffTexts.Select(t => t.Render("en")).ToList();

    /// <summary>The rationale in English (summary.json, recommendations.csv); <see cref="RationaleText"/> renders it in either language.</summary>
    public string Rationale => RationaleText.Render("en");
}

public static class RecommendationKinds
{
    public const string RegionShift = "region-shift";
    public const string AiModelRightSizing = "ai-model-right-sizing";
    public const string MachineGeneration = "machine-generation";
    public const string DevTestSchedule = "dev-test-schedule";
    public const string StorageRedundancy = "storage-redundancy";
}

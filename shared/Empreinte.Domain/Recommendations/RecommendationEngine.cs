using Empreinte.Contracts;
using Empreinte.Domain.Calculators;
using Empreinte.Domain.Factors;

namespace Empreinte.Domain.Recommendations;

/// <summary>What every rule sees: the candidate groups and how to re-estimate them.</summary>
public sealed class RecommendationContext(IReadOnlyList<CandidateGroup> groups, FactorSet factors, CalculationProfile profile, RecommendationData data)
{
    public IReadOnlyList<CandidateGroup> Groups { get; } = groups;
    public FactorSet Factors { get; } = factors;
    public CalculationProfile Profile { get; } = profile;
    public RecommendationData Data { get; } = data;

    /// <summary>The footprint of the groups as they are, and under <paramref name="change"/> (which returns the changed line).</summary>
    public (Footprint Before, Footprint After) Reestimate(IEnumerable<CandidateGroup> groups, Func<UsageLine, UsageLine> change)
    {
        var before = Footprint.Zero;
        var after = Footprint.Zero;
        foreach (var group in groups)
        {
            var line = group.ToLine();
            before += Footprint.Of(line, Factors, Profile);
            after += Footprint.Of(change(line), Factors, Profile);
        }

        return (before, after);
    }
}

/// <summary>One kind of recommendation.</summary>
public interface IRecommendationRule
{
    IEnumerable<Recommendation> Recommend(RecommendationContext context);
}

/// <summary>
/// Runs every registered rule over the candidate groups of an import, keeps the changes that lower
/// total carbon (operational location-based + embodied, central) and sorts them by that saving.
/// </summary>
public static class RecommendationEngine
{
    /// <summary>The rules, in one list: a new kind is one registration here.</summary>
    public static IReadOnlyList<IRecommendationRule> Rules { get; } =
    [
        new RegionShiftRule(),
        new AiModelRightSizingRule(),
        new MachineGenerationRule(),
        new DevTestScheduleRule(),
        new StorageRedundancyRule(),
    ];

    public static IReadOnlyList<Recommendation> Recommend(RecommendationCandidates candidates, FactorSet factors, CalculationProfile profile) =>
        Recommend(candidates.Groups.ToList(), factors, profile, RecommendationData.Embedded);

    public static IReadOnlyList<Recommendation> Recommend(IReadOnlyList<CandidateGroup> groups, FactorSet factors, CalculationProfile profile, RecommendationData data)
    {
        var context = new RecommendationContext(groups, factors, profile, data);
        return Rules.SelectMany(rule => rule.Recommend(context))
            .Where(r => r.Savings.TotalCarbonKgCo2e.Central > 0)
            .OrderByDescending(r => r.Savings.TotalCarbonKgCo2e.Central)
            .ThenBy(r => r.Kind, StringComparer.Ordinal)
            .ThenBy(r => r.Scope.ToString(), StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The trade-off lines every rule states the same way: each criterion the change raises.</summary>
    public static List<RecommendationText> CriteriaRaised(Footprint savings)
    {
        var raised = new List<RecommendationText>();
        foreach (var (name, unit, value) in Footprint.Criteria)
        {
            var saving = value(savings);
            if (saving.Central < 0) raised.Add(RecommendationText.Of("criterion-rises", name, -saving.Central, unit));
        }

        return raised;
    }
}

using Empreinte.Domain.Factors;

namespace Empreinte.Domain.Recommendations;

/// <summary>
/// Moving a sub-account's usage in one region to another region of the same provider. Targets in
/// the same country come first, then the same data-residency group, then elsewhere (stated as a
/// trade-off). For each source it proposes the best target on carbon and, when different, the best
/// on water; each is re-estimated line group by line group with the target region.
/// </summary>
public sealed class RegionShiftRule : IRecommendationRule
{
    // Countries whose data-protection rules let data move freely between them (EU/EEA): a move
    // inside this group keeps data residency; any other move leaves the country.
    private static readonly HashSet<string> s_euEea = new(StringComparer.OrdinalIgnoreCase)
    {
        "AUT", "BEL", "BGR", "HRV", "CYP", "CZE", "DNK", "EST", "FIN", "FRA", "DEU", "GRC", "HUN", "IRL", "ITA", "LVA", "LTU",
        "LUX", "MLT", "NLD", "POL", "PRT", "ROU", "SVK", "SVN", "ESP", "SWE", "ISL", "LIE", "NOR",
    };

    public IEnumerable<Recommendation> Recommend(RecommendationContext context)
    {
        var bySource = context.Groups
            .Where(g => g.Key.RegionId is not null && context.Factors.Region(g.Key.Provider, g.Key.RegionId) is not null)
            .GroupBy(g => (g.Key.Provider, g.Key.SubAccount, Region: context.Factors.Region(g.Key.Provider, g.Key.RegionId!)!));
        foreach (var source in bySource)
        {
            var (provider, subAccount, from) = source.Key;
            var options = context.Factors.Regions
                .Where(r => r.Provider == provider && !r.Region.Equals(from.Region, StringComparison.OrdinalIgnoreCase) && r.GridZone != from.GridZone)
                .Select(to =>
                {
                    var (before, after) = context.Reestimate(source, line => line with { RegionId = to.Region });
                    return (To: to, Savings: Footprint.Savings(before, after), Closeness: Closeness(from, to));
                })
                .Where(o => o.Savings.TotalCarbonKgCo2e.Central > 0)
                .ToList();
            if (options.Count == 0) continue;

            // Closest geography first, then the largest carbon saving; the water-best among the
            // closest geography too when it differs.
            var closest = options.Min(o => o.Closeness);
            var near = options.Where(o => o.Closeness == closest).ToList();
            var byCarbon = near.MaxBy(o => o.Savings.TotalCarbonKgCo2e.Central);
            var byWater = near.MaxBy(o => o.Savings.WaterLitres.Central);
            var chosen = new List<(RegionLocation To, Footprint Savings, int Closeness, string Ranking)> { (byCarbon.To, byCarbon.Savings, byCarbon.Closeness, "carbon") };
            if (byWater.To != byCarbon.To && byWater.Savings.WaterLitres.Central > 0) chosen.Add((byWater.To, byWater.Savings, byWater.Closeness, "water"));

            foreach (var (to, savings, closeness, ranking) in chosen)
            {
                var tradeOffs = RecommendationEngine.CriteriaRaised(savings);
                if (closeness == 2) tradeOffs.Add(RecommendationText.Of("region-outside-residency", to.Region, to.Country, from.Region, from.Country));
                tradeOffs.Add(RecommendationText.Of(closeness == 0 ? "latency-same-country" : "latency-other-country"));
                var stressTo = context.Data.WaterStressOf(to.Country);
                var stressFrom = context.Data.WaterStressOf(from.Country);
                if (stressTo is not null && stressFrom is null)
                    tradeOffs.Add(RecommendationText.Of("region-target-water-stress", to.Country, Stress(stressTo)));
                tradeOffs.Add(RecommendationText.Of("region-check-services"));

                yield return new Recommendation(
                    RecommendationKinds.RegionShift,
                    new RecommendationScope("region", provider, subAccount, null, from.Region, null),
                    from.Region,
                    to.Region,
                    source.Sum(g => g.Lines),
                    source.Sum(g => g.Quantity),
                    source.Select(g => g.QuantityUnit).Distinct().Count() == 1 ? source.First().QuantityUnit ?? "" : "mixed units",
                    source.Sum(g => g.Cost),
                    savings,
                    tradeOffs,
                    closeness == 0 ? "high" : "medium",
                    Heuristic: false,
                    RecommendationText.Of(
                        "region-rationale",
                        RecommendationText.Of("ranking-" + ranking),
                        RecommendationText.Of(closeness == 0 ? "regions-same-country" : closeness == 1 ? "regions-same-residency" : "regions-all"),
                        from.GridZone, to.GridZone, Stress(stressFrom), Stress(stressTo)));
            }
        }
    }

    private static RecommendationText Stress(WaterStress? stress) =>
        RecommendationText.Of(stress is null ? "water-stress-not-rated" : RecommendationTexts.WaterStressKey(stress.Category));

    /// <summary>0 same country, 1 same data-residency group (EU/EEA), 2 elsewhere.</summary>
    private static int Closeness(RegionLocation from, RegionLocation to) =>
        from.Country == to.Country ? 0 : s_euEea.Contains(from.Country) && s_euEea.Contains(to.Country) ? 1 : 2;
}

using Empreinte.Domain.Usage;

namespace Empreinte.Domain.Recommendations;

/// <summary>
/// A heuristic: GPU machines and large machines (≥ <see cref="LargeVCpus"/> vCPUs) running around
/// the clock in a sub-account or with tags that look like dev/test. Proposes running them only in
/// working hours (<see cref="WorkingHoursPerWeek"/> of 168), re-estimated with the hours scaled.
/// </summary>
public sealed class DevTestScheduleRule : IRecommendationRule
{
    public const int LargeVCpus = 16;
    public const double WorkingHoursPerWeek = 60; // 12 h × 5 days
    private const double AlwaysOnShare = 0.9;

    public IEnumerable<Recommendation> Recommend(RecommendationContext context)
    {
        // One recommendation per sub-account, service, region and machine type, whatever else differs between its groups.
        var sources = context.Groups
            .Where(g => g.Key.LooksDevTest && g.Key.UsageKind is UsageKinds.VirtualMachine or UsageKinds.GpuHours)
            .Where(g => (g.Key.GpuCount ?? 0) > 0 || (g.Key.VCpus ?? 0) >= LargeVCpus)
            .GroupBy(g => (g.Key.Provider, g.Key.SubAccount, g.Key.ServiceName, g.Key.RegionId, g.Key.InstanceType, g.Key.GpuCount, g.Key.VCpus));
        foreach (var source in sources)
        {
            var key = source.Key;
            var hours = source.Sum(g => g.InstanceHours);
            var start = source.Min(g => g.PeriodStart);
            var end = source.Max(g => g.PeriodEnd);
            // Always on: at least one machine-equivalent ran ≥ 90 % of the period the lines cover.
            if (start is null || end is null || end <= start || hours < AlwaysOnShare * (end.Value - start.Value).TotalHours) continue;
            var period = (end.Value - start.Value).TotalHours;

            var share = WorkingHoursPerWeek / 168;
            var (before, after) = context.Reestimate(source, line => line with
            {
                InstanceHours = line.InstanceHours * share,
                Quantity = line.Quantity * share,
                VCpuHours = line.VCpuHours * share,
                MemoryGbHours = line.MemoryGbHours * share,
            });
            var savings = Footprint.Savings(before, after);
            var tradeOffs = RecommendationEngine.CriteriaRaised(savings);
            tradeOffs.Add(RecommendationText.Of("dev-test-stopped"));
            yield return new Recommendation(
                RecommendationKinds.DevTestSchedule,
                new RecommendationScope("sub-account", key.Provider, key.SubAccount, key.ServiceName, key.RegionId, null),
                $"{key.InstanceType} always on",
                $"{key.InstanceType} {WorkingHoursPerWeek:G3} h/week",
                source.Sum(g => g.Lines),
                hours,
                "hours",
                source.Sum(g => g.Cost),
                savings,
                tradeOffs,
                "low",
                Heuristic: true,
                (key.GpuCount ?? 0) > 0
                    ? RecommendationText.Of("dev-test-rationale-gpu", hours / period, key.GpuCount!.Value)
                    : RecommendationText.Of("dev-test-rationale-cpu", hours / period, key.VCpus ?? 0));
        }
    }
}

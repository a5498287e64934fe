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
        foreach (var group in context.Groups)
        {
            var key = group.Key;
            if (!key.LooksDevTest || key.UsageKind is not (UsageKinds.VirtualMachine or UsageKinds.GpuHours)) continue;
            if ((key.GpuCount ?? 0) == 0 && (key.VCpus ?? 0) < LargeVCpus) continue;
            // Always on: at least one machine-equivalent ran ≥ 90 % of the period the lines cover.
            if (group.PeriodHours is not { } period || group.InstanceHours < AlwaysOnShare * period) continue;

            var share = WorkingHoursPerWeek / 168;
            var (before, after) = context.Reestimate([group], line => line with
            {
                InstanceHours = line.InstanceHours * share,
                Quantity = line.Quantity * share,
                VCpuHours = line.VCpuHours * share,
                MemoryGbHours = line.MemoryGbHours * share,
            });
            var savings = Footprint.Savings(before, after);
            var tradeOffs = RecommendationEngine.CriteriaRaised(savings);
            tradeOffs.Add("machines are stopped outside working hours: start-up time, and anything scheduled at night must move");
            yield return new Recommendation(
                RecommendationKinds.DevTestSchedule,
                new RecommendationScope("sub-account", key.Provider, key.SubAccount, key.ServiceName, key.RegionId, null),
                $"{key.InstanceType} always on",
                $"{key.InstanceType} {WorkingHoursPerWeek:G3} h/week",
                group.Lines,
                group.InstanceHours,
                "hours",
                group.Cost,
                savings,
                tradeOffs,
                "low",
                Heuristic: true,
                $"Heuristic: the sub-account name or tags look like dev/test and {group.InstanceHours / period:G3} machine(s) ran around the clock; "
                + ((key.GpuCount ?? 0) > 0 ? $"{key.GpuCount} GPU(s) each." : $"{key.VCpus} vCPUs each."));
        }
    }
}

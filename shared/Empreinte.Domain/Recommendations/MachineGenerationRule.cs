using Empreinte.Contracts;
using Empreinte.Domain.Factors;
using Empreinte.Domain.Usage;

namespace Empreinte.Domain.Recommendations;

/// <summary>
/// Moving virtual machines to another machine type of the same provider's catalogue with the same
/// vCPUs, at least the same memory (at most 1.5×), no GPU and a different processor generation —
/// newer x86 or Arm. The best candidate on total carbon is re-estimated with the catalogue's
/// attributes for that type, exactly as the classifier fills them.
/// </summary>
public sealed class MachineGenerationRule : IRecommendationRule
{
    private static readonly string[] s_armProcessors = ["Graviton", "Ampere", "Cobalt", "Axion", "Arm"];

    public IEnumerable<Recommendation> Recommend(RecommendationContext context)
    {
        var byType = context.Groups
            .Where(g => g.Key.UsageKind == UsageKinds.VirtualMachine && g.Key.InstanceType is not null && (g.Key.GpuCount ?? 0) == 0)
            .GroupBy(g => (g.Key.Provider, g.Key.SubAccount, Type: g.Key.InstanceType!));
        var catalogue = context.Factors.Machines.ToLookup(m => (m.Provider, m.VCpus));
        foreach (var source in byType)
        {
            var from = context.Factors.Machine(source.Key.Provider, source.Key.Type);
            if (from is null) continue;
            var best = catalogue[(from.Provider, from.VCpus)]
                .Where(to => to.Name != from.Name && to.GpuCount == 0 && to.MemoryGb >= from.MemoryGb && to.MemoryGb <= from.MemoryGb * 1.5
                    && to.Microarchitectures.Count > 0 && !to.Microarchitectures.SequenceEqual(from.Microarchitectures, StringComparer.OrdinalIgnoreCase))
                .Select(to =>
                {
                    var (before, after) = context.Reestimate(source, line => WithMachine(line, to));
                    return (To: to, Savings: Footprint.Savings(before, after));
                })
                .Where(o => o.Savings.TotalCarbonKgCo2e.Central > 0)
                .OrderByDescending(o => o.Savings.TotalCarbonKgCo2e.Central)
                .ThenBy(o => o.To.Name, StringComparer.Ordinal)
                .FirstOrDefault();
            if (best.To is null) continue;

            var arm = IsArm(best.To);
            var tradeOffs = RecommendationEngine.CriteriaRaised(best.Savings);
            tradeOffs.Add(RecommendationText.Of(arm ? "machine-arm" : "machine-other-generation"));
            if (best.To.LocalStorageGb != from.LocalStorageGb) tradeOffs.Add(RecommendationText.Of("machine-local-disk", Disk(from.LocalStorageGb), Disk(best.To.LocalStorageGb)));
            yield return new Recommendation(
                RecommendationKinds.MachineGeneration,
                new RecommendationScope("sub-account", source.Key.Provider, source.Key.SubAccount, null, null, null),
                from.Name,
                best.To.Name,
                source.Sum(g => g.Lines),
                source.Sum(g => g.InstanceHours),
                "hours",
                source.Sum(g => g.Cost),
                best.Savings,
                tradeOffs,
                arm ? "low" : "medium",
                Heuristic: false,
                RecommendationText.Of(
                    "machine-rationale", from.VCpus, new TextNumber(from.MemoryGb, "G4"), new TextNumber(best.To.MemoryGb, "G4"),
                    string.Join('/', from.Microarchitectures), string.Join('/', best.To.Microarchitectures)));
        }
    }

    /// <summary>The line as the classifier would have filled it for <paramref name="machine"/>.</summary>
    public static UsageLine WithMachine(UsageLine line, MachineType machine) => line with
    {
        InstanceType = machine.Name,
        VCpus = machine.VCpus,
        MemoryGb = machine.MemoryGb,
        CpuMicroarchitecture = string.Join('|', machine.Microarchitectures),
        GpuModel = machine.GpuModel,
        GpuCount = machine.GpuCount == 0 ? null : machine.GpuCount,
        HostVCpus = machine.HostVCpus,
        HostMemoryGb = machine.HostMemoryGb,
    };

    private static object Disk(double? gigabytes) => gigabytes is { } gb ? new TextNumber(gb, "G4") : RecommendationText.Of("machine-no-disk");

    private static bool IsArm(MachineType machine) =>
        machine.Microarchitectures.Any(m => s_armProcessors.Any(a => m.Contains(a, StringComparison.OrdinalIgnoreCase)));
}

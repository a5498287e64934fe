using Empreinte.Contracts;
using Empreinte.Domain.Factors;
using Empreinte.Domain.Usage;

namespace Empreinte.Domain.Calculators;

/// <summary>
/// IT energy (before PUE) of a usage line, by component: the one power model the energy and water
/// calculators share, so that both always agree on the same kWh.
/// </summary>
public sealed record ItEnergy(Uncertain CpuKwh, Uncertain MemoryKwh, Uncertain GpuKwh, Uncertain StorageKwh, Uncertain NetworkKwh, double? Utilisation, IReadOnlyList<string> Flags)
{
    public Uncertain TotalKwh => CpuKwh + MemoryKwh + GpuKwh + StorageKwh + NetworkKwh;

    public EnergyBreakdown Breakdown => new(CpuKwh.Central, MemoryKwh.Central, GpuKwh.Central, StorageKwh.Central, NetworkKwh.Central, 0);

    public static ItEnergy Of(UsageLine line, FactorSet factors)
    {
        var flags = new List<string>();
        var zero = Uncertain.Zero;
        switch (line.UsageKind)
        {
            case UsageKinds.VirtualMachine:
            {
                var hours = line.InstanceHours ?? 0;
                var utilisation = factors.Constant("cpu-utilisation").Value;
                flags.Add(AssumptionFlags.DefaultUtilisation);
                var cpu = CpuPowerRange(line, factors, flags);
                var cpuWatts = PowerAt(cpu.MinWattsPerVCpu, cpu.MaxWattsPerVCpu, utilisation) * (line.VCpus ?? 0);
                var memory = factors.Constant("memory-kwh-per-gb-hour").Value * ((line.MemoryGb ?? 0) * hours);
                var gpuKwh = zero;
                if (line.GpuCount is > 0 && line.GpuModel is { } model)
                {
                    if (factors.Gpu(model) is { } gpu)
                        gpuKwh = PowerAt(gpu.IdleWatts, gpu.MaxWatts, utilisation) * (line.GpuCount.Value * hours / 1000);
                    else
                        flags.Add("gpu-model-unknown");
                }

                return new(cpuWatts * (hours / 1000), memory, gpuKwh, zero, zero, utilisation.Central, flags);
            }

            case UsageKinds.Storage:
            {
                var perTbHour = line.StorageMedia == "hdd"
                    ? factors.Constant("hdd-wh-per-tb-hour").Value
                    : factors.Constant("ssd-wh-per-tb-hour").Value;
                // GB-months → TB·h, then Wh → kWh; replication multiplies the bytes physically stored.
                var tbHours = (line.StorageGbMonths ?? 0) * Units.HoursPerMonth / 1000 * (line.ReplicationFactor ?? 1);
                return new(zero, zero, zero, perTbHour * (tbHours / 1000), zero, null, flags);
            }

            case UsageKinds.Network:
                return new(zero, zero, zero, zero, factors.Constant("network-kwh-per-gb").Value * (line.NetworkGb ?? 0), null, flags);

            default:
                return new(zero, zero, zero, zero, zero, null, flags);
        }
    }

    /// <summary>Linear power model between idle and full load (CCF, Teads): P = min + u × (max − min), in watts.</summary>
    public static Uncertain PowerAt(double minWatts, double maxWatts, Uncertain utilisation) => Uncertain.Of(
        minWatts + utilisation.Low * (maxWatts - minWatts),
        minWatts + utilisation.Central * (maxWatts - minWatts),
        minWatts + utilisation.High * (maxWatts - minWatts));

    /// <summary>
    /// Mean of the min and max watts of the machine's possible microarchitectures (CCF); the
    /// provider average, flagged, when none of them is known.
    /// </summary>
    private static CpuPower CpuPowerRange(UsageLine line, FactorSet factors, List<string> flags)
    {
        var known = (line.CpuMicroarchitecture ?? "")
            .Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(factors.Cpu)
            .OfType<CpuPower>()
            .ToList();
        if (known.Count > 0)
        {
            return new CpuPower(line.CpuMicroarchitecture!, known.Average(c => c.MinWattsPerVCpu), known.Average(c => c.MaxWattsPerVCpu), known[0].Provenance);
        }

        flags.Add(AssumptionFlags.MicroarchitectureUnknown);
        var average = line.Provider switch
        {
            Providers.Aws => "AWS average",
            Providers.Azure => "Azure average",
            Providers.Gcp => "Google Cloud average",
            _ => "Other average",
        };
        return factors.Cpu(average)!;
    }
}

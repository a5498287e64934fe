using Empreinte.Contracts;
using Empreinte.Domain.Factors;
using Empreinte.Domain.Usage;

namespace Empreinte.Domain.Calculators;

/// <summary>
/// IT energy (before PUE) of a usage line, by component: the one power model the energy and water
/// calculators share, so that both always agree on the same kWh. A value, not an object: both
/// calculators work it out for every line of an export, and only read it.
/// </summary>
/// <param name="OtherKwh">Host server share of GPU and AI usage, and AI serving overhead, kWh.</param>
/// <param name="Utilisation">CPU/GPU utilisation used (central), fraction 0–1; null when not applicable.</param>
public readonly record struct ItEnergy(
    Uncertain CpuKwh,
    Uncertain MemoryKwh,
    Uncertain GpuKwh,
    Uncertain StorageKwh,
    Uncertain NetworkKwh,
    Uncertain OtherKwh,
    double? Utilisation,
    IReadOnlyList<string> Flags)
{
    public Uncertain TotalKwh => CpuKwh + MemoryKwh + GpuKwh + StorageKwh + NetworkKwh + OtherKwh;

    public EnergyBreakdown Breakdown => new(CpuKwh.Central, MemoryKwh.Central, GpuKwh.Central, StorageKwh.Central, NetworkKwh.Central, OtherKwh.Central);

    /// <summary>Every component at its central value, low = central = high (a point-value methodology).</summary>
    public ItEnergy AtCentral() => this with
    {
        CpuKwh = CpuKwh.AtCentral(),
        MemoryKwh = MemoryKwh.AtCentral(),
        GpuKwh = GpuKwh.AtCentral(),
        StorageKwh = StorageKwh.AtCentral(),
        NetworkKwh = NetworkKwh.AtCentral(),
        OtherKwh = OtherKwh.AtCentral(),
    };

    /// <summary>Empreinte's power model of the line.</summary>
    public static ItEnergy Of(UsageLine line, FactorSet factors)
    {
        var flags = new List<string>();
        var zero = Uncertain.Zero;
        if (ComputeEquivalent.Applies(line)) return Compute(line, factors, flags);
        switch (line.UsageKind)
        {
            case UsageKinds.VirtualMachine:
                {
                    var hours = line.InstanceHours ?? 0;
                    var utilisation = factors.Value(FactorKeys.CpuUtilisation);
                    flags.Add(AssumptionFlags.DefaultUtilisation);
                    var (minW, maxW) = CpuPowerRange(line, factors, AnyCpuRow, flags);
                    var cpuWatts = PowerAt(minW, maxW, utilisation) * (line.VCpus ?? 0);
                    var memory = factors.Value(FactorKeys.MemoryKwhPerGbHour) * ((line.MemoryGb ?? 0) * hours);
                    var gpuKwh = GpuEnergy(line, factors, utilisation, hours, flags);
                    return new(cpuWatts * (hours / 1000), memory, gpuKwh, zero, zero, zero, utilisation.Central, flags);
                }

            case UsageKinds.GpuHours:
                {
                    // GPU-only usage (no vCPUs billed): GPU power at the default utilisation, plus the host
                    // server's share (EcoLogits: 1.2 kW per 8-GPU server without its GPUs).
                    var hours = line.InstanceHours ?? 0;
                    var utilisation = factors.Value(FactorKeys.CpuUtilisation);
                    flags.Add(AssumptionFlags.DefaultUtilisation);
                    var gpuKwh = GpuEnergy(line, factors, utilisation, hours, flags);
                    var host = factors.Value(FactorKeys.GpuServerHostKw) * ((line.GpuCount ?? 0) / 8.0 * hours);
                    return new(zero, zero, gpuKwh, zero, zero, host, utilisation.Central, flags);
                }

            case UsageKinds.AiTokens:
                {
                    var ai = AiInference.Of(line, factors, flags);
                    return new(zero, zero, ai.GpuKwh, zero, zero, ai.ServerKwh, null, flags);
                }

            case UsageKinds.Storage:
                {
                    var perTbHour = factors.Value(line.StorageMedia == "hdd" ? FactorKeys.HddWhPerTbHour : FactorKeys.SsdWhPerTbHour);
                    // GB-months → TB·h, then Wh → kWh; replication multiplies the bytes physically stored.
                    var tbHours = StoredCapacity.TbHours(line);
                    return new(zero, zero, zero, perTbHour * (tbHours / 1000), zero, zero, null, flags);
                }

            case UsageKinds.Network:
                return new(zero, zero, zero, zero, factors.Value(FactorKeys.NetworkKwhPerGb) * (line.NetworkGb ?? 0), zero, null, flags);

            case UsageKinds.Unmapped or UsageKinds.NonUsage:
                return new(zero, zero, zero, zero, zero, zero, null, flags);

            default:
                flags.Add(CalculatorFlags.KindNotModelled);
                return new(zero, zero, zero, zero, zero, zero, null, flags);
        }
    }

    /// <summary>Compute billed without a machine type (and cost proxies): the VM model on vCPU-hours and GB-hours, provider-average CPU.</summary>
    private static ItEnergy Compute(UsageLine line, FactorSet factors, List<string> flags)
    {
        var compute = ComputeEquivalent.Of(line, factors, flags);
        var utilisation = factors.Value(FactorKeys.CpuUtilisation);
        flags.Add(AssumptionFlags.DefaultUtilisation);
        var (minW, maxW) = CpuPowerRange(line, factors, AnyCpuRow, flags);
        var cpu = PowerAt(minW, maxW, utilisation) * compute.VCpuHours * 0.001;
        var memory = factors.Value(FactorKeys.MemoryKwhPerGbHour) * compute.MemoryGbHours;
        return new(cpu, memory, Uncertain.Zero, Uncertain.Zero, Uncertain.Zero, Uncertain.Zero, utilisation.Central, flags);
    }

    /// <summary>Empreinte reads every row of <c>cpu_microarchitectures.csv</c>, its own derived rows included.</summary>
    private static readonly Func<CpuPower, bool> AnyCpuRow = static _ => true;

    /// <summary>Linear power model between idle and full load (CCF, Teads): P = min + u × (max − min), in watts.</summary>
    public static Uncertain PowerAt(double minWatts, double maxWatts, Uncertain utilisation) => Uncertain.Of(
        minWatts + utilisation.Low * (maxWatts - minWatts),
        minWatts + utilisation.Central * (maxWatts - minWatts),
        minWatts + utilisation.High * (maxWatts - minWatts));

    /// <summary>GPU energy at a utilisation, kWh; an unknown GPU model counts nothing, flagged.</summary>
    internal static Uncertain GpuEnergy(UsageLine line, FactorSet factors, Uncertain utilisation, double hours, List<string> flags)
    {
        if (line.GpuCount is not > 0 || line.GpuModel is not { } model) return Uncertain.Zero;
        if (factors.Gpu(model) is not { } gpu)
        {
            flags.Add(CalculatorFlags.GpuModelUnknown);
            return Uncertain.Zero;
        }

        return PowerAt(gpu.IdleWatts, gpu.MaxWatts, utilisation) * (line.GpuCount.Value * hours / 1000);
    }

    /// <summary>
    /// Mean of the min and max watts of the machine's possible microarchitectures (CCF); the median
    /// when the set holds Sandy Bridge or Ivy Bridge (CCF getWattsByAverageOrMedian); the provider
    /// average, flagged, when none of the <paramref name="eligible"/> rows is known.
    /// </summary>
    internal static (double Min, double Max) CpuPowerRange(UsageLine line, FactorSet factors, Func<CpuPower, bool> eligible, List<string> flags)
    {
        var set = line.CpuMicroarchitecture;
        Span<double> mins = stackalloc double[8];
        Span<double> maxs = stackalloc double[8];
        var count = 0;
        var medianRule = false;
        if (!string.IsNullOrEmpty(set))
        {
            foreach (var range in set.AsSpan().Split('|'))
            {
                var name = set[range].Trim();
                if (factors.Cpu(name) is not { } cpu || !eligible(cpu) || count == mins.Length) continue;
                mins[count] = cpu.MinWattsPerVCpu;
                maxs[count] = cpu.MaxWattsPerVCpu;
                count++;
                medianRule |= name is "Sandy Bridge" or "Ivy Bridge";
            }
        }

        if (count > 0)
        {
            return medianRule
                ? (Median(mins[..count]), Median(maxs[..count]))
                : (Mean(mins[..count]), Mean(maxs[..count]));
        }

        flags.Add(AssumptionFlags.MicroarchitectureUnknown);
        var average = line.Provider switch
        {
            Providers.Aws => "AWS average",
            Providers.Azure => "Azure average",
            Providers.Gcp => "Google Cloud average",
            _ => "Other average",
        };
        var fallback = factors.Cpu(average)!;
        return (fallback.MinWattsPerVCpu, fallback.MaxWattsPerVCpu);
    }

    private static double Mean(Span<double> values)
    {
        var sum = 0.0;
        foreach (var v in values) sum += v;
        return sum / values.Length;
    }

    private static double Median(Span<double> values)
    {
        values.Sort();
        var mid = values.Length / 2;
        return values.Length % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
    }
}

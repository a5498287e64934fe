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

    public static ItEnergy Of(UsageLine line, FactorSet factors) => Of(line, factors, CalculationProfile.Default);

    public static ItEnergy Of(UsageLine line, FactorSet factors, CalculationProfile profile)
    {
        var flags = new List<string>();
        var zero = Uncertain.Zero;
        var ccf = profile == CalculationProfile.Ccf;
        if (ComputeEquivalent.Applies(line)) return Compute(line, factors, ccf, flags);
        switch (line.UsageKind)
        {
            case UsageKinds.VirtualMachine:
                {
                    var hours = line.InstanceHours ?? 0;
                    var utilisation = Pick(factors.Constant("cpu-utilisation").Value, ccf);
                    flags.Add(AssumptionFlags.DefaultUtilisation);
                    var (minW, maxW) = CpuPowerRange(line, factors, ccf, flags);
                    var cpuWatts = PowerAt(minW, maxW, utilisation) * (line.VCpus ?? 0);
                    Uncertain memory;
                    if (ccf)
                    {
                        memory = Uncertain.Exactly(factors.Constant("memory-kwh-per-gb-hour").Value.Central * CcfExcessMemoryGbHours(line, factors, hours));
                    }
                    else
                    {
                        memory = factors.Constant("memory-kwh-per-gb-hour").Value * ((line.MemoryGb ?? 0) * hours);
                    }

                    var gpuKwh = GpuEnergy(line, factors, utilisation, hours, ccf, flags);
                    return new(cpuWatts * (hours / 1000), memory, gpuKwh, zero, zero, zero, utilisation.Central, flags);
                }

            case UsageKinds.GpuHours:
                {
                    // GPU-only usage (no vCPUs billed): GPU power at the default utilisation, plus the host
                    // server's share (EcoLogits: 1.2 kW per 8-GPU server without its GPUs).
                    var hours = line.InstanceHours ?? 0;
                    var utilisation = Pick(factors.Constant("cpu-utilisation").Value, ccf);
                    flags.Add(AssumptionFlags.DefaultUtilisation);
                    var gpuKwh = GpuEnergy(line, factors, utilisation, hours, ccf, flags);
                    var host = Pick(factors.Constant("gpu-server-host-kw").Value, ccf) * ((line.GpuCount ?? 0) / 8.0 * hours);
                    return new(zero, zero, gpuKwh, zero, zero, host, utilisation.Central, flags);
                }

            case UsageKinds.AiTokens:
                {
                    var ai = AiInference.Of(line, factors, flags);
                    var gpu = Pick(ai.GpuKwh, ccf);
                    var server = Pick(ai.ServerKwh, ccf);
                    return new(zero, zero, gpu, zero, zero, server, null, flags);
                }

            case UsageKinds.Storage:
                {
                    var perTbHour = Pick(line.StorageMedia == "hdd"
                        ? factors.Constant("hdd-wh-per-tb-hour").Value
                        : factors.Constant("ssd-wh-per-tb-hour").Value, ccf);
                    // GB-months → TB·h, then Wh → kWh; replication multiplies the bytes physically stored.
                    var tbHours = StoredTbHours(line);
                    return new(zero, zero, zero, perTbHour * (tbHours / 1000), zero, zero, null, flags);
                }

            case UsageKinds.Network:
                return new(zero, zero, zero, zero, Pick(factors.Constant("network-kwh-per-gb").Value, ccf) * (line.NetworkGb ?? 0), zero, null, flags);

            case UsageKinds.Unmapped or UsageKinds.NonUsage:
                return new(zero, zero, zero, zero, zero, zero, null, flags);

            default:
                flags.Add(CalculatorFlags.KindNotModelled);
                return new(zero, zero, zero, zero, zero, zero, null, flags);
        }
    }

    /// <summary>Compute billed without a machine type (and cost proxies): the VM model on vCPU-hours and GB-hours, provider-average CPU.</summary>
    private static ItEnergy Compute(UsageLine line, FactorSet factors, bool ccf, List<string> flags)
    {
        var compute = ComputeEquivalent.Of(line, factors, flags);
        var utilisation = Pick(factors.Constant("cpu-utilisation").Value, ccf);
        flags.Add(AssumptionFlags.DefaultUtilisation);
        var (minW, maxW) = CpuPowerRange(line, factors, ccf, flags);
        var cpu = Pick(PowerAt(minW, maxW, utilisation) * compute.VCpuHours * 0.001, ccf);
        // CCF counts memory billed on its own (GCP RAM rows, Azure "Memory Duration") at 0.392 W/GB and
        // nothing for vCPU-only usage or spend (methodology-anchors §1.2).
        var memoryCoefficient = factors.Constant("memory-kwh-per-gb-hour").Value;
        var memory = !ccf
            ? memoryCoefficient * compute.MemoryGbHours
            : line.Flags.Contains(AssumptionFlags.CostProxy) ? Uncertain.Zero : Uncertain.Exactly(memoryCoefficient.Central * compute.MemoryGbHours.Central);
        return new(cpu, memory, Uncertain.Zero, Uncertain.Zero, Uncertain.Zero, Uncertain.Zero, utilisation.Central, flags);
    }

    /// <summary>
    /// CCF's memory term for AWS and Azure virtual machines (CCF <c>calculateGigabyteHours</c>): the host's
    /// memory per physical chip above the SPECpower GB-per-chip average of its microarchitectures, shared
    /// out by the instance's part of the host's memory. Physical chips = ⌈host vCPUs ÷ 96⌉ (2 for AWS m5zn
    /// and z1d); host = the largest size of the family (<c>machine_types.csv</c>). None for AWS burstable (t) families, which CCF skips, and for Google Cloud, whose memory CCF takes
    /// from the RAM rows of the bill.
    /// </summary>
    internal static double CcfExcessMemoryGbHours(UsageLine line, FactorSet factors, double hours)
    {
        if (line.Provider is not (Providers.Azure or Providers.Aws)) return 0;
        if (line.MemoryGb is not > 0 || line.HostVCpus is not > 0 || line.HostMemoryGb is not > 0) return 0;
        var type = line.InstanceType.AsSpan();
        var family = type.IndexOf('.') is var dot and >= 0 ? type[..dot] : type;
        if (line.Provider == Providers.Aws && family.Length > 1 && family[0] == 't' && char.IsDigit(family[1])) return 0;

        var instanceMemory = line.MemoryGb.Value;
        var hostMemory = line.HostMemoryGb.Value;
        var chips = line.Provider == Providers.Aws && (family.SequenceEqual("m5zn") || family.SequenceEqual("z1d")) ? 2 : Math.Ceiling(line.HostVCpus.Value / 96.0);
        var excessPerChip = hostMemory / chips - CcfGbPerChip(line, factors);
        return excessPerChip <= 0 ? 0 : excessPerChip / (hostMemory / instanceMemory) * hours;
    }

    /// <summary>
    /// Mean GB per physical chip of the machine's microarchitectures (CCF <c>getMemory</c>); CCF's provider
    /// average when one of them has no value in CCF's table (its mean is then undefined).
    /// </summary>
    private static double CcfGbPerChip(UsageLine line, FactorSet factors)
    {
        var sum = 0.0;
        var count = 0;
        var set = line.CpuMicroarchitecture ?? "";
        foreach (var range in set.AsSpan().Split('|'))
        {
            var name = set[range].Trim();
            if (name.Length == 0) continue;
            if (factors.Cpu(name)?.CcfGbPerChip is not { } gb)
            {
                count = 0;
                break;
            }

            sum += gb;
            count++;
        }

        if (count > 0) return sum / count;
        var average = line.Provider == Providers.Aws ? "AWS average" : "Azure average";
        return factors.Cpu(average)!.CcfGbPerChip!.Value;
    }

    /// <summary>TB·h physically stored: GB-months × 730 h ÷ 1,000 × replication factor.</summary>
    internal static double StoredTbHours(UsageLine line) =>
        (line.StorageGbMonths ?? 0) * Units.HoursPerMonth / 1000 * (line.ReplicationFactor ?? 1);

    /// <summary>Linear power model between idle and full load (CCF, Teads): P = min + u × (max − min), in watts.</summary>
    public static Uncertain PowerAt(double minWatts, double maxWatts, Uncertain utilisation) => Uncertain.Of(
        minWatts + utilisation.Low * (maxWatts - minWatts),
        minWatts + utilisation.Central * (maxWatts - minWatts),
        minWatts + utilisation.High * (maxWatts - minWatts));

    /// <summary>The CCF profile uses point values: the central value of every range.</summary>
    internal static Uncertain Pick(Uncertain value, bool ccf) => ccf ? Uncertain.Exactly(value.Central) : value;

    private static Uncertain GpuEnergy(UsageLine line, FactorSet factors, Uncertain utilisation, double hours, bool ccf, List<string> flags)
    {
        if (line.GpuCount is not > 0 || line.GpuModel is not { } model) return Uncertain.Zero;
        if (factors.Gpu(model) is not { } gpu)
        {
            flags.Add(CalculatorFlags.GpuModelUnknown);
            return Uncertain.Zero;
        }

        if (ccf && !gpu.InCcf) flags.Add(CalculatorFlags.CcfGpuNotInCcf);
        return PowerAt(gpu.IdleWatts, gpu.MaxWatts, utilisation) * (line.GpuCount.Value * hours / 1000);
    }

    /// <summary>
    /// Mean of the min and max watts of the machine's possible microarchitectures (CCF); the median
    /// when the set holds Sandy Bridge or Ivy Bridge (CCF getWattsByAverageOrMedian); the provider
    /// average, flagged, when none of them is known. The CCF profile ignores rows Empreinte derived.
    /// </summary>
    private static (double Min, double Max) CpuPowerRange(UsageLine line, FactorSet factors, bool ccf, List<string> flags)
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
                if (factors.Cpu(name) is not { } cpu || (ccf && !cpu.InCcf) || count == mins.Length) continue;
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

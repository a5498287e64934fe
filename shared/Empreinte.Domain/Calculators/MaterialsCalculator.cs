using Empreinte.Contracts;
using Empreinte.Domain.Factors;
using Empreinte.Domain.Usage;

namespace Empreinte.Domain.Calculators;

/// <summary>
/// Hardware impacts allocated by time and share (GSF SCI: M = TE × TR/EL × RR/TotalR):
/// a machine's host impacts × (hours ÷ lifespan) × (vCPUs ÷ host vCPUs), plus its GPUs in full;
/// storage by TB·h stored (with replication) over the drive lifespan.
/// </summary>
public static class MaterialsCalculator
{
    public const string NetworkHardwareNotModelled = "network-hardware-not-modelled";
    public const string HostEmbodiedModelled = "host-embodied-modelled";

    public static MaterialsEstimate Estimate(UsageLine line, FactorSet factors)
    {
        var flags = new List<string>();
        switch (line.UsageKind)
        {
            case UsageKinds.VirtualMachine:
                return Machine(line, factors, flags);
            case UsageKinds.Storage:
                return Storage(line, factors, flags);
            case UsageKinds.Network:
                flags.Add(NetworkHardwareNotModelled);
                return new(Uncertain.Zero, Uncertain.Zero, Uncertain.Zero, flags);
            default:
                return new(Uncertain.Zero, Uncertain.Zero, Uncertain.Zero, flags);
        }
    }

    private static MaterialsEstimate Machine(UsageLine line, FactorSet factors, List<string> flags)
    {
        var hours = line.InstanceHours ?? 0;
        var vCpus = line.VCpus ?? 0;
        var hostVCpus = line.HostVCpus ?? 0;
        if (hostVCpus < vCpus || hostVCpus == 0)
        {
            hostVCpus = Math.Max(vCpus, 1);
            flags.Add(AssumptionFlags.HostShareAssumed);
        }

        var share = (double)vCpus / hostVCpus;
        var lifeShare = LifeShare(hours, factors.Constant("server-lifespan-hours").Value);

        var hostEmbodied = HostEmbodied(line, hostVCpus, factors, flags);
        var embodied = hostEmbodied * lifeShare * share;
        var adpe = factors.Constant("server-adpe-kgsbeq").Value * lifeShare * share;
        var mass = factors.Constant("server-mass-kg").Value * lifeShare * share;

        if (line.GpuCount is > 0 && line.GpuModel is { } model)
        {
            if (factors.Gpu(model) is { } gpu)
            {
                // GPUs are dedicated to the instance: allocated in full, by time only.
                var gpuLife = lifeShare * line.GpuCount.Value;
                embodied += gpuLife * gpu.EmbodiedKgCo2e;
                adpe += gpuLife * gpu.AbioticDepletionKgSbEq;
                mass += gpuLife * gpu.MassKg;
            }
            else
            {
                flags.Add("gpu-model-unknown");
            }
        }

        return new(embodied, adpe, mass, flags);
    }

    /// <summary>
    /// Host embodied emissions: the catalogue's per-host value where CCF publishes one; otherwise
    /// the Teads model (base server + second socket + DRAM above 16 GB), flagged as modelled.
    /// </summary>
    private static Uncertain HostEmbodied(UsageLine line, int hostVCpus, FactorSet factors, List<string> flags)
    {
        var machine = line.InstanceType is null ? null : factors.Machine(line.Provider, line.InstanceType);
        if (machine?.HostEmbodiedKgCo2e is { } published)
        {
            // The published host value carries the base server's relative uncertainty.
            var baseRange = factors.Constant("server-embodied-base-kgco2e").Value;
            return baseRange * (published / baseRange.Central);
        }

        flags.Add(HostEmbodiedModelled);
        var vCpus = Math.Max(line.VCpus ?? 1, 1);
        var hostMemoryGb = (line.MemoryGb ?? 0) * hostVCpus / vCpus;
        var dram = factors.Constant("dram-embodied-kgco2e-per-gb").Value * Math.Max(0, hostMemoryGb - 16);
        return factors.Constant("server-embodied-base-kgco2e").Value + factors.Constant("cpu-socket-embodied-kgco2e").Value + dram;
    }

    private static MaterialsEstimate Storage(UsageLine line, FactorSet factors, List<string> flags)
    {
        var hdd = line.StorageMedia == "hdd";
        // TB·h physically stored (replicas included) over the drive lifespan: the share of a drive's life used.
        var tbHours = (line.StorageGbMonths ?? 0) * Units.HoursPerMonth / 1000 * (line.ReplicationFactor ?? 1);
        var perTb = LifeShare(tbHours, factors.Constant("storage-lifespan-hours").Value);
        var embodied = factors.Constant(hdd ? "hdd-embodied-kgco2e-per-tb" : "ssd-embodied-kgco2e-per-tb").Value * perTb;
        var adpe = factors.Constant(hdd ? "hdd-adpe-kgsbeq-per-tb" : "ssd-adpe-kgsbeq-per-tb").Value * perTb;
        var mass = factors.Constant(hdd ? "hdd-mass-kg-per-tb" : "ssd-mass-kg-per-tb").Value * perTb;
        return new(embodied, adpe, mass, flags);
    }

    /// <summary>hours ÷ lifespan as a range: the longest lifespan gives the low share.</summary>
    private static Uncertain LifeShare(double hours, Uncertain lifespanHours) =>
        Uncertain.Of(hours / lifespanHours.High, hours / lifespanHours.Central, hours / lifespanHours.Low);
}

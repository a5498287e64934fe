using Empreinte.Contracts;
using Empreinte.Domain.Calculators.Ccf;
using Empreinte.Domain.Factors;
using Empreinte.Domain.Usage;

namespace Empreinte.Domain.Calculators;

/// <summary>
/// Hardware impacts allocated by time and share (GSF SCI: M = TE × TR/EL × RR/TotalR):
/// a machine's host impacts (by component, <see cref="HostHardware"/>) × (hours ÷ lifespan) × (vCPUs ÷ host vCPUs), plus its GPUs in full;
/// GPU-hours: the GPUs plus their share of an 8-GPU server; AI tokens: the GPUs and server share
/// held for the request's latency ÷ batch (EcoLogits); storage by TB·h stored (with replication)
/// over the drive lifespan.
/// </summary>
public static class MaterialsCalculator
{
    public const string NetworkHardwareNotModelled = "network-hardware-not-modelled";
    public const string HostEmbodiedModelled = "host-embodied-modelled";

    public static MaterialsEstimate Estimate(UsageLine line, FactorSet factors) => Estimate(line, factors, CalculationProfile.Default);

    public static MaterialsEstimate Estimate(UsageLine line, FactorSet factors, CalculationProfile profile)
    {
        var flags = new List<string>();
        var ccf = profile == CalculationProfile.Ccf;
        if (ccf && CcfMethodology.Estimate(line) is { } estimate) return CcfEmbodied(estimate, flags);
        if (ComputeEquivalent.Applies(line)) return Compute(line, factors, flags, ccf);
        switch (line.UsageKind)
        {
            case UsageKinds.VirtualMachine:
                return ccf ? CcfMachine(line, factors, flags) : Machine(line, factors, flags);
            case UsageKinds.GpuHours:
                return GpuHours(line, factors, flags, ccf);
            case UsageKinds.AiTokens:
                return AiTokens(line, factors, flags, ccf);
            case UsageKinds.Storage:
                return Storage(line, factors, flags, ccf);
            case UsageKinds.Network:
                flags.Add(NetworkHardwareNotModelled);
                return new(Uncertain.Zero, Uncertain.Zero, Uncertain.Zero, flags);
            case UsageKinds.Unmapped or UsageKinds.NonUsage:
                return new(Uncertain.Zero, Uncertain.Zero, Uncertain.Zero, flags);
            default:
                flags.Add(CalculatorFlags.KindNotModelled);
                return new(Uncertain.Zero, Uncertain.Zero, Uncertain.Zero, flags);
        }
    }

    /// <summary>
    /// The host's component impacts (<see cref="HostHardware"/>) × hours ÷ lifespan × vCPU ÷ host vCPUs,
    /// plus the instance's GPUs in full (dedicated to it), by time only.
    /// </summary>
    private static MaterialsEstimate Machine(UsageLine line, FactorSet factors, List<string> flags)
    {
        var hours = line.InstanceHours ?? 0;
        var (share, hostVCpus) = HostShare(line, flags);
        var lifeShare = LifeShare(hours, factors.Constant("server-lifespan-hours").Value);

        var gpu = line.GpuCount is > 0 && line.GpuModel is { } model ? factors.Gpu(model) : null;
        if (line.GpuCount is > 0 && gpu is null) flags.Add(CalculatorFlags.GpuModelUnknown);
        var gpuCount = gpu is null ? 0 : line.GpuCount!.Value;

        var host = HostHardware.Of(line, hostVCpus, factors, flags);
        var embodied = host.EmbodiedKgCo2e * lifeShare * share;
        var adpe = host.AbioticDepletionKgSbEq * lifeShare * share;
        var mass = host.MassKg * lifeShare * share;

        if (gpu is not null)
        {
            var gpuLife = lifeShare * gpuCount;
            embodied += gpuLife * gpu.EmbodiedKgCo2e;
            adpe += gpuLife * gpu.AbioticDepletionKgSbEq;
            mass += gpuLife * gpu.MassKg;
        }

        return new(embodied, adpe, mass, flags);
    }

    /// <summary>CCF's embodied carbon (AWS, Azure: <see cref="CcfMethodology"/>); CCF has no ADPe or mass, and none for storage, network or serverless.</summary>
    private static MaterialsEstimate CcfEmbodied(CcfEstimate estimate, List<string> flags)
    {
        flags.Add(CalculatorFlags.CcfEmbodiedCarbonOnly);
        return new(Uncertain.Exactly(estimate.EmbodiedKgCo2e), Uncertain.Zero, Uncertain.Zero, flags);
    }

    /// <summary>
    /// CCF (Google Cloud and others): host scope-3 × (hours ÷ vCPUs)/35,040 × vCPU/largest vCPU, as CCF's code
    /// divides the usage period by the vCPUs (its documentation does not); carbon only (CCF has no ADPe or mass).
    /// </summary>
    private static MaterialsEstimate CcfMachine(UsageLine line, FactorSet factors, List<string> flags)
    {
        var hours = line.InstanceHours ?? 0;
        var (share, hostVCpus) = HostShare(line, flags);
        var host = HostEmbodied(line, hostVCpus, factors, flags, out _).Central;
        var lifespan = factors.Constant("server-lifespan-hours").Value.Central;
        flags.Add(CalculatorFlags.CcfEmbodiedCarbonOnly);
        var usagePeriod = hours / Math.Max(line.VCpus ?? 1, 1);
        return new(Uncertain.Exactly(host * usagePeriod / lifespan * share), Uncertain.Zero, Uncertain.Zero, flags);
    }

    private static MaterialsEstimate GpuHours(UsageLine line, FactorSet factors, List<string> flags, bool ccf)
    {
        var hours = line.InstanceHours ?? 0;
        var count = line.GpuCount ?? 0;
        if (line.GpuModel is not { } model || factors.Gpu(model) is not { } gpu)
        {
            if (count > 0) flags.Add(CalculatorFlags.GpuModelUnknown);
            return new(Uncertain.Zero, Uncertain.Zero, Uncertain.Zero, flags);
        }

        var lifeShare = ItEnergy.Pick(LifeShare(hours, factors.Constant("server-lifespan-hours").Value), ccf);
        var serverShare = count / 8.0;
        var embodied = lifeShare * (count * gpu.EmbodiedKgCo2e + serverShare * factors.Constant("gpu-server-embodied-kgco2e").Value.Central);
        var adpe = lifeShare * (count * gpu.AbioticDepletionKgSbEq + serverShare * factors.Constant("gpu-server-adpe-kgsbeq").Value.Central);
        var mass = lifeShare * count * gpu.MassKg + ItEnergy.Pick(factors.Constant("server-mass-kg").Value, ccf) * lifeShare * serverShare;
        return new(embodied, adpe, mass, flags);
    }

    /// <summary>
    /// EcoLogits: embodied per request = ΔT/B × (n/8 × I_server + n × I_GPU) ÷ lifetime, with the
    /// H100 as the reference GPU; widened on the high side by the lifecycle-boundary multiplier.
    /// </summary>
    private static MaterialsEstimate AiTokens(UsageLine line, FactorSet factors, List<string> flags, bool ccf)
    {
        var ai = AiInference.Of(line, factors, flags);
        var h100 = factors.Gpu("H100")!;
        var lifespan = factors.Constant("gpu-server-lifespan-hours").Value;
        var carbonBoundary = AiInference.LifecycleBoundary(factors, "llm-lifecycle-boundary", ccf, flags);
        var adpeBoundary = AiInference.LifecycleBoundary(factors, "llm-lifecycle-boundary-adpe", ccf, flags);
        var serverCo2 = factors.Constant("gpu-server-embodied-kgco2e").Value.Central;
        var serverAdpe = factors.Constant("gpu-server-adpe-kgsbeq").Value.Central;
        var serverMass = factors.Constant("server-mass-kg").Value.Central;

        Uncertain Per(double serverValue, double gpuValue, Uncertain multiplier)
        {
            double Bound(double occupancy, double n, double life, double m) => occupancy * (n / 8 * serverValue + n * gpuValue) / life * m;
            var value = Uncertain.Of(
                Bound(ai.ServerOccupancyHours.Low, ai.Gpus.Low, lifespan.High, multiplier.Low),
                Bound(ai.ServerOccupancyHours.Central, ai.Gpus.Central, lifespan.Central, multiplier.Central),
                Bound(ai.ServerOccupancyHours.High, ai.Gpus.High, lifespan.Low, multiplier.High));
            return ItEnergy.Pick(value, ccf);
        }

        var one = Uncertain.Exactly(1);
        return new(Per(serverCo2, h100.EmbodiedKgCo2e, carbonBoundary), Per(serverAdpe, h100.AbioticDepletionKgSbEq, adpeBoundary), Per(serverMass, h100.MassKg, one), flags);
    }

    /// <summary>
    /// Compute billed without a machine type (and cost proxies): vCPU-hours over a generic host's
    /// vCPU-hours of life (64 vCPU, 4 GB per vCPU). Default profile: the same component model as virtual
    /// machines, processor unknown (flagged); CCF profile: the Teads model (base + second socket + DRAM above 16 GB).
    /// </summary>
    private static MaterialsEstimate Compute(UsageLine line, FactorSet factors, List<string> flags, bool ccf)
    {
        var compute = ComputeEquivalent.Of(line, factors, flags);
        var hostVCpus = factors.Constant("generic-host-vcpus").Value.Central;
        var hostMemoryGb = hostVCpus * factors.Constant("cost-proxy-memory-gb-per-vcpu").Value.Central;
        var lifeShare = compute.VCpuHours * LifeShare(1 / hostVCpus, factors.Constant("server-lifespan-hours").Value);
        if (!ccf)
        {
            var generic = HostHardware.Impacts(HostHardware.GenericHost((int)hostVCpus, hostMemoryGb, factors, flags), factors);
            return new(generic.EmbodiedKgCo2e * lifeShare, generic.AbioticDepletionKgSbEq * lifeShare, generic.MassKg * lifeShare, flags);
        }

        var host = factors.Constant("server-embodied-base-kgco2e").Value + factors.Constant("cpu-socket-embodied-kgco2e").Value
            + factors.Constant("dram-embodied-kgco2e-per-gb").Value * Math.Max(0, hostMemoryGb - 16);
        flags.Add(HostEmbodiedModelled);
        var embodied = host * lifeShare;
        var adpe = factors.Constant("server-adpe-kgsbeq").Value * lifeShare;
        var mass = factors.Constant("server-mass-kg").Value * lifeShare;
        return new(ItEnergy.Pick(embodied, ccf), ItEnergy.Pick(adpe, ccf), ItEnergy.Pick(mass, ccf), flags);
    }

    private static (double Share, int HostVCpus) HostShare(UsageLine line, List<string> flags)
    {
        var vCpus = line.VCpus ?? 0;
        var hostVCpus = line.HostVCpus ?? 0;
        if (hostVCpus < vCpus || hostVCpus == 0)
        {
            hostVCpus = Math.Max(vCpus, 1);
            flags.Add(AssumptionFlags.HostShareAssumed);
        }

        return ((double)vCpus / hostVCpus, hostVCpus);
    }

    /// <summary>
    /// Host embodied emissions: the catalogue's per-host value where CCF publishes one; otherwise
    /// the Teads model (base server + second socket + DRAM above 16 GB), flagged as modelled.
    /// </summary>
    private static Uncertain HostEmbodied(UsageLine line, int hostVCpus, FactorSet factors, List<string> flags, out bool published)
    {
        var machine = line.InstanceType is null ? null : factors.Machine(line.Provider, line.InstanceType);
        if (machine?.HostEmbodiedKgCo2e is { } value)
        {
            published = true;
            // The published host value carries the base server's relative uncertainty.
            var baseRange = factors.Constant("server-embodied-base-kgco2e").Value;
            return baseRange * (value / baseRange.Central);
        }

        published = false;
        flags.Add(HostEmbodiedModelled);
        var vCpus = Math.Max(line.VCpus ?? 1, 1);
        var hostMemoryGb = (line.MemoryGb ?? 0) * hostVCpus / vCpus;
        var dram = factors.Constant("dram-embodied-kgco2e-per-gb").Value * Math.Max(0, hostMemoryGb - 16);
        return factors.Constant("server-embodied-base-kgco2e").Value + factors.Constant("cpu-socket-embodied-kgco2e").Value + dram;
    }

    private static MaterialsEstimate Storage(UsageLine line, FactorSet factors, List<string> flags, bool ccf)
    {
        var hdd = line.StorageMedia == "hdd";
        // TB·h physically stored (replicas included) over the drive lifespan: the share of a drive's life used.
        var perTb = LifeShare(ItEnergy.StoredTbHours(line), factors.Constant("storage-lifespan-hours").Value);
        var embodied = factors.Constant(hdd ? "hdd-embodied-kgco2e-per-tb" : "ssd-embodied-kgco2e-per-tb").Value * perTb;
        var adpe = factors.Constant(hdd ? "hdd-adpe-kgsbeq-per-tb" : "ssd-adpe-kgsbeq-per-tb").Value * perTb;
        var mass = factors.Constant(hdd ? "hdd-mass-kg-per-tb" : "ssd-mass-kg-per-tb").Value * perTb;
        return new(ItEnergy.Pick(embodied, ccf), ItEnergy.Pick(adpe, ccf), ItEnergy.Pick(mass, ccf), flags);
    }

    /// <summary>hours ÷ lifespan as a range: the longest lifespan gives the low share.</summary>
    private static Uncertain LifeShare(double hours, Uncertain lifespanHours) =>
        Uncertain.Of(hours / lifespanHours.High, hours / lifespanHours.Central, hours / lifespanHours.Low);
}

using Empreinte.Contracts;
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

    /// <summary>Empreinte's estimate (<see cref="EmpreinteMethodology"/>).</summary>
    public static MaterialsEstimate Estimate(UsageLine line, FactorSet factors)
    {
        var flags = new List<string>();
        if (ComputeEquivalent.Applies(line)) return Compute(line, factors, flags);
        switch (line.UsageKind)
        {
            case UsageKinds.VirtualMachine:
                return Machine(line, factors, flags);
            case UsageKinds.AiTokens:
                {
                    var ai = AiInference.Of(line, factors, flags);
                    var carbonBoundary = AiInference.LifecycleBoundary(factors, FactorKeys.LlmLifecycleBoundary, flags);
                    var adpeBoundary = AiInference.LifecycleBoundary(factors, FactorKeys.LlmLifecycleBoundaryAdpe, flags);
                    return AiTokens(ai, factors, carbonBoundary, adpeBoundary, flags);
                }

            default:
                return Hardware(line, factors, flags);
        }
    }

    /// <summary>The estimate under the methodology a profile names: <see cref="Methodologies.For"/>(profile).Materials.</summary>
    public static MaterialsEstimate Estimate(UsageLine line, FactorSet factors, CalculationProfile profile) =>
        Methodologies.For(profile).Materials(line, factors);

    /// <summary>GPU hours, storage, network and lines without a model: what every methodology counts alike (CCF at central values).</summary>
    internal static MaterialsEstimate Hardware(UsageLine line, FactorSet factors, List<string> flags)
    {
        switch (line.UsageKind)
        {
            case UsageKinds.GpuHours:
                return GpuHours(line, factors, flags);
            case UsageKinds.Storage:
                return Storage(line, factors, flags);
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
        var lifeShare = LifeShare(hours, factors.Value(FactorKeys.ServerLifespanHours));

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

    private static MaterialsEstimate GpuHours(UsageLine line, FactorSet factors, List<string> flags)
    {
        var hours = line.InstanceHours ?? 0;
        var count = line.GpuCount ?? 0;
        if (line.GpuModel is not { } model || factors.Gpu(model) is not { } gpu)
        {
            if (count > 0) flags.Add(CalculatorFlags.GpuModelUnknown);
            return new(Uncertain.Zero, Uncertain.Zero, Uncertain.Zero, flags);
        }

        var lifeShare = LifeShare(hours, factors.Value(FactorKeys.ServerLifespanHours));
        var serverShare = count / 8.0;
        var embodied = lifeShare * (count * gpu.EmbodiedKgCo2e + serverShare * factors.Value(FactorKeys.GpuServerEmbodiedKgCo2e).Central);
        var adpe = lifeShare * (count * gpu.AbioticDepletionKgSbEq + serverShare * factors.Value(FactorKeys.GpuServerAdpeKgSbEq).Central);
        var mass = lifeShare * count * gpu.MassKg + factors.Value(FactorKeys.ServerMassKg) * lifeShare * serverShare;
        return new(embodied, adpe, mass, flags);
    }

    /// <summary>
    /// EcoLogits: embodied per request = ΔT/B × (n/8 × I_server + n × I_GPU) ÷ lifetime, with the
    /// H100 as the reference GPU; carbon and ADPe multiplied by their lifecycle boundary (1 = EcoLogits' own scope).
    /// </summary>
    internal static MaterialsEstimate AiTokens(AiInference ai, FactorSet factors, Uncertain carbonBoundary, Uncertain adpeBoundary, List<string> flags)
    {
        var h100 = factors.Gpu("H100")!;
        var lifespan = factors.Value(FactorKeys.GpuServerLifespanHours);
        var serverCo2 = factors.Value(FactorKeys.GpuServerEmbodiedKgCo2e).Central;
        var serverAdpe = factors.Value(FactorKeys.GpuServerAdpeKgSbEq).Central;
        var serverMass = factors.Value(FactorKeys.ServerMassKg).Central;

        Uncertain Per(double serverValue, double gpuValue, Uncertain multiplier)
        {
            double Bound(double occupancy, double n, double life, double m) => occupancy * (n / 8 * serverValue + n * gpuValue) / life * m;
            return Uncertain.Of(
                Bound(ai.ServerOccupancyHours.Low, ai.Gpus.Low, lifespan.High, multiplier.Low),
                Bound(ai.ServerOccupancyHours.Central, ai.Gpus.Central, lifespan.Central, multiplier.Central),
                Bound(ai.ServerOccupancyHours.High, ai.Gpus.High, lifespan.Low, multiplier.High));
        }

        var one = Uncertain.Exactly(1);
        return new(Per(serverCo2, h100.EmbodiedKgCo2e, carbonBoundary), Per(serverAdpe, h100.AbioticDepletionKgSbEq, adpeBoundary), Per(serverMass, h100.MassKg, one), flags);
    }

    /// <summary>
    /// Compute billed without a machine type (and cost proxies): vCPU-hours over a generic host's
    /// vCPU-hours of life (64 vCPU, 4 GB per vCPU), with the same component model as virtual machines,
    /// processor unknown (flagged).
    /// </summary>
    private static MaterialsEstimate Compute(UsageLine line, FactorSet factors, List<string> flags)
    {
        var compute = ComputeEquivalent.Of(line, factors, flags);
        var (hostVCpus, hostMemoryGb, lifeShare) = GenericHostShare(compute, factors);
        var generic = HostHardware.Impacts(HostHardware.GenericHost((int)hostVCpus, hostMemoryGb, factors, flags), factors);
        return new(generic.EmbodiedKgCo2e * lifeShare, generic.AbioticDepletionKgSbEq * lifeShare, generic.MassKg * lifeShare, flags);
    }

    /// <summary>The generic host of compute billed without a machine type, and the share of its life the line uses.</summary>
    internal static (double HostVCpus, double HostMemoryGb, Uncertain LifeShare) GenericHostShare(ComputeEquivalent compute, FactorSet factors)
    {
        var hostVCpus = factors.Value(FactorKeys.GenericHostVCpus).Central;
        var hostMemoryGb = hostVCpus * factors.Value(FactorKeys.CostProxyMemoryGbPerVCpu).Central;
        var lifeShare = compute.VCpuHours * LifeShare(1 / hostVCpus, factors.Value(FactorKeys.ServerLifespanHours));
        return (hostVCpus, hostMemoryGb, lifeShare);
    }

    /// <summary>The instance's share of its host (vCPU ÷ host vCPU); a host smaller than the instance, or unknown, is the instance, flagged.</summary>
    internal static (double Share, int HostVCpus) HostShare(UsageLine line, List<string> flags)
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

    private static MaterialsEstimate Storage(UsageLine line, FactorSet factors, List<string> flags)
    {
        var hdd = line.StorageMedia == "hdd";
        // TB·h physically stored (replicas included) over the drive lifespan: the share of a drive's life used.
        var perTb = LifeShare(StoredCapacity.TbHours(line), factors.Value(FactorKeys.StorageLifespanHours));
        var embodied = factors.Value(hdd ? FactorKeys.HddEmbodiedKgCo2ePerTb : FactorKeys.SsdEmbodiedKgCo2ePerTb) * perTb;
        var adpe = factors.Value(hdd ? FactorKeys.HddAdpeKgSbEqPerTb : FactorKeys.SsdAdpeKgSbEqPerTb) * perTb;
        var mass = factors.Value(hdd ? FactorKeys.HddMassKgPerTb : FactorKeys.SsdMassKgPerTb) * perTb;
        return new(embodied, adpe, mass, flags);
    }

    /// <summary>hours ÷ lifespan as a range: the longest lifespan gives the low share.</summary>
    internal static Uncertain LifeShare(double hours, Uncertain lifespanHours) =>
        Uncertain.Of(hours / lifespanHours.High, hours / lifespanHours.Central, hours / lifespanHours.Low);
}

using Empreinte.Contracts;
using Empreinte.Domain.Factors;
using Empreinte.Domain.Usage;

namespace Empreinte.Domain.Calculators.Ccf;

/// <summary>
/// CCF's coefficients and formulas on Empreinte's catalogue, for what <see cref="CcfBillingRow"/> does not
/// cover (Google Cloud, other providers, AI tokens) and for water: point values (the central value of every
/// range), CCF's SPECpower rows only (none Empreinte derived), CCF's memory term for AWS and Azure machines,
/// CCF's PUE and grid table, CCF's embodied formula for machines; AI tokens within EcoLogits' own boundary.
/// </summary>
internal static class CcfCatalogueModel
{
    /// <summary>CCF's rows of <c>cpu_microarchitectures.csv</c>: its SPECpower-derived values, not those Empreinte derived.</summary>
    private static readonly Func<CpuPower, bool> CcfCpuRow = static cpu => cpu.InCcf;

    /// <summary>IT energy (before PUE) as CCF computes it, point values.</summary>
    public static ItEnergy ItEnergy(UsageLine line, FactorSet factors)
    {
        if (ComputeEquivalent.Applies(line)) return Compute(line, factors);
        if (line.UsageKind == UsageKinds.VirtualMachine) return Machine(line, factors);
        // GPU hours, AI tokens, storage and network: CCF's coefficients are the centrals of Empreinte's.
        var it = Calculators.ItEnergy.Of(line, factors).AtCentral();
        if (line.UsageKind != UsageKinds.GpuHours) return it;
        var flags = new List<string>(it.Flags);
        FlagGpuNotInCcf(line, factors, flags);
        return it with { Flags = flags };
    }

    private static ItEnergy Machine(UsageLine line, FactorSet factors)
    {
        var flags = new List<string>();
        var zero = Uncertain.Zero;
        var hours = line.InstanceHours ?? 0;
        var utilisation = factors.Value(FactorKeys.CpuUtilisation).AtCentral();
        flags.Add(AssumptionFlags.DefaultUtilisation);
        var (minW, maxW) = Calculators.ItEnergy.CpuPowerRange(line, factors, CcfCpuRow, flags);
        var cpuWatts = Calculators.ItEnergy.PowerAt(minW, maxW, utilisation) * (line.VCpus ?? 0);
        var memory = Uncertain.Exactly(factors.Value(FactorKeys.MemoryKwhPerGbHour).Central * ExcessMemoryGbHours(line, factors, hours));
        var gpuKwh = Calculators.ItEnergy.GpuEnergy(line, factors, utilisation, hours, flags);
        FlagGpuNotInCcf(line, factors, flags);
        return new(cpuWatts * (hours / 1000), memory, gpuKwh, zero, zero, zero, utilisation.Central, flags);
    }

    /// <summary>Compute billed without a machine type: CCF counts memory billed on its own, and none for spend.</summary>
    private static ItEnergy Compute(UsageLine line, FactorSet factors)
    {
        var flags = new List<string>();
        var compute = ComputeEquivalent.Of(line, factors, flags);
        var utilisation = factors.Value(FactorKeys.CpuUtilisation).AtCentral();
        flags.Add(AssumptionFlags.DefaultUtilisation);
        var (minW, maxW) = Calculators.ItEnergy.CpuPowerRange(line, factors, CcfCpuRow, flags);
        var cpu = (Calculators.ItEnergy.PowerAt(minW, maxW, utilisation) * compute.VCpuHours * 0.001).AtCentral();
        // CCF counts memory billed on its own (GCP RAM rows, Azure "Memory Duration") at 0.392 W/GB and
        // nothing for vCPU-only usage or spend (methodology-anchors §1.2).
        var memory = line.Flags.Contains(AssumptionFlags.CostProxy)
            ? Uncertain.Zero
            : Uncertain.Exactly(factors.Value(FactorKeys.MemoryKwhPerGbHour).Central * compute.MemoryGbHours.Central);
        return new(cpu, memory, Uncertain.Zero, Uncertain.Zero, Uncertain.Zero, Uncertain.Zero, utilisation.Central, flags);
    }

    private static void FlagGpuNotInCcf(UsageLine line, FactorSet factors, List<string> flags)
    {
        if (line.GpuCount is > 0 && line.GpuModel is { } model && factors.Gpu(model) is { InCcf: false }) flags.Add(CalculatorFlags.CcfGpuNotInCcf);
    }

    /// <summary>
    /// CCF's memory term for AWS and Azure virtual machines (CCF <c>calculateGigabyteHours</c>): the host's
    /// memory per physical chip above the SPECpower GB-per-chip average of its microarchitectures, shared
    /// out by the instance's part of the host's memory. Physical chips = ⌈host vCPUs ÷ 96⌉ (2 for AWS m5zn
    /// and z1d); host = the largest size of the family (<c>machine_types.csv</c>). None for AWS burstable (t) families, which CCF skips, and for Google Cloud, whose memory CCF takes
    /// from the RAM rows of the bill.
    /// </summary>
    private static double ExcessMemoryGbHours(UsageLine line, FactorSet factors, double hours)
    {
        if (line.Provider is not (Providers.Azure or Providers.Aws)) return 0;
        if (line.MemoryGb is not > 0 || line.HostVCpus is not > 0 || line.HostMemoryGb is not > 0) return 0;
        var type = line.InstanceType.AsSpan();
        var family = type.IndexOf('.') is var dot and >= 0 ? type[..dot] : type;
        if (line.Provider == Providers.Aws && family.Length > 1 && family[0] == 't' && char.IsDigit(family[1])) return 0;

        var instanceMemory = line.MemoryGb.Value;
        var hostMemory = line.HostMemoryGb.Value;
        var chips = line.Provider == Providers.Aws && (family.SequenceEqual("m5zn") || family.SequenceEqual("z1d")) ? 2 : Math.Ceiling(line.HostVCpus.Value / 96.0);
        var excessPerChip = hostMemory / chips - GbPerChip(line, factors);
        return excessPerChip <= 0 ? 0 : excessPerChip / (hostMemory / instanceMemory) * hours;
    }

    /// <summary>
    /// Mean GB per physical chip of the machine's microarchitectures (CCF <c>getMemory</c>); CCF's provider
    /// average when one of them has no value in CCF's table (its mean is then undefined).
    /// </summary>
    private static double GbPerChip(UsageLine line, FactorSet factors)
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

    /// <summary>
    /// CCF's PUE (regional for Google Cloud) and grid table with its "Unknown" fallback, location-based only;
    /// WUE and electricity water at Empreinte's centrals (CCF has no water). Providers outside CCF's tables keep
    /// Empreinte's PUE and grid central, flagged as a CCF grid fallback. Worked out once per combination, as <see cref="Calculators.Site.Of"/>.
    /// </summary>
    public static Site Site(UsageLine line, FactorSet factors)
    {
        var key = Calculators.Site.KeyOf(line);
        if (s_sites.TryGet(factors, key, out var site)) return site;
        site = ComputeSite(line, factors);
        s_sites.Remember(factors, key, site);
        return site;
    }

    private static readonly FactorSetMemo<Site.SiteKey, Site> s_sites = new(16_384);

    private static Site ComputeSite(UsageLine line, FactorSet factors)
    {
        var own = Calculators.Site.Of(line, factors);
        var flags = new List<string>(own.Flags.Count + 1);
        flags.AddRange(own.Flags);
        var regionName = Calculators.Site.RegionOf(line, factors)?.Region ?? line.RegionId;
        double pue, grid;
        if (CcfBillingRow.Site(line.Provider, regionName, out var fallback) is { } ccf)
        {
            (pue, grid) = ccf;
        }
        else
        {
            (pue, grid) = (own.Pue.Central, own.GridGramsPerKwh.Central);
            fallback = true;
        }

        if (fallback) flags.Add(CalculatorFlags.CcfGridFallback);
        return new(Uncertain.Exactly(pue), own.WueLitresPerKwh.AtCentral(), Uncertain.Exactly(grid), own.ElectricityWaterLitresPerKwh.AtCentral(), null, flags);
    }

    /// <summary>Embodied carbon as CCF computes it (no ADPe or mass for machines); other kinds at Empreinte's centrals.</summary>
    public static MaterialsEstimate Materials(UsageLine line, FactorSet factors)
    {
        var flags = new List<string>();
        if (ComputeEquivalent.Applies(line)) return ComputeMaterials(line, factors, flags);
        switch (line.UsageKind)
        {
            case UsageKinds.VirtualMachine:
                return MachineMaterials(line, factors, flags);
            case UsageKinds.AiTokens:
                {
                    // CCF has no AI model: EcoLogits' own boundary (1), no lifecycle multiplier.
                    var ai = AiInference.Of(line, factors, flags);
                    var one = Uncertain.Exactly(1);
                    return AtCentral(MaterialsCalculator.AiTokens(ai, factors, one, one, flags));
                }

            default:
                return AtCentral(MaterialsCalculator.Hardware(line, factors, flags));
        }
    }

    /// <summary>
    /// Host scope-3 × (hours ÷ vCPUs)/35,040 × vCPU/largest vCPU, as CCF's code divides the usage period by
    /// the vCPUs (its documentation does not); carbon only (CCF has no ADPe or mass).
    /// </summary>
    private static MaterialsEstimate MachineMaterials(UsageLine line, FactorSet factors, List<string> flags)
    {
        var hours = line.InstanceHours ?? 0;
        var (share, hostVCpus) = MaterialsCalculator.HostShare(line, flags);
        var host = HostEmbodied(line, hostVCpus, factors, flags).Central;
        var lifespan = factors.Value(FactorKeys.ServerLifespanHours).Central;
        flags.Add(CalculatorFlags.CcfEmbodiedCarbonOnly);
        var usagePeriod = hours / Math.Max(line.VCpus ?? 1, 1);
        return new(Uncertain.Exactly(host * usagePeriod / lifespan * share), Uncertain.Zero, Uncertain.Zero, flags);
    }

    /// <summary>
    /// Host embodied emissions: the catalogue's per-host value where CCF publishes one; otherwise
    /// the Teads model (base server + second socket + DRAM above 16 GB), flagged as modelled.
    /// </summary>
    private static Uncertain HostEmbodied(UsageLine line, int hostVCpus, FactorSet factors, List<string> flags)
    {
        var machine = line.InstanceType is null ? null : factors.Machine(line.Provider, line.InstanceType);
        if (machine?.HostEmbodiedKgCo2e is { } value)
        {
            // The published host value carries the base server's relative uncertainty.
            var baseRange = factors.Value(FactorKeys.ServerEmbodiedBaseKgCo2e);
            return baseRange * (value / baseRange.Central);
        }

        flags.Add(MaterialsCalculator.HostEmbodiedModelled);
        var vCpus = Math.Max(line.VCpus ?? 1, 1);
        var hostMemoryGb = (line.MemoryGb ?? 0) * hostVCpus / vCpus;
        var dram = factors.Value(FactorKeys.DramEmbodiedKgCo2ePerGb) * Math.Max(0, hostMemoryGb - 16);
        return factors.Value(FactorKeys.ServerEmbodiedBaseKgCo2e) + factors.Value(FactorKeys.CpuSocketEmbodiedKgCo2e) + dram;
    }

    /// <summary>Compute billed without a machine type: the generic host by the Teads model (base + second socket + DRAM above 16 GB).</summary>
    private static MaterialsEstimate ComputeMaterials(UsageLine line, FactorSet factors, List<string> flags)
    {
        var compute = ComputeEquivalent.Of(line, factors, flags);
        var (_, hostMemoryGb, lifeShare) = MaterialsCalculator.GenericHostShare(compute, factors);
        var host = factors.Value(FactorKeys.ServerEmbodiedBaseKgCo2e) + factors.Value(FactorKeys.CpuSocketEmbodiedKgCo2e)
            + factors.Value(FactorKeys.DramEmbodiedKgCo2ePerGb) * Math.Max(0, hostMemoryGb - 16);
        flags.Add(MaterialsCalculator.HostEmbodiedModelled);
        var embodied = host * lifeShare;
        var adpe = factors.Value(FactorKeys.ServerAdpeKgSbEq) * lifeShare;
        var mass = factors.Value(FactorKeys.ServerMassKg) * lifeShare;
        return new(embodied.AtCentral(), adpe.AtCentral(), mass.AtCentral(), flags);
    }

    private static MaterialsEstimate AtCentral(MaterialsEstimate estimate) => estimate with
    {
        EmbodiedKgCo2e = estimate.EmbodiedKgCo2e.AtCentral(),
        AbioticDepletionKgSbEq = estimate.AbioticDepletionKgSbEq.AtCentral(),
        EwasteKg = estimate.EwasteKg.AtCentral(),
    };
}

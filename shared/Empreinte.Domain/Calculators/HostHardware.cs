using Empreinte.Contracts;
using Empreinte.Domain.Factors;

namespace Empreinte.Domain.Calculators;

/// <summary>
/// The physical host behind a virtual machine, as far as embodied impacts need it.
/// </summary>
/// <param name="HostVCpus">vCPUs of the whole host (the family's largest size).</param>
/// <param name="HostMemoryGb">DRAM of the whole host, GB.</param>
/// <param name="Sockets">CPU sockets of the host.</param>
/// <param name="DieAreaCm2PerCpu">Silicon of one CPU package (all its dies), cm².</param>
/// <param name="LocalSsdGb">Local SSD / NVMe of the whole host, GB.</param>
/// <param name="LocalHddGb">Local HDD of the whole host, GB.</param>
public sealed record HostConfiguration(int HostVCpus, double HostMemoryGb, int Sockets, Uncertain DieAreaCm2PerCpu, double LocalSsdGb, double LocalHddGb);

/// <summary>Embodied impacts of one whole host over its life: kgCO2e, kg Sb eq, and its mass in kg (e-waste).</summary>
public readonly record struct HostImpacts(Uncertain EmbodiedKgCo2e, Uncertain AbioticDepletionKgSbEq, Uncertain MassKg);

/// <summary>
/// BoaviztAPI's component approach (factors in <c>components.csv</c>, CPU silicon in <c>cpu_dies.csv</c>):
/// a host's manufacture impact is the sum of its CPUs (die area × per-cm² factor + package), DRAM
/// (GB ÷ density × per-cm² factor + per module), local SSD (GB ÷ density × per-cm² + per drive), local HDD
/// (per drive), motherboard, power supplies (per kg), case and assembly. GPUs are counted by the
/// calculator, per card. Densities, module and drive sizes are ranges: the densest die and the largest
/// module or drive give the low bound.
/// </summary>
public static class HostHardware
{
    public const string HostSocketsAssumed = "host-sockets-assumed";
    public const string CpuDieAssumed = "cpu-die-assumed";
    public const string HostMemoryAssumed = "host-memory-assumed";
    public const string LocalStorageNotStated = "local-storage-not-stated";

    /// <summary>
    /// The host of a virtual-machine line: its catalogue row where there is one, else the line's own
    /// size (the host is the instance, flagged by the share). Every default taken is flagged.
    /// </summary>
    public static HostConfiguration Configuration(UsageLine line, int hostVCpus, FactorSet factors, List<string> flags)
    {
        var machine = line.InstanceType is null ? null : factors.Machine(line.Provider, line.InstanceType);
        var vCpus = Math.Max(line.VCpus ?? machine?.VCpus ?? 1, 1);
        // Scales an instance quantity to the whole host (sizes of a family are slices of one host).
        var toHost = (double)hostVCpus / vCpus;

        var die = Die(line.CpuMicroarchitecture, factors, flags);
        var sockets = machine?.HostSockets is > 0 ? machine.HostSockets.Value : Flagged(die.TypicalSockets, HostSocketsAssumed, flags);

        double hostMemoryGb;
        if (line.HostMemoryGb is > 0) hostMemoryGb = line.HostMemoryGb.Value;
        else if (machine?.HostMemoryGb is > 0) hostMemoryGb = machine.HostMemoryGb;
        else
        {
            flags.Add(HostMemoryAssumed);
            var memoryGb = line.MemoryGb ?? vCpus * factors.Value(FactorKeys.CostProxyMemoryGbPerVCpu).Central;
            hostMemoryGb = memoryGb * toHost;
        }

        double ssdGb = 0, hddGb = 0;
        if (machine is null) flags.Add(LocalStorageNotStated);
        else if (machine.LocalStorageGb is > 0 and var localGb)
        {
            // Media "hdd" is a spinning disk; "ssd" and "nvme" are flash.
            if (string.Equals(machine.LocalStorageMedia, "hdd", StringComparison.OrdinalIgnoreCase)) hddGb = localGb * toHost;
            else ssdGb = localGb * toHost;
        }

        return new(hostVCpus, hostMemoryGb, sockets, die.DieAreaCm2, ssdGb, hddGb);
    }

    /// <summary>
    /// The host impacts of a virtual-machine line and the flags of its defaults. They depend only on the
    /// fields below; exports repeat a few hundred sizes over millions of lines, so each is worked out
    /// once per factor set.
    /// </summary>
    public static HostImpacts Of(UsageLine line, int hostVCpus, FactorSet factors, List<string> flags)
    {
        var key = new HostKey(line.Provider, line.InstanceType, line.CpuMicroarchitecture, line.VCpus, line.MemoryGb, hostVCpus, line.HostMemoryGb);
        if (!s_known.TryGet(factors, key, out var known))
        {
            var own = new List<string>();
            known = (Impacts(Configuration(line, hostVCpus, factors, own), factors), own.ToArray());
            s_known.Remember(factors, key, known);
        }

        flags.AddRange(known.Flags);
        return known.Impacts;
    }

    private static readonly FactorSetMemo<HostKey, (HostImpacts Impacts, string[] Flags)> s_known = new(16_384);

    internal readonly record struct HostKey(string Provider, string? InstanceType, string? Microarchitectures, int? VCpus, double? MemoryGb, int HostVCpus, double? HostMemoryGb);

    /// <summary>A host of a given size whose processor and sockets are unknown (compute billed without a machine type); flagged.</summary>
    public static HostConfiguration GenericHost(int hostVCpus, double hostMemoryGb, FactorSet factors, List<string> flags)
    {
        var die = Die(null, factors, flags);
        return new(hostVCpus, hostMemoryGb, Flagged(die.TypicalSockets, HostSocketsAssumed, flags), die.DieAreaCm2, 0, 0);
    }

    /// <summary>The whole host's embodied impacts over its life, by component.</summary>
    public static HostImpacts Impacts(HostConfiguration host, FactorSet factors) => new(
        Criterion(host, factors, s_carbon),
        Criterion(host, factors, s_adpe),
        Mass(host, factors));

    /// <summary>The component factors of one criterion (kgCO2e or kg Sb eq), each per the unit its name gives.</summary>
    private sealed record CriterionKeys(
        FactorKey CpuDiePerCm2, FactorKey CpuPackage, FactorKey RamDiePerCm2, FactorKey RamModule, FactorKey SsdDiePerCm2, FactorKey SsdDrive,
        FactorKey HddDrive, FactorKey PowerSupplyPerKg, FactorKey Motherboard, FactorKey Case, FactorKey Assembly);

    private static readonly CriterionKeys s_carbon = new(
        FactorKeys.CpuDieKgCo2ePerCm2, FactorKeys.CpuPackageKgCo2e, FactorKeys.RamDieKgCo2ePerCm2, FactorKeys.RamModuleKgCo2e,
        FactorKeys.SsdDieKgCo2ePerCm2, FactorKeys.SsdDriveKgCo2e, FactorKeys.HddDriveKgCo2e, FactorKeys.PowerSupplyKgCo2ePerKg,
        FactorKeys.MotherboardKgCo2e, FactorKeys.CaseKgCo2e, FactorKeys.AssemblyKgCo2e);

    private static readonly CriterionKeys s_adpe = new(
        FactorKeys.CpuDieKgSbEqPerCm2, FactorKeys.CpuPackageKgSbEq, FactorKeys.RamDieKgSbEqPerCm2, FactorKeys.RamModuleKgSbEq,
        FactorKeys.SsdDieKgSbEqPerCm2, FactorKeys.SsdDriveKgSbEq, FactorKeys.HddDriveKgSbEq, FactorKeys.PowerSupplyKgSbEqPerKg,
        FactorKeys.MotherboardKgSbEq, FactorKeys.CaseKgSbEq, FactorKeys.AssemblyKgSbEq);

    private static Uncertain Criterion(HostConfiguration host, FactorSet factors, CriterionKeys k)
    {
        Uncertain F(FactorKey key) => factors.Value(key);
        var cpus = (host.DieAreaCm2PerCpu * F(k.CpuDiePerCm2) + F(k.CpuPackage)) * host.Sockets;
        var dram = PerGbOfDie(F(k.RamDiePerCm2), F(FactorKeys.RamDensityGbPerCm2)) * host.HostMemoryGb
            + F(k.RamModule) * Count(host.HostMemoryGb, F(FactorKeys.RamModuleGb));
        var ssd = PerGbOfDie(F(k.SsdDiePerCm2), F(FactorKeys.SsdDensityGbPerCm2)) * host.LocalSsdGb
            + F(k.SsdDrive) * Count(host.LocalSsdGb, F(FactorKeys.SsdDriveGb));
        var hdd = F(k.HddDrive) * Count(host.LocalHddGb, F(FactorKeys.HddDriveGb));
        var power = F(k.PowerSupplyPerKg) * F(FactorKeys.PowerSupplyKg) * F(FactorKeys.PowerSuppliesPerServer);
        return cpus + dram + ssd + hdd + power + F(k.Motherboard) + F(k.Case) + F(k.Assembly);
    }

    private static Uncertain Mass(HostConfiguration host, FactorSet factors)
    {
        Uncertain F(FactorKey key) => factors.Value(key);
        return F(FactorKeys.CpuMassKg) * host.Sockets
            + F(FactorKeys.RamModuleMassKg) * Count(host.HostMemoryGb, F(FactorKeys.RamModuleGb))
            + F(FactorKeys.SsdDriveMassKg) * Count(host.LocalSsdGb, F(FactorKeys.SsdDriveGb))
            + F(FactorKeys.HddDriveMassKg) * Count(host.LocalHddGb, F(FactorKeys.HddDriveGb))
            + F(FactorKeys.PowerSupplyKg) * F(FactorKeys.PowerSuppliesPerServer)
            + F(FactorKeys.MotherboardMassKg) + F(FactorKeys.CaseMassKg);
    }

    /// <summary>Impact per GB of a memory chip: per-cm² factor ÷ GB per cm²; the densest die gives the low bound.</summary>
    private static Uncertain PerGbOfDie(Uncertain perCm2, Uncertain gbPerCm2) =>
        Uncertain.Of(perCm2.Low / gbPerCm2.High, perCm2.Central / gbPerCm2.Central, perCm2.High / gbPerCm2.Low);

    /// <summary>Modules or drives holding <paramref name="gb"/> (fractional, so impacts stay linear in capacity); the largest unit gives the low bound.</summary>
    private static Uncertain Count(double gb, Uncertain gbPerUnit) =>
        Uncertain.Of(gb / gbPerUnit.High, gb / gbPerUnit.Central, gb / gbPerUnit.Low);

    /// <summary>
    /// The CPU die of the line's processor set: the range spans every microarchitecture of the set
    /// (lowest low, mean central, highest high); none known → the <c>*</c> row, flagged.
    /// </summary>
    private static CpuDie Die(string? microarchitectures, FactorSet factors, List<string> flags)
    {
        var known = (microarchitectures ?? "")
            .Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(factors.CpuDie)
            .OfType<CpuDie>()
            .ToList();
        if (known.Count == 0)
        {
            flags.Add(CpuDieAssumed);
            return factors.CpuDie("*") ?? throw new InvalidDataException("cpu_dies.csv has no '*' fallback row.");
        }

        if (known.Count == 1) return known[0];
        var area = Uncertain.Of(known.Min(d => d.DieAreaCm2.Low), known.Average(d => d.DieAreaCm2.Central), known.Max(d => d.DieAreaCm2.High));
        return known[0] with { DieAreaCm2 = area, TypicalSockets = known.Max(d => d.TypicalSockets) };
    }

    private static int Flagged(int value, string flag, List<string> flags)
    {
        flags.Add(flag);
        return value;
    }
}

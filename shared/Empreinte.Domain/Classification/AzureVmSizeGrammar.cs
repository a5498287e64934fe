using System.Globalization;
using System.Text.RegularExpressions;
using Empreinte.Domain.Factors;
using Empreinte.Domain.Usage;

namespace Empreinte.Domain.Classification;

/// <summary>
/// Azure VM size names: <c>Standard_&lt;family&gt;&lt;vCPUs&gt;[-&lt;active vCPUs&gt;]&lt;features&gt;[_&lt;accelerator&gt;]_v&lt;version&gt;</c>,
/// e.g. <c>Standard_E8-4ds_v5</c> (memory family E, 8 vCPUs of which 4 active, local disk d, premium storage s, version 5),
/// <c>Standard_NC24ads_A100_v4</c>. Feature letters (Azure VM naming conventions): a AMD, p Arm, l low memory,
/// m memory-intensive, d local disk, s premium storage, i isolated, r RDMA, b block storage, e/c confidential.
/// The catalogue spells sizes <c>E8-4ds v5</c> (<see cref="FactorSet.NormaliseMachineName"/>).
/// </summary>
public static partial class AzureVmSizeGrammar
{
    /// <summary>The parts of an Azure VM size name; <see cref="ActiveVCpus"/> is set for constrained-vCPU sizes.</summary>
    public sealed record Parts(string Family, int VCpus, int? ActiveVCpus, string Features, string? Accelerator, int Version);

    public static Parts? Parse(string name)
    {
        var m = Pattern().Match(FactorSet.NormaliseMachineName(name));
        if (!m.Success) return null;
        return new Parts(
            m.Groups["family"].Value.ToUpperInvariant(),
            int.Parse(m.Groups["vcpus"].Value, CultureInfo.InvariantCulture),
            m.Groups["active"].Success ? int.Parse(m.Groups["active"].Value, CultureInfo.InvariantCulture) : null,
            m.Groups["features"].Value.ToLowerInvariant(),
            m.Groups["accel"].Success ? m.Groups["accel"].Value.ToUpperInvariant() : null,
            m.Groups["version"].Success ? int.Parse(m.Groups["version"].Value, CultureInfo.InvariantCulture) : 1);
    }

    public static MachineType? Infer(string name)
    {
        if (Parse(name) is not { } p || !KnownFamily(p.Family)) return null;
        var vcpus = p.ActiveVCpus ?? p.VCpus;
        var perVCpu = MemoryPerVCpu(p);
        // A constrained size keeps the memory and the host share of its full size: vCPUs are disabled, not removed.
        var memory = p.VCpus * perVCpu;
        var (gpu, count) = Gpu(p);
        return MachineNameGrammar.Machine(Providers.Azure, FactorSet.NormaliseMachineName(name), vcpus, memory, Microarchitectures(p), gpu, count,
            Math.Max(HostVCpus(p), p.VCpus), perVCpu);
    }

    private static bool KnownFamily(string family) => family is "A" or "B" or "D" or "DC" or "E" or "EC" or "F" or "FX" or "G" or "GS" or "L" or "M" or "MS"
        or "H" or "HB" or "HC" or "HX" or "NC" or "NCC" or "ND" or "NV" or "NG" or "NP" or "DS";

    /// <summary>
    /// Processor generations by feature letter and version (Azure size series documentation): AMD a: v2 (L) EPYC 1st Gen,
    /// v4 2nd, v5 3rd, v6 4th, v7 5th; Arm p: v5 Ampere Altra, v6+ Cobalt 100; Intel: v1 Haswell, v2 Haswell/Broadwell,
    /// v3 Broadwell to Cascade Lake, v4 Cascade Lake, v5 Ice Lake, v6 Emerald Rapids, v7+ Granite Rapids.
    /// </summary>
    public static string[] Microarchitectures(Parts p)
    {
        if (p.Features.Contains('p')) return p.Version <= 5 ? ["Ampere Altra"] : ["Cobalt 100"];
        if (p.Family == "HB") return p.Version switch { 1 => ["EPYC 1st Gen"], 2 => ["EPYC 2nd Gen"], 3 => ["EPYC 3rd Gen"], _ => ["EPYC 4th Gen"] };
        if (p.Family == "HX") return ["EPYC 4th Gen"];
        if (p.Family == "HC") return ["Skylake"];
        if (p.Family == "L" && p.Version == 2) return ["EPYC 1st Gen"];
        if (p.Accelerator is "H100" or "H200" && !p.Features.Contains('a')) return ["Sapphire Rapids"];
        if (p.Features.Contains('a'))
            return p.Version switch { <= 2 => ["EPYC 1st Gen"], 3 or 4 => ["EPYC 2nd Gen"], 5 => ["EPYC 3rd Gen"], 6 => ["EPYC 4th Gen"], _ => ["EPYC 5th Gen"] };
        return p.Version switch
        {
            1 => ["Haswell"],
            2 => ["Haswell", "Broadwell"],
            3 => ["Broadwell", "Haswell", "Skylake", "Cascade Lake"],
            4 => ["Cascade Lake"],
            5 => ["Ice Lake"],
            6 => ["Emerald Rapids"],
            _ => ["Granite Rapids"],
        };
    }

    /// <summary>GiB per vCPU typical of the family (A 2, B/D 4, E/L 8, F 2, M ~28, G 14); l halves D to 2, m on A gives 8.</summary>
    private static double MemoryPerVCpu(Parts p)
    {
        if (p.Features.Contains('l')) return 2;
        return p.Family switch
        {
            "A" => p.Features.Contains('m') ? 8 : 2,
            "F" => 2,
            "FX" => 21,
            "E" or "EC" or "L" => 8,
            "G" or "GS" => 14,
            "M" or "MS" => p.Features.Contains('m') ? 28 : 14,
            "HB" or "H" => 4,
            "HC" => 8,
            "HX" => 8,
            "NC" or "NCC" or "NV" or "NG" => 9,
            "ND" or "NP" => 16,
            _ => p.Version <= 2 ? 3.5 : 4,
        };
    }

    /// <summary>The family's largest size: the host the size shares (HB, HC, HX, ND and M sizes are whole or near-whole hosts).</summary>
    private static int HostVCpus(Parts p) => p.Family switch
    {
        "B" => p.Version >= 2 ? 32 : 20,
        "A" => 8,
        "G" or "GS" => 32,
        "M" or "MS" => 416,
        "HB" or "HC" or "HX" or "H" or "ND" or "NC" or "NCC" or "NV" or "NG" or "NP" => p.VCpus,
        "L" => 80,
        _ => p.Version switch { <= 2 => 20, 3 => 64, 4 => 96, 5 => 96, 6 => 128, _ => 192 },
    };

    /// <summary>The GPU of N-series sizes by accelerator token and version (Azure GPU size documentation); count from the vCPUs per GPU of the series.</summary>
    private static (string? Model, int Count) Gpu(Parts p)
    {
        if (p.Family is not ("NC" or "NCC" or "ND" or "NV")) return (null, 0);
        var (model, vcpusPerGpu) = (p.Family, p.Accelerator, p.Version) switch
        {
            ("NC", null, 1) => ("Tesla K80", 6),
            ("NC", null, 2) => ("Tesla P100", 6),
            ("NC", null, 3) => ("Tesla V100", 6),
            (_, "T4", _) => ("T4", 16),
            (_, "A100", _) when p.Family == "ND" => (p.Features.Contains('m') ? "A100 80GB" : "A100", 12),
            (_, "A100", _) => ("A100 80GB", 24),
            ("ND", "H100", _) => ("H100", 12),
            (_, "H100", _) => ("H100 PCIe", 40),
            (_, "H200", _) => ("H200", 12),
            (_, "A10", _) => ("A10", 36),
            ("ND", null, 2) => ("Tesla V100", 5),
            ("NV", null, 1 or 3) => ("Tesla M60", p.Version == 1 ? 6 : 12),
            _ => ((string?)null, 0),
        };
        return model is null ? (null, 0) : (model, Math.Max(1, p.VCpus / vcpusPerGpu));
    }

    [GeneratedRegex(@"^(?<family>[A-Za-z]+?)(?<vcpus>\d+)(?:-(?<active>\d+))?(?<features>[a-z]*)(?: (?!v\d+$)(?<accel>[A-Za-z]+\d+[A-Za-z]*))?(?: v(?<version>\d+))?$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Pattern();
}

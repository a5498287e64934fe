using System.Globalization;
using System.Text.RegularExpressions;
using Empreinte.Domain.Factors;
using Empreinte.Domain.Usage;

namespace Empreinte.Domain.Classification;

/// <summary>
/// Google Cloud machine type names: <c>series-type-vCPUs</c> (<c>n2-standard-8</c>, <c>c3-highmem-22</c>,
/// <c>c3-standard-8-lssd</c>), GPU types that count GPUs (<c>a2-highgpu-4g</c>), shared-core types (<c>e2-micro</c>)
/// and custom types that state memory in MB (<c>n2-custom-4-16384</c>, <c>custom-2-7680</c> for N1,
/// <c>n2d-custom-8-65536-ext</c>). Memory per vCPU by type (Google machine family documentation): standard 4 GB
/// (N1 3.75), highmem 8 (N1 6.5), highcpu 1 (N1 0.9; C3/C4/N4 2), megamem ~14, ultramem ~28.
/// </summary>
public static partial class GcpMachineTypeGrammar
{
    public sealed record Parts(string Series, string Type, int VCpus, double? MemoryGb, int? GpuCount);

    public static Parts? Parse(string name)
    {
        var n = name.Trim().ToLowerInvariant();
        if (Custom().Match(n) is { Success: true } c)
        {
            var series = c.Groups["series"].Success ? c.Groups["series"].Value : "n1";
            return new Parts(series, "custom", Int(c.Groups["vcpus"].Value), Int(c.Groups["mb"].Value) / 1024.0, null);
        }

        if (Gpu().Match(n) is { Success: true } g)
        {
            var gpus = Int(g.Groups["gpus"].Value);
            return new Parts(g.Groups["series"].Value, g.Groups["type"].Value, gpus * VCpusPerGpu(g.Groups["series"].Value, g.Groups["type"].Value), null, gpus);
        }

        if (Standard().Match(n) is { Success: true } s)
            return new Parts(s.Groups["series"].Value, s.Groups["type"].Value, Int(s.Groups["vcpus"].Value), null, null);
        if (SharedCore().Match(n) is { Success: true } sc)
            return new Parts(sc.Groups["series"].Value, sc.Groups["type"].Value, sc.Groups["series"].Value == "e2" ? 2 : 1, SharedCoreMemoryGb(sc.Groups["series"].Value, sc.Groups["type"].Value), null);
        return null;
    }

    public static MachineType? Infer(string name)
    {
        if (Parse(name) is not { } p) return null;
        var perVCpu = p.MemoryGb is { } mem && p.VCpus > 0 ? mem / p.VCpus : MemoryPerVCpu(p);
        var memory = p.MemoryGb ?? p.VCpus * perVCpu;
        var (gpu, count) = GpuModel(p);
        return MachineNameGrammar.Machine(Providers.Gcp, name.Trim().ToLowerInvariant(), p.VCpus, memory, Microarchitectures(p.Series), gpu, count, HostVCpus(p), perVCpu);
    }

    /// <summary>
    /// CPU platforms by series (Google CPU platforms documentation): N1 Skylake to Sandy Bridge, N2 Cascade/Ice Lake,
    /// N2D EPYC 2nd/3rd Gen, N4/C4 Emerald Rapids, C3/A3/H3 Sapphire Rapids, C2D/T2D EPYC 3rd, C3D EPYC 4th, N4D/C4D EPYC 5th,
    /// T2A Ampere Altra, C4A/N4A Axion, M1 Skylake/Broadwell, M2 Cascade Lake, M3 Ice Lake. An unknown series is empty (the
    /// calculators then use the provider average, flagged).
    /// </summary>
    public static string[] Microarchitectures(string series) => series switch
    {
        "n1" or "f1" or "g1" => ["Skylake", "Broadwell", "Haswell", "Sandy Bridge", "Ivy Bridge"],
        "e2" => ["Skylake", "Broadwell", "Haswell", "Cascade Lake", "EPYC 2nd Gen"],
        "n2" => ["Cascade Lake", "Ice Lake"],
        "n2d" => ["EPYC 2nd Gen", "EPYC 3rd Gen"],
        "c2" or "a2" or "m2" or "g2" => ["Cascade Lake"],
        "c2d" or "t2d" => ["EPYC 3rd Gen"],
        "c3" or "a3" or "h3" or "z3" => ["Sapphire Rapids"],
        "c3d" => ["EPYC 4th Gen"],
        "c4" or "n4" or "m4" or "a4" => ["Emerald Rapids"],
        "c4d" or "n4d" or "h4d" => ["EPYC 5th Gen"],
        "t2a" => ["Ampere Altra"],
        "c4a" or "n4a" => ["Axion"],
        "m1" => ["Skylake", "Broadwell"],
        "m3" => ["Ice Lake"],
        _ => [],
    };

    private static double MemoryPerVCpu(Parts p) => (p.Series, p.Type) switch
    {
        ("n1", "standard") => 3.75,
        ("n1", "highmem") => 6.5,
        ("n1", "highcpu") => 0.9,
        ("c3" or "c3d" or "c4" or "c4a" or "c4d" or "n4" or "n4d" or "n4a", "highcpu") => 2,
        (_, "highcpu") => 1,
        (_, "highmem") => 8,
        (_, "megamem") => 14.9,
        (_, "ultramem" or "hypermem") => 28,
        ("a2", "highgpu") => 7.1,
        ("a2", "ultragpu" or "megagpu") => 14.2,
        ("a3", _) => 9,
        _ => 4,
    };

    private static int HostVCpus(Parts p) => p.Series switch
    {
        "e2" => 32,
        "n1" or "f1" or "g1" => 96,
        "n2" or "c2" => 128,
        "n2d" => 224,
        "c3" => 176,
        "c3d" => 360,
        "c4" or "c4d" => 288,
        "c4a" => 72,
        "n4" => 80,
        "t2d" => 60,
        "t2a" => 48,
        "c2d" => 112,
        "a2" or "a3" or "g2" => 96,
        _ => p.VCpus,
    };

    private static int VCpusPerGpu(string series, string type) => (series, type) switch
    {
        ("a3", _) => 26,
        ("a2", _) => 12,
        _ => 12,
    };

    private static (string? Model, int Count) GpuModel(Parts p) => (p.Series, p.Type) switch
    {
        ("a2", "highgpu" or "megagpu") => ("A100", p.GpuCount ?? 1),
        ("a2", "ultragpu") => ("A100 80GB", p.GpuCount ?? 1),
        ("a3", _) => (p.Type == "ultragpu" ? "H200" : "H100", p.GpuCount ?? 1),
        ("g2", _) => ("L4", Math.Max(1, p.VCpus / 12)),
        _ => (null, 0),
    };

    private static double SharedCoreMemoryGb(string series, string type) => (series, type) switch
    {
        ("e2", "micro") => 1,
        ("e2", "small") => 2,
        ("e2", _) => 4,
        ("f1", _) => 0.6,
        _ => 1.7,
    };

    private static int Int(string digits) => int.Parse(digits, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^(?:(?<series>[a-z]\d+[a-z]?)-)?custom-(?<vcpus>\d+)-(?<mb>\d+)(?:-ext)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Custom();

    [GeneratedRegex(@"^(?<series>[a-z]\d+[a-z]?)-(?<type>highgpu|megagpu|ultragpu|edgegpu)-(?<gpus>\d+)g(?:-[a-z]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Gpu();

    [GeneratedRegex(@"^(?<series>[a-z]\d+[a-z]?)-(?<type>standard|highmem|highcpu|megamem|ultramem|hypermem|highgpu|node)-(?<vcpus>\d+)(?:-(?:lssd|metal|nolssd))?$", RegexOptions.CultureInvariant)]
    private static partial Regex Standard();

    [GeneratedRegex(@"^(?<series>e2|f1|g1)-(?<type>micro|small|medium)$", RegexOptions.CultureInvariant)]
    private static partial Regex SharedCore();
}

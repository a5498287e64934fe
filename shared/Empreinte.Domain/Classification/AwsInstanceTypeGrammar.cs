using System.Globalization;
using System.Text.RegularExpressions;
using Empreinte.Domain.Factors;
using Empreinte.Domain.Usage;

namespace Empreinte.Domain.Classification;

/// <summary>
/// EC2 instance type names: <c>family generation attributes . size</c>, e.g. <c>r5ad.12xlarge</c> (memory family r,
/// generation 5, AMD processor a, local NVMe d, 48 vCPUs), <c>m7i-flex.large</c>, <c>c8g.metal-48xl</c>,
/// <c>u-6tb1.112xlarge</c>. Processor letters: a AMD, g Graviton, i Intel (none: Intel); d local NVMe, n network,
/// e extra memory or storage, z high frequency, b block storage, flex. Sizes: large is 2 vCPUs, xlarge 4, N·xlarge 4N.
/// </summary>
public static partial class AwsInstanceTypeGrammar
{
    /// <summary>The parts of an EC2 instance type name.</summary>
    public sealed record Parts(string Family, int Generation, string Attributes, string Size, string Processor, int? VCpus);

    public static Parts? Parse(string name)
    {
        var m = Pattern().Match(name.Trim().ToLowerInvariant());
        if (!m.Success) return null;
        var family = m.Groups["family"].Value;
        var generation = int.Parse(m.Groups["gen"].Value, CultureInfo.InvariantCulture);
        var attributes = m.Groups["attrs"].Value;
        var size = m.Groups["size"].Value;
        return new Parts(family, generation, attributes, size, ProcessorOf(family, attributes), VCpusOf(family, size));
    }

    public static MachineType? Infer(string name)
    {
        if (HighMemory().Match(name.Trim().ToLowerInvariant()) is { Success: true } u)
        {
            var terabytes = double.Parse(u.Groups["tb"].Value, CultureInfo.InvariantCulture);
            var vcpus = SizeVCpus(u.Groups["size"].Value) ?? 448;
            return MachineNameGrammar.Machine(Providers.Aws, name, vcpus, terabytes * 1024, ["Cascade Lake", "Skylake", "Sapphire Rapids"], null, 0, vcpus, terabytes * 1024 / vcpus);
        }

        if (Parse(name) is not { } p) return null;
        var vcpu = p.VCpus ?? HostVCpus(p);
        var perVCpu = MemoryPerVCpu(p);
        var (gpu, gpuCount) = Gpu(p, vcpu);
        return MachineNameGrammar.Machine(Providers.Aws, name, vcpu, vcpu * perVCpu, Microarchitectures(p), gpu, gpuCount, HostVCpus(p), perVCpu);
    }

    /// <summary>
    /// The processor generations a family can run on, from its processor letter and generation (AWS instance type
    /// documentation): Intel 4 Haswell/Broadwell, 5 Skylake/Cascade Lake, 6 Ice Lake, 7 Sapphire Rapids, 8 Granite Rapids;
    /// AMD 5 EPYC 1st/2nd Gen, 6 3rd, 7 4th, 8 5th; Graviton 6 Graviton2, 7 Graviton3, 8 Graviton4. Newer generations take the newest known.
    /// </summary>
    public static string[] Microarchitectures(Parts p)
    {
        if (p.Family is "mac") return p.Generation == 1 ? ["Coffee Lake"] : ["Apple M-series"];
        return p.Processor switch
        {
            "graviton" when p.Family == "a" => ["Graviton"],
            "graviton" => p.Generation switch { <= 6 => ["Graviton2"], 7 => ["Graviton3"], _ => ["Graviton4"] },
            "amd" => p.Generation switch
            {
                <= 4 => ["EPYC 1st Gen"],
                5 => p.Family is "c" or "g" ? ["EPYC 2nd Gen"] : ["EPYC 1st Gen", "EPYC 2nd Gen"],
                6 => ["EPYC 3rd Gen"],
                7 => ["EPYC 4th Gen"],
                _ => ["EPYC 5th Gen"],
            },
            _ => p.Generation switch
            {
                1 or 2 => ["Sandy Bridge", "Ivy Bridge"],
                3 => ["Ivy Bridge"],
                4 => ["Haswell", "Broadwell"],
                5 => ["Skylake", "Cascade Lake"],
                6 => ["Ice Lake"],
                7 => ["Sapphire Rapids"],
                _ => ["Granite Rapids"],
            },
        };
    }

    private static string ProcessorOf(string family, string attributes)
    {
        if (family == "a") return "graviton";
        // The first letter after the generation names the processor; the letters after it are features.
        var letters = attributes.Split('-')[0];
        if (family == "t" && letters.StartsWith('g')) return "graviton";
        return letters switch
        {
            _ when letters.StartsWith('a') => "amd",
            _ when letters.StartsWith('g') && family is not ("g" or "p") => "graviton",
            _ when family is "g" && letters.StartsWith('g') => "graviton",
            _ => "intel",
        };
    }

    private static int? VCpusOf(string family, string size)
    {
        if (size is "nano" or "micro" or "small") return family == "t" ? 2 : 1;
        if (size == "medium") return family == "t" ? 2 : 1;
        return SizeVCpus(size);
    }

    /// <summary>vCPUs of a size: large 2, xlarge 4, N·xlarge 4N, metal-Nxl 4N; plain metal is the family's host (null).</summary>
    private static int? SizeVCpus(string size)
    {
        if (size == "large") return 2;
        if (size == "xlarge") return 4;
        var digits = size.StartsWith("metal-", StringComparison.Ordinal) ? size["metal-".Length..].TrimEnd('x', 'l') : size.EndsWith("xlarge", StringComparison.Ordinal) ? size[..^"xlarge".Length] : null;
        return digits is not null && int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? 4 * n : null;
    }

    /// <summary>GiB per vCPU typical of the family (c 2, m 4, r 8, x 16; e doubles memory families).</summary>
    private static double MemoryPerVCpu(Parts p)
    {
        var perVCpu = p.Family switch
        {
            "c" or "a" => 2,
            "r" or "z" or "i" or "im" or "is" => 8,
            "x" => 16,
            "d" or "h" => 8,
            "p" or "g" or "gr" or "vt" or "dl" or "inf" or "trn" or "f" => 8,
            "hpc" => 4,
            _ => 4,
        };
        if (p.Family is "r" or "x" && p.Attributes.Replace("-flex", "", StringComparison.Ordinal).Contains('e')) perVCpu *= 2;
        return perVCpu;
    }

    /// <summary>Largest size of the family by processor and generation: the host the instance shares.</summary>
    private static int HostVCpus(Parts p) => p.Processor switch
    {
        "graviton" when p.Family == "a" => 16,
        "graviton" => p.Generation >= 8 ? 192 : 64,
        "amd" => p.Generation switch { <= 5 => 96, 6 or 7 => 192, _ => 192 },
        _ when p.Family == "t" => 8,
        _ => p.Generation switch { <= 3 => 32, 4 => 72, 5 => 96, 6 => 128, _ => 192 },
    };

    /// <summary>The GPU of accelerated families (AWS accelerated computing documentation); count one per 4-12 vCPUs as the family's sizes go.</summary>
    private static (string? Model, int Count) Gpu(Parts p, int vcpus)
    {
        var key = p.Family + p.Generation + p.Attributes;
        var (model, vcpusPerGpu) = key switch
        {
            "p2" => ("Tesla K80", 4),
            "p3" or "p3dn" => ("Tesla V100", 8),
            "p4d" => ("A100", 12),
            "p4de" => ("A100 80GB", 12),
            "p5" => ("H100", 24),
            "p5e" or "p5en" => ("H200", 24),
            "g3" or "g3s" => ("Tesla M60", 16),
            "g4dn" or "g5g" => ("T4", 48),
            "g5" => ("A10G", 48),
            "g6" or "gr6" => ("L4", 48),
            "g6e" => ("L40S", 48),
            _ => ((string?)null, 0),
        };
        return model is null ? (null, 0) : (model, Math.Max(1, vcpus / vcpusPerGpu));
    }

    [GeneratedRegex(@"^(?<family>[a-z]+?)(?<gen>\d+)(?<attrs>[a-z]*(?:-flex)?)\.(?<size>nano|micro|small|medium|large|xlarge|\d+xlarge|metal(?:-\d+xl)?)$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    [GeneratedRegex(@"^u\d?[a-z]*-(?<tb>\d+)tb\d*\.(?<size>\d+xlarge|metal)$", RegexOptions.CultureInvariant)]
    private static partial Regex HighMemory();
}

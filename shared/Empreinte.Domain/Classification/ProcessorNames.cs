using System.Text.RegularExpressions;

namespace Empreinte.Domain.Classification;

/// <summary>
/// Processor and accelerator names as bills and sources write them (CUR <c>product/physicalProcessor</c>, Boavizta's
/// <c>CPU.name</c>, CCF's processor constants), mapped to the rows of cpu_microarchitectures.csv and gpus.csv. CPU model numbers to generations are vendor facts: Xeon Scalable 81xx Skylake, 82xx Cascade Lake,
/// 83xx Ice Lake, 84xx Sapphire Rapids, 85xx Emerald Rapids, 6 (69xx/67xx) Granite Rapids; Xeon E5/E7 v2 Ivy Bridge,
/// v3 Haswell, v4 Broadwell, no suffix Sandy Bridge; EPYC 7xx1 Naples, 7xx2 Rome, 7xx3 Milan, 9xx4 Genoa, 9xx5 Turin.
/// </summary>
public static partial class ProcessorNames
{
    /// <summary>The microarchitecture of a named CPU (Boavizta's <c>CPU.name</c>), or null when it is not recognised.</summary>
    public static string? Microarchitecture(string? cpu)
    {
        if (string.IsNullOrWhiteSpace(cpu)) return null;
        var name = cpu.Trim();
        if (name.Contains("Graviton4", StringComparison.OrdinalIgnoreCase)) return "Graviton4";
        if (name.Contains("Graviton3", StringComparison.OrdinalIgnoreCase)) return "Graviton3";
        if (name.Contains("Graviton2", StringComparison.OrdinalIgnoreCase)) return "Graviton2";
        if (name.Contains("Graviton", StringComparison.OrdinalIgnoreCase)) return "Graviton";
        if (name.Contains("Axion", StringComparison.OrdinalIgnoreCase)) return "Axion";
        if (name.Contains("Cobalt", StringComparison.OrdinalIgnoreCase)) return "Cobalt 100";
        if (name.Contains("Ampere", StringComparison.OrdinalIgnoreCase)) return "Ampere Altra";
        if (name.Contains("Apple", StringComparison.OrdinalIgnoreCase)) return "Apple M-series";
        // CUR often names the generation itself: "Intel Xeon 8375C (Ice Lake)", "Intel Xeon Scalable (Skylake)".
        foreach (var generation in (ReadOnlySpan<string>)["Granite Rapids", "Sapphire Rapids", "Emerald Rapids", "Ice Lake", "Cascade Lake", "Skylake", "Broadwell", "Haswell", "Ivy Bridge", "Sandy Bridge", "Coffee Lake"])
        {
            if (name.Contains(generation, StringComparison.OrdinalIgnoreCase)) return generation;
        }

        if (Epyc().Match(name) is { Success: true } epyc)
        {
            return epyc.Groups["gen"].Value switch
            {
                "1" => "EPYC 1st Gen",
                "2" => "EPYC 2nd Gen",
                "3" => "EPYC 3rd Gen",
                "4" => "EPYC 4th Gen",
                "5" => "EPYC 5th Gen",
                _ => null,
            };
        }

        if (XeonSix().IsMatch(name)) return "Granite Rapids";
        if (XeonScalable().Match(name) is { Success: true } xeon)
        {
            return xeon.Groups["gen"].Value switch
            {
                "1" => "Skylake",
                "2" => "Cascade Lake",
                "3" => "Ice Lake",
                "4" => "Sapphire Rapids",
                "5" => "Emerald Rapids",
                _ => null,
            };
        }

        if (XeonE().Match(name) is { Success: true } e)
        {
            return e.Groups["v"].Value switch
            {
                "2" => "Ivy Bridge",
                "3" => "Haswell",
                "4" => "Broadwell",
                "" => "Sandy Bridge",
                _ => null,
            };
        }

        if (XeonE2().IsMatch(name) || name.Contains("i7-8700", StringComparison.Ordinal)) return "Coffee Lake";
        if (name.Contains("i7-4940", StringComparison.Ordinal)) return "Haswell";
        return null;
    }

    /// <summary>A CCF processor name (<c>AMD EPYC 2nd Gen</c>, <c>AWS Graviton2</c>) as a row of cpu_microarchitectures.csv; null for Unknown and GPUs.</summary>
    public static string? FromCcf(string ccfName) => ccfName switch
    {
        "Cascade Lake" or "Skylake" or "Haswell" or "Broadwell" or "Coffee Lake" or "Sandy Bridge" or "Ivy Bridge" or "Ice Lake" => ccfName,
        "Sapphire Rapids" => ccfName,
        "AMD EPYC 1st Gen" => "EPYC 1st Gen",
        "AMD EPYC 2nd Gen" => "EPYC 2nd Gen",
        "AMD EPYC 3rd Gen" => "EPYC 3rd Gen",
        "AMD EPYC 4th Gen" => "EPYC 4th Gen",
        "AWS Graviton" => "Graviton",
        "AWS Graviton2" => "Graviton2",
        _ => null,
    };

    /// <summary>A source's GPU name (CCF <c>Nvidia Tesla A100</c>, Boavizta <c>NVIDIA A100</c>) as a row of gpus.csv; null for accelerators without one.</summary>
    public static string? Gpu(string? source)
    {
        if (string.IsNullOrWhiteSpace(source)) return null;
        var n = source.Trim().ToUpperInvariant();
        if (n.Contains("H200", StringComparison.Ordinal)) return "H200";
        if (n.Contains("H100", StringComparison.Ordinal)) return n.Contains("PCIE", StringComparison.Ordinal) || n.Contains("NVL", StringComparison.Ordinal) ? "H100 PCIe" : "H100";
        if (n.Contains("A100", StringComparison.Ordinal)) return n.Contains("80", StringComparison.Ordinal) ? "A100 80GB" : "A100";
        if (n.Contains("A10G", StringComparison.Ordinal)) return "A10G";
        if (n.Contains("L40S", StringComparison.Ordinal)) return "L40S";
        if (n.Contains("L4", StringComparison.Ordinal)) return "L4";
        if (n.Contains("A10", StringComparison.Ordinal)) return "A10";
        if (n.Contains("T4", StringComparison.Ordinal)) return "T4";
        if (n.Contains("V100", StringComparison.Ordinal)) return "Tesla V100";
        if (n.Contains("P100", StringComparison.Ordinal)) return "Tesla P100";
        if (n.Contains("P40", StringComparison.Ordinal)) return "Tesla P40";
        if (n.Contains("P4", StringComparison.Ordinal)) return "Tesla P4";
        if (n.Contains("K80", StringComparison.Ordinal)) return "Tesla K80";
        if (n.Contains("K520", StringComparison.Ordinal)) return "K520";
        if (n.Contains("M60", StringComparison.Ordinal)) return "Tesla M60";
        if (n.Contains("V520", StringComparison.Ordinal)) return "Radeon Pro V520";
        return null;
    }

    [GeneratedRegex(@"EPYC\s+[79][0-9A-Z]{2}(?<gen>\d)")]
    private static partial Regex Epyc();

    [GeneratedRegex(@"Xeon\s+(?:Scalable\s+)?(?:Platinum|Gold|Silver)?\s*[4-8](?<gen>\d)\d\d[A-Z]{0,2}\b")]
    private static partial Regex XeonScalable();

    [GeneratedRegex(@"E[57]-\d{4}[A-Z]?(?:\s+[vV](?<v>\d))?")]
    private static partial Regex XeonE();

    [GeneratedRegex(@"Xeon E-2\d{3}")]
    private static partial Regex XeonE2();

    [GeneratedRegex(@"Xeon 6(?:\b|[79]\d\d)")]
    private static partial Regex XeonSix();
}

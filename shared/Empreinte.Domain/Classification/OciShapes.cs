using System.Text.RegularExpressions;

namespace Empreinte.Domain.Classification;

/// <summary>
/// The processor behind an OCI shape family, as OCI cost reports name it in the product description or SKU
/// (<c>Standard - E4</c>, <c>Compute - Standard - E4 - OCPU</c>, <c>Standard - A1 - Memory</c>,
/// <c>Compute - Optimized - X9</c>). Facts from Oracle's "Compute Shapes" page
/// (docs.oracle.com/en-us/iaas/Content/Compute/References/computeshapes.htm, read 2026-12): each family runs one
/// processor, and an OCPU is a physical core — two vCPUs (hardware threads) on x86, one on Ampere A1, two (two
/// single-threaded cores) on Ampere A2 and A4.
/// </summary>
public static partial class OciShapes
{
    /// <summary>vCPUs per OCPU on x86 shapes (Intel, AMD): the ratio OCI readers use when they turn OCPU-hours into vCPU-hours.</summary>
    public const int X86VCpusPerOcpu = 2;

    /// <summary>
    /// One shape family: the processor Oracle names for it, its rows in cpu_microarchitectures.csv (several when
    /// Oracle assigns one of several processors; none when that file has no row for the processor, as for AmpereOne),
    /// and vCPUs per OCPU.
    /// </summary>
    public sealed record Family(string Name, string Processor, string? Microarchitectures, int VCpusPerOcpu, string Source);

    private const string ComputeShapes = "Oracle, Compute Shapes (docs.oracle.com/en-us/iaas/Content/Compute/References/computeshapes.htm)";

    private static readonly Family[] s_families =
    [
        new("E2", "AMD EPYC 7551 (Naples)", "EPYC 1st Gen", X86VCpusPerOcpu, ComputeShapes),
        // VM.Standard.E2.1.Micro runs on any of the E2, E3 or E4 processors (Oracle assigns one).
        new("E2 Micro", "AMD EPYC 7551, 7742 or 7J13", "EPYC 1st Gen|EPYC 2nd Gen|EPYC 3rd Gen", X86VCpusPerOcpu, ComputeShapes),
        new("E3", "AMD EPYC 7742 (Rome)", "EPYC 2nd Gen", X86VCpusPerOcpu, ComputeShapes),
        new("E4", "AMD EPYC 7J13 (Milan)", "EPYC 3rd Gen", X86VCpusPerOcpu, ComputeShapes),
        new("E5", "AMD EPYC 9J14 (Genoa)", "EPYC 4th Gen", X86VCpusPerOcpu, ComputeShapes),
        new("E6", "AMD EPYC 9J45 (Turin)", "EPYC 5th Gen", X86VCpusPerOcpu, ComputeShapes),
        new("X7", "Intel Xeon Platinum 8167M (Skylake)", "Skylake", X86VCpusPerOcpu, ComputeShapes),
        new("X9", "Intel Xeon Platinum 8358 / Xeon Gold 6354 (Ice Lake)", "Ice Lake", X86VCpusPerOcpu, ComputeShapes),
        new("A1", "Ampere Altra Q80-30", "Ampere Altra", 1, ComputeShapes + "; one OCPU = one vCPU on Arm A1"),
        new("A2", "Ampere AmpereOne A160-30", null, 2, ComputeShapes + "; one OCPU = two cores, two vCPUs on Arm A2"),
        new("A4", "Ampere AmpereOne-M A06-36M", null, 2, ComputeShapes + "; one OCPU = two cores, two vCPUs on Arm A4"),
    ];

    /// <summary>Every family this table knows, with its source.</summary>
    public static IReadOnlyList<Family> Families => s_families;

    /// <summary>The shape family a cost report's description or SKU names, or null when it names none this table knows.</summary>
    public static Family? In(string? text)
    {
        if (string.IsNullOrEmpty(text) || FamilyWord().Match(text) is not { Success: true } m) return null;
        var name = m.Groups["micro"].Success ? $"{m.Groups["family"].Value} Micro" : m.Groups["family"].Value;
        return Array.Find(s_families, f => f.Name == name);
    }

    // A family is a word of its own: "Standard - E4 - Memory", "BM.Standard.E4.128"; "GPU Standard - A10" is not A1.
    // "E2 Micro" and "VM.Standard.E2.1.Micro" are the micro shape.
    [GeneratedRegex(@"(?<![A-Za-z0-9])(?<family>E[2-6]|X[79]|A[124])(?<micro>(?:\.1)?[ .]Micro)?(?![A-Za-z0-9])", RegexOptions.CultureInvariant)]
    private static partial Regex FamilyWord();
}

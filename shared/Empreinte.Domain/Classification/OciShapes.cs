using System.Text.RegularExpressions;
using Empreinte.Domain.Factors;
using Empreinte.Domain.Usage;

namespace Empreinte.Domain.Classification;

/// <summary>
/// How an OCI cost report names a shape family in the product description or SKU (<c>Standard - E4</c>,
/// <c>Compute - Standard - E4 - OCPU</c>, <c>Standard - A1 - Memory</c>, <c>Compute - Optimized - X9</c>), and the
/// one-OCPU catalogue shape (machine_types.csv, provider Oracle) that stands for it. The processor, its
/// microarchitectures and the vCPUs per OCPU are the catalogue row's; only the reading of the bill is here.
/// </summary>
public static partial class OciShapes
{
    /// <summary>vCPUs per OCPU on x86 shapes (Intel, AMD): the ratio OCI readers use when they turn OCPU-hours into vCPU-hours.</summary>
    public const int X86VCpusPerOcpu = 2;

    /// <summary>
    /// A shape family as bills name it and the catalogue shape of one OCPU of it: a flexible shape's row is one OCPU,
    /// and the fixed shapes chosen (E2, X7, E2 Micro) are their one-OCPU sizes, so the row's vCPUs are vCPUs per OCPU.
    /// </summary>
    public sealed record Family(string Name, string Shape)
    {
        /// <summary>The catalogue row, or null when the factor set has none.</summary>
        public MachineType? In(FactorSet factors) => factors.Machine(Providers.Oci, Shape);
    }

    // Families as Oracle's Compute Shapes page names them (docs.oracle.com/en-us/iaas/Content/Compute/References/computeshapes.htm).
    private static readonly Family[] s_families =
    [
        new("E2", "VM.Standard.E2.1"),
        new("E2 Micro", "VM.Standard.E2.1.Micro"),
        new("E3", "VM.Standard.E3.Flex"),
        new("E4", "VM.Standard.E4.Flex"),
        new("E5", "VM.Standard.E5.Flex"),
        new("E6", "VM.Standard.E6.Flex"),
        new("X7", "VM.Standard2.1"),
        // X9 is two shapes on two Ice Lake processors: Standard3 (Xeon Platinum 8358) and Optimized3 (Xeon Gold 6354).
        new("X9", "VM.Standard3.Flex"),
        new("X9", "VM.Optimized3.Flex"),
        new("A1", "VM.Standard.A1.Flex"),
        new("A2", "VM.Standard.A2.Flex"),
        new("A4", "VM.Standard.A4.Flex"),
    ];

    private static readonly Family s_x9Optimized = s_families.Single(f => f.Shape == "VM.Optimized3.Flex");

    /// <summary>Every family this table knows.</summary>
    public static IReadOnlyList<Family> Families => s_families;

    /// <summary>The shape family a cost report's description or SKU names, or null when it names none this table knows.</summary>
    public static Family? In(string? text)
    {
        if (string.IsNullOrEmpty(text) || FamilyWord().Match(text) is not { Success: true } m) return null;
        var name = m.Groups["micro"].Success ? $"{m.Groups["family"].Value} Micro" : m.Groups["family"].Value;
        if (name == "X9" && text.Contains("Optimized", StringComparison.OrdinalIgnoreCase)) return s_x9Optimized;
        return Array.Find(s_families, f => f.Name == name);
    }

    // A family is a word of its own: "Standard - E4 - Memory", "BM.Standard.E4.128"; "GPU Standard - A10" is not A1.
    // "E2 Micro" and "VM.Standard.E2.1.Micro" are the micro shape.
    [GeneratedRegex(@"(?<![A-Za-z0-9])(?<family>E[2-6]|X[79]|A[124])(?<micro>(?:\.1)?[ .]Micro)?(?![A-Za-z0-9])", RegexOptions.CultureInvariant)]
    private static partial Regex FamilyWord();
}

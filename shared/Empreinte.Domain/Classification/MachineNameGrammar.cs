using Empreinte.Domain.Factors;
using Empreinte.Domain.Usage;

namespace Empreinte.Domain.Classification;

/// <summary>
/// A machine read from its name alone, for instance types newer than the catalogue: the provider's naming
/// grammar gives vCPUs, a memory estimate, the processor generation and, for accelerated families, the GPU.
/// Memory and host size are typical values of the family, so lines built from this are flagged
/// <see cref="AssumptionFlags.InferredFromName"/> and carry wider ranges.
/// </summary>
public static class MachineNameGrammar
{
    /// <summary>Where inferred rows say they come from.</summary>
    public static readonly Provenance Inferred = new("vCPU; GiB",
        "inferred from the provider's naming grammar (Empreinte MachineNameGrammar): family, generation, processor letter and size; memory and host are the family's typical values",
        "Empreinte", 2026);

    /// <summary>The machine the name describes, or null when the name follows none of the provider's grammars.</summary>
    public static MachineType? Infer(string provider, string name) => provider switch
    {
        Providers.Aws => AwsInstanceTypeGrammar.Infer(name),
        Providers.Azure => AzureVmSizeGrammar.Infer(name),
        Providers.Gcp => GcpMachineTypeGrammar.Infer(name),
        _ => null,
    };

    internal static MachineType Machine(string provider, string name, int vcpus, double memoryGb, string[] microarchitectures,
        string? gpuModel, int gpuCount, int hostVCpus, double memoryPerVCpu) => new(
        provider, name, vcpus, memoryGb, microarchitectures, gpuModel, gpuModel is null ? 0 : gpuCount,
        Math.Max(hostVCpus, vcpus), Math.Max(Math.Max(hostVCpus, vcpus) * memoryPerVCpu, memoryGb), null, Inferred);
}

using Empreinte.Domain.Usage;

namespace Empreinte.Domain.Classification.Rules;

/// <summary>
/// OCI bills compute per OCPU-hour and memory per GB-hour on separate lines, GPUs per GPU-hour. Each becomes a
/// virtual-machine line of a notional 1-vCPU (or 1-GB, 0-vCPU) instance, so hours × vCPUs and hours × GB stay exact,
/// or a GPU-hours line. The shape family the description names (<see cref="OciShapes"/>) gives the processor, the
/// vCPUs per OCPU and the GPU model, flagged inferred-from-name; without one the processor is unknown and an OCPU
/// counts two vCPUs, as on x86. OCI storage, network and databases go through the cross-cutting rule sets.
/// </summary>
internal sealed class OciRules : IClassificationRule
{
    private static readonly string[] s_unknown = [AssumptionFlags.MicroarchitectureUnknown];
    private static readonly string[] s_inferred = [AssumptionFlags.InferredFromName];

    // The family named in a record's text, read once per distinct text (the text is built once per combination of words).
    private readonly RepeatedText<(string?, string?), OciShapes.Family?> _families = new(k => OciShapes.In(k.Item1), SameStrings.Instance);

    public Decision? TryClassify(UsageRecord record, string text)
    {
        if (record.Provider != Providers.Oci || record.Quantity is not { } q) return null;
        var unit = record.QuantityUnit;
        var ocpuHours = IsOcpuHours(unit);
        if (unit is not (Units.VCpuHours or Units.GbHours or Units.GpuHours) && !ocpuHours) return null;

        if (unit == Units.GpuHours)
        {
            var gpu = ProcessorNames.Gpu(record.SkuMeter ?? record.ChargeDescription);
            return Decision.Mapped with { UsageKind = UsageKinds.GpuHours, InstanceHours = q, GpuCount = 1, GpuModel = gpu, Flags = gpu is null ? s_unknown : s_inferred };
        }

        var family = _families.For((text, null));
        var flags = family is null ? s_unknown : s_inferred;
        if (unit == Units.GbHours)
            return Decision.Mapped with { UsageKind = UsageKinds.VirtualMachine, InstanceHours = q, VCpus = 0, MemoryGb = 1, MemoryGbHours = q, CpuMicroarchitecture = family?.Microarchitectures, Flags = flags };

        var vcpusPerOcpu = family?.VCpusPerOcpu ?? OciShapes.X86VCpusPerOcpu;
        var vcpuHours = ocpuHours ? q * vcpusPerOcpu
            // The native report's OCPUS metric arrives as vCPU-hours counted at the x86 ratio; other metrics (ECPUS, VCPUS) are already vCPUs.
            : IsOcpuMetric(record.RawUnit) ? q / OciShapes.X86VCpusPerOcpu * vcpusPerOcpu
            : q;
        return Decision.Mapped with { UsageKind = UsageKinds.VirtualMachine, InstanceHours = vcpuHours, VCpus = 1, MemoryGb = 0, VCpuHours = vcpuHours, CpuMicroarchitecture = family?.Microarchitectures, Flags = flags };
    }

    /// <summary>OCPU-hours as FOCUS exports write them, a unit no reader normalises (<c>OCPU Hours</c>, <c>OCPU Per Hour</c>).</summary>
    private static bool IsOcpuHours(string? unit) =>
        unit is not null && unit.StartsWith("OCPU", StringComparison.OrdinalIgnoreCase) && unit.Contains("Hour", StringComparison.OrdinalIgnoreCase);

    /// <summary>The native cost report's OCPU metric (<c>1 NONE HOURS OCPUS</c>).</summary>
    private static bool IsOcpuMetric(string? rawUnit) => rawUnit is not null && rawUnit.EndsWith(" OCPUS", StringComparison.OrdinalIgnoreCase);
}

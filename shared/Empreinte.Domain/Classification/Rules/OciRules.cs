using Empreinte.Domain.Usage;

namespace Empreinte.Domain.Classification.Rules;

/// <summary>
/// OCI bills compute per OCPU-hour and memory per GB-hour on separate lines, GPUs per GPU-hour. Each becomes a
/// virtual-machine line of a notional 1-vCPU (or 1-GB, 0-vCPU) instance, so hours × vCPUs and hours × GB stay exact,
/// or a GPU-hours line. The shape family the description names (<see cref="OciShapes"/>) leads to its catalogue row,
/// which gives the processor and the vCPUs per OCPU, flagged inferred-from-name; the description gives the GPU model.
/// Without a family (or its row) the processor is unknown and an OCPU counts two vCPUs, as on x86. OCI storage,
/// network and databases go through the cross-cutting rule sets.
/// </summary>
internal sealed class OciRules(ClassificationContext context) : IClassificationRule
{
    private static readonly string[] s_unknown = [AssumptionFlags.MicroarchitectureUnknown];
    private static readonly string[] s_inferred = [AssumptionFlags.InferredFromName];

    // The shape named in a record's text, read once per distinct text (the text is built once per combination of words).
    private readonly RepeatedText<(string?, string?), Shape?> _shapes = new(k => ShapeOf(context, k.Item1), SameStrings.Instance);

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

        var shape = _shapes.For((text, null));
        var flags = shape is null ? s_unknown : s_inferred;
        if (unit == Units.GbHours)
            return Decision.Mapped with { UsageKind = UsageKinds.VirtualMachine, InstanceHours = q, VCpus = 0, MemoryGb = 1, MemoryGbHours = q, CpuMicroarchitecture = shape?.Microarchitectures, Flags = flags };

        var vcpusPerOcpu = shape?.VCpusPerOcpu ?? OciShapes.X86VCpusPerOcpu;
        var vcpuHours = ocpuHours ? q * vcpusPerOcpu
            // The native report's OCPUS metric arrives as vCPU-hours counted at the x86 ratio; other metrics (ECPUS, VCPUS) are already vCPUs.
            : IsOcpuMetric(record.RawUnit) ? q / OciShapes.X86VCpusPerOcpu * vcpusPerOcpu
            : q;
        return Decision.Mapped with { UsageKind = UsageKinds.VirtualMachine, InstanceHours = vcpuHours, VCpus = 1, MemoryGb = 0, VCpuHours = vcpuHours, CpuMicroarchitecture = shape?.Microarchitectures, Flags = flags };
    }

    /// <summary>What a line takes from its family's catalogue row: the microarchitectures and the vCPUs of one OCPU.</summary>
    private sealed record Shape(string? Microarchitectures, int VCpusPerOcpu);

    private static Shape? ShapeOf(ClassificationContext context, string? text) =>
        OciShapes.In(text) is { } family && context.Machine(Providers.Oci, family.Shape) is { } machine
            ? new Shape(context.Microarchitectures(machine), machine.VCpus)
            : null;

    /// <summary>OCPU-hours as FOCUS exports write them, a unit no reader normalises (<c>OCPU Hours</c>, <c>OCPU Per Hour</c>).</summary>
    private static bool IsOcpuHours(string? unit) =>
        unit is not null && unit.StartsWith("OCPU", StringComparison.OrdinalIgnoreCase) && unit.Contains("Hour", StringComparison.OrdinalIgnoreCase);

    /// <summary>The native cost report's OCPU metric (<c>1 NONE HOURS OCPUS</c>).</summary>
    private static bool IsOcpuMetric(string? rawUnit) => rawUnit is not null && rawUnit.EndsWith(" OCPUS", StringComparison.OrdinalIgnoreCase);
}

using System.Buffers;
using Empreinte.Domain.Factors;
using Empreinte.Domain.Usage;

namespace Empreinte.Domain.Classification.Rules;

/// <summary>
/// Virtual machines billed per instance-hour (AWS, Azure, Google Cloud). The catalogue gives the machine; a type it
/// does not know is sized from the bill's own attributes (vCPUs, memory, GPUs) with the naming grammar filling the
/// rest, else from the naming grammar alone (<see cref="MachineNameGrammar"/>), each flagged; a name no grammar reads
/// stays unmapped with its reason. Marketplace software billed by the hour is not a machine.
/// </summary>
internal sealed class MachineRules(ClassificationContext context) : IClassificationRule
{
    private static readonly SearchValues<string> s_marketplace = RuleText.Words("Marketplace");

    public Decision? TryClassify(UsageRecord record, string text)
    {
        if (record.QuantityUnit != Units.Hours) return null;
        var instanceType = context.InstanceType(record);
        if (instanceType is null) return null;

        if (RuleText.HasAny(text, s_marketplace)) return null;
        if (context.Machine(record.Provider, instanceType) is { } machine) return Machine(record, machine, []);

        var inferred = context.InferredMachine(record.Provider, instanceType);
        // A processor the bill names (CUR product/physicalProcessor) is more specific than the grammar's generation.
        var statedProcessor = ProcessorNames.Microarchitecture(record.PhysicalProcessor);
        if (statedProcessor is not null && inferred is not null) inferred = inferred with { Microarchitectures = [statedProcessor] };
        if (record.VCpus is { } vcpus)
        {
            // The bill states the size (CUR product/vcpu and memory, Azure AdditionalInfo VCPUs, FOCUS SkuPriceDetails):
            // it wins over the grammar, which still gives the processor and host where the name follows it.
            var memory = record.MemoryGb ?? (inferred is null ? null : inferred.MemoryGb / inferred.VCpus * vcpus);
            var stated = inferred is null
                ? new MachineType(record.Provider, instanceType, vcpus, memory ?? 0, statedProcessor is null ? [] : [statedProcessor], null, 0, 0, 0, null, MachineNameGrammar.Inferred)
                : inferred with { VCpus = vcpus, MemoryGb = memory ?? 0, HostVCpus = Math.Max(inferred.HostVCpus, vcpus), HostMemoryGb = Math.Max(inferred.HostMemoryGb, memory ?? 0) };
            if (record.GpuCount is { } gpus) stated = stated with { GpuCount = gpus };
            var flags = new List<string>(4) { AssumptionFlags.FromBillAttributes };
            if (inferred is not null) flags.Add(AssumptionFlags.InferredFromName);
            if (record.MemoryGb is null && inferred is null) flags.Add(AssumptionFlags.MemoryAssumed);
            if (stated.Microarchitectures.Count == 0) flags.Add(AssumptionFlags.MicroarchitectureUnknown);
            return Machine(record, stated, flags) with { InstanceType = instanceType, MemoryGb = memory, HostVCpus = stated.HostVCpus == 0 ? null : stated.HostVCpus, HostMemoryGb = stated.HostMemoryGb == 0 ? null : stated.HostMemoryGb };
        }

        if (inferred is not null)
        {
            List<string> flags = statedProcessor is null ? [AssumptionFlags.InferredFromName] : [AssumptionFlags.InferredFromName, AssumptionFlags.FromBillAttributes];
            if (inferred.Microarchitectures.Count == 0) flags.Add(AssumptionFlags.MicroarchitectureUnknown);
            return Machine(record, inferred, flags) with { InstanceType = instanceType };
        }

        return new Decision { InstanceType = instanceType, Reason = $"unknown instance type '{instanceType}'" };
    }

    private Decision Machine(UsageRecord record, MachineType machine, IReadOnlyList<string> flags) => Decision.Mapped with
    {
        UsageKind = machine.GpuCount > 0 && machine.VCpus == 0 ? UsageKinds.GpuHours : UsageKinds.VirtualMachine,
        InstanceType = machine.Name,
        InstanceHours = record.Quantity,
        VCpus = machine.VCpus,
        MemoryGb = machine.MemoryGb,
        CpuMicroarchitecture = context.Microarchitectures(machine),
        GpuModel = machine.GpuModel,
        GpuCount = machine.GpuCount == 0 ? null : machine.GpuCount,
        HostVCpus = machine.HostVCpus,
        HostMemoryGb = machine.HostMemoryGb,
        Flags = flags,
    };
}

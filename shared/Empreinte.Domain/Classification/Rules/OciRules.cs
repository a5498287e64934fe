using Empreinte.Domain.Usage;

namespace Empreinte.Domain.Classification.Rules;

/// <summary>
/// OCI bills compute per OCPU-hour and memory per GB-hour on separate lines. Each becomes a virtual-machine line of
/// a notional 1-vCPU (or 1-GB, 0-vCPU) instance, so hours × vCPUs and hours × GB stay exact. OCI storage, network
/// and databases go through the cross-cutting rule sets.
/// </summary>
internal sealed class OciRules : IClassificationRule
{
    public Decision? TryClassify(UsageRecord record, string text)
    {
        if (record.Provider != Providers.Oci || record.Quantity is not { } q) return null;
        var flags = new[] { AssumptionFlags.MicroarchitectureUnknown };
        return record.QuantityUnit switch
        {
            Units.VCpuHours => Decision.Mapped with { UsageKind = UsageKinds.VirtualMachine, InstanceHours = q, VCpus = 1, MemoryGb = 0, VCpuHours = q, Flags = flags },
            Units.GbHours => Decision.Mapped with { UsageKind = UsageKinds.VirtualMachine, InstanceHours = q, VCpus = 0, MemoryGb = 1, MemoryGbHours = q, Flags = flags },
            Units.GpuHours => Decision.Mapped with { UsageKind = UsageKinds.GpuHours, InstanceHours = q, GpuCount = 1, Flags = flags },
            _ => null,
        };
    }
}

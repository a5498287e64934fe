using Empreinte.Contracts;
using Empreinte.Domain.Factors;
using Empreinte.Domain.Usage;

namespace Empreinte.Domain.Tests;

/// <summary>Builders for classified usage lines, filled as the classifier fills them from the catalogue.</summary>
internal static class Lines
{
    public static FactorSet Factors => FactorSet.Embedded;

    public static UsageLine Base(string provider, string kind, string? region) => new()
    {
        SourceFile = "test.csv",
        SourceRow = 1,
        Provider = provider,
        RegionId = region,
        ChargeCategory = "Usage",
        Status = LineStatuses.Mapped,
        UsageKind = kind,
    };

    public static UsageLine Machine(string provider, string instanceType, string? region, double hours)
    {
        var m = Factors.Machine(provider, instanceType) ?? throw new InvalidOperationException($"{instanceType} not in catalogue");
        return Base(provider, UsageKinds.VirtualMachine, region) with
        {
            InstanceType = m.Name,
            InstanceHours = hours,
            VCpus = m.VCpus,
            MemoryGb = m.MemoryGb,
            CpuMicroarchitecture = string.Join('|', m.Microarchitectures),
            GpuModel = m.GpuModel,
            GpuCount = m.GpuCount == 0 ? null : m.GpuCount,
            HostVCpus = m.HostVCpus,
            HostMemoryGb = m.HostMemoryGb,
        };
    }

    public static UsageLine Storage(string provider, string? region, double gbMonths, string media = "ssd", int replication = 3) =>
        Base(provider, UsageKinds.Storage, region) with { StorageGbMonths = gbMonths, StorageMedia = media, ReplicationFactor = replication };

    public static UsageLine Network(string provider, string? region, double gb) =>
        Base(provider, UsageKinds.Network, region) with { NetworkGb = gb };

    public static UsageLine Tokens(string provider, string? region, string model, double outputTokens, double inputTokens = 0) =>
        Base(provider, UsageKinds.AiTokens, region) with { AiModel = model, OutputTokens = outputTokens, InputTokens = inputTokens };

    public static UsageLine GpuHours(string provider, string? region, string gpu, int count, double hours) =>
        Base(provider, UsageKinds.GpuHours, region) with { GpuModel = gpu, GpuCount = count, InstanceHours = hours };
}

namespace Empreinte.Domain.Factors;

/// <summary>Where a factor value comes from: every shipped value carries one.</summary>
public sealed record Provenance(string Unit, string Source, string Licence, int Year);

/// <summary>A named scalar factor with its range, unit and provenance.</summary>
public sealed record Factor(string Name, Uncertain Value, Provenance Provenance);

/// <summary>Power of one vCPU by CPU microarchitecture, in watts per vCPU (SPECpower-derived).</summary>
public sealed record CpuPower(string Microarchitecture, double MinWattsPerVCpu, double MaxWattsPerVCpu, Provenance Provenance);

/// <summary>A machine type of a provider's catalogue.</summary>
public sealed record MachineType(
    string Provider,
    string Name,
    int VCpus,
    double MemoryGb,
    IReadOnlyList<string> Microarchitectures,
    string? GpuModel,
    int GpuCount,
    int HostVCpus,
    double? HostEmbodiedKgCo2e,
    Provenance Provenance);

/// <summary>A GPU model: power draw, embodied impacts and mass.</summary>
public sealed record GpuSpec(
    string Model,
    double IdleWatts,
    double MaxWatts,
    double EmbodiedKgCo2e,
    double AbioticDepletionKgSbEq,
    double MassKg,
    Provenance Provenance);

/// <summary>A provider region mapped to its country (ISO 3166 alpha-3) and grid zone.</summary>
public sealed record RegionLocation(string Provider, string Region, string Country, string GridZone, Provenance Provenance);

/// <summary>Data-centre efficiency of a provider: PUE (dimensionless) and on-site WUE (L per kWh of IT energy).</summary>
public sealed record DatacenterEfficiency(string Provider, Uncertain Pue, Uncertain WueLitresPerKwh, Provenance Provenance);

/// <summary>A per-zone or per-country factor with its range (grid gCO2e/kWh, electricity water L/kWh, scarcity).</summary>
public sealed record ZoneFactor(string Zone, Uncertain Value, Provenance Provenance);

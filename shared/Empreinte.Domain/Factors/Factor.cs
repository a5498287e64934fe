namespace Empreinte.Domain.Factors;

/// <summary>Where a factor value comes from: every shipped value carries one.</summary>
public sealed record Provenance(string Unit, string Source, string Licence, int Year);

/// <summary>A named scalar factor with its range, unit and provenance.</summary>
public sealed record Factor(string Name, Uncertain Value, Provenance Provenance);

/// <summary>Power of one vCPU by CPU microarchitecture, in watts per vCPU (SPECpower-derived).</summary>
/// <param name="InCcf">True when the row is one of CCF's SPECpower-derived values; false for rows Empreinte derived.</param>
/// <param name="CcfGbPerChip">CCF's SPECpower GB of memory per physical chip (the memory term's threshold); null outside CCF's table.</param>
public sealed record CpuPower(string Microarchitecture, double MinWattsPerVCpu, double MaxWattsPerVCpu, bool InCcf, double? CcfGbPerChip, Provenance Provenance);

/// <summary>A machine type of a provider's catalogue.</summary>
/// <param name="LocalStorageGb">Local (instance-store / temporary) disk of the instance in GB; null when it has none or the source does not say.</param>
/// <param name="LocalStorageMedia">Media of that disk: <c>ssd</c>, <c>nvme</c> or <c>hdd</c>.</param>
/// <param name="HostSockets">CPU sockets of the host (the family's largest size); null when the source does not say.</param>
/// <param name="PhysicalProcessor">The processor model the provider names (e.g. <c>Intel Xeon Platinum 8375C</c>), when it names one.</param>
public sealed record MachineType(
    string Provider,
    string Name,
    int VCpus,
    double MemoryGb,
    IReadOnlyList<string> Microarchitectures,
    string? GpuModel,
    int GpuCount,
    int HostVCpus,
    double HostMemoryGb,
    double? HostEmbodiedKgCo2e,
    Provenance Provenance,
    double? LocalStorageGb = null,
    string? LocalStorageMedia = null,
    int? HostSockets = null,
    string? PhysicalProcessor = null);

/// <summary>A GPU model: power draw, embodied impacts and mass.</summary>
public sealed record GpuSpec(
    string Model,
    double IdleWatts,
    double MaxWatts,
    double EmbodiedKgCo2e,
    double AbioticDepletionKgSbEq,
    double MassKg,
    bool InCcf,
    Provenance Provenance);

/// <summary>A provider region mapped to its country (ISO 3166 alpha-3) and grid zone.</summary>
public sealed record RegionLocation(string Provider, string Region, string Country, string GridZone, Provenance Provenance);

/// <summary>Data-centre efficiency of a provider: PUE (dimensionless) and on-site WUE (L per kWh of IT energy).</summary>
public sealed record DatacenterEfficiency(string Provider, Uncertain Pue, Uncertain WueLitresPerKwh, Provenance Provenance);

/// <summary>A per-zone or per-country factor with its range (grid gCO2e/kWh, electricity water L/kWh, scarcity).</summary>
public sealed record ZoneFactor(string Zone, Uncertain Value, Provenance Provenance);

/// <summary>
/// Size assumptions of a large language model, matched by a case-insensitive substring of the model
/// name (longest pattern wins; <c>*</c> is the fallback). Parameters in billions.
/// </summary>
public sealed record LlmModel(
    string Pattern,
    string Developer,
    bool MixtureOfExperts,
    double TotalParamsLowB,
    double TotalParamsHighB,
    double ActiveParamsLowB,
    double ActiveParamsHighB,
    Provenance Provenance)
{
    public bool IsFallback => Pattern == "*";
}

/// <summary>
/// Where an AI provider's models run when the usage line does not say: grid zone, country, PUE and on-site WUE (L per kWh IT),
/// and the provider whose data centres serve them when the model is not billed by a cloud that hosts it
/// (<see cref="ServingProvider"/>; null when the developer serves its models itself).
/// </summary>
public sealed record AiDatacenter(string AiProvider, string GridZone, string Country, Uncertain Pue, Uncertain WueLitresPerKwh, Provenance Provenance, string? ServingProvider = null);

/// <summary>
/// Share of a provider's electricity matched by contractual carbon-free or renewable supply, per
/// region (or <c>*</c> for the whole provider): market-based = location-based × (1 − share).
/// </summary>
public sealed record MarketFactor(string Provider, string Region, Uncertain MatchedShare, Provenance Provenance);

/// <summary>
/// Silicon of one CPU of a microarchitecture (cm², all dies of the package) and the usual number of
/// sockets of its cloud hosts; <c>*</c> is the fallback for an unknown processor.
/// </summary>
public sealed record CpuDie(string Microarchitecture, Uncertain DieAreaCm2, int TypicalSockets, Provenance Provenance)
{
    public bool IsFallback => Microarchitecture == "*";
}

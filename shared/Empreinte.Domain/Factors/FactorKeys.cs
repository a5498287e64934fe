namespace Empreinte.Domain.Factors;

/// <summary>The table of the factor set a <see cref="FactorKey"/> names a row of.</summary>
public enum FactorTable
{
    /// <summary><c>constants.csv</c>: coefficients, lifespans, ranges of the models.</summary>
    Constants,

    /// <summary><c>components.csv</c>: hardware components of a host (BoaviztAPI's component approach).</summary>
    Components,
}

/// <summary>
/// A scalar factor the calculators read, by name. Every key is declared in <see cref="FactorKeys"/>
/// and resolved to its row once, when a factor set loads: a factor set missing one fails to load
/// instead of failing on the first line that needs it.
/// </summary>
public sealed class FactorKey
{
    internal FactorKey(FactorTable table, string name, int index)
    {
        Table = table;
        Name = name;
        Index = index;
    }

    public FactorTable Table { get; }

    /// <summary>The row's <c>name</c> in its table.</summary>
    public string Name { get; }

    /// <summary>Position in <see cref="FactorKeys.All"/>, where a loaded factor set keeps the resolved row.</summary>
    internal int Index { get; }

    public override string ToString() => Name;
}

/// <summary>
/// Every scalar factor the code reads (units and sources are in the rows). One flat class on
/// purpose: <see cref="All"/> is filled as the fields initialise, in the order written, so it is
/// complete as soon as any key is used.
/// </summary>
public static class FactorKeys
{
    // First: the fields below add themselves to it as they initialise.
    private static readonly List<FactorKey> s_all = [];

    /// <summary>Every key, in declaration order; a factor set resolves each of them at load.</summary>
    public static IReadOnlyList<FactorKey> All => s_all;

    // ---- constants.csv: IT power ----
    public static readonly FactorKey CpuUtilisation = Constant("cpu-utilisation");
    public static readonly FactorKey MemoryKwhPerGbHour = Constant("memory-kwh-per-gb-hour");
    public static readonly FactorKey SsdWhPerTbHour = Constant("ssd-wh-per-tb-hour");
    public static readonly FactorKey HddWhPerTbHour = Constant("hdd-wh-per-tb-hour");
    public static readonly FactorKey NetworkKwhPerGb = Constant("network-kwh-per-gb");
    public static readonly FactorKey InferredMachineEnergyFactor = Constant("inferred-machine-energy-factor");

    // ---- constants.csv: servers and storage hardware ----
    public static readonly FactorKey ServerLifespanHours = Constant("server-lifespan-hours");
    public static readonly FactorKey ServerEmbodiedBaseKgCo2e = Constant("server-embodied-base-kgco2e");
    public static readonly FactorKey DramEmbodiedKgCo2ePerGb = Constant("dram-embodied-kgco2e-per-gb");
    public static readonly FactorKey CpuSocketEmbodiedKgCo2e = Constant("cpu-socket-embodied-kgco2e");
    public static readonly FactorKey ServerAdpeKgSbEq = Constant("server-adpe-kgsbeq");
    public static readonly FactorKey ServerMassKg = Constant("server-mass-kg");
    public static readonly FactorKey SsdEmbodiedKgCo2ePerTb = Constant("ssd-embodied-kgco2e-per-tb");
    public static readonly FactorKey HddEmbodiedKgCo2ePerTb = Constant("hdd-embodied-kgco2e-per-tb");
    public static readonly FactorKey SsdAdpeKgSbEqPerTb = Constant("ssd-adpe-kgsbeq-per-tb");
    public static readonly FactorKey HddAdpeKgSbEqPerTb = Constant("hdd-adpe-kgsbeq-per-tb");
    public static readonly FactorKey SsdMassKgPerTb = Constant("ssd-mass-kg-per-tb");
    public static readonly FactorKey HddMassKgPerTb = Constant("hdd-mass-kg-per-tb");
    public static readonly FactorKey StorageLifespanHours = Constant("storage-lifespan-hours");

    // ---- constants.csv: GPU servers and LLM inference (EcoLogits) ----
    public static readonly FactorKey GpuServerHostKw = Constant("gpu-server-host-kw");
    public static readonly FactorKey GpuServerEmbodiedKgCo2e = Constant("gpu-server-embodied-kgco2e");
    public static readonly FactorKey GpuServerAdpeKgSbEq = Constant("gpu-server-adpe-kgsbeq");
    public static readonly FactorKey GpuServerLifespanHours = Constant("gpu-server-lifespan-hours");
    public static readonly FactorKey LlmBatchSize = Constant("llm-batch-size");
    public static readonly FactorKey LlmGpuEnergyAlpha = Constant("llm-gpu-energy-alpha");
    public static readonly FactorKey LlmGpuEnergyBeta = Constant("llm-gpu-energy-beta");
    public static readonly FactorKey LlmGpuEnergyGamma = Constant("llm-gpu-energy-gamma");
    public static readonly FactorKey LlmLatencyA = Constant("llm-latency-a");
    public static readonly FactorKey LlmLatencyB = Constant("llm-latency-b");
    public static readonly FactorKey LlmLatencyC = Constant("llm-latency-c");
    public static readonly FactorKey LlmGpuMemoryGb = Constant("llm-gpu-memory-gb");
    public static readonly FactorKey LlmServingOverhead = Constant("llm-serving-overhead");
    public static readonly FactorKey LlmLifecycleBoundary = Constant("llm-lifecycle-boundary");
    public static readonly FactorKey LlmLifecycleBoundaryAdpe = Constant("llm-lifecycle-boundary-adpe");
    public static readonly FactorKey LlmLifecycleBoundaryWater = Constant("llm-lifecycle-boundary-water");
    public static readonly FactorKey GeminiCharactersPerToken = Constant("gemini-characters-per-token");

    // ---- constants.csv: compute billed without a machine type ----
    public static readonly FactorKey CostProxyVCpuHoursPerUsd = Constant("cost-proxy-vcpu-hours-per-usd");
    public static readonly FactorKey CostProxyMemoryGbPerVCpu = Constant("cost-proxy-memory-gb-per-vcpu");
    public static readonly FactorKey GenericHostVCpus = Constant("generic-host-vcpus");

    // ---- components.csv: one host, by component ----
    public static readonly FactorKey CpuDieKgCo2ePerCm2 = Component("cpu-die-kgco2e-per-cm2");
    public static readonly FactorKey CpuDieKgSbEqPerCm2 = Component("cpu-die-kgsbeq-per-cm2");
    public static readonly FactorKey CpuPackageKgCo2e = Component("cpu-package-kgco2e");
    public static readonly FactorKey CpuPackageKgSbEq = Component("cpu-package-kgsbeq");
    public static readonly FactorKey CpuMassKg = Component("cpu-mass-kg");
    public static readonly FactorKey RamDieKgCo2ePerCm2 = Component("ram-die-kgco2e-per-cm2");
    public static readonly FactorKey RamDieKgSbEqPerCm2 = Component("ram-die-kgsbeq-per-cm2");
    public static readonly FactorKey RamDensityGbPerCm2 = Component("ram-density-gb-per-cm2");
    public static readonly FactorKey RamModuleKgCo2e = Component("ram-module-kgco2e");
    public static readonly FactorKey RamModuleKgSbEq = Component("ram-module-kgsbeq");
    public static readonly FactorKey RamModuleGb = Component("ram-module-gb");
    public static readonly FactorKey RamModuleMassKg = Component("ram-module-mass-kg");
    public static readonly FactorKey SsdDieKgCo2ePerCm2 = Component("ssd-die-kgco2e-per-cm2");
    public static readonly FactorKey SsdDieKgSbEqPerCm2 = Component("ssd-die-kgsbeq-per-cm2");
    public static readonly FactorKey SsdDensityGbPerCm2 = Component("ssd-density-gb-per-cm2");
    public static readonly FactorKey SsdDriveKgCo2e = Component("ssd-drive-kgco2e");
    public static readonly FactorKey SsdDriveKgSbEq = Component("ssd-drive-kgsbeq");
    public static readonly FactorKey SsdDriveGb = Component("ssd-drive-gb");
    public static readonly FactorKey SsdDriveMassKg = Component("ssd-drive-mass-kg");
    public static readonly FactorKey HddDriveKgCo2e = Component("hdd-drive-kgco2e");
    public static readonly FactorKey HddDriveKgSbEq = Component("hdd-drive-kgsbeq");
    public static readonly FactorKey HddDriveGb = Component("hdd-drive-gb");
    public static readonly FactorKey HddDriveMassKg = Component("hdd-drive-mass-kg");
    public static readonly FactorKey MotherboardKgCo2e = Component("motherboard-kgco2e");
    public static readonly FactorKey MotherboardKgSbEq = Component("motherboard-kgsbeq");
    public static readonly FactorKey MotherboardMassKg = Component("motherboard-mass-kg");
    public static readonly FactorKey PowerSupplyKgCo2ePerKg = Component("power-supply-kgco2e-per-kg");
    public static readonly FactorKey PowerSupplyKgSbEqPerKg = Component("power-supply-kgsbeq-per-kg");
    public static readonly FactorKey PowerSupplyKg = Component("power-supply-kg");
    public static readonly FactorKey PowerSuppliesPerServer = Component("power-supplies-per-server");
    public static readonly FactorKey CaseKgCo2e = Component("case-kgco2e");
    public static readonly FactorKey CaseKgSbEq = Component("case-kgsbeq");
    public static readonly FactorKey CaseMassKg = Component("case-mass-kg");
    public static readonly FactorKey AssemblyKgCo2e = Component("assembly-kgco2e");
    public static readonly FactorKey AssemblyKgSbEq = Component("assembly-kgsbeq");

    private static FactorKey Constant(string name) => Add(FactorTable.Constants, name);

    private static FactorKey Component(string name) => Add(FactorTable.Components, name);

    private static FactorKey Add(FactorTable table, string name)
    {
        var key = new FactorKey(table, name, s_all.Count);
        s_all.Add(key);
        return key;
    }
}

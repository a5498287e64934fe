using System.Collections.Frozen;

namespace Empreinte.Domain.Factors;

/// <summary>
/// A versioned, immutable set of factors. Loaded once from the CSV files embedded in this assembly
/// (<c>Factors/Data</c>); every value carries its unit, source, licence and year, and every result
/// names the <see cref="Version"/> it used.
/// </summary>
public sealed partial class FactorSet
{
    /// <summary>The version of the factor data shipped with this build; bump it whenever a value changes.</summary>
    public const string CurrentVersion = "2026.12-v1";

    private static readonly Lazy<FactorSet> _embedded = new(() => FactorSetLoader.LoadEmbedded(CurrentVersion));

    private readonly FrozenDictionary<string, Factor> _constants;
    private readonly FrozenDictionary<string, CpuPower> _cpus;
    private readonly FrozenDictionary<string, MachineType> _machines;
    private readonly FrozenDictionary<string, GpuSpec> _gpus;
    private readonly FrozenDictionary<string, RegionLocation> _regions;
    private readonly FrozenDictionary<string, DatacenterEfficiency> _datacenters;
    private readonly FrozenDictionary<string, ZoneFactor> _grid;
    private readonly FrozenDictionary<string, ZoneFactor> _electricityWater;
    private readonly LlmModel[] _llmModels;
    private readonly LlmModel _llmFallback;
    private readonly FrozenDictionary<string, AiDatacenter> _aiDatacenters;
    private readonly FrozenDictionary<string, MarketFactor> _market;
    private readonly FrozenDictionary<string, Factor> _components;
    private readonly FrozenDictionary<string, CpuDie> _cpuDies;

    internal FactorSet(
        string version,
        IEnumerable<Factor> constants,
        IEnumerable<CpuPower> cpus,
        IEnumerable<MachineType> machines,
        IEnumerable<GpuSpec> gpus,
        IEnumerable<RegionLocation> regions,
        IEnumerable<DatacenterEfficiency> datacenters,
        IEnumerable<ZoneFactor> grid,
        IEnumerable<ZoneFactor> electricityWater,
        IEnumerable<LlmModel> llmModels,
        IEnumerable<AiDatacenter> aiDatacenters,
        IEnumerable<MarketFactor> market,
        IEnumerable<Factor> components,
        IEnumerable<CpuDie> cpuDies)
    {
        Version = version;
        _constants = constants.ToFrozenDictionary(f => f.Name, StringComparer.OrdinalIgnoreCase);
        _cpus = cpus.ToFrozenDictionary(c => c.Microarchitecture, StringComparer.OrdinalIgnoreCase);
        _machines = machines.ToFrozenDictionary(m => MachineKey(m.Provider, m.Name), StringComparer.OrdinalIgnoreCase);
        _gpus = gpus.ToFrozenDictionary(g => g.Model, StringComparer.OrdinalIgnoreCase);
        _regions = regions.ToFrozenDictionary(r => MachineKey(r.Provider, r.Region), StringComparer.OrdinalIgnoreCase);
        _datacenters = datacenters.ToFrozenDictionary(d => d.Provider, StringComparer.OrdinalIgnoreCase);
        _grid = grid.ToFrozenDictionary(z => z.Zone, StringComparer.OrdinalIgnoreCase);
        _electricityWater = electricityWater.ToFrozenDictionary(z => z.Zone, StringComparer.OrdinalIgnoreCase);
        var models = llmModels.ToList();
        _llmFallback = models.Single(m => m.IsFallback);
        // Longest pattern first, so that "gpt-4o-mini" wins over "gpt-4o" when both are substrings.
        _llmModels = [.. models.Where(m => !m.IsFallback).OrderByDescending(m => m.Pattern.Length)];
        _aiDatacenters = aiDatacenters.ToFrozenDictionary(d => d.AiProvider, StringComparer.OrdinalIgnoreCase);
        _market = market.ToFrozenDictionary(m => MachineKey(m.Provider, m.Region), StringComparer.OrdinalIgnoreCase);
        _components = components.ToFrozenDictionary(f => f.Name, StringComparer.OrdinalIgnoreCase);
        _cpuDies = cpuDies.ToFrozenDictionary(d => d.Microarchitecture, StringComparer.OrdinalIgnoreCase);
        _keyed = Resolve(version, FactorKeys.All, _constants, _components);
    }

    /// <summary>The row of every <see cref="FactorKeys"/> key, by <see cref="FactorKey.Index"/>; a missing row fails the load.</summary>
    private readonly Factor[] _keyed;

    private static Factor[] Resolve(string version, IReadOnlyList<FactorKey> keys, FrozenDictionary<string, Factor> constants, FrozenDictionary<string, Factor> components)
    {
        var resolved = new Factor[keys.Count];
        var missing = new List<string>();
        foreach (var key in keys)
        {
            var (table, file) = key.Table == FactorTable.Constants ? (constants, "constants.csv") : (components, "components.csv");
            if (table.TryGetValue(key.Name, out var factor)) resolved[key.Index] = factor;
            else missing.Add($"{file} '{key.Name}'");
        }

        return missing.Count == 0
            ? resolved
            : throw new InvalidDataException($"Factor set {version} lacks factors the calculators read: {string.Join(", ", missing)}.");
    }

    /// <summary>The factor set embedded in this build.</summary>
    public static FactorSet Embedded => _embedded.Value;

    public string Version { get; }

    public IEnumerable<Factor> Constants => _constants.Values;
    public IEnumerable<CpuPower> Cpus => _cpus.Values;
    public IEnumerable<MachineType> Machines => _machines.Values;
    public IEnumerable<GpuSpec> Gpus => _gpus.Values;
    public IEnumerable<RegionLocation> Regions => _regions.Values;
    public IEnumerable<DatacenterEfficiency> Datacenters => _datacenters.Values;
    public IEnumerable<ZoneFactor> GridIntensities => _grid.Values;
    public IEnumerable<ZoneFactor> ElectricityWaterIntensities => _electricityWater.Values;
    public IEnumerable<LlmModel> LlmModels => _llmModels.Append(_llmFallback);
    public IEnumerable<AiDatacenter> AiDatacenters => _aiDatacenters.Values;
    public IEnumerable<MarketFactor> MarketFactors => _market.Values;
    public IEnumerable<Factor> Components => _components.Values;
    public IEnumerable<CpuDie> CpuDies => _cpuDies.Values;

    /// <summary>The row of a key (resolved when the set was loaded).</summary>
    public Factor this[FactorKey key] => _keyed[key.Index];

    /// <summary>The value of a key's row, in the row's unit (<see cref="Provenance.Unit"/>).</summary>
    public Uncertain Value(FactorKey key) => _keyed[key.Index].Value;

    /// <summary>A constant by name, for listings and one-off reads; calculators read <see cref="FactorKeys"/>.</summary>
    public Factor Constant(string name) => _constants.TryGetValue(name, out var factor)
        ? factor
        : throw new KeyNotFoundException($"Factor set {Version} has no constant '{name}'.");

    /// <summary>A hardware component factor (<c>components.csv</c>) by name, for listings; calculators read <see cref="FactorKeys"/>.</summary>
    public Factor Component(string name) => _components.TryGetValue(name, out var factor)
        ? factor
        : throw new KeyNotFoundException($"Factor set {Version} has no component factor '{name}'.");

    /// <summary>The CPU die of a microarchitecture, or null (the caller falls back to <c>*</c> and flags it).</summary>
    public CpuDie? CpuDie(string microarchitecture) => _cpuDies.GetValueOrDefault(microarchitecture);

    public CpuPower? Cpu(string microarchitecture) => _cpus.GetValueOrDefault(microarchitecture);

    public MachineType? Machine(string provider, string name) => _machines.GetValueOrDefault(MachineKey(provider, NormaliseMachineName(name)));

    public GpuSpec? Gpu(string model) => _gpus.GetValueOrDefault(model);

    public RegionLocation? Region(string provider, string region) => _regions.GetValueOrDefault(MachineKey(provider, region));

    public DatacenterEfficiency? Datacenter(string provider) => _datacenters.GetValueOrDefault(provider);

    public ZoneFactor? GridIntensity(string zone) => _grid.GetValueOrDefault(zone);

    public ZoneFactor? ElectricityWater(string country) => _electricityWater.GetValueOrDefault(country);

    /// <summary>
    /// The size assumptions for a model name: the longest pattern contained in the name; else the parameter count the
    /// name states for an open-weight model billed by a cloud (<c>mistral-7b</c>, <c>qwen3-30b-a3b</c>: 30 B total,
    /// 3 B active); else the fallback row (<see cref="LlmModel.IsFallback"/>).
    /// </summary>
    public LlmModel LlmModel(string? modelName)
    {
        if (string.IsNullOrEmpty(modelName)) return _llmFallback;
        foreach (var model in _llmModels)
        {
            if (modelName.Contains(model.Pattern, StringComparison.OrdinalIgnoreCase)) return model;
        }

        return StatedSize(modelName) ?? _llmFallback;
    }

    private static readonly Provenance s_statedSize = new("billion parameters",
        "parameter count stated in the open-weight model's name (dense, unless the name states active parameters as in 30b-a3b); names with experts (8x7b, 128e) are not read; Empreinte",
        "facts (model name)", 2026);

    /// <summary>A size stated in the name (<c>70b</c>, <c>30b-a3b</c>), or null when it states none or its experts.</summary>
    private LlmModel? StatedSize(string modelName)
    {
        var name = modelName.ToLowerInvariant();
        if (ExpertsInName().IsMatch(name)) return null;
        var total = ParamsInName().Match(name);
        if (!total.Success) return null;
        var totalB = double.Parse(total.Groups["b"].Value, System.Globalization.CultureInfo.InvariantCulture);
        var active = ActiveParamsInName().Match(name);
        var activeB = active.Success ? double.Parse(active.Groups["b"].Value, System.Globalization.CultureInfo.InvariantCulture) : totalB;
        if (totalB <= 0 || activeB <= 0 || activeB > totalB) return null;
        return new LlmModel(modelName, _llmFallback.Developer, active.Success, totalB, totalB, activeB, activeB, s_statedSize);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"(?<![a-z0-9.])(?<b>\d+(?:\.\d+)?)b(?![a-z0-9])", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex ParamsInName();

    [System.Text.RegularExpressions.GeneratedRegex(@"-a(?<b>\d+(?:\.\d+)?)b(?![a-z0-9])", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex ActiveParamsInName();

    [System.Text.RegularExpressions.GeneratedRegex(@"\d+x\d|(?<![a-z])\d+e(?![a-z0-9])", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex ExpertsInName();

    public AiDatacenter? AiDatacenter(string aiProvider) => _aiDatacenters.GetValueOrDefault(aiProvider);

    /// <summary>The region's market factor, else the provider-wide one (<c>*</c>), else null.</summary>
    public MarketFactor? Market(string provider, string? region) =>
        (region is null ? null : _market.GetValueOrDefault(MachineKey(provider, region))) ?? _market.GetValueOrDefault(MachineKey(provider, "*"));

    /// <summary>Azure sizes appear as <c>Standard_D4s_v5</c>, <c>D4s v5</c> or <c>d4s_v5</c>; the catalogue keys them as <c>D4s v5</c>.</summary>
    public static string NormaliseMachineName(string name)
    {
        var trimmed = name.Trim();
        if (trimmed.StartsWith("Standard_", StringComparison.OrdinalIgnoreCase)) trimmed = trimmed["Standard_".Length..];
        else if (trimmed.StartsWith("Standard ", StringComparison.OrdinalIgnoreCase)) trimmed = trimmed["Standard ".Length..];
        return trimmed.Replace('_', ' ');
    }

    private static string MachineKey(string provider, string name) => provider + "|" + name;
}

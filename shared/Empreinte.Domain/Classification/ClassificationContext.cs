using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Empreinte.Domain.Classification.Rules;
using Empreinte.Domain.Factors;
using Empreinte.Domain.Usage;

namespace Empreinte.Domain.Classification;

/// <summary>
/// What the rule sets of one classifier share: the factor set, and look-ups cached per spelling because
/// exports repeat a few hundred instance types, descriptions and units over millions of rows.
/// </summary>
internal sealed class ClassificationContext(FactorSet factors)
{
    private const int MachineCacheLimit = 4096;
    private readonly ConcurrentDictionary<(string Provider, string Name), MachineType?> _machines = new();
    private readonly ConcurrentDictionary<(string Provider, string Name), MachineType?> _inferred = new();
    private readonly ConditionalWeakTable<MachineType, string> _microarchitectures = [];
    private readonly RepeatedText<(string?, string?), string> _costProxyReasons = new(k => CostProxyReason(k.Item1, k.Item2), SameStrings.Instance);
    private readonly RepeatedText<(string?, string?, string?), string?> _instanceTypesInText = new(k => InstanceTypeFromText(k.Item1!, k.Item2, k.Item3), SameStrings.Instance);

    public FactorSet Factors => factors;

    /// <summary>Catalogue lookup, cached per spelling: instance types repeat on millions of rows and the catalogue builds a key per lookup.</summary>
    public MachineType? Machine(string provider, string name)
    {
        if (_machines.TryGetValue((provider, name), out var machine)) return machine;
        machine = factors.Machine(provider, name);
        // A bound on distinct spellings, so an odd export cannot grow the cache without limit.
        if (_machines.Count < MachineCacheLimit) _machines.TryAdd((provider, name), machine);
        return machine;
    }

    /// <summary>The naming grammar's reading of a type the catalogue lacks, cached per spelling like the catalogue lookup.</summary>
    public MachineType? InferredMachine(string provider, string name)
    {
        if (_inferred.TryGetValue((provider, name), out var machine)) return machine;
        machine = MachineNameGrammar.Infer(provider, name);
        if (_inferred.Count < MachineCacheLimit) _inferred.TryAdd((provider, name), machine);
        return machine;
    }

    /// <summary>A machine's possible microarchitectures as one line value (<c>Cascade Lake|Skylake</c>), joined once per machine.</summary>
    public string? Microarchitectures(MachineType machine) =>
        machine.Microarchitectures.Count == 0 ? null : _microarchitectures.GetValue(machine, static m => string.Join('|', m.Microarchitectures));

    /// <summary>The instance type the record names, else one found in its description or meter (AWS, Azure).</summary>
    public string? InstanceType(UsageRecord record) =>
        record.InstanceType ?? _instanceTypesInText.For((record.Provider, record.ChargeDescription, record.SkuMeter));

    /// <summary>The reason of a line mapped by cost only (<see cref="AssumptionFlags.CostProxy"/>).</summary>
    public string CostProxyReason(UsageRecord record) => _costProxyReasons.For((record.ServiceName, record.RawUnit));

    private static string CostProxyReason(string? serviceName, string? rawUnit) =>
        $"cost proxy: no physical quantity for {serviceName ?? "service"} in {(string.IsNullOrEmpty(rawUnit) ? "unknown unit" : rawUnit)}";

    /// <summary>An instance type in free text: the description first, then the meter.</summary>
    private static string? InstanceTypeFromText(string provider, string? chargeDescription, string? skuMeter)
    {
        foreach (var text in (ReadOnlySpan<string?>)[chargeDescription, skuMeter])
        {
            if (string.IsNullOrEmpty(text)) continue;
            var found = provider switch
            {
                Providers.Aws => AwsRules.InstanceTypeIn(text),
                Providers.Azure => AzureRules.VmSizeIn(text),
                _ => null,
            };
            if (found is not null) return found;
        }

        return null;
    }
}

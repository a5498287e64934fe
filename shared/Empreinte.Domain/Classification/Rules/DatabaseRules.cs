using System.Buffers;
using System.Globalization;
using System.Text.RegularExpressions;
using Empreinte.Domain.Usage;

namespace Empreinte.Domain.Classification.Rules;

/// <summary>
/// Managed databases of every provider: vCore/vCPU-hours (Azure SQL and MySQL vCore meters, AdditionalInfo vCores,
/// RDS <c>db.*</c> instances sized by the catalogue, OCI database OCPUs). Licence and extended-support fees per vCPU
/// are not compute. The processor is never named, so every line is flagged microarchitecture-unknown.
/// </summary>
internal sealed partial class DatabaseRules(ClassificationContext context) : IClassificationRule
{
    private static readonly SearchValues<string> s_notCompute = RuleText.Words("License", "Extended Support");

    public Decision? TryClassify(UsageRecord record, string text)
    {
        if (!DatabaseWords().IsMatch(text) || record.Quantity is not { } q) return null;
        if (RuleText.HasAny(text, s_notCompute)) return null;

        if (record.QuantityUnit == Units.VCpuHours)
            return Database(q, null, [AssumptionFlags.MemoryAssumed]);
        if (record.QuantityUnit != Units.Hours) return null;

        var instance = context.InstanceType(record);
        if (instance is not null && instance.StartsWith("db.", StringComparison.OrdinalIgnoreCase)
            && context.Machine(record.Provider, instance[3..]) is { } machine)
            return Database(q * machine.VCpus, q * machine.MemoryGb, []) with { InstanceType = instance, VCpus = machine.VCpus, MemoryGb = machine.MemoryGb };

        var vcores = record.VCpus ?? (VCoreWord().Match(record.SkuMeter ?? "") is { Success: true } m ? int.Parse(m.Groups["n"].Value, CultureInfo.InvariantCulture) : null);
        if (vcores is null && RuleText.Has(record.SkuMeter ?? "", "vCore")) vcores = 1;
        return vcores is { } v ? Database(q * v, record.MemoryGb is { } mem ? q * mem : null, record.MemoryGb is null ? [AssumptionFlags.MemoryAssumed] : []) with { VCpus = v } : null;
    }

    private static Decision Database(double vcpuHours, double? memoryGbHours, IReadOnlyList<string> flags) => Decision.Mapped with
    {
        UsageKind = UsageKinds.Database,
        VCpuHours = vcpuHours,
        MemoryGbHours = memoryGbHours,
        Flags = [.. flags, AssumptionFlags.MicroarchitectureUnknown],
    };

    /// <summary>Words of a managed database service, in any provider's naming (also the cost proxy's database kind).</summary>
    [GeneratedRegex(@"Database|\bSQL\b|\bRDS\b|Cosmos|MySQL|PostgreSQL|Aurora|Cloud SQL|Autonomous|DynamoDB|\bDATABASE\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    internal static partial Regex DatabaseWords();

    [GeneratedRegex(@"(?<n>\d+) vCore", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex VCoreWord();
}

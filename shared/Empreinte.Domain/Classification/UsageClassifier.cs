using Empreinte.Contracts;
using Empreinte.Domain.Classification.Rules;
using Empreinte.Domain.Factors;
using Empreinte.Domain.Usage;

namespace Empreinte.Domain.Classification;

/// <summary>
/// Turns a normalised <see cref="UsageRecord"/> into a classified <see cref="UsageLine"/>: the usage
/// kind and its physical quantities, or unmapped with a reason, or excluded (non-usage charges).
/// Nothing is dropped: every record comes out as exactly one line.
/// </summary>
/// <remarks>
/// A charge that is not usage (tax, credit, purchase, refund…) is excluded with its category. A usage record goes
/// to the rule sets in this order, and the first that decides wins:
/// <list type="number">
/// <item><see cref="OpenAiRules"/>: token counts stated by the export (OpenAI usage API and CSV);</item>
/// <item><see cref="AzureRules"/>, <see cref="GcpRules"/>, <see cref="AwsRules"/>: each provider's AI meters
/// (Azure OpenAI, Vertex AI and Gemini API, Bedrock) — before the generic rules, which would read token
/// counts or provisioned hours as something else;</item>
/// <item><see cref="DatabaseRules"/>: managed databases, before machines (an RDS <c>db.*</c> type is also a catalogue machine);</item>
/// <item><see cref="MachineRules"/>: virtual machines by instance type (a type no grammar reads is unmapped here, with its name);</item>
/// <item><see cref="ContainerServerlessRules"/>: containers and serverless;</item>
/// <item><see cref="OciRules"/>: OCI OCPU, memory and GPU hours;</item>
/// <item><see cref="StorageRules"/>, then <see cref="ManagedDiskRules"/>: storage by GB-month, disks by disk-month;</item>
/// <item><see cref="NetworkRules"/>: data transfer in GB;</item>
/// <item><see cref="CostProxyRules"/>: a first-party service with a cost and no physical quantity, mapped by cost.</item>
/// </list>
/// What none decides is unmapped, with the service and unit as reason.
/// </remarks>
public sealed class UsageClassifier
{
    private readonly IClassificationRule[] _rules;

    // Strings built from the record's words, once per combination rather than once per row (see RepeatedText).
    private readonly RepeatedText<(string?, string?, string?, string?, string?), string> _texts = new(Text, SameStrings.Instance);
    private readonly RepeatedText<(string?, string?), string> _nonUsageReasons = new(k => $"non-usage charge: {k.Item1}", SameStrings.Instance);
    private readonly RepeatedText<(string?, string?), string> _unmappedReasons = new(k => UnmappedReason(k.Item1, k.Item2), SameStrings.Instance);

    public UsageClassifier(FactorSet factors)
    {
        var context = new ClassificationContext(factors);
        _rules =
        [
            new OpenAiRules(),
            new AzureRules(context),
            new GcpRules(context),
            new AwsRules(),
            new DatabaseRules(context),
            new MachineRules(context),
            new ContainerServerlessRules(),
            new OciRules(context),
            new StorageRules(),
            new ManagedDiskRules(),
            new NetworkRules(),
            new CostProxyRules(context),
        ];
    }

    public UsageLine Classify(UsageRecord record)
    {
        if (!IsUsage(record.ChargeCategory))
            return Line(record, new Decision { Status = LineStatuses.Excluded, UsageKind = UsageKinds.NonUsage, Reason = _nonUsageReasons.For((record.ChargeCategory, null)) });

        // The words every rule looks in, built once per record (this runs on every row of the export).
        var text = _texts.For((record.ServiceName, record.MeterCategory, record.MeterSubcategory, record.SkuMeter, record.ChargeDescription));
        foreach (var rule in _rules)
        {
            if (rule.TryClassify(record, text) is { } decision) return Line(record, decision);
        }

        return Line(record, new Decision { Reason = _unmappedReasons.For((record.ServiceName, record.RawUnit)) });
    }

    /// <summary>The words every rule looks in: service, meter category and subcategory, meter, description.</summary>
    private static string Text((string? Service, string? MeterCategory, string? MeterSubcategory, string? Meter, string? Description) words) =>
        $"{words.Service} {words.MeterCategory} {words.MeterSubcategory} {words.Meter} {words.Description}";

    private static bool IsUsage(string chargeCategory) => chargeCategory.Equals("Usage", StringComparison.OrdinalIgnoreCase);

    private static string UnmappedReason(string? serviceName, string? rawUnit) =>
        $"no physical model for {serviceName ?? "unknown service"} in {(string.IsNullOrEmpty(rawUnit) ? "unknown unit" : rawUnit)}";

    /// <summary>
    /// A usage line's quantity flags on top of the rules' own: a negative quantity is a correction
    /// (refund, re-rating) netted against the period's usage, an empty one is estimated as zero; both are
    /// shown per line and counted apart in summary.json, never taken for ordinary usage.
    /// </summary>
    private static IReadOnlyList<string> QuantityFlags(UsageRecord record, string status, IReadOnlyList<string> flags)
    {
        if (status == LineStatuses.Excluded) return flags;
        // Token lines carry their quantities as tokens.
        if (record.Quantity is null) return record.InputTokens is null && record.OutputTokens is null ? [.. flags, AssumptionFlags.QuantityMissing] : flags;
        return record.Quantity < 0 ? [.. flags, AssumptionFlags.NegativeQuantityCorrection] : flags;
    }

    /// <summary>The one line of a record: its own fields, and what the rules decided.</summary>
    private static UsageLine Line(UsageRecord record, Decision decision) => new()
    {
        SourceFile = record.SourceFile,
        SourceRow = record.SourceRow,
        Provider = record.Provider,
        BillingAccountId = record.BillingAccountId,
        SubAccountId = record.SubAccountId,
        SubAccountName = record.SubAccountName,
        ResourceId = record.ResourceId,
        ServiceName = record.ServiceName,
        ServiceCategory = record.ServiceCategory,
        RegionId = record.RegionId,
        ChargePeriodStart = record.ChargePeriodStart,
        ChargePeriodEnd = record.ChargePeriodEnd,
        ChargeCategory = record.ChargeCategory,
        SkuMeter = record.SkuMeter ?? record.ChargeDescription,
        InstanceType = decision.InstanceType ?? record.InstanceType,
        Quantity = record.Quantity,
        QuantityUnit = record.QuantityUnit,
        Cost = record.Cost,
        Currency = record.Currency,
        Tags = record.Tags,
        Status = decision.Status ?? LineStatuses.Unmapped,
        UsageKind = decision.UsageKind ?? UsageKinds.Unmapped,
        Reason = decision.Reason,
        Flags = QuantityFlags(record, decision.Status ?? LineStatuses.Unmapped, decision.Flags ?? []),
        InstanceHours = decision.InstanceHours,
        VCpus = decision.VCpus,
        MemoryGb = decision.MemoryGb,
        CpuMicroarchitecture = decision.CpuMicroarchitecture,
        GpuModel = decision.GpuModel,
        GpuCount = decision.GpuCount,
        HostVCpus = decision.HostVCpus,
        HostMemoryGb = decision.HostMemoryGb,
        StorageGbMonths = decision.StorageGbMonths,
        StorageMedia = decision.StorageMedia,
        ReplicationFactor = decision.ReplicationFactor,
        NetworkGb = decision.NetworkGb,
        AiModel = decision.AiModel,
        InputTokens = decision.InputTokens,
        OutputTokens = decision.OutputTokens,
        VCpuHours = decision.VCpuHours,
        MemoryGbHours = decision.MemoryGbHours,
        GbSeconds = decision.GbSeconds,
        AiDeployment = decision.AiDeployment,
    };
}

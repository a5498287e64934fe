using Empreinte.Contracts;

namespace Empreinte.Domain.Recommendations;

/// <summary>
/// Everything the calculators read from a line apart from its quantities, plus the scope a
/// recommendation names (sub-account) and whether the line looks like dev/test. Lines with the same
/// key are estimated alike per unit of quantity, so their quantities can be summed.
/// </summary>
public readonly record struct CandidateKey(
    string Provider,
    string? SubAccount,
    string? ServiceName,
    string? ServiceCategory,
    string? RegionId,
    string UsageKind,
    string? InstanceType,
    int? VCpus,
    double? MemoryGb,
    string? CpuMicroarchitecture,
    string? GpuModel,
    int? GpuCount,
    int? HostVCpus,
    double? HostMemoryGb,
    string? StorageMedia,
    int? ReplicationFactor,
    string? AiModel,
    string? AiDeployment,
    string? Currency,
    string Flags,
    bool LooksDevTest);

/// <summary>
/// The summed quantities of every line of one <see cref="CandidateKey"/>, and the charge period they
/// cover. Memory grows with the number of distinct keys, never with the number of lines.
/// </summary>
public sealed class CandidateGroup(CandidateKey key)
{
    public CandidateKey Key { get; } = key;
    public long Lines { get; private set; }
    public decimal Cost { get; private set; }
    public double Quantity { get; private set; }
    public string? QuantityUnit { get; private set; }
    public double InstanceHours { get; private set; }
    public double StorageGbMonths { get; private set; }
    public double NetworkGb { get; private set; }
    public double InputTokens { get; private set; }
    public double OutputTokens { get; private set; }
    public double VCpuHours { get; private set; }
    public double MemoryGbHours { get; private set; }
    public double GbSeconds { get; private set; }
    public DateTimeOffset? PeriodStart { get; private set; }
    public DateTimeOffset? PeriodEnd { get; private set; }

    // Which optional quantities any line had: a sum of nothing stays null on the merged line.
    private bool _instanceHours, _storage, _network, _input, _output, _vcpuHours, _memoryHours, _gbSeconds;

    public void Add(UsageLine line)
    {
        Lines++;
        Cost += line.Cost;
        Quantity += line.Quantity ?? 0;
        QuantityUnit ??= line.QuantityUnit;
        Sum(line.InstanceHours, ref _instanceHours, InstanceHours, v => InstanceHours = v);
        Sum(line.StorageGbMonths, ref _storage, StorageGbMonths, v => StorageGbMonths = v);
        Sum(line.NetworkGb, ref _network, NetworkGb, v => NetworkGb = v);
        Sum(line.InputTokens, ref _input, InputTokens, v => InputTokens = v);
        Sum(line.OutputTokens, ref _output, OutputTokens, v => OutputTokens = v);
        Sum(line.VCpuHours, ref _vcpuHours, VCpuHours, v => VCpuHours = v);
        Sum(line.MemoryGbHours, ref _memoryHours, MemoryGbHours, v => MemoryGbHours = v);
        Sum(line.GbSeconds, ref _gbSeconds, GbSeconds, v => GbSeconds = v);
        if (line.ChargePeriodStart is { } start && (PeriodStart is null || start < PeriodStart)) PeriodStart = start;
        if (line.ChargePeriodEnd is { } end && (PeriodEnd is null || end > PeriodEnd)) PeriodEnd = end;
    }

    private static void Sum(double? value, ref bool seen, double current, Action<double> set)
    {
        if (value is not { } v) return;
        seen = true;
        set(current + v);
    }

    /// <summary>Hours between the earliest charge-period start and the latest end; null when the lines carry no period.</summary>
    public double? PeriodHours => PeriodStart is { } s && PeriodEnd is { } e && e > s ? (e - s).TotalHours : null;

    /// <summary>One line standing for the whole group: the key's attributes with the summed quantities.</summary>
    public UsageLine ToLine() => new()
    {
        SourceFile = "",
        SourceRow = 0,
        Provider = Key.Provider,
        SubAccountId = Key.SubAccount,
        ServiceName = Key.ServiceName,
        ServiceCategory = Key.ServiceCategory,
        RegionId = Key.RegionId,
        ChargePeriodStart = PeriodStart,
        ChargePeriodEnd = PeriodEnd,
        ChargeCategory = "Usage",
        InstanceType = Key.InstanceType,
        Quantity = Quantity,
        QuantityUnit = QuantityUnit,
        Cost = Cost,
        Currency = Key.Currency,
        Status = Usage.LineStatuses.Mapped,
        UsageKind = Key.UsageKind,
        Flags = Key.Flags.Length == 0 ? [] : Key.Flags.Split('|'),
        InstanceHours = _instanceHours ? InstanceHours : null,
        VCpus = Key.VCpus,
        MemoryGb = Key.MemoryGb,
        CpuMicroarchitecture = Key.CpuMicroarchitecture,
        GpuModel = Key.GpuModel,
        GpuCount = Key.GpuCount,
        HostVCpus = Key.HostVCpus,
        HostMemoryGb = Key.HostMemoryGb,
        StorageGbMonths = _storage ? StorageGbMonths : null,
        StorageMedia = Key.StorageMedia,
        ReplicationFactor = Key.ReplicationFactor,
        NetworkGb = _network ? NetworkGb : null,
        AiModel = Key.AiModel,
        InputTokens = _input ? InputTokens : null,
        OutputTokens = _output ? OutputTokens : null,
        VCpuHours = _vcpuHours ? VCpuHours : null,
        MemoryGbHours = _memoryHours ? MemoryGbHours : null,
        GbSeconds = _gbSeconds ? GbSeconds : null,
        AiDeployment = Key.AiDeployment,
    };
}

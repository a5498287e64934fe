using Empreinte.Domain.Usage;

namespace Empreinte.Domain.Classification;

/// <summary>
/// What a rule decides about a record: the line's fields beyond those copied from the record
/// (unset: unmapped, no flags, the record's instance type). Rules return this value rather
/// than a copy of the line each, so that one line object is built per record (<see cref="UsageClassifier"/>).
/// </summary>
internal readonly record struct Decision
{
    /// <summary>A mapped decision, the start of every rule's <c>with</c> expression.</summary>
    public static readonly Decision Mapped = new() { Status = LineStatuses.Mapped };

    public string? Status { get; init; }
    public string? UsageKind { get; init; }
    public string? Reason { get; init; }
    public IReadOnlyList<string>? Flags { get; init; }
    public string? InstanceType { get; init; }
    public double? InstanceHours { get; init; }
    public int? VCpus { get; init; }
    public double? MemoryGb { get; init; }
    public string? CpuMicroarchitecture { get; init; }
    public string? GpuModel { get; init; }
    public int? GpuCount { get; init; }
    public int? HostVCpus { get; init; }
    public double? HostMemoryGb { get; init; }
    public double? StorageGbMonths { get; init; }
    public string? StorageMedia { get; init; }
    public int? ReplicationFactor { get; init; }
    public double? NetworkGb { get; init; }
    public string? AiModel { get; init; }
    public double? InputTokens { get; init; }
    public double? OutputTokens { get; init; }
    public double? VCpuHours { get; init; }
    public double? MemoryGbHours { get; init; }
    public double? GbSeconds { get; init; }
    public string? AiDeployment { get; init; }
}

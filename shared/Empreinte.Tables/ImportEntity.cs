using Azure;
using Azure.Data.Tables;

namespace Empreinte.Tables;

/// <summary>
/// One import in the imports table: what was received, where it stands, its counts and errors,
/// and the tracker's progress (which calculator has finished which batch). Updated with ETag
/// optimistic concurrency so concurrent trackers never lose or double an update.
/// </summary>
public sealed class ImportEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = ImportsKeys.RowKey;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    /// <summary>One of <see cref="ImportStatuses"/>.</summary>
    public string Status { get; set; } = ImportStatuses.Estimating;
    public string? FileName { get; set; }
    public string? Format { get; set; }
    public DateTimeOffset? AcceptedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }

    public long? RowCount { get; set; }
    public long? RejectedRowCount { get; set; }
    public int? ExpectedBatches { get; set; }
    public int CompletedBatches { get; set; }

    /// <summary>Row errors and failures, one per line (the first ones; all are counted in <see cref="RejectedRowCount"/>).</summary>
    public string? Errors { get; set; }

    // Which batches each calculator has finished: bit n-1 of the array is batch n. A binary
    // property holds 64 KiB, so up to 524,288 batches (half a billion lines at 1,000 a batch).
    public byte[]? EnergyDone { get; set; }
    public byte[]? WaterDone { get; set; }
    public byte[]? MaterialsDone { get; set; }
}

public static class ImportStatuses
{
    public const string Estimating = "estimating";
    public const string Completed = "completed";
    public const string Failed = "failed";
}

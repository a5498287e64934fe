using System.Text.Json;
using System.Text.Json.Serialization;

namespace Empreinte.Azure.Exports;

/// <summary>
/// The <c>manifest.json</c> Cost Management writes beside each run of a (partitioned) export:
/// <c>&lt;root&gt;/&lt;export&gt;/&lt;yyyyMMdd-yyyyMMdd&gt;/&lt;runId&gt;/manifest.json</c>. Only the fields the
/// import needs are read; <c>blobs[].blobName</c> is the part's full name inside the container.
/// </summary>
public sealed record ExportManifest
{
    public string? ManifestVersion { get; init; }
    public long? ByteCount { get; init; }
    public int? BlobCount { get; init; }
    public long? DataRowCount { get; init; }
    public ExportManifestConfig? ExportConfig { get; init; }
    public ExportManifestDelivery? DeliveryConfig { get; init; }
    public ExportManifestRunInfo? RunInfo { get; init; }
    public IReadOnlyList<ExportManifestBlob> Blobs { get; init; } = [];

    internal static JsonSerializerOptions JsonOptions { get; } = new(JsonSerializerDefaults.Web);
}

public sealed record ExportManifestConfig
{
    public string? ExportName { get; init; }
    public string? ResourceId { get; init; }
    public string? DataVersion { get; init; }
    public string? ApiVersion { get; init; }

    /// <summary>The dataset: <c>ActualCost</c>, <c>AmortizedCost</c>, <c>FocusCost</c>…</summary>
    public string? Type { get; init; }
    public string? TimeFrame { get; init; }
    public string? Granularity { get; init; }
}

public sealed record ExportManifestDelivery
{
    public bool? PartitionData { get; init; }
    public string? DataOverwriteBehavior { get; init; }
    public string? FileFormat { get; init; }
    public string? CompressionMode { get; init; }
    public string? ContainerUri { get; init; }
    public string? RootFolderPath { get; init; }
}

public sealed record ExportManifestRunInfo
{
    public string? ExecutionType { get; init; }
    public DateTimeOffset? SubmittedTime { get; init; }
    public string? RunId { get; init; }

    // Dates without an offset in the manifest ("2026-11-01T00:00:00"): UTC billing days.
    [JsonPropertyName("startDate")]
    public DateTime? StartDate { get; init; }

    [JsonPropertyName("endDate")]
    public DateTime? EndDate { get; init; }
}

public sealed record ExportManifestBlob
{
    public required string BlobName { get; init; }
    public long? ByteCount { get; init; }
    public long? DataRowCount { get; init; }
}

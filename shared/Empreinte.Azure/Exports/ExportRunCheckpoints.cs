using Azure;
using Azure.Data.Tables;

namespace Empreinte.Azure.Exports;

/// <summary>Keys of the <c>EmpreinteExportRuns</c> table: one entity per imported run, keyed by run id.</summary>
public static class ExportRunKeys
{
    public const string TableName = "EmpreinteExportRuns";

    /// <summary>A row key constant: a run's partition holds only its checkpoint, so lookups are point reads.</summary>
    public const string RowKey = "run";

    /// <summary>The run id, with the characters Table Storage forbids in keys (/ \ # ? and controls) replaced.</summary>
    public static string PartitionKey(string runId) =>
        string.Create(runId.Length, runId, (span, id) =>
        {
            for (var i = 0; i < id.Length; i++) span[i] = id[i] is '/' or '\\' or '#' or '?' || char.IsControl(id[i]) ? '_' : id[i];
        });
}

/// <summary>The checkpoint of an imported run; flat, so it reads as an import log in Power BI or Storage Explorer.</summary>
public sealed class ExportRunEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = ExportRunKeys.RowKey;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string RunId { get; set; } = "";
    public Guid ImportId { get; set; }
    public string ExportName { get; set; } = "";
    public string PeriodKey { get; set; } = "";
    public string ManifestBlobName { get; set; } = "";
    public int BlobCount { get; set; }
    public long? DataRowCount { get; set; }
    public DateTimeOffset ImportedAt { get; set; }
}

using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Empreinte.Azure.Exports;

/// <summary>What one scan did, run ids in each list.</summary>
/// <param name="Pending">Runs whose manifest lists parts not yet present: looked at again next scan.</param>
/// <param name="Failed">Runs whose manifest is unreadable or whose import threw: not checkpointed, so retried next scan.</param>
public sealed record ExportScanReport(IReadOnlyList<string> Imported, IReadOnlyList<string> AlreadyImported, IReadOnlyList<string> Pending, IReadOnlyList<string> Failed);

/// <summary>
/// Finds the runs of scheduled Cost Management exports in a container and imports each new run
/// once. A run is checkpointed in <see cref="ExportRunKeys.TableName"/> only after its import was
/// accepted, so a failed or interrupted import is retried on the next scan; scanning again imports
/// nothing that was checkpointed. The Functions timer calls <see cref="ScanAsync"/>; its singleton
/// lock keeps two scans from running at once, and if they ever did, the import is idempotent
/// (<see cref="ExportRun.ImportId"/>) and the second checkpoint write is a harmless conflict.
/// </summary>
public sealed class ExportRunScanner(BlobContainerClient exports, TableClient checkpoints, IExportRunImporter importer, TimeProvider clock, ILogger<ExportRunScanner>? logger = null)
{
    public const string ManifestFileName = "manifest.json";

    private readonly ILogger _logger = logger ?? (ILogger)NullLogger.Instance;
    private bool _tableReady;

    /// <param name="prefix">Where the exports are written (the export's root folder), or null for the whole container.</param>
    public async Task<ExportScanReport> ScanAsync(string? prefix = null, CancellationToken cancellationToken = default)
    {
        if (!_tableReady)
        {
            // The checkpoint table is Empreinte's own bookkeeping: created on first use, so a
            // deployment that does not list it still works (creating an existing table is a no-op).
            await checkpoints.CreateIfNotExistsAsync(cancellationToken);
            _tableReady = true;
        }

        List<string> imported = [], already = [], pending = [], failed = [];
        await foreach (var manifestName in ManifestsAsync(prefix, cancellationToken))
        {
            ExportRun run;
            try
            {
                run = await ReadRunAsync(manifestName, cancellationToken);
            }
            catch (Exception e) when (e is FormatException or JsonException or RequestFailedException)
            {
                _logger.LogError(e, "Export manifest {Manifest} cannot be read; its run is not imported", manifestName);
                failed.Add(manifestName);
                continue;
            }

            var key = ExportRunKeys.PartitionKey(run.RunId);
            var checkpoint = await checkpoints.GetEntityIfExistsAsync<ExportRunEntity>(key, ExportRunKeys.RowKey, cancellationToken: cancellationToken);
            if (checkpoint.HasValue)
            {
                already.Add(run.RunId);
                continue;
            }

            if (await MissingPartAsync(run, cancellationToken) is { } missing)
            {
                _logger.LogInformation("Export run {RunId}: part {Blob} is not there yet; will look again next scan", run.RunId, missing);
                pending.Add(run.RunId);
                continue;
            }

            try
            {
                await importer.ImportAsync(run, exports, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                _logger.LogError(e, "Export run {RunId} ({Manifest}) failed to import; it will be retried next scan", run.RunId, manifestName);
                failed.Add(run.RunId);
                continue;
            }

            await CheckpointAsync(run, key, cancellationToken);
            _logger.LogInformation("Export run {RunId} of {Export} imported as {ImportId} ({Parts} parts)", run.RunId, run.ExportName, run.ImportId, run.Blobs.Count);
            imported.Add(run.RunId);
        }

        return new ExportScanReport(imported, already, pending, failed);
    }

    private async IAsyncEnumerable<string> ManifestsAsync(string? prefix, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // A flat listing (names only, paged by the service) keeps memory flat however many runs accumulate.
        await foreach (var blob in exports.GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix, cancellationToken))
        {
            if (blob.Name.EndsWith("/" + ManifestFileName, StringComparison.OrdinalIgnoreCase) || blob.Name.Equals(ManifestFileName, StringComparison.OrdinalIgnoreCase))
                yield return blob.Name;
        }
    }

    private async Task<ExportRun> ReadRunAsync(string manifestName, CancellationToken cancellationToken)
    {
        var content = (await exports.GetBlobClient(manifestName).DownloadContentAsync(cancellationToken)).Value.Content;
        var manifest = content.ToObjectFromJson<ExportManifest>(ExportManifest.JsonOptions)
            ?? throw new FormatException($"{manifestName} is empty.");
        if (manifest.Blobs.Count == 0) throw new FormatException($"{manifestName} lists no blobs.");
        var run = ExportRun.From(manifestName, manifest);
        if (run.RunId.Length == 0) throw new FormatException($"{manifestName} has no runInfo.runId and is not in a run folder.");
        return run;
    }

    private async Task<string?> MissingPartAsync(ExportRun run, CancellationToken cancellationToken)
    {
        foreach (var part in run.Blobs)
            if (!(await exports.GetBlobClient(part.BlobName).ExistsAsync(cancellationToken)).Value) return part.BlobName;
        return null;
    }

    private async Task CheckpointAsync(ExportRun run, string key, CancellationToken cancellationToken)
    {
        var entity = new ExportRunEntity
        {
            PartitionKey = key,
            RunId = run.RunId,
            ImportId = run.ImportId,
            ExportName = run.ExportName,
            PeriodKey = run.PeriodKey,
            ManifestBlobName = run.ManifestBlobName,
            BlobCount = run.Blobs.Count,
            DataRowCount = run.Manifest.DataRowCount,
            ImportedAt = clock.GetUtcNow(),
        };
        try
        {
            await checkpoints.AddEntityAsync(entity, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            // Another scan checkpointed the same run meanwhile; the import is idempotent, nothing to undo.
            _logger.LogWarning("Export run {RunId} was checkpointed concurrently", run.RunId);
        }
    }
}

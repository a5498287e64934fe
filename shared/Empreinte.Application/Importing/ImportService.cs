using Empreinte.Application.Tracking;
using Empreinte.Contracts;
using Empreinte.Domain.Calculators;
using Empreinte.Domain.Classification;
using Empreinte.Domain.Factors;
using Empreinte.Ingestion;
using MassTransit;

namespace Empreinte.Application.Importing;

/// <summary>
/// Ingestion: streams every row of the opened exports, classifies it, and publishes batches of
/// usage lines, then <see cref="ImportParsed"/> with the batch count. Malformed rows are rejected
/// with file/row/column and counted; they never stop the rest of the file.
/// </summary>
public sealed class ImportService(IPublishEndpoint publisher, FactorSet factors, BatchWindow? window = null)
{
    public const int DefaultBatchSize = 1000;

    /// <summary>At most this many row errors are kept in full (all are counted).</summary>
    public const int MaxKeptErrors = 1000;

    public async Task<ImportReport> ImportAsync(
        Guid importId,
        IReadOnlyList<(ExportFile File, string Path)> inputs,
        int batchSize = DefaultBatchSize,
        IProgress<long>? rowsProgress = null,
        CalculationProfile profile = CalculationProfile.Default,
        CancellationToken cancellationToken = default)
    {
        using var activity = EmpreinteTelemetry.StartImport(importId);
        var profileName = CalculationProfiles.NameOf(profile);
        var classifier = new UsageClassifier(factors);
        var reports = new List<InputReport>();
        var errors = new List<RowError>();
        long rowsRead = 0, rejected = 0;
        var batchNumber = 0;
        var lines = new List<UsageLine>(batchSize);

        foreach (var (file, path) in inputs)
        {
            long fileRows = 0, fileRejected = 0;
            foreach (var row in file.Rows())
            {
                fileRows++;
                if (row.Error is { } error)
                {
                    fileRejected++;
                    if (errors.Count < MaxKeptErrors) errors.Add(error);
                    continue;
                }

                lines.Add(classifier.Classify(row.Record!));
                if (lines.Count == batchSize)
                {
                    await PublishBatch(importId, ++batchNumber, lines, profileName, cancellationToken);
                    lines = new List<UsageLine>(batchSize);
                    rowsProgress?.Report(rowsRead + fileRows);
                }
            }

            rowsRead += fileRows;
            rejected += fileRejected;
            EmpreinteTelemetry.RowsRead.Add(fileRows);
            EmpreinteTelemetry.RowsRejected.Add(fileRejected);
            reports.Add(new InputReport(path, file.Format, fileRows, fileRejected));
        }

        if (lines.Count > 0) await PublishBatch(importId, ++batchNumber, lines, profileName, cancellationToken);
        rowsProgress?.Report(rowsRead);

        await publisher.Publish(new ImportParsed(importId, batchNumber, rowsRead, rejected), cancellationToken);
        return new ImportReport(importId, reports, rowsRead, rejected, errors, batchNumber, profileName);
    }

    private async Task PublishBatch(Guid importId, int batchNumber, List<UsageLine> lines, string profile, CancellationToken cancellationToken)
    {
        // The mediator runs consumers on this call without looking at the token: stop here, between batches.
        cancellationToken.ThrowIfCancellationRequested();
        if (window is not null) await window.WaitAsync(importId, cancellationToken);
        // In one process (the mediator) the calculators run inside this span; over a broker they link to it through the message headers.
        using var activity = EmpreinteTelemetry.StartBatch(importId, batchNumber);
        EmpreinteTelemetry.Batches.Add(1);
        await publisher.Publish(new UsageBatchParsed(importId, batchNumber, lines, profile), cancellationToken);
    }
}

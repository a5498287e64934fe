using Azure;
using Azure.Data.Tables;
using Empreinte.Application.Importing;

namespace Empreinte.Tables;

/// <summary>What the status endpoint answers about an import.</summary>
public sealed record ImportStatus(
    Guid ImportId, string Status, string? FileName, string? Format, DateTimeOffset? AcceptedAt, DateTimeOffset? CompletedAt,
    long? RowCount, long? RejectedRowCount, int? BatchCount, int CompletedBatches, IReadOnlyList<string> Errors);

/// <summary>
/// The host's side of the imports table: an import was accepted, ended, or failed, and what it
/// looks like now. Writes merge only these columns, so they never clobber the tracker's progress
/// columns (<see cref="TableImportProgressStore"/>), which are guarded by ETags.
/// </summary>
public sealed class ImportRecords(EmpreinteTables tables, TimeProvider clock)
{
    /// <summary>A string property holds 64 KiB of UTF-16: keep the error list well inside it.</summary>
    private const int _maxErrorsLength = 30_000;

    public Task AcceptedAsync(Guid importId, string fileName, CancellationToken cancellationToken) =>
        MergeAsync(importId, new() { ["Status"] = ImportStatuses.Estimating, ["FileName"] = fileName, ["AcceptedAt"] = clock.GetUtcNow() }, cancellationToken);

    public Task CompletedAsync(ImportReport report, CancellationToken cancellationToken) =>
        MergeAsync(report.ImportId, new()
        {
            ["Status"] = ImportStatuses.Completed,
            ["Format"] = string.Join(';', report.Inputs.Select(i => i.Format).Distinct()),
            ["RowCount"] = report.RowsRead,
            ["RejectedRowCount"] = report.RowsRejected,
            ["ExpectedBatches"] = report.BatchCount,
            ["CompletedBatches"] = report.BatchCount,
            ["CompletedAt"] = clock.GetUtcNow(),
            ["Errors"] = Clip(string.Join('\n', report.Errors.Select(e => e.ToString()))),
        }, cancellationToken);

    /// <summary>
    /// Ingestion finished publishing (queued hosts): what was read, while the calculators still run.
    /// Leaves status and the expected batch count to the tracker, which completes the import.
    /// </summary>
    public Task ParsedAsync(ImportReport report, CancellationToken cancellationToken) =>
        MergeAsync(report.ImportId, new()
        {
            ["Format"] = string.Join(';', report.Inputs.Select(i => i.Format).Distinct()),
            ["RowCount"] = report.RowsRead,
            ["RejectedRowCount"] = report.RowsRejected,
            ["Errors"] = Clip(string.Join('\n', report.Errors.Select(e => e.ToString()))),
        }, cancellationToken);

    /// <summary>The tracker reported the import complete (idempotent: the same two columns each time).</summary>
    public Task MarkCompletedAsync(Contracts.ImportCompleted completed, CancellationToken cancellationToken) =>
        MergeAsync(completed.ImportId, new() { ["Status"] = ImportStatuses.Completed, ["CompletedAt"] = completed.CompletedAt }, cancellationToken);

    public Task FailedAsync(Guid importId, string error, CancellationToken cancellationToken) =>
        MergeAsync(importId, new() { ["Status"] = ImportStatuses.Failed, ["Errors"] = Clip(error), ["CompletedAt"] = clock.GetUtcNow() }, cancellationToken);

    public async Task<ImportStatus?> FindAsync(Guid importId, CancellationToken cancellationToken)
    {
        await tables.EnsureCreatedAsync(cancellationToken);
        var found = await tables.Imports.GetEntityIfExistsAsync<ImportEntity>(ImportsKeys.PartitionKey(importId), ImportsKeys.RowKey, cancellationToken: cancellationToken);
        if (!found.HasValue) return null;
        var import = found.Value!;
        return new ImportStatus(
            importId, import.Status, import.FileName, import.Format, import.AcceptedAt, import.CompletedAt,
            import.RowCount, import.RejectedRowCount, import.ExpectedBatches, import.CompletedBatches,
            string.IsNullOrEmpty(import.Errors) ? [] : import.Errors.Split('\n'));
    }

    private async Task MergeAsync(Guid importId, TableEntity columns, CancellationToken cancellationToken)
    {
        await tables.EnsureCreatedAsync(cancellationToken);
        columns.PartitionKey = ImportsKeys.PartitionKey(importId);
        columns.RowKey = ImportsKeys.RowKey;
        await tables.Imports.UpsertEntityAsync(columns, TableUpdateMode.Merge, cancellationToken);
    }

    private static string Clip(string text) => text.Length <= _maxErrorsLength ? text : text[.._maxErrorsLength];
}

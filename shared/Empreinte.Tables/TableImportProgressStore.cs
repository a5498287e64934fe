using System.Net;
using Azure;
using Empreinte.Application.Tracking;
using Empreinte.Contracts;

namespace Empreinte.Tables;

/// <summary>
/// The import tracker's progress in the imports table, for hosts where trackers run in several
/// processes. Each record is a read-modify-write of the import's entity guarded by its ETag: on a
/// conflict (412, or 409 when two create it at once) it reads again and re-applies, so a
/// (batch, calculator) recorded twice counts once and each completion is reported exactly once.
/// </summary>
public sealed class TableImportProgressStore(EmpreinteTables tables, TimeProvider clock) : IImportProgressStore
{
    private const int _maxAttempts = 50;

    public Task<ProgressChange> RecordParsedAsync(ImportParsed parsed, CancellationToken cancellationToken) =>
        UpdateAsync(parsed.ImportId, import =>
        {
            if (import.ExpectedBatches is { } known) return (new ProgressChange(false, false, known), Write: false);
            import.ExpectedBatches = parsed.BatchCount;
            import.RowCount ??= parsed.RowCount;
            import.RejectedRowCount ??= parsed.RejectedRowCount;
            return (new ProgressChange(false, TryComplete(import), parsed.BatchCount), Write: true);
        }, cancellationToken);

    public Task<ProgressChange> RecordEstimatedAsync(BatchEstimated estimated, CancellationToken cancellationToken) =>
        UpdateAsync(estimated.ImportId, import =>
        {
            if (!TryMarkDone(import, estimated.Calculator, estimated.BatchNumber)) return (new ProgressChange(false, false, import.ExpectedBatches ?? 0), Write: false);
            var batchCompleted = Contracts.Calculators.All.All(c => IsDone(import, c, estimated.BatchNumber));
            if (batchCompleted) import.CompletedBatches++;
            return (new ProgressChange(batchCompleted, TryComplete(import), import.ExpectedBatches ?? 0), Write: true);
        }, cancellationToken);

    /// <summary>
    /// Applies <paramref name="change"/> to the current entity and writes it back if it is still
    /// current; otherwise reads it again. A change that says there is nothing to write (a duplicate) writes nothing.
    /// </summary>
    private async Task<ProgressChange> UpdateAsync(Guid importId, Func<ImportEntity, (ProgressChange Change, bool Write)> change, CancellationToken cancellationToken)
    {
        await tables.EnsureCreatedAsync(cancellationToken);
        var partitionKey = ImportsKeys.PartitionKey(importId);
        for (var attempt = 1; ; attempt++)
        {
            var existing = await tables.Imports.GetEntityIfExistsAsync<ImportEntity>(partitionKey, ImportsKeys.RowKey, cancellationToken: cancellationToken);
            var import = existing.HasValue ? existing.Value! : new ImportEntity { PartitionKey = partitionKey, AcceptedAt = clock.GetUtcNow() };
            var (result, write) = change(import);
            if (!write) return result;
            try
            {
                if (existing.HasValue) await tables.Imports.UpdateEntityAsync(import, import.ETag, Azure.Data.Tables.TableUpdateMode.Replace, cancellationToken);
                else await tables.Imports.AddEntityAsync(import, cancellationToken);
                return result;
            }
            catch (RequestFailedException e) when (e.Status is (int)HttpStatusCode.PreconditionFailed or (int)HttpStatusCode.Conflict && attempt < _maxAttempts)
            {
                // Someone else updated the import since we read it: back off a little, read again.
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 20 + (attempt * 10))), cancellationToken);
            }
        }
    }

    private bool TryComplete(ImportEntity import)
    {
        if (import.Status == ImportStatuses.Completed || import.ExpectedBatches is not { } expected || import.CompletedBatches < expected) return false;
        import.Status = ImportStatuses.Completed;
        import.CompletedAt = clock.GetUtcNow();
        return true;
    }

    private static bool IsDone(ImportEntity import, string calculator, int batchNumber)
    {
        var bits = Bits(import, calculator);
        var index = batchNumber - 1;
        return bits is not null && index / 8 < bits.Length && (bits[index / 8] & (1 << (index % 8))) != 0;
    }

    private static bool TryMarkDone(ImportEntity import, string calculator, int batchNumber)
    {
        if (IsDone(import, calculator, batchNumber)) return false;
        var index = batchNumber - 1;
        var bits = Bits(import, calculator) ?? [];
        if (index / 8 >= bits.Length) Array.Resize(ref bits, (index / 8) + 1);
        bits[index / 8] |= (byte)(1 << (index % 8));
        switch (calculator)
        {
            case Contracts.Calculators.Energy: import.EnergyDone = bits; break;
            case Contracts.Calculators.Water: import.WaterDone = bits; break;
            case Contracts.Calculators.Materials: import.MaterialsDone = bits; break;
        }

        return true;
    }

    private static byte[]? Bits(ImportEntity import, string calculator) => calculator switch
    {
        Contracts.Calculators.Energy => import.EnergyDone,
        Contracts.Calculators.Water => import.WaterDone,
        Contracts.Calculators.Materials => import.MaterialsDone,
        _ => throw new ArgumentOutOfRangeException(nameof(calculator), calculator, "unknown calculator"),
    };
}

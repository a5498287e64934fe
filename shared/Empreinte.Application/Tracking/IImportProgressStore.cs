using Empreinte.Contracts;

namespace Empreinte.Application.Tracking;

/// <summary>What a progress record changed: a batch became complete, the import became complete (each reported once).</summary>
public readonly record struct ProgressChange(bool BatchCompleted, bool ImportCompleted, int BatchCount);

/// <summary>
/// Counts batches × calculators per import. Idempotent: the same (batch, calculator) recorded twice
/// counts once, and each completion is reported exactly once, so duplicates never complete an import early.
/// </summary>
public interface IImportProgressStore
{
    Task<ProgressChange> RecordParsedAsync(ImportParsed parsed, CancellationToken cancellationToken);

    Task<ProgressChange> RecordEstimatedAsync(BatchEstimated estimated, CancellationToken cancellationToken);
}

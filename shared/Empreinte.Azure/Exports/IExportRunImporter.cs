using Azure.Storage.Blobs;

namespace Empreinte.Azure.Exports;

/// <summary>
/// Imports one export run. Returns once the import is accepted (every batch published); the
/// scanner checkpoints the run only then. Must be idempotent for a given <see cref="ExportRun.ImportId"/>:
/// a crash between accepting and checkpointing imports the run again.
/// </summary>
public interface IExportRunImporter
{
    Task ImportAsync(ExportRun run, BlobContainerClient container, CancellationToken cancellationToken);
}

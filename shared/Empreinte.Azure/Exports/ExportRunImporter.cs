using Azure.Storage.Blobs;
using Empreinte.Application.Importing;
using Empreinte.Ingestion;

namespace Empreinte.Azure.Exports;

/// <summary>
/// The real importer: streams every part of the run (CSV or CSV.gz) from Blob Storage through
/// <see cref="ImportService"/>, which publishes the batches (in Azure, to the Service Bus topic).
/// Returns when every batch and <c>ImportParsed</c> are published: the run is then accepted.
/// </summary>
public sealed class ExportRunImporter(ImportService importService, int batchSize = ImportService.DefaultBatchSize) : IExportRunImporter
{
    public ImportReport? LastReport { get; private set; }

    public async Task ImportAsync(ExportRun run, BlobContainerClient container, CancellationToken cancellationToken)
    {
        var inputs = new List<(ExportFile File, string Path)>(run.Blobs.Count);
        try
        {
            foreach (var part in run.Blobs)
            {
                // OpenRead streams the blob in chunks: a part is never held whole in memory.
                Stream stream = await container.GetBlobClient(part.BlobName).OpenReadAsync(cancellationToken: cancellationToken);
                if (part.BlobName.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)) stream = CheckedGzipStream.Open(stream, part.BlobName);
                inputs.Add((ExportReader.Open(stream, SourceFileOf(run, part)), part.BlobName));
            }

            LastReport = await importService.ImportAsync(run.ImportId, inputs, batchSize, cancellationToken: cancellationToken);
        }
        finally
        {
            foreach (var (file, _) in inputs) file.Dispose();
        }
    }

    /// <summary>
    /// The source file name results are keyed by: <c>{export}/{yyyyMMdd-yyyyMMdd}/{part}</c>. Every
    /// export names its parts <c>part_0_0001.csv</c>…, so the part name alone would make two exports
    /// overwrite each other's lines; the period (not the run id) keeps the runs of one period on the
    /// same keys, so a later month-to-date run overwrites the earlier one's lines.
    /// </summary>
    public static string SourceFileOf(ExportRun run, ExportManifestBlob part) => $"{run.PeriodKey}/{Path.GetFileName(part.BlobName)}";
}

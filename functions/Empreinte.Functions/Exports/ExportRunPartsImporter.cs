using Azure.Storage.Blobs;
using Empreinte.Azure.Exports;
using Empreinte.Functions.Imports;
using Empreinte.Ingestion;
using Empreinte.Tables;

namespace Empreinte.Functions.Exports;

/// <summary>
/// Imports an export run through the app's <see cref="IImportRunner"/> (Service Bus in Azure, in
/// process locally), streaming each part (CSV, CSV.gz) from Blob Storage, and records the import in the
/// imports table under the run's import id. A failure is recorded and rethrown: the scanner then leaves
/// the run unchekpointed and retries it next scan.
/// </summary>
public sealed class ExportRunPartsImporter(IImportRunner runner, ImportRecords records) : IExportRunImporter
{
    public async Task ImportAsync(ExportRun run, BlobContainerClient container, CancellationToken cancellationToken)
    {
        var inputs = new List<(ExportFile File, string Path)>(run.Blobs.Count);
        try
        {
            await records.AcceptedAsync(run.ImportId, run.PeriodKey, cancellationToken);
            foreach (var part in run.Blobs)
            {
                Stream stream = await container.GetBlobClient(part.BlobName).OpenReadAsync(cancellationToken: cancellationToken);
                if (part.BlobName.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)) stream = CheckedGzipStream.Open(stream, part.BlobName);
                var sourceFile = ExportRunImporter.SourceFileOf(run, part);
                inputs.Add((ExportReader.Open(stream, sourceFile), sourceFile));
            }

            await runner.RunAsync(run.ImportId, inputs, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await records.FailedAsync(run.ImportId, $"export run {run.RunId}: {e.Message}", CancellationToken.None);
            throw;
        }
        finally
        {
            foreach (var (file, _) in inputs) file.Dispose();
        }
    }
}

using Empreinte.Application.Estimating;
using Empreinte.Application.Importing;
using Empreinte.Application.Tables;
using Empreinte.Domain.Factors;
using Empreinte.Ingestion;
using MassTransit;

namespace Empreinte.Functions.Imports;

/// <summary>
/// Runs an accepted import: in Azure, ingestion only (batches published to Service Bus, calculators
/// run behind the topic); locally, the whole pipeline in process. Two implementations, chosen once
/// in <see cref="FunctionsServiceCollectionExtensions.AddEmpreinteFunctions"/>.
/// </summary>
public interface IImportRunner
{
    /// <summary>Reads every input and records what was read in the imports table; throws when the input cannot be read.</summary>
    Task<ImportReport> RunAsync(Guid importId, IReadOnlyList<(ExportFile File, string Path)> inputs, CancellationToken cancellationToken);
}

/// <summary>
/// Azure mode: publishes the batches and <c>ImportParsed</c> (through <c>ServiceBusPublishEndpoint</c>,
/// or any bus in tests) and returns; the import is completed by the tracker behind the topic. The
/// counts are merged into the imports table, never the expected batch count, which belongs to the
/// tracker (<see cref="TableImportProgressStore"/> decides completion from it).
/// </summary>
public sealed class PublishingImportRunner(IPublishEndpoint publisher, FactorSet factors, ImportRecords records, int batchSize = ImportService.DefaultBatchSize) : IImportRunner
{
    public async Task<ImportReport> RunAsync(Guid importId, IReadOnlyList<(ExportFile File, string Path)> inputs, CancellationToken cancellationToken)
    {
        var report = await new ImportService(publisher, factors).ImportAsync(importId, inputs, batchSize, cancellationToken: cancellationToken);
        await records.ParsedAsync(report, cancellationToken);
        return report;
    }
}

/// <summary>Local mode (no Service Bus configured): the CLI's in-process pipeline inside the request, results to Table Storage.</summary>
public sealed class EmbeddedImportRunner(EmpreinteTables tables, FactorSet factors, ImportRecords records) : IImportRunner
{
    public async Task<ImportReport> RunAsync(Guid importId, IReadOnlyList<(ExportFile File, string Path)> inputs, CancellationToken cancellationToken)
    {
        var report = await InProcessPipeline.RunAsync(inputs, new TableResultSink(tables), factors, importId, cancellationToken: cancellationToken);
        await records.CompletedAsync(report, cancellationToken);
        return report;
    }
}

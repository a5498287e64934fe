using Empreinte.Application.Estimating;
using Empreinte.Application.Importing;
using Empreinte.Application.Reporting;
using Empreinte.Application.Results;
using Empreinte.Domain.Calculators;
using Empreinte.Domain.Factors;
using Empreinte.Functions.Reports;
using Empreinte.Ingestion;
using Empreinte.Tables;
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
/// tracker (<see cref="TableImportProgressStore"/> decides completion from it). With
/// <paramref name="reports"/>, the import's report.html and recommendations are written as ingestion
/// ends, from the batches it published (<see cref="ImportReportObserver"/>).
/// </summary>
public sealed class PublishingImportRunner(
    IPublishEndpoint publisher, FactorSet factors, ImportRecords records, int batchSize = ImportService.DefaultBatchSize, ImportReportWriter? reports = null) : IImportRunner
{
    public async Task<ImportReport> RunAsync(Guid importId, IReadOnlyList<(ExportFile File, string Path)> inputs, CancellationToken cancellationToken)
    {
        var observer = new ImportReportObserver(factors);
        observer.Begin(importId);
        var report = await new ImportService(reports is null ? publisher : new ObservedPublishEndpoint(publisher, observer), factors)
            .ImportAsync(importId, inputs, batchSize, cancellationToken: cancellationToken);
        await records.ParsedAsync(report, cancellationToken);
        if (reports is not null) await reports.WriteAsync(observer.Complete(report)!, [.. inputs.Select(i => i.Path)], cancellationToken);
        return report;
    }
}

/// <summary>
/// Local mode (no Service Bus configured): the CLI's in-process pipeline inside the request, results to
/// Table Storage; with <paramref name="reports"/>, also the import's report.html and recommendations.
/// </summary>
public sealed class EmbeddedImportRunner(EmpreinteTables tables, FactorSet factors, ImportRecords records, ImportReportWriter? reports = null) : IImportRunner
{
    public async Task<ImportReport> RunAsync(Guid importId, IReadOnlyList<(ExportFile File, string Path)> inputs, CancellationToken cancellationToken)
    {
        var builder = new ImportReportBuilder(factors);
        IEstimateSink sink = reports is null
            ? new TableResultSink(tables)
            : new CompositeEstimateSink([new TableResultSink(tables), new ReportBuildingSink(builder, CalculationProfile.Default)]);
        var report = await InProcessPipeline.RunAsync(inputs, sink, factors, importId, cancellationToken: cancellationToken);
        if (reports is not null) await reports.WriteAsync(builder.Complete(report), [.. inputs.Select(i => i.Path)], cancellationToken);
        await records.CompletedAsync(report, cancellationToken);
        return report;
    }
}

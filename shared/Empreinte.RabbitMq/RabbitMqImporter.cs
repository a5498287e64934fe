using Empreinte.Application.Importing;
using Empreinte.Application.Tracking;
using Empreinte.Contracts;
using Empreinte.Domain.Factors;
using Empreinte.Ingestion;
using MassTransit;

namespace Empreinte.RabbitMq;

/// <summary>
/// Runs one import on the import host: publishes its batches to the workers (at most the window
/// in flight) and waits until the tracker has seen every batch estimated by every calculator.
/// </summary>
public sealed class RabbitMqImporter(IBus bus, FactorSet factors, BatchWindow window, ImportSignals signals)
{
    public async Task<(ImportReport Report, ImportCompleted Completed)> ImportAsync(
        IReadOnlyList<(ExportFile File, string Path)> inputs,
        Guid? importId = null,
        int batchSize = ImportService.DefaultBatchSize,
        CancellationToken cancellationToken = default)
    {
        var id = importId ?? Guid.NewGuid();
        var completion = signals.WhenCompleted(id);
        try
        {
            var importing = new ImportService(bus, factors, window).ImportAsync(id, inputs, batchSize, null, cancellationToken: cancellationToken);

            // A calculator fault ends the import at once instead of leaving ingestion waiting on the window.
            if (await Task.WhenAny(importing, completion) == completion) await completion;
            var report = await importing;
            var completed = await completion.WaitAsync(cancellationToken);
            return (report, completed);
        }
        finally
        {
            window.Forget(id);
        }
    }
}

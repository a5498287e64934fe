using Empreinte.Contracts;
using MassTransit;

namespace Empreinte.Application.Tracking;

/// <summary>
/// Knows when every batch of an import has been processed by every calculator, and then publishes
/// <see cref="ImportCompleted"/> once. In-process, it also frees the ingestion window slot of each
/// completed batch (backpressure).
/// </summary>
public sealed class ImportTrackerConsumer(IImportProgressStore store, TimeProvider clock, BatchWindow? window = null)
    : IConsumer<ImportParsed>, IConsumer<BatchEstimated>
{
    public async Task Consume(ConsumeContext<ImportParsed> context)
    {
        var change = await store.RecordParsedAsync(context.Message, context.CancellationToken);
        await Publish(context, context.Message.ImportId, change);
    }

    public async Task Consume(ConsumeContext<BatchEstimated> context)
    {
        var change = await store.RecordEstimatedAsync(context.Message, context.CancellationToken);
        if (change.BatchCompleted) window?.Release(context.Message.ImportId);
        await Publish(context, context.Message.ImportId, change);
    }

    private Task Publish(ConsumeContext context, Guid importId, ProgressChange change) => change.ImportCompleted
        ? context.Publish(new ImportCompleted(importId, change.BatchCount, clock.GetUtcNow()), context.CancellationToken)
        : Task.CompletedTask;
}

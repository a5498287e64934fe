using Empreinte.Contracts;
using Empreinte.Tables;
using MassTransit;

namespace Empreinte.Functions.Imports;

/// <summary>
/// Marks an import completed in the imports table when the tracker publishes <see cref="ImportCompleted"/>.
/// Added to every bridge mediator (<c>ServiceBusBridgeOptions.AddEventConsumers</c>); a merge of two
/// columns, so running it again (redelivery) changes nothing.
/// </summary>
public sealed class ImportCompletedConsumer(ImportRecords records) : IConsumer<ImportCompleted>
{
    public Task Consume(ConsumeContext<ImportCompleted> context) => records.MarkCompletedAsync(context.Message, context.CancellationToken);
}

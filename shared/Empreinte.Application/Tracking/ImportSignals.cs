using System.Collections.Concurrent;
using Empreinte.Contracts;
using MassTransit;

namespace Empreinte.Application.Tracking;

/// <summary>
/// Lets an in-process host await the end of an import: completed, or faulted when a calculator
/// gave up on a batch after its retries (a <see cref="Fault{T}"/> of <see cref="UsageBatchParsed"/>).
/// </summary>
public sealed class ImportSignals
{
    private readonly ConcurrentDictionary<Guid, TaskCompletionSource<ImportCompleted>> _waiting = new();

    public Task<ImportCompleted> WhenCompleted(Guid importId) => Source(importId).Task;

    internal void Complete(ImportCompleted completed) => Source(completed.ImportId).TrySetResult(completed);

    internal void Fail(Guid importId, string reason) =>
        Source(importId).TrySetException(new InvalidOperationException(reason));

    private TaskCompletionSource<ImportCompleted> Source(Guid importId) =>
        _waiting.GetOrAdd(importId, _ => new TaskCompletionSource<ImportCompleted>(TaskCreationOptions.RunContinuationsAsynchronously));
}

public sealed class ImportCompletedSignalConsumer(ImportSignals signals) : IConsumer<ImportCompleted>
{
    public Task Consume(ConsumeContext<ImportCompleted> context)
    {
        signals.Complete(context.Message);
        return Task.CompletedTask;
    }
}

public sealed class BatchFaultSignalConsumer(ImportSignals signals) : IConsumer<Fault<UsageBatchParsed>>
{
    public Task Consume(ConsumeContext<Fault<UsageBatchParsed>> context)
    {
        var message = context.Message;
        var cause = message.Exceptions.FirstOrDefault()?.Message ?? "unknown error";
        signals.Fail(message.Message.ImportId, $"batch {message.Message.BatchNumber} failed in a calculator: {cause}");
        return Task.CompletedTask;
    }
}

using System.Collections.Concurrent;
using Azure.Messaging.ServiceBus;
using Empreinte.Application.Results;
using Empreinte.Application.Tracking;
using Empreinte.Azure.Bridge;
using Empreinte.Contracts;
using Empreinte.Domain.Calculators;

namespace Empreinte.Azure.Tests.Support;

/// <summary>A topic sender that keeps what it was asked to send (ServiceBusSender is built for mocking).</summary>
internal sealed class RecordingSender : ServiceBusSender
{
    public List<ServiceBusMessage> Sent { get; } = [];

    public override Task SendMessageAsync(ServiceBusMessage message, CancellationToken cancellationToken = default)
    {
        Sent.Add(message);
        return Task.CompletedTask;
    }
}

/// <summary>A receiver that records how each message was settled instead of talking to Service Bus.</summary>
internal sealed class RecordingReceiver : ServiceBusReceiver
{
    public List<(string? MessageId, SettlementAction Action, string? Reason, string? Description)> Settled { get; } = [];

    public override Task CompleteMessageAsync(ServiceBusReceivedMessage message, CancellationToken cancellationToken = default) =>
        Record(message, SettlementAction.Complete);

    public override Task AbandonMessageAsync(ServiceBusReceivedMessage message, IDictionary<string, object>? propertiesToModify = null, CancellationToken cancellationToken = default) =>
        Record(message, SettlementAction.Abandon);

    public override Task DeadLetterMessageAsync(ServiceBusReceivedMessage message, string deadLetterReason, string? deadLetterErrorDescription = null, CancellationToken cancellationToken = default) =>
        Record(message, SettlementAction.DeadLetter, deadLetterReason, deadLetterErrorDescription);

    public override Task DeadLetterMessageAsync(ServiceBusReceivedMessage message, IDictionary<string, object>? propertiesToModify, string deadLetterReason, string? deadLetterErrorDescription = null, CancellationToken cancellationToken = default) =>
        Record(message, SettlementAction.DeadLetter, deadLetterReason, deadLetterErrorDescription);

    public override Task DeadLetterMessageAsync(ServiceBusReceivedMessage message, IDictionary<string, object>? propertiesToModify = null, CancellationToken cancellationToken = default) =>
        Record(message, SettlementAction.DeadLetter);

    private Task Record(ServiceBusReceivedMessage message, SettlementAction action, string? reason = null, string? description = null)
    {
        lock (Settled) Settled.Add((message.MessageId, action, reason, description));
        return Task.CompletedTask;
    }
}

/// <summary>
/// Keeps writes as a keyed table would: one row per (calculator, import, batch, source row), a
/// rewrite overwrites. <see cref="Writes"/> counts calls, <see cref="Rows"/> what a reader would see.
/// </summary>
internal sealed class KeyedEstimateSink : IEstimateSink
{
    private readonly ConcurrentDictionary<(string Calculator, Guid ImportId, int Batch, string File, long Row), bool> _rows = new();
    private int _writes;

    /// <summary>Thrown by the next <see cref="FailNext"/> writes, to simulate a storage outage.</summary>
    public int FailNext { get; set; }

    public int Writes => _writes;

    public int Rows(string calculator) => _rows.Keys.Count(k => k.Calculator == calculator);

    public Task WriteEnergyAsync(EstimatedBatch<EnergyEstimate> batch, CancellationToken cancellationToken) => Write(Calculators.Energy, batch);

    public Task WriteWaterAsync(EstimatedBatch<WaterEstimate> batch, CancellationToken cancellationToken) => Write(Calculators.Water, batch);

    public Task WriteMaterialsAsync(EstimatedBatch<MaterialsEstimate> batch, CancellationToken cancellationToken) => Write(Calculators.Materials, batch);

    private Task Write<T>(string calculator, EstimatedBatch<T> batch)
    {
        if (FailNext > 0)
        {
            FailNext--;
            throw new IOException("table storage unavailable (simulated)");
        }

        Interlocked.Increment(ref _writes);
        foreach (var line in batch.Lines) _rows[(calculator, batch.ImportId, batch.BatchNumber, line.SourceFile, line.SourceRow)] = true;
        return Task.CompletedTask;
    }
}

/// <summary>The in-memory progress store, counting each import completion it reports.</summary>
internal sealed class CountingProgressStore : IImportProgressStore
{
    private readonly InMemoryImportProgressStore _inner = new();
    private int _completions;

    public int Completions => _completions;

    public bool FailEstimated { get; set; }

    public async Task<ProgressChange> RecordParsedAsync(ImportParsed parsed, CancellationToken cancellationToken) =>
        Count(await _inner.RecordParsedAsync(parsed, cancellationToken));

    public async Task<ProgressChange> RecordEstimatedAsync(BatchEstimated estimated, CancellationToken cancellationToken)
    {
        if (FailEstimated) throw new TimeoutException("progress table timed out (simulated)");
        return Count(await _inner.RecordEstimatedAsync(estimated, cancellationToken));
    }

    private ProgressChange Count(ProgressChange change)
    {
        if (change.ImportCompleted) Interlocked.Increment(ref _completions);
        return change;
    }
}

using System.Collections.Concurrent;
using Empreinte.Application.Importing;
using Empreinte.Contracts;
using Empreinte.Domain.Factors;
using MassTransit;

namespace Empreinte.Application.Reporting;

/// <summary>
/// Feeds the batches an import host publishes to one <see cref="ImportReportBuilder"/> per import
/// that was begun here (<see cref="Begin"/>); other messages and other imports pass untouched.
/// Connect it to the bus (<c>ConnectPublishObserver</c>) or wrap a publish endpoint with it.
/// </summary>
public sealed class ImportReportObserver(FactorSet factors) : IPublishObserver
{
    private readonly ConcurrentDictionary<Guid, ImportReportBuilder> _imports = new();

    public void Begin(Guid importId) => _imports.TryAdd(importId, new ImportReportBuilder(factors));

    /// <summary>The import's report, and forgets it; null when it was not begun here.</summary>
    public ImportReportResult? Complete(ImportReport report) =>
        _imports.TryRemove(report.ImportId, out var builder) ? builder.Complete(report) : null;

    /// <summary>Forgets an import that failed.</summary>
    public void Forget(Guid importId) => _imports.TryRemove(importId, out _);

    public void Seen(object message)
    {
        if (message is UsageBatchParsed batch && _imports.TryGetValue(batch.ImportId, out var builder)) builder.Add(batch);
    }

    public Task PrePublish<T>(PublishContext<T> context) where T : class
    {
        Seen(context.Message);
        return Task.CompletedTask;
    }

    public Task PostPublish<T>(PublishContext<T> context) where T : class => Task.CompletedTask;

    public Task PublishFault<T>(PublishContext<T> context, Exception exception) where T : class => Task.CompletedTask;
}

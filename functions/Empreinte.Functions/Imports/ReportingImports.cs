using Empreinte.Application.Reporting;
using Empreinte.Application.Results;
using Empreinte.Domain.Calculators;
using MassTransit;

namespace Empreinte.Functions.Imports;

/// <summary>
/// Lets a publish endpoint's batches reach an <see cref="ImportReportObserver"/> as they go out
/// (the Service Bus endpoint takes no observers), forwarding every call unchanged.
/// </summary>
internal sealed class ObservedPublishEndpoint(IPublishEndpoint inner, ImportReportObserver observer) : IPublishEndpoint
{
    public Task Publish<T>(T message, CancellationToken cancellationToken = default) where T : class
    {
        observer.Seen(message);
        return inner.Publish(message, cancellationToken);
    }

    public Task Publish(object message, CancellationToken cancellationToken = default)
    {
        observer.Seen(message);
        return inner.Publish(message, cancellationToken);
    }

    public Task Publish(object message, Type messageType, CancellationToken cancellationToken = default)
    {
        observer.Seen(message);
        return inner.Publish(message, messageType, cancellationToken);
    }

    public Task Publish<T>(T message, IPipe<PublishContext<T>> publishPipe, CancellationToken cancellationToken = default) where T : class
    {
        observer.Seen(message);
        return inner.Publish(message, publishPipe, cancellationToken);
    }

    public Task Publish<T>(T message, IPipe<PublishContext> publishPipe, CancellationToken cancellationToken = default) where T : class
    {
        observer.Seen(message);
        return inner.Publish(message, publishPipe, cancellationToken);
    }

    public Task Publish(object message, IPipe<PublishContext> publishPipe, CancellationToken cancellationToken = default)
    {
        observer.Seen(message);
        return inner.Publish(message, publishPipe, cancellationToken);
    }

    public Task Publish(object message, Type messageType, IPipe<PublishContext> publishPipe, CancellationToken cancellationToken = default)
    {
        observer.Seen(message);
        return inner.Publish(message, messageType, publishPipe, cancellationToken);
    }

    // Messages built from values are initialised by MassTransit: never batches (ingestion publishes contracts).
    public Task Publish<T>(object values, CancellationToken cancellationToken = default) where T : class => inner.Publish<T>(values, cancellationToken);

    public Task Publish<T>(object values, IPipe<PublishContext<T>> publishPipe, CancellationToken cancellationToken = default) where T : class =>
        inner.Publish(values, publishPipe, cancellationToken);

    public Task Publish<T>(object values, IPipe<PublishContext> publishPipe, CancellationToken cancellationToken = default) where T : class =>
        inner.Publish<T>(values, publishPipe, cancellationToken);

    public ConnectHandle ConnectPublishObserver(IPublishObserver publishObserver) => inner.ConnectPublishObserver(publishObserver);
}

/// <summary>
/// Local mode's report: the in-process pipeline publishes on a bus of its own, so the report sees
/// each batch where it lands, at the sink (one calculator's write per batch is enough; the
/// builder counts a batch once, whatever the retries).
/// </summary>
internal sealed class ReportBuildingSink(ImportReportBuilder builder, CalculationProfile profile) : IEstimateSink
{
    public Task WriteEnergyAsync(EstimatedBatch<EnergyEstimate> batch, CancellationToken cancellationToken)
    {
        builder.Add(batch.BatchNumber, batch.Lines, profile);
        return Task.CompletedTask;
    }

    public Task WriteWaterAsync(EstimatedBatch<WaterEstimate> batch, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task WriteMaterialsAsync(EstimatedBatch<MaterialsEstimate> batch, CancellationToken cancellationToken) => Task.CompletedTask;
}

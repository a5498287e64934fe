using MassTransit;

namespace Empreinte.Azure.Messaging;

/// <summary>
/// Lets <c>ImportService</c>, which publishes through MassTransit's <see cref="IPublishEndpoint"/>,
/// publish to the Service Bus topic without MassTransit's Service Bus transport (not served by the
/// project's feed; see DESIGN.md, Hosts 2). Only the plain <c>Publish(message)</c> forms are
/// supported: ingestion uses nothing else, and pipes (MassTransit header callbacks) have no meaning
/// here, so those overloads fail loudly rather than silently dropping what the caller asked for.
/// </summary>
public sealed class ServiceBusPublishEndpoint(ServiceBusBatchPublisher publisher) : IPublishEndpoint
{
    public Task Publish<T>(T message, CancellationToken cancellationToken = default) where T : class =>
        publisher.PublishAsync(message, cancellationToken);

    public Task Publish(object message, CancellationToken cancellationToken = default) =>
        publisher.PublishAsync(message, cancellationToken);

    public Task Publish(object message, Type messageType, CancellationToken cancellationToken = default) =>
        message.GetType() == messageType
            ? publisher.PublishAsync(message, cancellationToken)
            : throw new NotSupportedException($"Publishing a {message.GetType().Name} as {messageType.Name} is not supported on Service Bus.");

    public Task Publish<T>(T message, IPipe<PublishContext<T>> publishPipe, CancellationToken cancellationToken = default) where T : class =>
        throw PipesNotSupported();

    public Task Publish<T>(T message, IPipe<PublishContext> publishPipe, CancellationToken cancellationToken = default) where T : class =>
        throw PipesNotSupported();

    public Task Publish(object message, IPipe<PublishContext> publishPipe, CancellationToken cancellationToken = default) =>
        throw PipesNotSupported();

    public Task Publish(object message, Type messageType, IPipe<PublishContext> publishPipe, CancellationToken cancellationToken = default) =>
        throw PipesNotSupported();

    public Task Publish<T>(object values, CancellationToken cancellationToken = default) where T : class =>
        throw new NotSupportedException("Publishing from an anonymous object is not supported on Service Bus: publish the contract record.");

    public Task Publish<T>(object values, IPipe<PublishContext<T>> publishPipe, CancellationToken cancellationToken = default) where T : class =>
        throw PipesNotSupported();

    public Task Publish<T>(object values, IPipe<PublishContext> publishPipe, CancellationToken cancellationToken = default) where T : class =>
        throw PipesNotSupported();

    public ConnectHandle ConnectPublishObserver(IPublishObserver observer) =>
        throw new NotSupportedException("Publish observers are not supported on the Service Bus publish endpoint.");

    private static NotSupportedException PipesNotSupported() =>
        new("Publish pipes are not supported on the Service Bus publish endpoint: ingestion publishes plain contracts.");
}

using Azure.Messaging.ServiceBus.Administration;
using Empreinte.Application;
using Empreinte.Azure.Bridge;
using Microsoft.Extensions.Hosting;

namespace Empreinte.Azure.Messaging;

/// <summary>
/// The backlog of the Service Bus fan-out: the active messages of each topic subscription the
/// bridge consumes (<see cref="CalculatorSubscriptions.All"/>), read from the namespace's runtime
/// properties — what the autoscale rule scales on, now also in <c>empreinte.bus.backlog</c>
/// (queue tag <c>{topic}/{subscription}</c>).
/// </summary>
public sealed class ServiceBusBacklogReader : IBacklogReader
{
    private readonly ServiceBusAdministrationClient _administration;
    private readonly Dictionary<string, (string Topic, string Subscription)> _subscriptions;

    public ServiceBusBacklogReader(ServiceBusAdministrationClient administration, ServiceBusBridgeOptions options)
    {
        _administration = administration;
        _subscriptions = CalculatorSubscriptions.All
            .Select(route => (Topic: options.TopicNameOf(route.Topic), route.Subscription))
            .Distinct()
            .ToDictionary(s => $"{s.Topic}/{s.Subscription}", StringComparer.Ordinal);
        Queues = [.. _subscriptions.Keys];
    }

    public IReadOnlyList<string> Queues { get; }

    public async Task<long?> ReadAsync(string queue, CancellationToken cancellationToken)
    {
        if (!_subscriptions.TryGetValue(queue, out var subscription)) return null;
        var properties = await _administration.GetSubscriptionRuntimePropertiesAsync(subscription.Topic, subscription.Subscription, cancellationToken);
        return properties.Value.ActiveMessageCount;
    }
}

/// <summary>Reads the subscriptions' backlog every <see cref="BusBacklogPoller.DefaultInterval"/> while the Functions host runs.</summary>
public sealed class ServiceBusBacklogService(ServiceBusBacklogReader reader) : IHostedService, IAsyncDisposable
{
    private BusBacklogPoller? _poller;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _poller = BusBacklogPoller.Start(reader);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken) => await DisposeAsync();

    public async ValueTask DisposeAsync()
    {
        if (_poller is not null) await _poller.DisposeAsync();
        _poller = null;
    }
}

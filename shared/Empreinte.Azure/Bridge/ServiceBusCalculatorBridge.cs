using Azure.Messaging.ServiceBus;
using Empreinte.Azure.Messaging;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Empreinte.Azure.Bridge;

/// <summary>
/// Runs the calculators in Azure: one <see cref="ServiceBusProcessor"/> per topic subscription, each
/// message dispatched to the subscription's own MassTransit mediator and settled explicitly
/// (AutoCompleteMessages off). This stands in for <c>ServiceBusTrigger</c> functions, which the
/// project's feed does not serve for the isolated worker (DESIGN.md, Hosts 2); it needs an
/// always-on plan, since nothing wakes the worker when messages arrive.
/// </summary>
public sealed class ServiceBusCalculatorBridge(
    ServiceBusClient client,
    IServiceProvider services,
    ServiceBusBridgeOptions options,
    ClaimCheckStore? claimCheck,
    ILoggerFactory loggerFactory,
    IReadOnlyList<SubscriptionRoute>? routes = null) : BackgroundService
{
    private readonly ILogger _logger = loggerFactory.CreateLogger<ServiceBusCalculatorBridge>();
    private readonly List<ServiceBusProcessor> _processors = [];

    public IReadOnlyList<SubscriptionRoute> Routes { get; } = routes ?? CalculatorSubscriptions.All;

    public SubscriptionMessageHandler CreateHandler(SubscriptionRoute route) =>
        SubscriptionMessageHandler.Create(route, services, claimCheck, options.MaxDeliveryCount, _logger, options.AddEventConsumers);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        foreach (var route in Routes)
        {
            var handler = CreateHandler(route);
            var processor = client.CreateProcessor(options.TopicNameOf(route.Topic), route.Subscription, new ServiceBusProcessorOptions
            {
                AutoCompleteMessages = false,
                ReceiveMode = ServiceBusReceiveMode.PeekLock,
                MaxConcurrentCalls = options.MaxConcurrentCallsPerSubscription,
                MaxAutoLockRenewalDuration = options.MaxAutoLockRenewalDuration,
            });
            processor.ProcessMessageAsync += handler.HandleAsync;
            processor.ProcessErrorAsync += OnErrorAsync;
            _processors.Add(processor);
        }

        foreach (var processor in _processors) await processor.StartProcessingAsync(stoppingToken);
        _logger.LogInformation("Service Bus bridge listening on {Subscriptions}",
            string.Join(", ", Routes.Select(r => $"{options.TopicNameOf(r.Topic)}/{r.Subscription}")));
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // Stop receiving first, letting in-flight messages finish and settle, then release the links.
        foreach (var processor in _processors)
        {
            await processor.StopProcessingAsync(cancellationToken);
            await processor.DisposeAsync();
        }

        _processors.Clear();
        await base.StopAsync(cancellationToken);
    }

    private Task OnErrorAsync(ProcessErrorEventArgs args)
    {
        // Receive-side errors (connection, lock lost); message failures are settled by the handler.
        _logger.LogError(args.Exception, "Service Bus {Source} error on {EntityPath}", args.ErrorSource, args.EntityPath);
        return Task.CompletedTask;
    }
}

namespace Empreinte.Azure.Bridge;

public sealed class ServiceBusBridgeOptions
{
    /// <summary>The topic of usage batches, one subscription per calculator (app setting <c>Empreinte__TopicName</c>).</summary>
    public string UsageTopicName { get; set; } = "usage-batches";

    /// <summary>The topic of import events, read by the tracker subscription (app setting <c>Empreinte__ImportEventsTopicName</c>).</summary>
    public string ImportEventsTopicName { get; set; } = "import-events";

    public string TopicNameOf(BridgeTopic topic) => topic == BridgeTopic.UsageBatches ? UsageTopicName : ImportEventsTopicName;

    /// <summary>Must equal the subscriptions' maxDeliveryCount in infra: on that delivery a failure is dead-lettered with its cause.</summary>
    public int MaxDeliveryCount { get; set; } = 10;

    /// <summary>Messages processed at once per subscription and instance; scale-out adds instances.</summary>
    public int MaxConcurrentCallsPerSubscription { get; set; } = 4;

    /// <summary>
    /// Consumers added to every subscription's mediator, for the events published in-process there:
    /// the tracker publishes <c>ImportCompleted</c> inside the calculator or tracker message that
    /// completes an import, so a consumer of it here runs exactly when the import completes (once, since
    /// the progress store reports each completion once). Example:
    /// <c>o.AddEventConsumers = (m, sp) => m.Consumer(() => ActivatorUtilities.CreateInstance&lt;MyImportCompletedConsumer&gt;(sp));</c>
    /// </summary>
    public Action<MassTransit.IMediatorConfigurator, IServiceProvider>? AddEventConsumers { get; set; }

    /// <summary>Locks are renewed while a batch is processed, up to this long (a batch takes well under a minute).</summary>
    public TimeSpan MaxAutoLockRenewalDuration { get; set; } = TimeSpan.FromMinutes(10);
}

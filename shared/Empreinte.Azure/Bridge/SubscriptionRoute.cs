using Empreinte.Application.Calculators;
using Empreinte.Application.Tracking;
using Empreinte.Contracts;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace Empreinte.Azure.Bridge;

/// <summary>
/// One topic subscription and what runs behind it: the subjects it accepts and the consumers of
/// its own mediator. A message whose subject is not listed is dead-lettered (a subscription filter
/// that lets it through is a deployment error worth seeing, not something to drop silently).
/// </summary>
public sealed record SubscriptionRoute(BridgeTopic Topic, string Subscription, IReadOnlyList<Type> MessageTypes, Action<IMediatorConfigurator, IServiceProvider> AddConsumers);

/// <summary>The two topics of infra/modules/servicebus.bicep; their names come from <see cref="ServiceBusBridgeOptions"/>.</summary>
public enum BridgeTopic
{
    UsageBatches,
    ImportEvents,
}

/// <summary>
/// The Azure message → consumer list, in one place. Each calculator subscription gets its own
/// mediator so the energy subscription runs only the energy consumer.
///
/// Tracker events: a calculator consumer ends with <c>context.Publish(BatchEstimated)</c>, and under
/// the Mediator that publish is delivered to the same mediator's consumers, in the same call. So
/// the import tracker is registered in every calculator mediator, backed by the shared (Table)
/// <see cref="IImportProgressStore"/>: the batch is recorded as estimated before the message is
/// completed, with no second Service Bus hop, and if recording fails the whole message is
/// abandoned and redelivered (the sink and the store are idempotent, so that is harmless).
/// <see cref="ImportParsed"/> comes from ingestion over the import-events topic, read by the
/// tracker subscription; it accepts <see cref="BatchEstimated"/> too, for hosts that publish it there.
/// </summary>
public static class CalculatorSubscriptions
{
    public const string Energy = Calculators.Energy;
    public const string Water = Calculators.Water;
    public const string Materials = Calculators.Materials;
    public const string Tracker = "tracker";

    public static SubscriptionRoute EnergyRoute { get; } = CalculatorRoute<EnergyConsumer>(Energy);

    public static SubscriptionRoute WaterRoute { get; } = CalculatorRoute<WaterConsumer>(Water);

    public static SubscriptionRoute MaterialsRoute { get; } = CalculatorRoute<MaterialsConsumer>(Materials);

    public static SubscriptionRoute TrackerRoute { get; } = new(
        BridgeTopic.ImportEvents,
        Tracker,
        [typeof(ImportParsed), typeof(BatchEstimated)],
        (mediator, services) => mediator.Consumer(() => Create<ImportTrackerConsumer>(services)));

    public static IReadOnlyList<SubscriptionRoute> All { get; } = [EnergyRoute, WaterRoute, MaterialsRoute, TrackerRoute];

    private static SubscriptionRoute CalculatorRoute<TConsumer>(string subscription) where TConsumer : class, IConsumer<UsageBatchParsed> => new(
        BridgeTopic.UsageBatches,
        subscription,
        [typeof(UsageBatchParsed)],
        (mediator, services) =>
        {
            mediator.Consumer(() => Create<TConsumer>(services), consumer => CalculatorRetry.Configure(consumer, services));
            mediator.Consumer(() => Create<ImportTrackerConsumer>(services));
        });

    // Consumers are created per message from the host's singletons (factors, sink, progress store,
    // clock), as MassTransit's container integration would; they hold no state of their own.
    private static T Create<T>(IServiceProvider services) where T : class => ActivatorUtilities.CreateInstance<T>(services);
}

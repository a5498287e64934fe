using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace Empreinte.Application.Calculators;

/// <summary>
/// The retry policy of the calculator consumers, for every host: RabbitMQ endpoints, the Service
/// Bus bridge's mediators, the in-process Mediator and the in-memory bus. The import tracker is
/// not retried on its own: under a Mediator it runs inside the calculator's publish, so this policy
/// covers it, and on RabbitMQ its progress store is in memory.
/// </summary>
public sealed class CalculatorConsumerDefinition<TConsumer> : ConsumerDefinition<TConsumer>
    where TConsumer : class, IConsumer
{
    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<TConsumer> consumerConfigurator, IRegistrationContext context) =>
        CalculatorRetry.Configure(consumerConfigurator, context);
}

/// <summary>
/// At-least-once: a failing batch is retried a few times, then faulted (the RabbitMQ import host and
/// the in-process pipelines hear the Fault and fail the import; the Service Bus bridge abandons the
/// message for redelivery); redeliveries are harmless (keyed sink writes, the tracker counts each
/// batch and calculator once). A store that cannot be reached is not the batch's fault: failures
/// that a registered <see cref="StoreOutage"/> recognises skip the quick retries and get the longer
/// ones, which outlast a restart of the store (the fault suite restarts Azurite mid-import).
/// </summary>
public static class CalculatorRetry
{
    /// <summary>Waits before each retry of an ordinary failure: 2.6 s in all.</summary>
    public static IReadOnlyList<TimeSpan> Intervals { get; } = [.. new[] { 100, 500, 2000 }.Select(ms => TimeSpan.FromMilliseconds(ms))];

    /// <summary>Waits before each retry of a store outage: 1 + 2 + 4 + 8 + 15 + 30 = 60 s before the batch faults.</summary>
    public static IReadOnlyList<TimeSpan> OutageIntervals { get; } = [.. new[] { 1, 2, 4, 8, 15, 30 }.Select(s => TimeSpan.FromSeconds(s))];

    /// <summary>
    /// Applies the policy to one consumer. <see cref="CalculatorConsumerDefinition{TConsumer}"/> does it
    /// for hosts with a container; hosts that build consumers by hand (the Service Bus bridge's
    /// per-subscription mediators) call it directly with their services.
    /// </summary>
    public static void Configure<TConsumer>(IConsumerConfigurator<TConsumer> consumer, IServiceProvider services)
        where TConsumer : class
    {
        var outages = services.GetServices<StoreOutage>().ToArray();
        bool IsOutage(Exception exception) => Array.Exists(outages, outage => outage.Matches(exception));

        consumer.UseMessageRetry(r =>
        {
            r.Ignore<Exception>(IsOutage);
            r.Intervals([.. Intervals]);
        });
        consumer.UseMessageRetry(r =>
        {
            r.Handle<Exception>(IsOutage);
            r.Intervals([.. OutageIntervals]);
        });
    }
}

/// <summary>
/// Recognises the failures that say a result or progress store is unreachable or overloaded for now
/// (down, restarting, throttling, failing over) rather than that the batch is bad. Each store adapter
/// registers its own (Table Storage: <c>AddTableStorageOutages</c> in Empreinte.Tables).
/// </summary>
public sealed record StoreOutage(Func<Exception, bool> Matches);

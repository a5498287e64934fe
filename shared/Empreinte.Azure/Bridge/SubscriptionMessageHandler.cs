using System.Collections.Frozen;
using System.Text.Json;
using Azure.Messaging.ServiceBus;
using Empreinte.Azure.Messaging;
using MassTransit;
using MassTransit.Mediator;
using Microsoft.Extensions.Logging;

namespace Empreinte.Azure.Bridge;

/// <summary>
/// Handles one received message of one subscription: resolves the claim-check, deserialises the
/// contract named by <c>Subject</c>, sends it through the subscription's mediator (the same
/// MassTransit consumers as every other host), then settles it as <see cref="SettlementPolicy"/>
/// decides. Independent of <see cref="ServiceBusProcessor"/>, so tests drive it with
/// <see cref="ProcessMessageEventArgs"/> over a recording receiver.
/// </summary>
public sealed class SubscriptionMessageHandler
{
    private readonly IMediator _mediator;
    private readonly ClaimCheckStore? _claimCheck;
    private readonly int _maxDeliveryCount;
    private readonly ILogger _logger;
    private readonly FrozenDictionary<string, Type> _accepted;

    public SubscriptionMessageHandler(SubscriptionRoute route, IMediator mediator, ClaimCheckStore? claimCheck, int maxDeliveryCount, ILogger logger)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDeliveryCount, 1);
        Route = route;
        _mediator = mediator;
        _claimCheck = claimCheck;
        _maxDeliveryCount = maxDeliveryCount;
        _logger = logger;
        _accepted = route.MessageTypes.ToFrozenDictionary(ContractMessages.SubjectOf, StringComparer.Ordinal);
    }

    public SubscriptionRoute Route { get; }

    /// <summary>
    /// The handler of one subscription, with its own mediator. MassTransit's <c>AddMediator</c>
    /// registers one mediator per container, so per-subscription mediators are built with
    /// <c>Bus.Factory.CreateMediator</c>, their consumers created from the host's services.
    /// </summary>
    /// <param name="addEventConsumers">Consumers of the events the route's consumers publish in-process
    /// (<c>ImportCompleted</c>, say, to update an import's status), added to every mediator.</param>
    public static SubscriptionMessageHandler Create(
        SubscriptionRoute route,
        IServiceProvider services,
        ClaimCheckStore? claimCheck,
        int maxDeliveryCount,
        ILogger logger,
        Action<IMediatorConfigurator, IServiceProvider>? addEventConsumers = null)
    {
        var mediator = Bus.Factory.CreateMediator(cfg =>
        {
            route.AddConsumers(cfg, services);
            addEventConsumers?.Invoke(cfg, services);
        });
        return new SubscriptionMessageHandler(route, mediator, claimCheck, maxDeliveryCount, logger);
    }

    /// <summary>Processes and settles the message; returns the settlement applied.</summary>
    public async Task<Settlement> HandleAsync(ProcessMessageEventArgs args)
    {
        var message = args.Message;
        Exception? failure = null;
        try
        {
            var contract = await DecodeAsync(message, args.CancellationToken);
            await _mediator.Send(contract, contract.GetType(), args.CancellationToken);
        }
        catch (Exception e)
        {
            failure = e;
        }

        var settlement = SettlementPolicy.Decide(failure, message.DeliveryCount, _maxDeliveryCount);

        // Settle with CancellationToken.None: once the work is done (or has definitely failed) the
        // settlement must still reach Service Bus while the host is stopping, or the message would
        // wait for its lock to expire and be processed again for nothing.
        switch (settlement.Action)
        {
            case SettlementAction.Complete:
                await args.CompleteMessageAsync(message, CancellationToken.None);
                break;
            case SettlementAction.Abandon:
                _logger.LogWarning(failure, "{Subscription}: message {MessageId} failed on delivery {DeliveryCount}; abandoned for redelivery",
                    Route.Subscription, message.MessageId, message.DeliveryCount);
                await args.AbandonMessageAsync(message, cancellationToken: CancellationToken.None);
                break;
            case SettlementAction.DeadLetter:
                _logger.LogError(failure, "{Subscription}: message {MessageId} dead-lettered ({Reason}): {Description}",
                    Route.Subscription, message.MessageId, settlement.Reason, settlement.Description);
                await args.DeadLetterMessageAsync(message, settlement.Reason!, settlement.Description!, CancellationToken.None);
                break;
        }

        return settlement;
    }

    private async Task<object> DecodeAsync(ServiceBusReceivedMessage message, CancellationToken cancellationToken)
    {
        if (message.Subject is not { } subject || !_accepted.TryGetValue(subject, out var contractType))
            throw new PoisonMessageException("UnexpectedSubject",
                $"Subscription '{Route.Subscription}' accepts {string.Join(", ", _accepted.Keys)}; message {message.MessageId} has subject '{message.Subject}'.");

        var body = message.Body;
        if (message.ApplicationProperties.TryGetValue(MessageProperties.ClaimCheckBlob, out var blob) && blob is string blobName)
        {
            if (_claimCheck is null)
                throw new PoisonMessageException("ClaimCheckUnavailable", $"Message {message.MessageId} refers to claim-check blob {blobName} but no claim-check container is configured.");
            body = await _claimCheck.DownloadAsync(blobName, cancellationToken);
        }

        try
        {
            return JsonSerializer.Deserialize(body, contractType, ContractMessages.JsonOptions)
                ?? throw new PoisonMessageException(SettlementPolicy.DeserializationFailed, $"Message {message.MessageId} has a null {subject} body.");
        }
        catch (JsonException e)
        {
            throw new PoisonMessageException(SettlementPolicy.DeserializationFailed, $"Message {message.MessageId} is not a valid {subject}: {e.Message}", e);
        }
    }
}

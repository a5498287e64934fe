using System.Text.Json;
using Azure.Messaging.ServiceBus;
using Empreinte.Contracts;

namespace Empreinte.Azure.Messaging;

/// <summary>
/// Publishes contracts to Service Bus: usage batches to the usage topic, which fans out to one
/// subscription per calculator; import events (<see cref="ImportParsed"/>, <see cref="BatchEstimated"/>,
/// <see cref="ImportCompleted"/>) to the import-events topic read by the tracker (infra/modules/servicebus.bicep).
/// A body larger than <see cref="MaxInlineBodyBytes"/> goes to the claim-check container and the
/// message carries only its blob name.
/// </summary>
public sealed class ServiceBusBatchPublisher(
    ServiceBusSender usageBatches,
    ServiceBusSender importEvents,
    ClaimCheckStore claimCheck,
    int maxInlineBodyBytes = ServiceBusBatchPublisher.StandardTierMaxInlineBodyBytes)
{
    /// <summary>
    /// Standard tier messages are at most 256 KB including system and application properties; 16 KB
    /// is left for those (ours are a few hundred bytes, the rest is margin). Premium allows far more:
    /// pass a larger limit there.
    /// </summary>
    public const int StandardTierMaxInlineBodyBytes = (256 - 16) * 1024;

    public int MaxInlineBodyBytes { get; } = maxInlineBodyBytes > 0
        ? maxInlineBodyBytes
        : throw new ArgumentOutOfRangeException(nameof(maxInlineBodyBytes), maxInlineBodyBytes, "The inline body limit must be positive.");

    public async Task PublishAsync<T>(T message, CancellationToken cancellationToken) where T : class
    {
        ArgumentNullException.ThrowIfNull(message);
        // The runtime type, not T: a caller holding the message as object still gets the contract's subject.
        var messageType = message.GetType();
        if (!ContractMessages.TypesBySubject.ContainsKey(messageType.Name))
            throw new ArgumentException($"{messageType.Name} is not a contract carried on Service Bus.", nameof(message));

        var body = BinaryData.FromBytes(JsonSerializer.SerializeToUtf8Bytes(message, messageType, ContractMessages.JsonOptions));
        var outgoing = new ServiceBusMessage
        {
            MessageId = ContractMessages.MessageIdOf(message),
            Subject = ContractMessages.SubjectOf(messageType),
            ContentType = "application/json",
        };
        outgoing.ApplicationProperties[MessageProperties.MessageType] = messageType.Name;
        outgoing.ApplicationProperties[MessageProperties.ImportId] = ContractMessages.ImportIdOf(message).ToString();
        if (ContractMessages.BatchNumberOf(message) is { } batchNumber)
            outgoing.ApplicationProperties[MessageProperties.BatchNumber] = batchNumber;

        if (body.ToMemory().Length <= MaxInlineBodyBytes)
        {
            outgoing.Body = body;
        }
        else
        {
            var blobName = ClaimCheckStore.BlobNameFor(outgoing.MessageId);
            // Upload before sending: a message must never point at a blob that does not exist yet.
            await claimCheck.UploadAsync(blobName, body, cancellationToken);
            outgoing.ApplicationProperties[MessageProperties.ClaimCheckBlob] = blobName;
        }

        var sender = message is UsageBatchParsed ? usageBatches : importEvents;
        await sender.SendMessageAsync(outgoing, cancellationToken);
    }
}

using Azure.Messaging.ServiceBus;
using Azure.Storage.Blobs;
using Empreinte.Azure.Messaging;

namespace Empreinte.Azure.Tests.Support;

internal static class Messages
{
    private static readonly ClaimCheckStore _unusedClaimCheck = new(new BlobContainerClient(Azurite.DevelopmentStorage, "unused"));

    /// <summary>What the topic would deliver for a message the publisher sent.</summary>
    public static ServiceBusReceivedMessage Received(ServiceBusMessage sent, int deliveryCount = 1) =>
        ServiceBusModelFactory.ServiceBusReceivedMessage(
            body: sent.Body,
            messageId: sent.MessageId,
            subject: sent.Subject,
            contentType: sent.ContentType,
            properties: new Dictionary<string, object>(sent.ApplicationProperties),
            lockTokenGuid: Guid.NewGuid(),
            deliveryCount: deliveryCount);

    /// <summary>Serialises a contract exactly as the publisher does (inline: no claim-check).</summary>
    public static async Task<ServiceBusMessage> Sent<T>(T contract) where T : class
    {
        var sender = new RecordingSender();
        await new ServiceBusBatchPublisher(sender, sender, _unusedClaimCheck).PublishAsync(contract, CancellationToken.None);
        return Assert.Single(sender.Sent);
    }
}

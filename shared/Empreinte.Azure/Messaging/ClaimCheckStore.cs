using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace Empreinte.Azure.Messaging;

/// <summary>
/// The claim-check container: message bodies too large for the Service Bus tier are stored here
/// and the message carries only the blob name. Blobs are never deleted by the consumer, because the
/// three calculator subscriptions each read the same body; a lifecycle rule on the container
/// (infra) removes them after a few days, longer than the subscriptions' message time-to-live.
/// </summary>
public sealed class ClaimCheckStore(BlobContainerClient container)
{
    public const string DefaultContainerName = "claimcheck";

    public BlobContainerClient Container { get; } = container;

    /// <summary>
    /// Derived from the deterministic message id (<c>{importId}:{batch}</c> → <c>{importId}/{batch}.json</c>),
    /// so a republished batch overwrites its own body instead of leaving an orphan.
    /// </summary>
    public static string BlobNameFor(string messageId) => messageId.Replace(':', '/') + ".json";

    public async Task UploadAsync(string blobName, BinaryData body, CancellationToken cancellationToken)
    {
        var options = new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" } };
        await Container.GetBlobClient(blobName).UploadAsync(body, options, cancellationToken);
    }

    /// <summary>The stored body; a missing blob is a <see cref="PoisonMessageException"/> since no redelivery can bring it back.</summary>
    public async Task<BinaryData> DownloadAsync(string blobName, CancellationToken cancellationToken)
    {
        try
        {
            var content = await Container.GetBlobClient(blobName).DownloadContentAsync(cancellationToken);
            return content.Value.Content;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            throw new PoisonMessageException("ClaimCheckMissing", $"The claim-check blob {Container.Name}/{blobName} does not exist.", e);
        }
    }
}

using System.Text.Json;

namespace Empreinte.Azure.EventGrid;

/// <summary>A blob was written in the storage account Event Grid watches.</summary>
/// <param name="Api">The storage operation: <c>PutBlob</c>, <c>PutBlockList</c>, <c>CopyBlob</c>, or on Data Lake <c>CreateFile</c>/<c>FlushWithClose</c>.</param>
/// <param name="ContentLengthBytes">The blob's size in bytes, when Event Grid reports it.</param>
public sealed record BlobCreated(string EventId, Uri Url, string Container, string BlobName, string? Api, long? ContentLengthBytes, string? ContentType, string? ETag)
{
    /// <summary>
    /// On Data Lake (hierarchical namespace) accounts, <c>CreateFile</c> announces an empty file that
    /// is written and closed later (<c>FlushWithClose</c> raises its own event): import only complete blobs.
    /// </summary>
    public bool IsComplete => Api != "CreateFile";
}

/// <summary>What a delivery of Event Grid events asks for.</summary>
/// <param name="ValidationCode">Set when the delivery is the subscription handshake: answer with <see cref="EventGridEvents.ValidationResponse"/>.</param>
/// <param name="BlobsCreated">The blob-created events, in delivery order.</param>
/// <param name="IgnoredEventCount">Events of other types (deleted blobs, renamed directories…), counted for logs.</param>
public sealed record EventGridDelivery(string? ValidationCode, IReadOnlyList<BlobCreated> BlobsCreated, int IgnoredEventCount);

/// <summary>
/// Reads Event Grid deliveries in the Event Grid schema (a JSON array of events). Handles the
/// subscription validation handshake (<c>Microsoft.EventGrid.SubscriptionValidationEvent</c>,
/// answered synchronously with its code) and <c>Microsoft.Storage.BlobCreated</c>.
/// </summary>
public static class EventGridEvents
{
    public const string SubscriptionValidationEvent = "Microsoft.EventGrid.SubscriptionValidationEvent";
    public const string BlobCreatedEvent = "Microsoft.Storage.BlobCreated";

    private const string _subjectContainers = "/blobServices/default/containers/";
    private const string _subjectBlobs = "/blobs/";

    /// <summary>Parses one delivery; a body that is not an Event Grid array throws <see cref="FormatException"/> (answer 400).</summary>
    public static EventGridDelivery Parse(BinaryData body)
    {
        ArgumentNullException.ThrowIfNull(body);
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            // Event Grid always posts an array; a lone object is accepted for senders that post one event.
            var events = root.ValueKind switch
            {
                JsonValueKind.Array => root.EnumerateArray().ToList(),
                JsonValueKind.Object => [root],
                _ => throw new FormatException($"An Event Grid delivery is a JSON array of events, not a {root.ValueKind}."),
            };

            string? validationCode = null;
            var created = new List<BlobCreated>();
            var ignored = 0;
            foreach (var e in events)
            {
                switch (String(e, "eventType"))
                {
                    case SubscriptionValidationEvent:
                        validationCode = String(Data(e), "validationCode") ?? throw new FormatException("A subscription validation event has no data.validationCode.");
                        break;
                    case BlobCreatedEvent:
                        created.Add(ReadBlobCreated(e));
                        break;
                    case null:
                        throw new FormatException("An event has no eventType: this is not the Event Grid schema (CloudEvents deliveries are not supported).");
                    default:
                        ignored++;
                        break;
                }
            }

            return new EventGridDelivery(validationCode, created, ignored);
        }
        catch (JsonException e)
        {
            throw new FormatException($"The Event Grid delivery is not valid JSON: {e.Message}", e);
        }
    }

    /// <summary>The body that completes the subscription handshake: <c>{"validationResponse": code}</c>.</summary>
    public static string ValidationResponse(string validationCode) =>
        JsonSerializer.Serialize(new Dictionary<string, string> { ["validationResponse"] = validationCode });

    private static BlobCreated ReadBlobCreated(JsonElement e)
    {
        var id = String(e, "id") ?? throw new FormatException("A BlobCreated event has no id.");
        var data = Data(e);
        var url = String(data, "url") is { } u && Uri.TryCreate(u, UriKind.Absolute, out var parsed)
            ? parsed
            : throw new FormatException($"BlobCreated event {id} has no absolute data.url.");

        // The subject names container and blob unescaped ("/blobServices/default/containers/{c}/blobs/{name}");
        // the URL is percent-encoded, so it is only the fallback.
        var (container, name) = String(e, "subject") is { } subject && FromSubject(subject) is { } fromSubject ? fromSubject : FromUrl(url, id);
        return new BlobCreated(id, url, container, name, String(data, "api"), Number(data, "contentLength"), String(data, "contentType"), String(data, "eTag"));
    }

    private static (string Container, string Name)? FromSubject(string subject)
    {
        if (!subject.StartsWith(_subjectContainers, StringComparison.Ordinal)) return null;
        var rest = subject[_subjectContainers.Length..];
        var blobs = rest.IndexOf(_subjectBlobs, StringComparison.Ordinal);
        return blobs <= 0 || blobs + _subjectBlobs.Length >= rest.Length ? null : (rest[..blobs], rest[(blobs + _subjectBlobs.Length)..]);
    }

    private static (string Container, string Name) FromUrl(Uri url, string id)
    {
        // https://{account}.blob.core.windows.net/{container}/{name}; Azurite puts the account first: /{account}/{container}/{name}.
        var segments = url.AbsolutePath.TrimStart('/').Split('/', 2);
        return segments.Length == 2 && segments[1].Length > 0
            ? (Uri.UnescapeDataString(segments[0]), Uri.UnescapeDataString(segments[1]))
            : throw new FormatException($"BlobCreated event {id}: cannot find container and blob name in {url}.");
    }

    private static JsonElement Data(JsonElement e) =>
        e.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object ? data : throw new FormatException($"Event {String(e, "id")} has no data object.");

    private static string? String(JsonElement e, string name) =>
        e.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static long? Number(JsonElement e, string name) =>
        e.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number) ? number : null;
}

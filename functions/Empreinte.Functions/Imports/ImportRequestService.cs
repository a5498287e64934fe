using System.Text.Json;
using Azure.Storage.Blobs;
using Empreinte.Azure.EventGrid;
using Empreinte.Azure.Webhooks;
using Microsoft.Extensions.Logging;

namespace Empreinte.Functions.Imports;

/// <summary>What the HTTP function read from a POST /api/imports request.</summary>
/// <param name="EventGridEventType">The <c>aeg-event-type</c> header: <c>SubscriptionValidation</c> or <c>Notification</c> for Event Grid deliveries.</param>
/// <param name="StatusUrlBase">Where import statuses live, ending with a slash: <c>https://host/api/imports/</c>.</param>
public sealed record ImportRequest(
    Stream Body, long? ContentLength, string? Signature, string? EventGridEventType, string? FileName, string StatusUrlBase);

/// <summary>The HTTP answer: a status code and a JSON body whose names are written as given.</summary>
public sealed record ImportAnswer(int StatusCode, IReadOnlyDictionary<string, object?> Body)
{
    public static ImportAnswer Problem(int statusCode, string error) => new(statusCode, new Dictionary<string, object?> { ["error"] = error });
}

/// <summary>
/// Every decision of POST /api/imports, testable without the Functions host:
/// <list type="bullet">
/// <item>Event Grid deliveries (header <c>aeg-event-type</c>; protected by the function key, as Event
/// Grid cannot sign): the validation handshake, or BlobCreated events whose blobs are imported.</item>
/// <item>Everything else must pass <see cref="SignedUploadGate"/> (401 unsigned, forged or stale; 409 replayed; 413 too large), then is
/// either a JSON pointer to a blob (<c>{"blobUrl": …}</c> or <c>{"container": …, "blob": …}</c>) or an export file body.</item>
/// </list>
/// Accepted imports answer 202 with <c>importId</c> and <c>statusUrl</c>.
/// </summary>
public sealed class ImportRequestService(ImportUploadService uploads, BlobImportService blobs, SignedUploadGate? gate, ILogger<ImportRequestService> logger)
{
    public const string EventGridEventTypeHeader = "aeg-event-type";

    /// <summary>Event Grid batches at most 1 MB of events per delivery.</summary>
    private const long _maxEventGridBytes = 1024 * 1024;

    public async Task<ImportAnswer> HandleAsync(ImportRequest request, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrEmpty(request.EventGridEventType)) return await EventGridAsync(request, cancellationToken);
        if (gate is null)
            return ImportAnswer.Problem(503, $"Signed uploads are not configured: set the app setting {AppSettings.SigningSecret}.");

        var admission = await gate.AdmitAsync(request.Signature, request.FileName, request.ContentLength, request.Body, cancellationToken);
        if (!admission.Admitted) return ImportAnswer.Problem(admission.StatusCode, admission.Problem!);

        var body = admission.Body!;
        if (IsPointer(body)) return await PointerAsync(body, request.StatusUrlBase, cancellationToken);

        using var content = new MemoryStream(body, writable: false);
        var outcome = await uploads.ImportAsync(content, request.FileName, cancellationToken);
        return outcome.ImportId is { } importId ? Accepted(importId, request.StatusUrlBase) : ImportAnswer.Problem(400, outcome.Problem!);
    }

    private async Task<ImportAnswer> EventGridAsync(ImportRequest request, CancellationToken cancellationToken)
    {
        var read = await RequestSizeLimit.ReadAsync(request.Body, request.ContentLength, _maxEventGridBytes, cancellationToken);
        if (read.TooLarge) return ImportAnswer.Problem(413, "An Event Grid delivery is at most 1 MB.");
        EventGridDelivery delivery;
        try
        {
            delivery = EventGridEvents.Parse(BinaryData.FromBytes(read.Body!));
        }
        catch (FormatException e)
        {
            return ImportAnswer.Problem(400, e.Message);
        }

        if (delivery.ValidationCode is { } code)
        {
            logger.LogInformation("Event Grid subscription validation answered");
            return new ImportAnswer(200, new Dictionary<string, object?> { ["validationResponse"] = code });
        }

        var imports = new List<Dictionary<string, object?>>();
        foreach (var created in delivery.BlobsCreated)
        {
            if (!created.IsComplete) continue;
            var outcome = await blobs.ImportAsync(created.Container, created.BlobName, cancellationToken);
            // A blob that is not an export is logged, not retried: redelivering the event cannot fix it.
            if (outcome.Problem is not null || outcome.Skipped is not null || outcome.NotFound)
                logger.LogWarning("Event Grid blob {Blob} not imported: {Reason}", outcome.Blob, outcome.Problem ?? outcome.Skipped ?? "not found");
            imports.Add(Describe(outcome, request.StatusUrlBase));
        }

        return new ImportAnswer(200, new Dictionary<string, object?> { ["imports"] = imports, ["ignoredEvents"] = delivery.IgnoredEventCount });
    }

    private async Task<ImportAnswer> PointerAsync(byte[] body, string statusUrlBase, CancellationToken cancellationToken)
    {
        if (!TryReadPointer(body, blobs.AccountName, out var container, out var blobName, out var problem)) return ImportAnswer.Problem(400, problem!);
        var outcome = await blobs.ImportAsync(container!, blobName!, cancellationToken);
        if (outcome.NotFound) return ImportAnswer.Problem(404, $"No blob {outcome.Blob}.");
        if (outcome.Skipped is { } skipped) return ImportAnswer.Problem(400, $"{outcome.Blob}: {skipped}.");
        if (outcome.Problem is { } rejected) return ImportAnswer.Problem(400, rejected);
        if (outcome.ImportId is { } importId) return Accepted(importId, statusUrlBase);
        return new ImportAnswer(202, new Dictionary<string, object?> { ["exportRuns"] = outcome.ExportRuns });
    }

    /// <summary>
    /// A pointer names a blob of the data account: by URL (whose account must be ours: the function
    /// never fetches arbitrary URLs) or by container and name.
    /// </summary>
    public static bool TryReadPointer(byte[] body, string accountName, out string? container, out string? blobName, out string? problem)
    {
        container = blobName = problem = null;
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("blobUrl", out var url) && url.ValueKind == JsonValueKind.String)
            {
                if (!Uri.TryCreate(url.GetString(), UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
                {
                    problem = "blobUrl is not an absolute http(s) URL.";
                    return false;
                }

                var parts = new BlobUriBuilder(uri);
                if (!string.Equals(parts.AccountName, accountName, StringComparison.OrdinalIgnoreCase))
                {
                    problem = $"blobUrl must name a blob of the storage account {accountName}.";
                    return false;
                }

                (container, blobName) = (parts.BlobContainerName, parts.BlobName);
            }
            else if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("container", out var c) && root.TryGetProperty("blob", out var b)
                     && c.ValueKind == JsonValueKind.String && b.ValueKind == JsonValueKind.String)
            {
                (container, blobName) = (c.GetString(), b.GetString());
            }
        }
        catch (JsonException e)
        {
            problem = $"The pointer is not valid JSON: {e.Message}";
            return false;
        }

        if (string.IsNullOrEmpty(container) || string.IsNullOrEmpty(blobName))
        {
            problem = """A pointer is {"blobUrl": "https://…"} or {"container": "…", "blob": "…"}.""";
            return false;
        }

        return true;
    }

    private static bool IsPointer(byte[] body)
    {
        // By content, not Content-Type: OpenAI usage pages are JSON exports too, but never carry these keys.
        var text = body.AsSpan().TrimStart(" \t\r\n"u8);
        return text.Length > 0 && text[0] == (byte)'{' && (text.IndexOf("\"blobUrl\""u8) >= 0 || text.IndexOf("\"container\""u8) >= 0);
    }

    private static ImportAnswer Accepted(Guid importId, string statusUrlBase) =>
        new(202, new Dictionary<string, object?> { ["importId"] = importId, ["statusUrl"] = $"{statusUrlBase}{importId:D}" });

    private static Dictionary<string, object?> Describe(BlobImportOutcome outcome, string statusUrlBase) => new()
    {
        ["blob"] = outcome.Blob,
        ["importId"] = outcome.ImportId,
        ["statusUrl"] = outcome.ImportId is { } id ? $"{statusUrlBase}{id:D}" : null,
        ["exportRuns"] = outcome.ExportRuns,
        ["problem"] = outcome.Problem ?? outcome.Skipped ?? (outcome.NotFound ? "not found" : null),
    };
}

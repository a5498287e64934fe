using System.Collections.Frozen;
using System.Text.Json;
using Empreinte.Contracts;

namespace Empreinte.Azure.Messaging;

/// <summary>
/// How contracts travel on Service Bus: System.Text.Json with camelCase names, one message per
/// contract, the contract's type name in <c>Subject</c> (subscription filters and the bridge route
/// on it), and a deterministic <c>MessageId</c> so Service Bus duplicate detection drops a batch
/// that ingestion publishes twice (a retried upload, a re-run of the same export run).
/// </summary>
public static class ContractMessages
{
    public static JsonSerializerOptions JsonOptions { get; } = new(JsonSerializerDefaults.Web);

    /// <summary>Every contract the Service Bus topic carries, by its <c>Subject</c>.</summary>
    public static FrozenDictionary<string, Type> TypesBySubject { get; } = new[]
    {
        typeof(UsageBatchParsed), typeof(ImportParsed), typeof(BatchEstimated), typeof(ImportCompleted),
    }.ToFrozenDictionary(t => t.Name, StringComparer.Ordinal);

    public static string SubjectOf(Type messageType) => messageType.Name;

    /// <summary>
    /// The deterministic id of a message: the same logical message always gets the same id, so
    /// republishing it inside the topic's duplicate-detection window is a no-op. At most 128 characters.
    /// </summary>
    public static string MessageIdOf(object message) => message switch
    {
        UsageBatchParsed batch => $"{batch.ImportId:N}:{batch.BatchNumber}",
        ImportParsed parsed => $"{parsed.ImportId:N}:parsed",
        BatchEstimated estimated => $"{estimated.ImportId:N}:{estimated.BatchNumber}:{estimated.Calculator}",
        ImportCompleted completed => $"{completed.ImportId:N}:completed",
        _ => throw new ArgumentException($"{message.GetType().Name} is not a contract carried on Service Bus.", nameof(message)),
    };

    /// <summary>The import a message belongs to, for the <c>importId</c> application property.</summary>
    public static Guid ImportIdOf(object message) => message switch
    {
        UsageBatchParsed batch => batch.ImportId,
        ImportParsed parsed => parsed.ImportId,
        BatchEstimated estimated => estimated.ImportId,
        ImportCompleted completed => completed.ImportId,
        _ => throw new ArgumentException($"{message.GetType().Name} is not a contract carried on Service Bus.", nameof(message)),
    };

    public static int? BatchNumberOf(object message) => message switch
    {
        UsageBatchParsed batch => batch.BatchNumber,
        BatchEstimated estimated => estimated.BatchNumber,
        _ => null,
    };
}

/// <summary>Names of the application properties set on every message.</summary>
public static class MessageProperties
{
    public const string ImportId = "importId";
    public const string BatchNumber = "batchNumber";
    public const string MessageType = "messageType";

    /// <summary>Present when the body was too large for the tier: the blob (in the claim-check container) that holds it.</summary>
    public const string ClaimCheckBlob = "claimCheckBlob";
}

using System.Text.Json;
using Empreinte.Azure.Messaging;

namespace Empreinte.Azure.Bridge;

public enum SettlementAction
{
    /// <summary>Processed: remove the message from the subscription.</summary>
    Complete,

    /// <summary>Failed, may succeed later: release the lock so Service Bus redelivers it (delivery count + 1).</summary>
    Abandon,

    /// <summary>Will never succeed: move it to the subscription's dead-letter queue with a reason.</summary>
    DeadLetter,
}

/// <summary>What to do with a received message; <see cref="Reason"/> and <see cref="Description"/> only for dead-lettering.</summary>
public readonly record struct Settlement(SettlementAction Action, string? Reason = null, string? Description = null)
{
    public static Settlement Complete { get; } = new(SettlementAction.Complete);

    public static Settlement Abandon { get; } = new(SettlementAction.Abandon);

    public static Settlement DeadLetter(string reason, string description) => new(SettlementAction.DeadLetter, reason, description);
}

/// <summary>
/// The settlement decision, kept pure so every case is a one-line test. Service Bus would
/// dead-letter an abandoned message by itself once its delivery count passes the subscription's
/// maxDeliveryCount, but only with the reason "MaxDeliveryCountExceeded"; dead-lettering it
/// ourselves on the last delivery keeps the exception that caused it in the dead-letter description.
/// </summary>
public static class SettlementPolicy
{
    public const string DeliveriesExhausted = "DeliveriesExhausted";
    public const string DeserializationFailed = "DeserializationFailed";

    /// <summary>Service Bus limits dead-letter descriptions to 4096 characters.</summary>
    private const int _maxDescriptionLength = 4096;

    /// <param name="failure">What processing threw, or null when it succeeded.</param>
    /// <param name="deliveryCount">The message's delivery count: 1 on its first delivery.</param>
    /// <param name="maxDeliveryCount">The subscription's maxDeliveryCount (infra sets both from one value).</param>
    public static Settlement Decide(Exception? failure, int deliveryCount, int maxDeliveryCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDeliveryCount, 1);
        return failure switch
        {
            null => Settlement.Complete,
            PoisonMessageException poison => Settlement.DeadLetter(poison.Reason, Describe(poison)),
            JsonException json => Settlement.DeadLetter(DeserializationFailed, Describe(json)),
            // The host is stopping: not the message's fault, so it is released for another instance
            // whatever its delivery count (Service Bus still dead-letters it if that was its last delivery).
            OperationCanceledException => Settlement.Abandon,
            _ when deliveryCount >= maxDeliveryCount => Settlement.DeadLetter(
                DeliveriesExhausted, Describe(failure, $"failed on delivery {deliveryCount} of {maxDeliveryCount}: ")),
            _ => Settlement.Abandon,
        };
    }

    private static string Describe(Exception failure, string prefix = "")
    {
        var description = $"{prefix}{failure.GetType().Name}: {failure.Message}";
        if (failure.InnerException is { } inner) description += $" ({inner.GetType().Name}: {inner.Message})";
        return description.Length <= _maxDescriptionLength ? description : description[.._maxDescriptionLength];
    }
}

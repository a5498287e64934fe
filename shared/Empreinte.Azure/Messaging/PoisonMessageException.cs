namespace Empreinte.Azure.Messaging;

/// <summary>
/// A message that no redelivery can fix (unreadable JSON, unknown subject, missing claim-check):
/// it is dead-lettered at once with <see cref="Reason"/> instead of burning its deliveries.
/// </summary>
public sealed class PoisonMessageException : Exception
{
    public PoisonMessageException(string reason, string description, Exception? innerException = null)
        : base(description, innerException) => Reason = reason;

    public PoisonMessageException() : this("PoisonMessage", "The message cannot be processed.")
    {
    }

    public PoisonMessageException(string message) : this("PoisonMessage", message)
    {
    }

    public PoisonMessageException(string message, Exception innerException) : this("PoisonMessage", message, innerException)
    {
    }

    /// <summary>Short machine-readable cause, used as the dead-letter reason.</summary>
    public string Reason { get; }
}

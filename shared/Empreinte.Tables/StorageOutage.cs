using System.Net;
using Azure;

namespace Empreinte.Tables;

/// <summary>
/// Failures that say the result store is unreachable or overloaded for now (Table Storage down,
/// restarting, throttling, failing over) rather than that the batch is bad. A worker keeps such a
/// batch and tries again for about a minute instead of faulting the whole import after the
/// three seconds of its ordinary retries (the fault suite restarts Azurite mid-import: docs/benchmarks.md).
/// </summary>
public static class StorageOutage
{
    /// <summary>1 + 2 + 4 + 8 + 15 + 30 = 60 s of waiting before the batch faults.</summary>
    public static TimeSpan[] RetryIntervals { get; } = [.. new[] { 1, 2, 4, 8, 15, 30 }.Select(seconds => TimeSpan.FromSeconds(seconds))];

    public static bool Is(Exception exception) => exception switch
    {
        // Status 0: no HTTP response at all (connection refused or reset, DNS, timeout).
        RequestFailedException failed => failed.Status is 0 or (int)HttpStatusCode.RequestTimeout or (int)HttpStatusCode.TooManyRequests or >= 500,
        HttpRequestException => true,
        AggregateException aggregate => aggregate.InnerExceptions.Count > 0 && aggregate.InnerExceptions.All(Is),
        _ => false,
    };
}

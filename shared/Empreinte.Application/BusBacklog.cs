using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Empreinte.Application;

/// <summary>
/// <c>empreinte.bus.backlog</c>: messages waiting in each queue of the bus (a RabbitMQ queue, a
/// Service Bus subscription), tagged <see cref="QueueTag"/>, as a poller last read them
/// (<see cref="BusBacklogPoller"/>). Reading a broker is a network call, so the gauge reports the
/// last values rather than asking when it is observed; a queue that could not be read is not
/// reported (never a stale or made-up count).
/// </summary>
public static class BusBacklog
{
    public const string MetricName = "empreinte.bus.backlog";
    public const string QueueTag = "empreinte.queue";

    private static readonly ConcurrentDictionary<string, long> s_latest = new(StringComparer.Ordinal);

    private static readonly ObservableGauge<long> s_gauge = EmpreinteTelemetry.Meter.CreateObservableGauge(
        MetricName, Observe, "{message}", "Messages waiting in a bus queue (RabbitMQ queue or Service Bus subscription), as last read.");

    public static ObservableGauge<long> Gauge => s_gauge;

    public static void Record(string queue, long messages) => s_latest[queue] = messages;

    public static void Forget(string queue) => s_latest.TryRemove(queue, out _);

    /// <summary>The last count read for <paramref name="queue"/>, or null when none is known.</summary>
    public static long? Latest(string queue) => s_latest.TryGetValue(queue, out var messages) ? messages : null;

    private static IEnumerable<Measurement<long>> Observe() =>
        s_latest.Select(p => new Measurement<long>(p.Value, new KeyValuePair<string, object?>(QueueTag, p.Key)));
}

/// <summary>Reads the backlog of a set of queues: the number of messages waiting in each, or null for a queue it could not read.</summary>
public interface IBacklogReader
{
    IReadOnlyList<string> Queues { get; }

    Task<long?> ReadAsync(string queue, CancellationToken cancellationToken);
}

/// <summary>
/// Reads every queue of an <see cref="IBacklogReader"/> at a fixed interval into <see cref="BusBacklog"/>,
/// until disposed. A failed read removes that queue's value until a read succeeds again.
/// </summary>
public sealed class BusBacklogPoller : IAsyncDisposable
{
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(15);

    private readonly IBacklogReader _reader;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    private BusBacklogPoller(IBacklogReader reader, TimeSpan interval)
    {
        _reader = reader;
        _ = BusBacklog.Gauge;
        _loop = RunAsync(interval, _stop.Token);
    }

    public static BusBacklogPoller Start(IBacklogReader reader, TimeSpan? interval = null) => new(reader, interval ?? DefaultInterval);

    /// <summary>Reads every queue once, now.</summary>
    public async Task ReadOnceAsync(CancellationToken cancellationToken)
    {
        foreach (var queue in _reader.Queues)
        {
            long? messages;
            try
            {
                messages = await _reader.ReadAsync(queue, cancellationToken);
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
            {
                messages = null; // broker unreachable or refusing: unknown, not zero
            }

            if (messages is { } count) BusBacklog.Record(queue, count);
            else BusBacklog.Forget(queue);
        }
    }

    private async Task RunAsync(TimeSpan interval, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            do await ReadOnceAsync(cancellationToken);
            while (await timer.WaitForNextTickAsync(cancellationToken));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
        foreach (var queue in _reader.Queues) BusBacklog.Forget(queue);
        if (_reader is IAsyncDisposable disposable) await disposable.DisposeAsync();
    }
}

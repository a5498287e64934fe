using System.Collections.Concurrent;

namespace Empreinte.Application.Tracking;

/// <summary>
/// In-process backpressure: ingestion may have at most <see cref="Capacity"/> batches of an import
/// in flight (published but not yet estimated by every calculator), so memory stays bounded
/// whatever the size of the export.
/// </summary>
public sealed class BatchWindow(int capacity)
{
    /// <summary>Batches in flight per import unless a host says otherwise: bounds memory whatever the export size.</summary>
    public const int DefaultWindow = 8;

    private readonly ConcurrentDictionary<Guid, SemaphoreSlim> _slots = new();

    public int Capacity { get; } = capacity;

    public Task WaitAsync(Guid importId, CancellationToken cancellationToken) => Slots(importId).WaitAsync(cancellationToken);

    public void Release(Guid importId) => Slots(importId).Release();

    public void Forget(Guid importId)
    {
        if (_slots.TryRemove(importId, out var slots)) slots.Dispose();
    }

    private SemaphoreSlim Slots(Guid importId) => _slots.GetOrAdd(importId, _ => new SemaphoreSlim(Capacity, int.MaxValue));
}

using Empreinte.Application.Results;
using Empreinte.Contracts;
using Empreinte.Domain.Calculators;

namespace Empreinte.Application.Files;

/// <summary>
/// Joins the three calculators' estimates of a batch, which arrive in any order and possibly more
/// than once, into complete <see cref="LineResult"/>s exactly once per batch. Only batches still
/// waiting for a calculator are held in memory.
/// </summary>
public sealed class BatchJoin
{
    private readonly Dictionary<(Guid, int), Pending> _pending = [];
    private readonly HashSet<(Guid, int)> _completed = [];
    private readonly Lock _lock = new();

    /// <summary>Records one calculator's part; returns the complete batch when this part was the last one missing.</summary>
    public IReadOnlyList<LineResult>? Add<T>(EstimatedBatch<T> batch, Action<Pending, IReadOnlyList<T>> set)
    {
        var key = (batch.ImportId, batch.BatchNumber);
        lock (_lock)
        {
            if (_completed.Contains(key)) return null; // a redelivery of a batch already written
            if (!_pending.TryGetValue(key, out var pending)) _pending[key] = pending = new Pending(batch.Lines);
            set(pending, batch.Estimates);
            if (!pending.IsComplete) return null;
            _pending.Remove(key);
            _completed.Add(key);
            return pending.Results();
        }
    }

    public int PendingBatches
    {
        get
        {
            lock (_lock) return _pending.Count;
        }
    }

    public sealed class Pending(IReadOnlyList<UsageLine> lines)
    {
        public IReadOnlyList<EnergyEstimate>? Energy { get; set; }
        public IReadOnlyList<WaterEstimate>? Water { get; set; }
        public IReadOnlyList<MaterialsEstimate>? Materials { get; set; }

        public bool IsComplete => Energy is not null && Water is not null && Materials is not null;

        public IReadOnlyList<LineResult> Results()
        {
            var results = new LineResult[lines.Count];
            for (var i = 0; i < results.Length; i++)
                results[i] = new LineResult(lines[i], Energy![i], Water![i], Materials![i]);
            return results;
        }
    }
}

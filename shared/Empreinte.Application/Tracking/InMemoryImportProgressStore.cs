using Empreinte.Contracts;

namespace Empreinte.Application.Tracking;

/// <summary>Progress of imports in this process (the CLI's embedded mode).</summary>
public sealed class InMemoryImportProgressStore : IImportProgressStore
{
    private readonly Dictionary<Guid, Progress> _imports = [];
    private readonly Lock _lock = new();

    public Task<ProgressChange> RecordParsedAsync(ImportParsed parsed, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var progress = Get(parsed.ImportId);
            progress.ExpectedBatches ??= parsed.BatchCount;
            return Task.FromResult(new ProgressChange(false, progress.TryComplete(), parsed.BatchCount));
        }
    }

    public Task<ProgressChange> RecordEstimatedAsync(BatchEstimated estimated, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var progress = Get(estimated.ImportId);
            if (!progress.Done.Add((estimated.BatchNumber, estimated.Calculator)))
                return Task.FromResult(new ProgressChange(false, false, progress.ExpectedBatches ?? 0));

            var count = progress.CalculatorsPerBatch.GetValueOrDefault(estimated.BatchNumber) + 1;
            progress.CalculatorsPerBatch[estimated.BatchNumber] = count;
            var batchCompleted = count == Contracts.Calculators.All.Count;
            if (batchCompleted) progress.CompletedBatches++;
            return Task.FromResult(new ProgressChange(batchCompleted, progress.TryComplete(), progress.ExpectedBatches ?? 0));
        }
    }

    private Progress Get(Guid importId)
    {
        if (!_imports.TryGetValue(importId, out var progress)) _imports[importId] = progress = new Progress();
        return progress;
    }

    private sealed class Progress
    {
        public int? ExpectedBatches { get; set; }
        public int CompletedBatches { get; set; }
        public bool Completed { get; private set; }
        public HashSet<(int, string)> Done { get; } = [];
        public Dictionary<int, int> CalculatorsPerBatch { get; } = [];

        public bool TryComplete()
        {
            if (Completed || ExpectedBatches is not { } expected || CompletedBatches < expected) return false;
            Completed = true;
            return true;
        }
    }
}

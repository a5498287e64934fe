using System.Collections.Concurrent;
using Empreinte.Application.Results;
using Empreinte.Contracts;
using Empreinte.Domain.Calculators;
using Empreinte.Domain.Usage;

namespace Empreinte.Scale.Tests;

/// <summary>Central totals of one import, summed in (batch, line) order so that they do not depend on delivery order.</summary>
internal sealed record ExactTotals(long Lines, long Mapped, double EnergyKwh, double CarbonLocationKgCo2e, double EmbodiedKgCo2e, double WaterLitres, double AbioticDepletionKgSbEq, double EwasteKg);

/// <summary>
/// A sink shared by every worker of a run: keeps each calculator's part per batch (a redelivery
/// overwrites, as a keyed table write would) and sums them in a fixed order at the end.
/// </summary>
internal sealed class ExactTotalsSink : IEstimateSink
{
    private readonly ConcurrentDictionary<int, IReadOnlyList<UsageLine>> _lines = new();
    private readonly ConcurrentDictionary<int, IReadOnlyList<EnergyEstimate>> _energy = new();
    private readonly ConcurrentDictionary<int, IReadOnlyList<WaterEstimate>> _water = new();
    private readonly ConcurrentDictionary<int, IReadOnlyList<MaterialsEstimate>> _materials = new();

    public Task WriteEnergyAsync(EstimatedBatch<EnergyEstimate> batch, CancellationToken cancellationToken) => Keep(batch, _energy);

    public Task WriteWaterAsync(EstimatedBatch<WaterEstimate> batch, CancellationToken cancellationToken) => Keep(batch, _water);

    public Task WriteMaterialsAsync(EstimatedBatch<MaterialsEstimate> batch, CancellationToken cancellationToken) => Keep(batch, _materials);

    private Task Keep<T>(EstimatedBatch<T> batch, ConcurrentDictionary<int, IReadOnlyList<T>> parts)
    {
        _lines[batch.BatchNumber] = batch.Lines;
        parts[batch.BatchNumber] = batch.Estimates;
        return Task.CompletedTask;
    }

    public ExactTotals Totals()
    {
        long lines = 0, mapped = 0;
        double energy = 0, carbon = 0, embodied = 0, water = 0, abiotic = 0, ewaste = 0;
        foreach (var batch in _lines.Keys.Order())
        {
            var batchLines = _lines[batch];
            for (var i = 0; i < batchLines.Count; i++)
            {
                lines++;
                if (batchLines[i].Status == LineStatuses.Mapped) mapped++;
                energy += _energy[batch][i].EnergyKwh.Central;
                carbon += _energy[batch][i].CarbonLocationKgCo2e.Central;
                water += _water[batch][i].WaterLitres.Central;
                embodied += _materials[batch][i].EmbodiedKgCo2e.Central;
                abiotic += _materials[batch][i].AbioticDepletionKgSbEq.Central;
                ewaste += _materials[batch][i].EwasteKg.Central;
            }
        }

        return new ExactTotals(lines, mapped, energy, carbon, embodied, water, abiotic, ewaste);
    }
}

/// <summary>One worker's view of the shared sink: counts the batches this worker estimated.</summary>
internal sealed class WorkerSink(IEstimateSink shared) : IEstimateSink
{
    private int _batches;

    public int Batches => Volatile.Read(ref _batches);

    public Task WriteEnergyAsync(EstimatedBatch<EnergyEstimate> batch, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _batches);
        return shared.WriteEnergyAsync(batch, cancellationToken);
    }

    public Task WriteWaterAsync(EstimatedBatch<WaterEstimate> batch, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _batches);
        return shared.WriteWaterAsync(batch, cancellationToken);
    }

    public Task WriteMaterialsAsync(EstimatedBatch<MaterialsEstimate> batch, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _batches);
        return shared.WriteMaterialsAsync(batch, cancellationToken);
    }
}

/// <summary>A sink whose writes always fail: the calculators' retries run out and the batch faults.</summary>
internal sealed class FailingSink : IEstimateSink
{
    public Task WriteEnergyAsync(EstimatedBatch<EnergyEstimate> batch, CancellationToken cancellationToken) => throw new IOException("storage unavailable");

    public Task WriteWaterAsync(EstimatedBatch<WaterEstimate> batch, CancellationToken cancellationToken) => throw new IOException("storage unavailable");

    public Task WriteMaterialsAsync(EstimatedBatch<MaterialsEstimate> batch, CancellationToken cancellationToken) => throw new IOException("storage unavailable");
}

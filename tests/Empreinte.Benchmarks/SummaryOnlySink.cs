using Empreinte.Application.Files;
using Empreinte.Application.Results;
using Empreinte.Domain.Calculators;

namespace Empreinte.Benchmarks;

/// <summary>
/// <see cref="FileResultSink"/> without lines.csv: the same join of the three calculators and the
/// same aggregates behind summary.json and unmapped.csv. Measures what the per-line pipeline costs
/// when nothing is written per line, i.e. what making lines.csv optional would leave.
/// </summary>
internal sealed class SummaryOnlySink : IEstimateSink
{
    private readonly BatchJoin _join = new();

    public FootprintAggregator Aggregate { get; } = new();

    public Task WriteEnergyAsync(EstimatedBatch<EnergyEstimate> batch, CancellationToken cancellationToken) =>
        Accept(_join.Add(batch, (p, e) => p.Energy = e));

    public Task WriteWaterAsync(EstimatedBatch<WaterEstimate> batch, CancellationToken cancellationToken) =>
        Accept(_join.Add(batch, (p, e) => p.Water = e));

    public Task WriteMaterialsAsync(EstimatedBatch<MaterialsEstimate> batch, CancellationToken cancellationToken) =>
        Accept(_join.Add(batch, (p, e) => p.Materials = e));

    private Task Accept(IReadOnlyList<LineResult>? complete)
    {
        if (complete is null) return Task.CompletedTask;
        lock (Aggregate)
        {
            foreach (var result in complete) Aggregate.Add(result);
        }

        return Task.CompletedTask;
    }
}

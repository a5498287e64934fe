using Empreinte.Domain.Calculators;

namespace Empreinte.Application.Results;

/// <summary>Writes to several sinks (local files and Table Storage in the CLI with <c>--tables</c>).</summary>
public sealed class CompositeEstimateSink(IEnumerable<IEstimateSink> sinks) : IEstimateSink
{
    private readonly IReadOnlyList<IEstimateSink> _sinks = sinks.ToList();

    public Task WriteEnergyAsync(EstimatedBatch<EnergyEstimate> batch, CancellationToken cancellationToken) =>
        Task.WhenAll(_sinks.Select(s => s.WriteEnergyAsync(batch, cancellationToken)));

    public Task WriteWaterAsync(EstimatedBatch<WaterEstimate> batch, CancellationToken cancellationToken) =>
        Task.WhenAll(_sinks.Select(s => s.WriteWaterAsync(batch, cancellationToken)));

    public Task WriteMaterialsAsync(EstimatedBatch<MaterialsEstimate> batch, CancellationToken cancellationToken) =>
        Task.WhenAll(_sinks.Select(s => s.WriteMaterialsAsync(batch, cancellationToken)));
}

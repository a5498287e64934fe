using Empreinte.Application.Results;
using Empreinte.Domain.Calculators;

namespace Empreinte.Application.Tests.Support;

/// <summary>Keeps every write a real pipeline run made, to replay them into a sink in another order.</summary>
public sealed class RecordingSink : IEstimateSink
{
    private readonly Lock _lock = new();

    public List<EstimatedBatch<EnergyEstimate>> Energy { get; } = [];
    public List<EstimatedBatch<WaterEstimate>> Water { get; } = [];
    public List<EstimatedBatch<MaterialsEstimate>> Materials { get; } = [];

    public Task WriteEnergyAsync(EstimatedBatch<EnergyEstimate> batch, CancellationToken cancellationToken) => Keep(Energy, batch);

    public Task WriteWaterAsync(EstimatedBatch<WaterEstimate> batch, CancellationToken cancellationToken) => Keep(Water, batch);

    public Task WriteMaterialsAsync(EstimatedBatch<MaterialsEstimate> batch, CancellationToken cancellationToken) => Keep(Materials, batch);

    /// <summary>Every recorded write as a call on another sink.</summary>
    public IEnumerable<Func<IEstimateSink, Task>> Writes() =>
        Energy.Select(b => (Func<IEstimateSink, Task>)(s => s.WriteEnergyAsync(b, CancellationToken.None)))
            .Concat(Water.Select(b => (Func<IEstimateSink, Task>)(s => s.WriteWaterAsync(b, CancellationToken.None))))
            .Concat(Materials.Select(b => (Func<IEstimateSink, Task>)(s => s.WriteMaterialsAsync(b, CancellationToken.None))));

    private Task Keep<T>(List<T> list, T batch)
    {
        lock (_lock) list.Add(batch);
        return Task.CompletedTask;
    }
}

using Empreinte.Domain.Calculators;

namespace Empreinte.Application.Results;

/// <summary>
/// Where calculators write their columns. Each calculator writes only its own columns for the
/// lines of a batch; writes are idempotent (deterministic keys), so a redelivered batch overwrites
/// instead of adding.
/// </summary>
public interface IEstimateSink
{
    Task WriteEnergyAsync(EstimatedBatch<EnergyEstimate> batch, CancellationToken cancellationToken);

    Task WriteWaterAsync(EstimatedBatch<WaterEstimate> batch, CancellationToken cancellationToken);

    Task WriteMaterialsAsync(EstimatedBatch<MaterialsEstimate> batch, CancellationToken cancellationToken);
}

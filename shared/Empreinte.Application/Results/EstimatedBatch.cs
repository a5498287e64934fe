using Empreinte.Contracts;

namespace Empreinte.Application.Results;

/// <summary>One calculator's estimates for every line of one batch, in line order.</summary>
public sealed record EstimatedBatch<TEstimate>(Guid ImportId, int BatchNumber, string FactorSetVersion, IReadOnlyList<UsageLine> Lines, IReadOnlyList<TEstimate> Estimates);

namespace Empreinte.Contracts;

/// <summary>A batch of classified usage lines of one import, ready for the calculators.</summary>
public sealed record UsageBatchParsed(Guid ImportId, int BatchNumber, IReadOnlyList<UsageLine> Lines);

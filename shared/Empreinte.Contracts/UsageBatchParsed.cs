namespace Empreinte.Contracts;

/// <summary>A batch of classified usage lines of one import, ready for the calculators.</summary>
/// <param name="Profile">The calculation profile of the import: <c>default</c> or <c>ccf</c>.</param>
public sealed record UsageBatchParsed(Guid ImportId, int BatchNumber, IReadOnlyList<UsageLine> Lines, string Profile = "default");

namespace Empreinte.Contracts;

/// <summary>One calculator has written its columns for every line of one batch.</summary>
public sealed record BatchEstimated(Guid ImportId, int BatchNumber, string Calculator, int LineCount);

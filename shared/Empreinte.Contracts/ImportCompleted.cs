namespace Empreinte.Contracts;

/// <summary>Every batch of an import has been processed by every calculator.</summary>
public sealed record ImportCompleted(Guid ImportId, int BatchCount, DateTimeOffset CompletedAt);

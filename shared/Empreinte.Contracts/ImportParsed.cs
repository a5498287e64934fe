namespace Empreinte.Contracts;

/// <summary>Ingestion has published every batch of an import; the tracker now knows how many to expect.</summary>
public sealed record ImportParsed(Guid ImportId, int BatchCount, long RowCount, long RejectedRowCount);

using Empreinte.Ingestion;

namespace Empreinte.Application.Importing;

/// <summary>One input file of an import: what it was detected as and how many rows it had.</summary>
public sealed record InputReport(string Path, string Format, long Rows, long Rejected);

/// <summary>What ingestion saw: the inputs, the rows rejected (first ones kept in full), the batches published.</summary>
public sealed record ImportReport(Guid ImportId, IReadOnlyList<InputReport> Inputs, long RowsRead, long RowsRejected, IReadOnlyList<RowError> Errors, int BatchCount, string Profile = "default");

/// <summary>A file found in a searched folder that is not an export we read, with the reason.</summary>
public sealed record SkippedInput(string Path, string Reason);

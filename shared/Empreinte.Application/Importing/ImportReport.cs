using Empreinte.Ingestion;

namespace Empreinte.Application.Importing;

/// <summary>One input file of an import: what it was detected as and how many rows it had.</summary>
public sealed record InputReport(string Path, string Format, long Rows, long Rejected);

/// <summary>What ingestion saw: the inputs, the rows rejected (first ones kept in full), the batches published.</summary>
public sealed record ImportReport(Guid ImportId, IReadOnlyList<InputReport> Inputs, long RowsRead, long RowsRejected, IReadOnlyList<RowError> Errors, int BatchCount, string Profile = "default");

/// <summary>An input not read, with the reason: not an export, or read already (<see cref="Kind"/>).</summary>
/// <param name="Kind">One of <see cref="SkippedKinds"/>: why, for a program reading summary.json.</param>
public sealed record SkippedInput(string Path, string Reason, string Kind = SkippedKinds.NotAnExport);

/// <summary>Why an input was skipped.</summary>
public static class SkippedKinds
{
    /// <summary>Found in a searched folder, but not an export that can be read (a licence, a schema…).</summary>
    public const string NotAnExport = "notAnExport";

    /// <summary>The same file as another input (named twice, or reached again through a link).</summary>
    public const string SameFile = "sameFile";

    /// <summary>A folder reached again through a link (a loop): read once.</summary>
    public const string SameFolder = "sameFolder";

    /// <summary>Byte for byte the content of another input (a copy): read once.</summary>
    public const string SameContent = "sameContent";

    /// <summary>An earlier run of a month-to-date export whose later run of the same period is read instead.</summary>
    public const string Superseded = "superseded";
}

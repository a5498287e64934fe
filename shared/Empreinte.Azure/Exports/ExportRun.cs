using System.Security.Cryptography;
using System.Text;

namespace Empreinte.Azure.Exports;

/// <summary>
/// One run of a scheduled Cost Management export, ready to import: its parts in manifest order.
/// </summary>
/// <param name="ImportId">Derived from the run id, so a run imported again after a crash (before its
/// checkpoint was written) gets the same import id and overwrites its own results.</param>
/// <param name="PeriodKey">Export name and billing period. Month-to-date exports deliver the whole
/// month again on every run: a later run with the same key supersedes the earlier one, it does not add to it.</param>
public sealed record ExportRun(
    string RunId,
    Guid ImportId,
    string ExportName,
    string PeriodKey,
    string ManifestBlobName,
    IReadOnlyList<ExportManifestBlob> Blobs,
    ExportManifest Manifest)
{
    internal static ExportRun From(string manifestBlobName, ExportManifest manifest)
    {
        var runId = manifest.RunInfo?.RunId is { Length: > 0 } id ? id : RunFolderOf(manifestBlobName);
        var exportName = manifest.ExportConfig?.ExportName ?? ExportFolderOf(manifestBlobName);
        var period = manifest.RunInfo is { StartDate: { } start, EndDate: { } end }
            ? $"{start:yyyyMMdd}-{end:yyyyMMdd}"
            : DateFolderOf(manifestBlobName);
        return new ExportRun(runId, ImportIdFor(runId), exportName, $"{exportName}/{period}", manifestBlobName, manifest.Blobs, manifest);
    }

    /// <summary>The run id itself when it is a GUID (Cost Management's are); otherwise a stable hash of it.</summary>
    public static Guid ImportIdFor(string runId)
    {
        if (Guid.TryParse(runId, out var guid)) return guid;
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes("empreinte:export-run:" + runId));
        return new Guid(hash.AsSpan(0, 16));
    }

    // Layout fallbacks when the manifest lacks a field: <root>/<export>/<dates>/<runId>/manifest.json.
    private static string RunFolderOf(string manifestBlobName) => Segment(manifestBlobName, 1);

    private static string DateFolderOf(string manifestBlobName) => Segment(manifestBlobName, 2);

    private static string ExportFolderOf(string manifestBlobName) => Segment(manifestBlobName, 3);

    private static string Segment(string manifestBlobName, int fromEnd)
    {
        var segments = manifestBlobName.Split('/');
        return segments.Length > fromEnd ? segments[^(fromEnd + 1)] : "";
    }
}

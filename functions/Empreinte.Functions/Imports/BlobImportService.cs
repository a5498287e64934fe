using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Storage.Blobs;
using Empreinte.Azure.Exports;

namespace Empreinte.Functions.Imports;

/// <summary>What importing a blob did.</summary>
/// <param name="ImportId">Set when the blob was imported (or rejected as an export: then <paramref name="Problem"/> says why).</param>
/// <param name="ExportRuns">Runs imported when the blob was a Cost Management export manifest.</param>
/// <param name="Skipped">Why nothing was imported, when the blob is not for this path.</param>
public sealed record BlobImportOutcome(string Blob, Guid? ImportId = null, string? Problem = null, IReadOnlyList<string>? ExportRuns = null, string? Skipped = null, bool NotFound = false);

/// <summary>
/// Imports a blob of the data account by streaming it (never whole in memory): an Event Grid
/// BlobCreated event or a signed pointer. The import id is derived from the blob's name and ETag, so
/// a redelivered event (Event Grid delivers at least once) imports into the same keys; a rewritten
/// blob gets a new id. In the exports container a manifest triggers the run scanner for its
/// folder (exactly once per run), and the run's parts are left to it, so a run is never imported
/// twice through both paths.
/// </summary>
public sealed class BlobImportService(BlobServiceClient blobs, ImportUploadService uploads, ExportRunScanner scanner, EmpreinteFunctionsOptions options)
{
    public string AccountName => blobs.AccountName;

    public async Task<BlobImportOutcome> ImportAsync(string container, string blobName, CancellationToken cancellationToken)
    {
        var label = $"{container}/{blobName}";
        if (container == options.ClaimCheckContainer) return new(label, Skipped: "claim-check blobs are messages, not exports");

        var fileName = Path.GetFileName(blobName);
        if (container == options.ExportsContainer)
        {
            if (fileName.Equals(ExportRunScanner.ManifestFileName, StringComparison.OrdinalIgnoreCase))
            {
                var folder = blobName[..^fileName.Length];
                var report = await scanner.ScanAsync(folder.Length == 0 ? null : folder, cancellationToken);
                return new(label, ExportRuns: [.. report.Imported, .. report.AlreadyImported]);
            }

            if (fileName.StartsWith("part_", StringComparison.OrdinalIgnoreCase))
                return new(label, Skipped: "a part of a Cost Management export run: imported with its manifest");
        }

        var blob = blobs.GetBlobContainerClient(container).GetBlobClient(blobName);
        ETag etag;
        try
        {
            etag = (await blob.GetPropertiesAsync(cancellationToken: cancellationToken)).Value.ETag;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return new(label, NotFound: true);
        }

        var importId = ImportIdOf(container, blobName, etag.ToString());
        // OpenRead streams in chunks, and is seekable (Parquet reads its footer first).
        await using var stream = await blob.OpenReadAsync(new global::Azure.Storage.Blobs.Models.BlobOpenReadOptions(allowModifications: false), cancellationToken);
        var outcome = await uploads.ImportAsync(stream, label, importId, cancellationToken);
        return new(label, outcome.ImportId, outcome.Problem);
    }

    /// <summary>A stable id for one version of one blob: the first 16 bytes of SHA-256 over container, name and ETag.</summary>
    public static Guid ImportIdOf(string container, string blobName, string etag)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{container}\n{blobName}\n{etag}"));
        return new Guid(hash.AsSpan(0, 16));
    }
}

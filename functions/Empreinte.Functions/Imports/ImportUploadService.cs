using System.IO.Compression;
using Empreinte.Ingestion;
using Empreinte.Tables;

namespace Empreinte.Functions.Imports;

/// <summary>The answer to an upload: accepted with an import id, or rejected with a one-line reason.</summary>
public sealed record UploadOutcome(Guid? ImportId, string? Problem)
{
    public static UploadOutcome Accepted(Guid importId) => new(importId, null);

    public static UploadOutcome Rejected(string problem) => new(null, problem);
}

/// <summary>
/// Imports one export read from a stream (an upload body or a blob): CSV, gzip-compressed CSV (by
/// its magic bytes) or Parquet, with the same ingestion as the CLI. What happens to the batches is
/// the <see cref="IImportRunner"/>'s business (Service Bus in Azure, in-process locally).
/// </summary>
public sealed class ImportUploadService(IImportRunner runner, ImportRecords records)
{
    /// <summary>The two bytes every gzip stream starts with (RFC 1952).</summary>
    private static readonly byte[] _gzipMagic = [0x1F, 0x8B];

    /// <summary>
    /// An upload: a fresh import id, and only the file name of what the caller sent (a path must not
    /// leak into keys). Results are keyed by that name, so an unnamed upload gets one of its own
    /// (<c>upload-{importId}.csv</c>): two unnamed uploads never overwrite each other's lines.
    /// </summary>
    public Task<UploadOutcome> ImportAsync(Stream body, string? fileName, CancellationToken cancellationToken)
    {
        var importId = Guid.NewGuid();
        var name = string.IsNullOrWhiteSpace(fileName) ? null : Path.GetFileName(fileName.Trim());
        return ImportAsync(body, string.IsNullOrEmpty(name) ? UnnamedUpload(importId) : name, importId, cancellationToken);
    }

    public static string UnnamedUpload(Guid importId) => $"upload-{importId:N}.csv";

    /// <param name="sourceName">The name results are keyed by (lines of the same source overwrite each other on a re-import).</param>
    public async Task<UploadOutcome> ImportAsync(Stream body, string sourceName, Guid importId, CancellationToken cancellationToken)
    {
        // Four bytes: enough for the gzip (2) signature; the reader itself recognises Parquet's "PAR1".
        var head = new byte[4];
        var read = await body.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken);
        if (read == 0) return UploadOutcome.Rejected($"{sourceName}: the request body is empty; send the export file as the body.");

        Stream content = new PrefixedStream(head.AsMemory(0, read), body);
        var name = sourceName;
        if (head.AsSpan(0, read).StartsWith(_gzipMagic))
        {
            // A seekable body (buffered upload, blob stream) is checked against its gzip trailer, so that a
            // truncated upload is rejected rather than imported up to the cut.
            content = body.CanSeek
                ? CheckedGzipStream.Open(Rewound(body, read), sourceName)
                : new GZipStream(content, CompressionMode.Decompress);
            if (name.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)) name = name[..^3];
        }

        ExportFile export;
        try
        {
            export = ExportReader.Open(content, name);
        }
        catch (ExportFormatException e)
        {
            await content.DisposeAsync();
            return UploadOutcome.Rejected(e.Message);
        }

        using (export)
        {
            await records.AcceptedAsync(importId, sourceName, cancellationToken);
            try
            {
                await runner.RunAsync(importId, [(export, sourceName)], cancellationToken);
            }
            catch (Exception e) when (e is ExportFormatException or InvalidOperationException or InvalidDataException or IOException or global::Azure.RequestFailedException)
            {
                // The import is reported failed in its status; the caller still gets its id to look it up.
                await records.FailedAsync(importId, $"{sourceName}: {e.Message}", CancellationToken.None);
            }
        }

        return UploadOutcome.Accepted(importId);
    }

    public Task<ImportStatus?> FindAsync(Guid importId, CancellationToken cancellationToken) => records.FindAsync(importId, cancellationToken);

    private static Stream Rewound(Stream body, int bytesRead)
    {
        body.Seek(-bytesRead, SeekOrigin.Current);
        return body;
    }
}

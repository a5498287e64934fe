using System.IO.Compression;
using Empreinte.Application;
using Empreinte.Application.Tables;
using Empreinte.Domain.Factors;
using Empreinte.Ingestion;

namespace Empreinte.Functions.Imports;

/// <summary>The answer to an upload: accepted with an import id, or rejected with a one-line reason.</summary>
public sealed record UploadOutcome(Guid? ImportId, string? Problem)
{
    public static UploadOutcome Accepted(Guid importId) => new(importId, null);

    public static UploadOutcome Rejected(string problem) => new(null, problem);
}

/// <summary>
/// Imports one uploaded export (CSV, or gzip-compressed CSV) into Table Storage with the same
/// ingestion and calculators as the CLI. The body is streamed: it is never held whole in memory.
/// Everything the HTTP function decides lives here, so it is tested without the Functions host.
/// </summary>
public sealed class ImportUploadService(EmpreinteTables tables, ImportRecords records, FactorSet factors)
{
    /// <summary>The two bytes every gzip stream starts with (RFC 1952).</summary>
    private static readonly byte[] _gzipMagic = [0x1F, 0x8B];

    public async Task<UploadOutcome> ImportAsync(Stream body, string? fileName, CancellationToken cancellationToken)
    {
        // Only the name: a path or URL in the parameter must not leak into keys or messages.
        var name = string.IsNullOrWhiteSpace(fileName) ? "upload.csv" : Path.GetFileName(fileName.Trim());
        var head = new byte[2];
        var read = await body.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken);
        if (read == 0) return UploadOutcome.Rejected($"{name}: the request body is empty; send the export file as the body.");

        Stream content = new PrefixedStream(head.AsMemory(0, read), body);
        if (read == 2 && head.AsSpan().SequenceEqual(_gzipMagic)) content = new GZipStream(content, CompressionMode.Decompress);

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

        var importId = Guid.NewGuid();
        using (export)
        {
            await records.AcceptedAsync(importId, name, cancellationToken);
            try
            {
                var report = await EmbeddedPipeline.RunAsync([(export, name)], new TableResultSink(tables), factors, importId, cancellationToken: cancellationToken);
                await records.CompletedAsync(report, cancellationToken);
            }
            catch (Exception e) when (e is InvalidOperationException or InvalidDataException or IOException or Azure.RequestFailedException)
            {
                // The import is reported failed in its status; the caller still gets its id to look it up.
                await records.FailedAsync(importId, $"{name}: {e.Message}", CancellationToken.None);
            }
        }

        return UploadOutcome.Accepted(importId);
    }

    public Task<ImportStatus?> FindAsync(Guid importId, CancellationToken cancellationToken) => records.FindAsync(importId, cancellationToken);
}

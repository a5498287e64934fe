using System.Text.Json;
using Empreinte.Azure.Webhooks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Empreinte.Functions.Imports;

/// <summary>
/// POST /api/imports: Event Grid deliveries (handshake, BlobCreated), signed pointers to blobs, and
/// signed export uploads (CSV, CSV.gz, Parquet; name in <c>?fileName=</c> or <c>X-File-Name</c>).
/// Binds the request and maps <see cref="ImportRequestService"/>'s answer; nothing is decided here.
/// </summary>
public sealed class ImportUpload(ImportRequestService service)
{
    public const string FileNameHeader = "X-File-Name";

    [Function(nameof(ImportUpload))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "imports")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var answer = await service.HandleAsync(new ImportRequest(
            request.Body,
            request.ContentLength,
            request.Headers[UploadSignature.HeaderName].FirstOrDefault(),
            request.Headers[ImportRequestService.EventGridEventTypeHeader].FirstOrDefault(),
            request.Query["fileName"].FirstOrDefault() ?? request.Headers[FileNameHeader].FirstOrDefault(),
            $"{request.Scheme}://{request.Host}{request.PathBase}/api/imports/"), cancellationToken);
        return new ContentResult
        {
            StatusCode = answer.StatusCode,
            ContentType = "application/json",
            Content = JsonSerializer.Serialize(answer.Body),
        };
    }
}

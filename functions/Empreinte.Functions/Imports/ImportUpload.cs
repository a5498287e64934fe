using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Empreinte.Functions.Imports;

/// <summary>
/// POST /api/imports?fileName=… (or header <c>X-File-Name</c>): an export file as the body, CSV or
/// gzip. Answers 202 with the import id and where to ask for its status; 400 with a one-line
/// reason for an empty body or a file that is not a known export. The import runs while the body
/// streams in (it is never stored), so by the time of the 202 the estimates are in the tables;
/// the 202 + status URL contract stays the same when ingestion moves behind a queue.
/// </summary>
public sealed class ImportUpload(ImportUploadService service)
{
    public const string FileNameHeader = "X-File-Name";

    [Function(nameof(ImportUpload))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "imports")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var fileName = request.Query["fileName"].FirstOrDefault() ?? request.Headers[FileNameHeader].FirstOrDefault();
        var outcome = await service.ImportAsync(request.Body, fileName, cancellationToken);
        if (outcome.ImportId is not { } importId) return new BadRequestObjectResult(new { error = outcome.Problem });

        var statusUrl = $"{request.Scheme}://{request.Host}{request.PathBase}/api/imports/{importId:D}";
        return new AcceptedResult(statusUrl, new { importId, statusUrl });
    }
}

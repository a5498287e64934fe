using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Empreinte.Functions.Imports;

/// <summary>GET /api/imports/{id}: the import's status, counts and errors from the imports table; 404 when unknown.</summary>
public sealed class ImportStatusHttp(ImportUploadService service)
{
    [Function(nameof(ImportStatusHttp))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "imports/{id}")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(id, out var importId)) return new BadRequestObjectResult(new { error = $"'{id}' is not an import id." });
        return await service.FindAsync(importId, cancellationToken) is { } status
            ? new OkObjectResult(status)
            : new NotFoundObjectResult(new { error = $"no import {importId:D}." });
    }
}

using Empreinte.Application.Reporting;
using Empreinte.Tables;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Empreinte.Functions.Reports;

/// <summary>
/// GET /api/imports/{id}/report?lang=en|fr: the import's report.html (the page <c>estimate</c>
/// writes), written when its ingestion ended; 404 with the reason for an unknown import or one
/// whose report is not written yet.
/// </summary>
public sealed class ImportReportHttp(ImportReportWriter reports, ImportRecords records)
{
    [Function(nameof(ImportReportHttp))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "imports/{id}/report")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(id, out var importId)) return new BadRequestObjectResult(new { error = $"'{id}' is not an import id." });
        var language = request.Query["lang"].FirstOrDefault() ?? "en";
        if (!ReportText.Languages.Contains(language))
            return new BadRequestObjectResult(new { error = $"lang must be {string.Join(" or ", ReportText.Languages)}, not '{language}'." });

        if (await reports.FindAsync(importId, language, cancellationToken) is { } html)
            return new ContentResult { StatusCode = 200, ContentType = "text/html; charset=utf-8", Content = html };
        return await records.FindAsync(importId, cancellationToken) is { } status
            ? new NotFoundObjectResult(new { error = $"import {importId:D} has no report (status {status.Status}): it is written once the import has been read; a failed import has none." })
            : new NotFoundObjectResult(new { error = $"no import {importId:D}." });
    }
}

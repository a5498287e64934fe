using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Empreinte.Functions.Reports;

/// <summary>
/// GET /api/reports/monthly?from=yyyy-MM&amp;to=yyyy-MM&amp;groupBy=subAccount|service|region|provider&amp;format=json|csv:
/// the monthly table summed for Power BI (Web connector) and scripts. Columns: docs/power-bi.md.
/// </summary>
public sealed class ReportsMonthlyHttp(MonthlyReportService reports)
{
    [Function(nameof(ReportsMonthlyHttp))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "reports/monthly")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var format = request.Query["format"].FirstOrDefault() ?? "json";
        if (format is not ("json" or "csv")) return new BadRequestObjectResult(new { error = $"format '{format}' is not json or csv." });
        var query = MonthlyReportQuery.TryParse(request.Query["from"].FirstOrDefault(), request.Query["to"].FirstOrDefault(), request.Query["groupBy"].FirstOrDefault(), out var problem);
        if (query is null) return new BadRequestObjectResult(new { error = problem });

        var report = await reports.BuildAsync(query, cancellationToken);
        return format == "csv"
            ? new ContentResult { StatusCode = 200, ContentType = "text/csv; charset=utf-8", Content = report.ToCsv() }
            : new ContentResult { StatusCode = 200, ContentType = "application/json", Content = report.ToJson() };
    }
}

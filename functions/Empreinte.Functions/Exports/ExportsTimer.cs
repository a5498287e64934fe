using Empreinte.Azure.Exports;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace Empreinte.Functions.Exports;

/// <summary>
/// Imports new runs of scheduled Cost Management exports from the exports container, on the NCRONTAB
/// schedule in the app setting <c>EmpreinteExportsSchedule</c> (every 30 minutes as deployed). The
/// scanner imports each run once (checkpoints in <c>EmpreinteExportRuns</c>); the timer's singleton
/// lock keeps two instances from scanning at once.
/// </summary>
public sealed class ExportsTimer(ExportRunScanner scanner, ILogger<ExportsTimer> logger)
{
    [Function(nameof(ExportsTimer))]
    public async Task Run([TimerTrigger("%" + AppSettings.ExportsSchedule + "%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        var report = await scanner.ScanAsync(cancellationToken: cancellationToken);
        logger.LogInformation(
            "Export scan: {Imported} imported, {Already} already imported, {Pending} pending, {Failed} failed",
            report.Imported.Count, report.AlreadyImported.Count, report.Pending.Count, report.Failed.Count);
    }
}

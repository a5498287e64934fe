using System.Text.Json;
using Empreinte.Application;
using Empreinte.Domain.Factors;
using Empreinte.Ingestion;
using Empreinte.RabbitMq;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace Empreinte.Cli;

/// <summary>
/// <c>serve</c>: the import host. Watches a folder for new exports (<c>.csv</c>, <c>.csv.gz</c>),
/// publishes each to the workers over RabbitMQ, tracks it to completion, then moves it to
/// <c>done/</c> (with an <c>.import.json</c> report) or <c>failed/</c> (with the error). No file
/// can stop it: any failure of one import moves that file to <c>failed/</c> (<see cref="Inbox"/>).
/// </summary>
internal sealed class ServeCommand(IAnsiConsole console, TextWriter error)
{
    private static readonly JsonSerializerOptions _json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public Task<int> RunAsync(ScaleOutOptions options, CancellationToken cancellationToken)
    {
        var inbox = new Inbox(options.WatchDirectory!);
        var removed = inbox.RemovePartials();
        if (removed > 0) console.MarkupLineInterpolated($"serve: removed {removed} partial files left by an interrupted upload or host");
        return BusHost.RunAsync(options, error,
            services => services.AddEmpreinteImportHost(new RabbitMqOptions(options.RabbitMq)),
            (provider, stop) => ServeAsync(options, inbox, provider, stop),
            cancellationToken);
    }

    private async Task ServeAsync(ScaleOutOptions options, Inbox inbox, IServiceProvider provider, CancellationToken stop)
    {
        var importer = provider.GetRequiredService<RabbitMqImporter>();
        var reports = new ServeReports(FactorSet.Embedded, options.TablesConnection);
        using var observing = provider.GetRequiredService<IBus>().ConnectPublishObserver(reports.Observer);
        await using var backlog = BusBacklogPoller.Start(new RabbitMqBacklogReader(new RabbitMqOptions(options.RabbitMq)));
        await using var http = options.Http is { } endpoint ? ImportsEndpoint.Build(endpoint, inbox.Directory) : null;
        if (http is not null) await http.StartAsync(stop);
        console.MarkupLineInterpolated($"serve: watching {inbox.Directory} for exports{(options.Http is { } h ? $", POST http://127.0.0.1:{h.Port}/imports" : "")}; Ctrl+C to stop");
        while (!stop.IsCancellationRequested)
        {
            foreach (var path in inbox.Ready()) await ImportOne(importer, reports, inbox, path, options.BatchSize, stop);
            await Task.Delay(TimeSpan.FromSeconds(1), stop).ContinueWith(_ => { }, TaskScheduler.Default);
        }

        if (http is not null) await http.StopAsync(CancellationToken.None);
    }

    private async Task ImportOne(RabbitMqImporter importer, ServeReports reports, Inbox inbox, string path, int batchSize, CancellationToken cancellationToken)
    {
        var name = Path.GetFileName(path);
        if (!inbox.BeginAttempt(name, out var attempts))
        {
            await FailAsync(inbox, name, $"{name}: the import host stopped {attempts} times while importing this file (a crash no error handler saw); it is not tried again.", cancellationToken);
            return;
        }

        try
        {
            var sha256 = Inbox.Sha256Of(path);
            if (inbox.ClaimDropped(name, sha256) is { } existing)
            {
                await inbox.SetAsideDuplicateAsync(name, sha256, existing.Name, cancellationToken);
                console.MarkupLineInterpolated($"serve: {name}: same content as {existing.Name} ({existing.State}); not imported again, moved to done/");
                return;
            }

            var source = Inbox.SourceNameOf(name, sha256);
            (Application.Importing.ImportReport Report, Contracts.ImportCompleted Completed) result;
            var importId = reports.Begin();
            try
            {
                using (var export = OpenAs(path, source)) result = await importer.ImportAsync([(export, path)], importId, batchSize, cancellationToken);
            }
            catch
            {
                reports.Forget(importId);
                throw;
            }

            var doneName = inbox.DoneNameOf(name, sha256);
            await reports.CompleteAsync(result.Report, inbox.Done, doneName, source, cancellationToken);
            var report = new { result.Report.ImportId, file = name, sha256, source, result.Report.RowsRead, result.Report.RowsRejected, result.Report.BatchCount, result.Completed.CompletedAt };
            await inbox.MoveToDoneAsync(name, doneName, sha256, JsonSerializer.Serialize(report, _json), cancellationToken);
            console.MarkupLineInterpolated($"serve: {name}: {result.Report.RowsRead} rows in {result.Report.BatchCount} batches, completed");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw; // stopping: the file stays and is imported again at the next start
        }
        catch (Exception e) when (e is RabbitMqConnectionException)
        {
            // The broker, not the file: it stays in the folder and is tried again once the broker is back.
            inbox.ForgetAttempts(name);
            await error.WriteLineAsync($"empreinte: {name}: RabbitMQ unreachable ({e.Message}); will retry");
        }
        catch (Exception e)
        {
            // Whatever the file did to the reader or the pipeline, it goes aside with the reason and the host keeps serving.
            var reason = e is ExportFormatException or InvalidDataException or IOException ? e.Message : $"{e.GetType().Name}: {e.Message}";
            await FailAsync(inbox, name, reason.Contains(name, StringComparison.Ordinal) ? reason : $"{name}: {reason}", cancellationToken);
        }
    }

    /// <summary>Opens a waiting export under the name its rows carry (<see cref="Inbox.SourceNameOf"/>).</summary>
    private static ExportFile OpenAs(string path, string source)
    {
        var file = File.OpenRead(path);
        return ExportReader.Open(path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? CheckedGzipStream.Open(file, source) : file, source);
    }

    private async Task FailAsync(Inbox inbox, string name, string reason, CancellationToken cancellationToken)
    {
        try
        {
            await inbox.MoveToFailedAsync(name, reason, cancellationToken);
        }
        catch (IOException e)
        {
            // The folder itself is failing (disk full, permissions): say so; the file stays and is tried again.
            await error.WriteLineAsync($"empreinte: {name}: cannot move to failed/ ({e.Message})");
        }

        await error.WriteLineAsync($"empreinte: {reason}");
    }
}

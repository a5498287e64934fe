using System.Text.Json;
using Empreinte.Application.Hosting;
using Empreinte.Ingestion;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace Empreinte.Cli;

/// <summary>
/// <c>serve</c>: the import host. Watches a folder for new exports (<c>.csv</c>, <c>.csv.gz</c>),
/// publishes each to the workers over RabbitMQ, tracks it to completion, then moves it to
/// <c>done/</c> (with an <c>.import.json</c> report) or <c>failed/</c> (with the error).
/// </summary>
internal sealed class ServeCommand(IAnsiConsole console, TextWriter error)
{
    /// <summary>A file is picked up once it has not been written to for this long (still being copied otherwise).</summary>
    private static readonly TimeSpan _settled = TimeSpan.FromSeconds(2);

    private static readonly JsonSerializerOptions _json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public async Task<int> RunAsync(ScaleOutOptions options, CancellationToken cancellationToken)
    {
        using var stop = Shutdown.OnSignal(cancellationToken);
        var watch = options.WatchDirectory!;
        Directory.CreateDirectory(watch);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddEmpreinteImportHost(new RabbitMqOptions(options.RabbitMq));
        await using var provider = services.BuildServiceProvider();
        var bus = provider.GetRequiredService<IBusControl>();
        try
        {
            await bus.StartAsync(stop.Token);
            await using var http = options.HttpPort is { } port ? ImportsEndpoint.Build(port, watch) : null;
            if (http is not null) await http.StartAsync(stop.Token);
            console.MarkupLineInterpolated($"serve: watching {watch} for exports{(options.HttpPort is { } p ? $", POST http://127.0.0.1:{p}/imports" : "")}; Ctrl+C to stop");
            var importer = provider.GetRequiredService<RabbitMqImporter>();
            while (!stop.IsCancellationRequested)
            {
                foreach (var path in Ready(watch)) await ImportOne(importer, path, options.BatchSize, stop.Token);
                await Task.Delay(TimeSpan.FromSeconds(1), stop.Token).ContinueWith(_ => { }, TaskScheduler.Default);
            }

            if (http is not null) await http.StopAsync(CancellationToken.None);
            return CommandLine.Success;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return CommandLine.Success;
        }
        catch (Exception e) when (e is RabbitMqConnectionException or TimeoutException)
        {
            await error.WriteLineAsync($"empreinte: cannot reach RabbitMQ at {options.RabbitMq.Host}:{options.RabbitMq.Port} ({e.Message}); start it with infra/local/start-rabbitmq.sh");
            return CommandLine.Failed;
        }
        finally
        {
            await bus.StopAsync(CancellationToken.None);
        }
    }

    /// <summary>
    /// Written aside, then renamed: <c>GET /imports/{name}</c> and scripts polling <c>done/</c> read
    /// these files as soon as they appear, and must never see half of one. The report is in place
    /// before the export leaves the folder, so a host killed in between imports it again (harmless)
    /// rather than leaving it moved without a report.
    /// </summary>
    private static async Task WriteWholeAsync(string path, string text, CancellationToken cancellationToken)
    {
        var partial = path + ".partial";
        await File.WriteAllTextAsync(partial, text, cancellationToken);
        File.Move(partial, path, overwrite: true);
    }

    private static List<string> Ready(string directory) => Directory.EnumerateFiles(directory)
        .Where(p => p.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) || p.EndsWith(".csv.gz", StringComparison.OrdinalIgnoreCase))
        .Where(p => DateTime.UtcNow - File.GetLastWriteTimeUtc(p) > _settled)
        .Order(StringComparer.Ordinal)
        .ToList();

    private async Task ImportOne(RabbitMqImporter importer, string path, int batchSize, CancellationToken cancellationToken)
    {
        var directory = Path.GetDirectoryName(path)!;
        var name = Path.GetFileName(path);
        try
        {
            (Application.Importing.ImportReport Report, Contracts.ImportCompleted Completed) result;
            using (var export = ExportReader.Open(path)) result = await importer.ImportAsync([(export, path)], batchSize: batchSize, cancellationToken: cancellationToken);
            var done = Directory.CreateDirectory(Path.Combine(directory, "done")).FullName;
            var report = new { result.Report.ImportId, file = name, result.Report.RowsRead, result.Report.RowsRejected, result.Report.BatchCount, result.Completed.CompletedAt };
            await WriteWholeAsync(Path.Combine(done, name + ".import.json"), JsonSerializer.Serialize(report, _json), cancellationToken);
            File.Move(path, Path.Combine(done, name), overwrite: true);
            console.MarkupLineInterpolated($"serve: {name}: {result.Report.RowsRead} rows in {result.Report.BatchCount} batches, completed");
        }
        catch (Exception e) when (e is ExportFormatException or InvalidOperationException or IOException)
        {
            var failed = Directory.CreateDirectory(Path.Combine(directory, "failed")).FullName;
            await WriteWholeAsync(Path.Combine(failed, name + ".error.txt"), e.Message, cancellationToken);
            File.Move(path, Path.Combine(failed, name), overwrite: true);
            await error.WriteLineAsync($"empreinte: {name}: {e.Message}");
        }
    }
}

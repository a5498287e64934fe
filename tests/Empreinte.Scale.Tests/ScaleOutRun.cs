using System.Diagnostics;
using Empreinte.Application.Importing;
using Empreinte.Application.Results;
using Empreinte.Ingestion;
using Empreinte.RabbitMq;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace Empreinte.Scale.Tests;

/// <summary>
/// One import over the real broker: an import host and N worker bus instances in this process,
/// each with its own container and connection, exactly as N <c>empreinte worker</c> processes.
/// </summary>
internal static class ScaleOutRun
{
    public sealed record Result(ImportReport Report, TimeSpan Elapsed, IReadOnlyList<int> BatchesPerWorker);

    public static async Task<Result> RunAsync(string path, RabbitMqOptions options, IReadOnlyList<IEstimateSink> workerSinks, int batchSize, CancellationToken cancellationToken)
    {
        var providers = new List<ServiceProvider>();
        var buses = new List<IBusControl>();
        try
        {
            // Workers first: their queues must be bound before the first batch is published.
            foreach (var sink in workerSinks)
            {
                var worker = new ServiceCollection().AddLogging().AddSingleton(sink).AddEmpreinteWorker(options).BuildServiceProvider();
                providers.Add(worker);
                buses.Add(worker.GetRequiredService<IBusControl>());
                await buses[^1].StartAsync(cancellationToken);
            }

            var host = new ServiceCollection().AddLogging().AddEmpreinteImportHost(options).BuildServiceProvider();
            providers.Add(host);
            buses.Add(host.GetRequiredService<IBusControl>());
            await buses[^1].StartAsync(cancellationToken);

            var clock = Stopwatch.StartNew();
            using var export = ExportReader.Open(path);
            var (report, _) = await host.GetRequiredService<RabbitMqImporter>().ImportAsync([(export, path)], batchSize: batchSize, cancellationToken: cancellationToken);
            var elapsed = clock.Elapsed;
            return new Result(report, elapsed, workerSinks.Select(s => s is WorkerSink w ? w.Batches : 0).ToList());
        }
        finally
        {
            foreach (var bus in buses) await bus.StopAsync(CancellationToken.None);
            foreach (var provider in providers) await provider.DisposeAsync();
        }
    }
}

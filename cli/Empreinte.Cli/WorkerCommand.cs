using Empreinte.Application;
using Empreinte.Application.Files;
using Empreinte.Application.Results;
using Empreinte.RabbitMq;
using Empreinte.Tables;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace Empreinte.Cli;

/// <summary>
/// <c>worker</c>: the three calculators as competing consumers over RabbitMQ, until Ctrl+C/SIGTERM.
/// Results go to Table Storage (<c>--tables</c>, merges parts from every worker) or, for a single
/// local worker, to files (<c>--out</c>: <see cref="DurableLinesSink"/> joins a batch's three parts in
/// one process, appends lines.csv across restarts and has every part on disk before its message is acknowledged).
/// </summary>
internal sealed class WorkerCommand(IAnsiConsole console, TextWriter error, Func<ScaleOutOptions, IEstimateSink>? sinkFactory = null)
{
    public async Task<int> RunAsync(ScaleOutOptions options, CancellationToken cancellationToken)
    {
        var sink = (sinkFactory ?? CreateSink)(options);
        try
        {
            return await BusHost.RunAsync(options, error,
                services =>
                {
                    services.AddSingleton(sink);
                    if (options.TablesConnection is not null) services.AddTableStorageOutages();
                    services.AddEmpreinteWorker(new RabbitMqOptions(options.RabbitMq) { PrefetchCount = options.PrefetchCount });
                },
                async (_, stop) =>
                {
                    await using var backlog = BusBacklogPoller.Start(new RabbitMqBacklogReader(new RabbitMqOptions(options.RabbitMq)));
                    console.MarkupLineInterpolated($"worker: calculators consuming from {options.RabbitMq.Host}:{options.RabbitMq.Port}; Ctrl+C to stop");
                    await BusHost.UntilStopped(stop);
                },
                cancellationToken);
        }
        finally
        {
            // After the bus has stopped: no consumer writes to the sink any more.
            (sink as IDisposable)?.Dispose();
        }
    }

    private static IEstimateSink CreateSink(ScaleOutOptions options) => options.TablesConnection is { } tables
        ? TableSinks.Create(tables)
        : new DurableLinesSink(options.OutputDirectory!);
}

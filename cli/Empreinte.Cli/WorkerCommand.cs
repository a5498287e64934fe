using Empreinte.Application;
using Empreinte.Application.Files;
using Empreinte.Application.Hosting;
using Empreinte.Application.Results;
using MassTransit;
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
        using var stop = Shutdown.OnSignal(cancellationToken);
        var sink = (sinkFactory ?? CreateSink)(options);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(sink);
        services.AddEmpreinteWorker(new RabbitMqOptions(options.RabbitMq) { PrefetchCount = options.PrefetchCount });
        await using var provider = services.BuildServiceProvider();
        var bus = provider.GetRequiredService<IBusControl>();
        try
        {
            await bus.StartAsync(stop.Token);
            await using var backlog = BusBacklogPoller.Start(new RabbitMqBacklogReader(new RabbitMqOptions(options.RabbitMq)));
            console.MarkupLineInterpolated($"worker: calculators consuming from {options.RabbitMq.Host}:{options.RabbitMq.Port}; Ctrl+C to stop");
            await Task.Delay(Timeout.Infinite, stop.Token).ContinueWith(_ => { }, TaskScheduler.Default);
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
            (sink as IDisposable)?.Dispose();
        }
    }

    private static IEstimateSink CreateSink(ScaleOutOptions options) => options.TablesConnection is { } tables
        ? TableSinks.Create(tables)
        : new DurableLinesSink(options.OutputDirectory!);
}

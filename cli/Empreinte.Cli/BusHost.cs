using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace Empreinte.Cli;

/// <summary>
/// What <c>serve</c> and <c>worker</c> share: their services with a RabbitMQ bus, the bus started,
/// the command's work run until it returns or Ctrl+C/SIGTERM stops it, then the bus stopped whatever
/// happened. A broker that cannot be reached is one line on stderr and <see cref="CommandLine.Failed"/>.
/// </summary>
internal static class BusHost
{
    /// <param name="addServices">Registers the bus (<c>AddEmpreinteWorker</c>, <c>AddEmpreinteImportHost</c>) and what it needs.</param>
    /// <param name="run">The command's work once the bus is started; its token is cancelled by a stop signal.</param>
    public static async Task<int> RunAsync(
        ScaleOutOptions options,
        TextWriter error,
        Action<IServiceCollection> addServices,
        Func<IServiceProvider, CancellationToken, Task> run,
        CancellationToken cancellationToken)
    {
        using var stop = Shutdown.OnSignal(cancellationToken);
        var services = new ServiceCollection();
        services.AddLogging();
        addServices(services);
        await using var provider = services.BuildServiceProvider();
        var bus = provider.GetRequiredService<IBusControl>();
        try
        {
            await bus.StartAsync(stop.Token);
            await run(provider, stop.Token);
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

    /// <summary>Waits until a stop signal (the token), without throwing.</summary>
    public static Task UntilStopped(CancellationToken stop) =>
        Task.Delay(Timeout.Infinite, stop).ContinueWith(_ => { }, TaskScheduler.Default);
}

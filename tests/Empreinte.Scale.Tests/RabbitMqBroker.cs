using System.Net.Sockets;
using Empreinte.RabbitMq;

namespace Empreinte.Scale.Tests;

/// <summary>
/// The real broker these tests need (<c>infra/local/start-rabbitmq.sh</c>, or EMPREINTE_RABBITMQ).
/// When it cannot be reached the test fails with what to do: never a silent skip, in CI or not.
/// </summary>
internal static class RabbitMqBroker
{
    public static Uri Address { get; } =
        Environment.GetEnvironmentVariable("EMPREINTE_RABBITMQ") is { Length: > 0 } configured ? new Uri(configured) : RabbitMqOptions.LocalHost;

    public static async Task EnsureReachableAsync()
    {
        using var client = new TcpClient();
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await client.ConnectAsync(Address.Host, Address.IsDefaultPort || Address.Port <= 0 ? 5672 : Address.Port, timeout.Token);
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            var ci = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase) ? " (CI=true)" : "";
            Assert.Fail($"RabbitMQ is not reachable at {Address.Host}:{Address.Port}{ci}: {e.Message}. Start it with infra/local/start-rabbitmq.sh or set EMPREINTE_RABBITMQ.");
        }
    }

    /// <summary>Options for one test run: its own queue names, deleted when the run's consumers go.</summary>
    public static RabbitMqOptions ForRun() => new(Address)
    {
        EndpointPrefix = "scale-test-" + Guid.NewGuid().ToString("N")[..8],
        TemporaryQueues = true,
    };
}

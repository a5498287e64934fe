using System.Globalization;
using System.Net.Sockets;
using RabbitMQ.Client;

namespace Empreinte.Faults.Tests;

/// <summary>
/// A RabbitMQ node of the fault suite's own, beside the shared one on 5672: its own node name,
/// AMQP and distribution ports, data folder and no plugins, so the suite can stop and restart it
/// without disturbing anyone else's broker. Started with the Debian package's scripts (as
/// <c>infra/local/start-rabbitmq.sh</c> does), as the rabbitmq user when the tests run as root.
/// </summary>
internal sealed class OwnRabbitMq : IAsyncDisposable
{
    public const int AmqpPort = 5673;
    private const int _distributionPort = 25673;
    private const string _nodeName = "empreinte-faults@localhost";

    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "empreinte-faults-rabbitmq-" + Guid.NewGuid().ToString("N")[..8]);

    public Uri Address { get; } = new(string.Create(CultureInfo.InvariantCulture, $"amqp://guest:guest@127.0.0.1:{AmqpPort}/"));

    public async Task StartAsync()
    {
        if ((await Shell.RunAsync("command -v rabbitmq-server", TimeSpan.FromSeconds(5))).ExitCode != 0)
            Assert.Fail($"rabbitmq-server is not installed{Shell.CiNote}: run infra/local/start-rabbitmq.sh once (it installs the Debian package).");

        // A node left over by an aborted run would hold the ports: stop it first (it is ours by name).
        await Shell.RunAsync(AsBrokerUser($"rabbitmqctl -n {_nodeName} stop"), TimeSpan.FromSeconds(30));
        Directory.CreateDirectory(_dataDirectory);
        await File.WriteAllTextAsync(Path.Combine(_dataDirectory, "enabled_plugins"), "[].");
        if (Shell.IsRoot) await Shell.RunAsync($"chown -R rabbitmq:rabbitmq {_dataDirectory}", TimeSpan.FromSeconds(10));
        await StartNodeAsync();
    }

    /// <summary>Stops the node the way an operator would (queues and persistent messages are on disk), then starts it again.</summary>
    public async Task StopAsync()
    {
        var (exitCode, output) = await Shell.RunAsync(AsBrokerUser($"rabbitmqctl -n {_nodeName} stop"), TimeSpan.FromSeconds(60));
        Assert.True(exitCode == 0, $"rabbitmqctl stop failed: {output}");
    }

    public async Task StartNodeAsync()
    {
        var environment = string.Join(' ',
            $"RABBITMQ_NODENAME={_nodeName}",
            $"RABBITMQ_NODE_IP_ADDRESS=127.0.0.1",
            $"RABBITMQ_NODE_PORT={AmqpPort}",
            $"RABBITMQ_DIST_PORT={_distributionPort}",
            $"RABBITMQ_MNESIA_BASE={_dataDirectory}/mnesia",
            $"RABBITMQ_LOG_BASE={_dataDirectory}/log",
            $"RABBITMQ_PID_FILE={_dataDirectory}/pid",
            $"RABBITMQ_ENABLED_PLUGINS_FILE={_dataDirectory}/enabled_plugins");
        var (exitCode, output) = await Shell.RunAsync(AsBrokerUser($"{environment} rabbitmq-server -detached"), TimeSpan.FromSeconds(60));
        Assert.True(exitCode == 0, $"rabbitmq-server -detached failed{Shell.CiNote}: {output}");
        // -detached returns before the node registers with epmd; await_startup fails on a node it cannot see yet.
        for (var attempt = 0; attempt < 60; attempt++)
        {
            if ((await Shell.RunAsync(AsBrokerUser($"rabbitmqctl -n {_nodeName} -q await_startup --timeout 60"), TimeSpan.FromSeconds(70))).ExitCode == 0 && await AcceptsConnectionsAsync())
                return;
            await Task.Delay(500);
        }

        Assert.Fail($"the fault suite's RabbitMQ node did not start within a minute{Shell.CiNote}; log in {_dataDirectory}/log.");
    }

    /// <summary>Message count of a queue, as the broker reports it.</summary>
    public async Task<IReadOnlyDictionary<string, long>> QueueDepthsAsync()
    {
        var (exitCode, output) = await Shell.RunAsync(AsBrokerUser($"rabbitmqctl -n {_nodeName} -q list_queues name messages --no-table-headers"), TimeSpan.FromSeconds(30));
        Assert.True(exitCode == 0, $"rabbitmqctl list_queues failed: {output}");
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split('\t', ' '))
            .Where(parts => parts.Length >= 2 && long.TryParse(parts[^1], CultureInfo.InvariantCulture, out _))
            .ToDictionary(parts => parts[0], parts => long.Parse(parts[^1], CultureInfo.InvariantCulture));
    }

    /// <summary>Deletes every queue (and its messages), so one test's leftovers never reach the next test's workers.</summary>
    public async Task DeleteQueuesAsync()
    {
        var queues = await QueueDepthsAsync();
        if (queues.Count == 0) return;
        var factory = new ConnectionFactory { Uri = Address };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        foreach (var queue in queues.Keys) await channel.QueueDeleteAsync(queue);
    }

    public async ValueTask DisposeAsync()
    {
        await Shell.RunAsync(AsBrokerUser($"rabbitmqctl -n {_nodeName} stop"), TimeSpan.FromSeconds(60));
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A log file still held by the stopping node: the folder is under /tmp anyway.
        }
    }

    private async Task<bool> AcceptsConnectionsAsync()
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync("127.0.0.1", AmqpPort);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>The package's scripts expect the rabbitmq user (its Erlang cookie and file ownership).</summary>
    private static string AsBrokerUser(string command) => Shell.IsRoot ? $"su rabbitmq -s /bin/sh -c '{command}'" : command;
}

namespace Empreinte.RabbitMq;

/// <summary>
/// Where the self-hosted bus lives and how hard each process pulls from it.
/// </summary>
/// <param name="Host">Broker address, <c>amqp://user:password@host:port/vhost</c>.</param>
public sealed record RabbitMqOptions(Uri Host)
{
    /// <summary>The broker started by <c>infra/local/start-rabbitmq.sh</c>.</summary>
    public static Uri LocalHost { get; } = new("amqp://guest:guest@127.0.0.1:5672/");

    /// <summary>Messages fetched ahead per queue and process: a few batches, so that competing workers share the load instead of one hoarding it.</summary>
    public int PrefetchCount { get; init; } = 4;

    /// <summary>Prefix of every queue name, so that independent deployments (or test runs) can share a broker.</summary>
    public string? EndpointPrefix { get; init; }

    /// <summary>Queues are deleted when their last consumer goes (tests); a deployment keeps them durable.</summary>
    public bool TemporaryQueues { get; init; }
}

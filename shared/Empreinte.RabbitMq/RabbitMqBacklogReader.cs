using Empreinte.Application;
using Empreinte.Application.Calculators;
using Empreinte.Application.Tracking;
using MassTransit;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Empreinte.RabbitMq;

/// <summary>
/// The backlog of the self-hosted bus: the ready messages of the calculators' and the tracker's
/// queues, read with a passive queue declare (which never creates a queue) on a connection of its
/// own, so that it cannot disturb MassTransit's. A queue that does not exist yet reads as unknown.
/// </summary>
public sealed class RabbitMqBacklogReader(RabbitMqOptions options) : IBacklogReader, IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private IConnection? _connection;
    private IChannel? _channel;

    /// <summary>The queue names MassTransit gives these consumers under <see cref="RabbitMqOptions.EndpointPrefix"/>.</summary>
    public IReadOnlyList<string> Queues { get; } = QueueNames(options);

    public static IReadOnlyList<string> QueueNames(RabbitMqOptions options)
    {
        var names = new KebabCaseEndpointNameFormatter(options.EndpointPrefix, false);
        return [names.Consumer<EnergyConsumer>(), names.Consumer<WaterConsumer>(), names.Consumer<MaterialsConsumer>(), names.Consumer<ImportTrackerConsumer>()];
    }

    public async Task<long?> ReadAsync(string queue, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var channel = await ChannelAsync(cancellationToken);
            try
            {
                var declared = await channel.QueueDeclarePassiveAsync(queue, cancellationToken);
                return declared.MessageCount;
            }
            catch (OperationInterruptedException)
            {
                // 404: the queue is not declared yet (no consumer started). The broker closed the channel.
                _channel = null;
                return null;
            }
        }
        catch (Exception e) when (e is BrokerUnreachableException or AlreadyClosedException or IOException)
        {
            await CloseAsync();
            return null;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<IChannel> ChannelAsync(CancellationToken cancellationToken)
    {
        if (_connection is not { IsOpen: true })
        {
            await CloseAsync();
            var host = options.Host;
            var port = host.IsDefaultPort || host.Port <= 0 ? 5672 : host.Port;
            // serve and worker also take rabbitmq://; the client knows amqp:// only.
            var factory = new ConnectionFactory { Uri = new UriBuilder(host) { Scheme = "amqp", Port = port }.Uri, ClientProvidedName = "empreinte-backlog" };
            _connection = await factory.CreateConnectionAsync(cancellationToken);
        }

        if (_channel is not { IsOpen: true }) _channel = await _connection.CreateChannelAsync(cancellationToken: cancellationToken);
        return _channel;
    }

    private async Task CloseAsync()
    {
        if (_channel is not null) await _channel.DisposeAsync();
        if (_connection is not null) await _connection.DisposeAsync();
        (_channel, _connection) = (null, null);
    }

    public async ValueTask DisposeAsync()
    {
        await CloseAsync();
        _gate.Dispose();
    }
}

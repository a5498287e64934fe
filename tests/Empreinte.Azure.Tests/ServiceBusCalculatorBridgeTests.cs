using Azure.Messaging.ServiceBus;
using Empreinte.Application.Results;
using Empreinte.Application.Tracking;
using Empreinte.Azure.Bridge;
using Empreinte.Azure.Tests.Support;
using Empreinte.Contracts;
using Empreinte.Domain.Factors;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Empreinte.Azure.Tests;

/// <summary>The hosted bridge's wiring: one processor per subscription, explicit settlement, messages reaching the consumers.</summary>
public sealed class ServiceBusCalculatorBridgeTests
{
    [Fact]
    public async Task Start_OpensOneManuallySettledProcessorPerSubscription_AndDeliversToTheConsumers()
    {
        var sink = new KeyedEstimateSink();
        var progress = new CountingProgressStore();
        await using var services = new ServiceCollection()
            .AddSingleton(FactorSet.Embedded)
            .AddSingleton<IEstimateSink>(sink)
            .AddSingleton<IImportProgressStore>(progress)
            .AddSingleton(TimeProvider.System)
            .BuildServiceProvider();
        await using var client = new FakeClient();
        var options = new ServiceBusBridgeOptions { UsageTopicName = "usage-batches", ImportEventsTopicName = "import-events", MaxConcurrentCallsPerSubscription = 3, MaxDeliveryCount = 7 };
        var bridge = new ServiceBusCalculatorBridge(client, services, options, claimCheck: null, NullLoggerFactory.Instance);

        await bridge.StartAsync(CancellationToken.None);
        await (bridge.ExecuteTask ?? Task.CompletedTask);

        // The topics and subscriptions of infra/modules/servicebus.bicep.
        Assert.Equal(
            ["usage-batches/energy", "usage-batches/water", "usage-batches/materials", "import-events/tracker"],
            client.Processors.Select(p => $"{p.Topic}/{p.Subscription}"));
        Assert.All(client.Processors, p =>
        {
            Assert.True(p.Started);
            Assert.False(p.AutoCompleteMessages);
            Assert.Equal(3, p.MaxConcurrentCalls);
            Assert.Equal(ServiceBusReceiveMode.PeekLock, p.ReceiveMode);
        });

        // A batch delivered on each calculator subscription, and ImportParsed on the tracker one, completes the import.
        var receiver = new RecordingReceiver();
        var importId = Guid.NewGuid();
        var batch = await Messages.Sent(new UsageBatchParsed(importId, 1, TestLines.Unmapped(3)));
        await client.Processors[3].Deliver(new ProcessMessageEventArgs(Messages.Received(await Messages.Sent(new ImportParsed(importId, 1, 3, 0))), receiver, CancellationToken.None));
        foreach (var processor in client.Processors.Take(3))
            await processor.Deliver(new ProcessMessageEventArgs(Messages.Received(batch), receiver, CancellationToken.None));

        Assert.Equal(4, receiver.Settled.Count(s => s.Action == SettlementAction.Complete));
        Assert.Equal(3, sink.Rows(Calculators.Energy));
        Assert.Equal(3, sink.Rows(Calculators.Materials));
        Assert.Equal(1, progress.Completions);

        await bridge.StopAsync(CancellationToken.None);
        Assert.All(client.Processors, p => Assert.False(p.Started));
    }

    private sealed class FakeClient() : ServiceBusClient("Endpoint=sb://empreinte-test.servicebus.windows.net/;SharedAccessKeyName=test;SharedAccessKey=dGVzdA==")
    {
        public List<FakeProcessor> Processors { get; } = [];

        public override ServiceBusProcessor CreateProcessor(string topicName, string subscriptionName, ServiceBusProcessorOptions options)
        {
            var processor = new FakeProcessor(this, topicName, subscriptionName, options);
            Processors.Add(processor);
            return processor;
        }
    }

    /// <summary>A real processor (real options, real handler registration) that never opens a link.</summary>
    private sealed class FakeProcessor(ServiceBusClient client, string topic, string subscription, ServiceBusProcessorOptions options)
        : ServiceBusProcessor(client, topic, subscription, options)
    {
        public string Topic { get; } = topic;
        public string Subscription { get; } = subscription;
        public bool Started { get; private set; }

        public override Task StartProcessingAsync(CancellationToken cancellationToken = default)
        {
            Started = true;
            return Task.CompletedTask;
        }

        public override Task StopProcessingAsync(CancellationToken cancellationToken = default)
        {
            Started = false;
            return Task.CompletedTask;
        }

        public Task Deliver(ProcessMessageEventArgs args) => OnProcessMessageAsync(args);
    }
}

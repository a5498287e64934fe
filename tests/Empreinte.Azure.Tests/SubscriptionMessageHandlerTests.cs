using Azure.Messaging.ServiceBus;
using Empreinte.Application.Calculators;
using Empreinte.Application.Results;
using Empreinte.Application.Tracking;
using Empreinte.Azure.Bridge;
using Empreinte.Azure.Messaging;
using Empreinte.Azure.Tests.Support;
using Empreinte.Contracts;
using Empreinte.Domain.Factors;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Empreinte.Azure.Tests;

/// <summary>
/// One message through a subscription's handler: real mediator, real calculator and tracker
/// consumers, a receiver that records the settlement.
/// </summary>
public sealed class SubscriptionMessageHandlerTests : IDisposable
{
    private const int _maxDeliveryCount = 5;

    /// <summary>A delivery tries the batch once, then once per retry of the calculators' policy.</summary>
    private static readonly int _attemptsPerDelivery = 1 + CalculatorRetry.Intervals.Count;

    private readonly KeyedEstimateSink _sink = new();
    private readonly CountingProgressStore _progress = new();
    private readonly RecordingReceiver _receiver = new();
    private readonly ServiceProvider _services;

    public SubscriptionMessageHandlerTests()
    {
        _services = new ServiceCollection()
            .AddSingleton(FactorSet.Embedded)
            .AddSingleton<IEstimateSink>(_sink)
            .AddSingleton<IImportProgressStore>(_progress)
            .AddSingleton(TimeProvider.System)
            .BuildServiceProvider();
    }

    public void Dispose() => _services.Dispose();

    [Fact]
    public async Task Batch_ProcessedByTheCalculator_IsCompleted()
    {
        var batch = new UsageBatchParsed(Guid.NewGuid(), 1, TestLines.Unmapped(3));

        var settlement = await Handle(CalculatorSubscriptions.EnergyRoute, await Messages.Sent(batch));

        Assert.Equal(Settlement.Complete, settlement);
        Assert.Equal([(batch.ImportId.ToString("N") + ":1", SettlementAction.Complete)], _receiver.Settled.Select(s => (s.MessageId!, s.Action)));
        Assert.Equal(3, _sink.Rows(Calculators.Energy));
        Assert.Equal(0, _sink.Rows(Calculators.Water));
    }

    [Fact]
    public async Task TransientFailure_IsRetriedBeforeSettling_AndCompleted()
    {
        _sink.FailNext = 1;

        var settlement = await Handle(CalculatorSubscriptions.WaterRoute, await Messages.Sent(new UsageBatchParsed(Guid.NewGuid(), 1, TestLines.Unmapped(2))), deliveryCount: 1);

        Assert.Equal(Settlement.Complete, settlement);
        Assert.Equal(SettlementAction.Complete, Assert.Single(_receiver.Settled).Action);
        Assert.Equal(2, _sink.Rows(Calculators.Water));
    }

    [Fact]
    public async Task FailureThatOutlastsTheRetries_IsAbandonedForRedelivery()
    {
        _sink.FailNext = _attemptsPerDelivery;

        var settlement = await Handle(CalculatorSubscriptions.WaterRoute, await Messages.Sent(new UsageBatchParsed(Guid.NewGuid(), 1, TestLines.Unmapped(2))), deliveryCount: 1);

        Assert.Equal(Settlement.Abandon, settlement);
        Assert.Equal(SettlementAction.Abandon, Assert.Single(_receiver.Settled).Action);
        Assert.Equal(0, _sink.Rows(Calculators.Water));
    }

    [Fact]
    public async Task FailureOnTheLastDelivery_IsDeadLetteredWithItsCause()
    {
        _sink.FailNext = _attemptsPerDelivery;

        await Handle(CalculatorSubscriptions.MaterialsRoute, await Messages.Sent(new UsageBatchParsed(Guid.NewGuid(), 1, TestLines.Unmapped(2))), deliveryCount: _maxDeliveryCount);

        var settled = Assert.Single(_receiver.Settled);
        Assert.Equal(SettlementAction.DeadLetter, settled.Action);
        Assert.Equal(SettlementPolicy.DeliveriesExhausted, settled.Reason);
        Assert.Contains("table storage unavailable (simulated)", settled.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RedeliveryAfterATransientFailure_Completes()
    {
        _sink.FailNext = _attemptsPerDelivery;
        var sent = await Messages.Sent(new UsageBatchParsed(Guid.NewGuid(), 1, TestLines.Unmapped(2)));

        await Handle(CalculatorSubscriptions.EnergyRoute, sent, deliveryCount: 1);
        await Handle(CalculatorSubscriptions.EnergyRoute, sent, deliveryCount: 2);

        Assert.Equal([SettlementAction.Abandon, SettlementAction.Complete], _receiver.Settled.Select(s => s.Action));
        Assert.Equal(2, _sink.Rows(Calculators.Energy));
    }

    [Fact]
    public async Task UnreadableJson_IsDeadLetteredOnItsFirstDelivery()
    {
        var poison = ServiceBusModelFactory.ServiceBusReceivedMessage(
            body: BinaryData.FromString("{\"importId\": \"not-a-guid\", \"lines\": ["),
            messageId: "poison-1",
            subject: nameof(UsageBatchParsed),
            deliveryCount: 1);

        await Handle(CalculatorSubscriptions.EnergyRoute, poison);

        var settled = Assert.Single(_receiver.Settled);
        Assert.Equal(SettlementAction.DeadLetter, settled.Action);
        Assert.Equal(SettlementPolicy.DeserializationFailed, settled.Reason);
        Assert.Contains("poison-1", settled.Description, StringComparison.Ordinal);
        Assert.Equal(0, _sink.Writes);
    }

    [Fact]
    public async Task BatchMissingRequiredFields_IsDeadLettered()
    {
        var incomplete = ServiceBusModelFactory.ServiceBusReceivedMessage(
            body: BinaryData.FromString($"{{\"importId\":\"{Guid.NewGuid()}\",\"batchNumber\":1,\"lines\":[{{\"sourceRow\":1}}]}}"),
            messageId: "incomplete-1",
            subject: nameof(UsageBatchParsed),
            deliveryCount: 1);

        await Handle(CalculatorSubscriptions.EnergyRoute, incomplete);

        Assert.Equal((SettlementAction.DeadLetter, SettlementPolicy.DeserializationFailed), Assert.Single(_receiver.Settled) is var s ? (s.Action, s.Reason) : default);
    }

    [Fact]
    public async Task SubjectTheSubscriptionDoesNotHandle_IsDeadLettered()
    {
        var sent = await Messages.Sent(new ImportParsed(Guid.NewGuid(), 1, 10, 0));

        await Handle(CalculatorSubscriptions.EnergyRoute, sent);

        var settled = Assert.Single(_receiver.Settled);
        Assert.Equal((SettlementAction.DeadLetter, "UnexpectedSubject"), (settled.Action, settled.Reason));
    }

    [Fact]
    public async Task TrackerFailureInsideTheCalculatorMessage_AbandonsTheBatch()
    {
        // BatchEstimated goes to the tracker inside the same mediator call: if recording it fails,
        // the batch must be redelivered, or the import would never complete.
        _progress.FailEstimated = true;

        var settlement = await Handle(CalculatorSubscriptions.EnergyRoute, await Messages.Sent(new UsageBatchParsed(Guid.NewGuid(), 1, TestLines.Unmapped(2))));

        Assert.Equal(Settlement.Abandon, settlement);
    }

    [Fact]
    public async Task DuplicateDelivery_NeitherDoubleCountsRowsNorCompletesTheImportTwice()
    {
        var importId = Guid.NewGuid();
        var batch = await Messages.Sent(new UsageBatchParsed(importId, 1, TestLines.Unmapped(4)));

        await Handle(CalculatorSubscriptions.TrackerRoute, await Messages.Sent(new ImportParsed(importId, 1, 4, 0)));
        await Handle(CalculatorSubscriptions.EnergyRoute, batch);
        await Handle(CalculatorSubscriptions.WaterRoute, batch);
        await Handle(CalculatorSubscriptions.MaterialsRoute, batch);
        Assert.Equal(1, _progress.Completions);

        // The energy subscription gets the same message again (lock lost, or a crash before completion).
        await Handle(CalculatorSubscriptions.EnergyRoute, batch, deliveryCount: 2);

        Assert.All(_receiver.Settled, s => Assert.Equal(SettlementAction.Complete, s.Action));
        Assert.Equal(5, _receiver.Settled.Count);
        Assert.Equal(4, _sink.Writes);
        Assert.Equal(4, _sink.Rows(Calculators.Energy));
        Assert.Equal(1, _progress.Completions);
    }

    [Fact]
    public async Task ClaimCheckedBatch_IsReadFromTheBlobAndProcessed()
    {
        var container = await Azurite.NewContainerAsync("claimcheck");
        try
        {
            var claimCheck = new ClaimCheckStore(container);
            var sender = new RecordingSender();
            var batch = new UsageBatchParsed(Guid.NewGuid(), 1, TestLines.Unmapped(40));
            await new ServiceBusBatchPublisher(sender, sender, claimCheck, maxInlineBodyBytes: 512).PublishAsync(batch, CancellationToken.None);

            var settlement = await Handle(CalculatorSubscriptions.EnergyRoute, Assert.Single(sender.Sent), claimCheck: claimCheck);

            Assert.Equal(Settlement.Complete, settlement);
            Assert.Equal(40, _sink.Rows(Calculators.Energy));
        }
        finally
        {
            await container.DeleteIfExistsAsync();
        }
    }

    [Fact]
    public async Task ClaimCheckBlobMissing_IsDeadLettered()
    {
        var container = await Azurite.NewContainerAsync("claimcheck");
        try
        {
            var message = ServiceBusModelFactory.ServiceBusReceivedMessage(
                body: new BinaryData([]),
                messageId: "gone-1",
                subject: nameof(UsageBatchParsed),
                properties: new Dictionary<string, object> { [MessageProperties.ClaimCheckBlob] = "missing/1.json" },
                deliveryCount: 1);

            await Handle(CalculatorSubscriptions.EnergyRoute, message, claimCheck: new ClaimCheckStore(container));

            Assert.Equal((SettlementAction.DeadLetter, "ClaimCheckMissing"), Assert.Single(_receiver.Settled) is var s ? (s.Action, s.Reason) : default);
        }
        finally
        {
            await container.DeleteIfExistsAsync();
        }
    }

    [Fact]
    public async Task ImportCompletedConsumer_AddedToEveryMediator_RunsOnceWhenTheImportCompletes()
    {
        var completed = new List<ImportCompleted>();
        Action<IMediatorConfigurator, IServiceProvider> addEventConsumers = (mediator, _) => mediator.Handler<ImportCompleted>(context =>
        {
            lock (completed) completed.Add(context.Message);
            return Task.CompletedTask;
        });
        var importId = Guid.NewGuid();
        var batch = await Messages.Sent(new UsageBatchParsed(importId, 1, TestLines.Unmapped(2)));

        await Handle(CalculatorSubscriptions.TrackerRoute, Messages.Received(await Messages.Sent(new ImportParsed(importId, 1, 2, 0))), addEventConsumers: addEventConsumers);
        foreach (var route in new[] { CalculatorSubscriptions.EnergyRoute, CalculatorSubscriptions.WaterRoute, CalculatorSubscriptions.MaterialsRoute, CalculatorSubscriptions.WaterRoute })
            await Handle(route, Messages.Received(batch), addEventConsumers: addEventConsumers);

        var only = Assert.Single(completed);
        Assert.Equal((importId, 1), (only.ImportId, only.BatchCount));
    }

    private Task<Settlement> Handle(SubscriptionRoute route, ServiceBusMessage sent, int deliveryCount = 1, ClaimCheckStore? claimCheck = null) =>
        Handle(route, Messages.Received(sent, deliveryCount), claimCheck);

    private Task<Settlement> Handle(
        SubscriptionRoute route,
        ServiceBusReceivedMessage received,
        ClaimCheckStore? claimCheck = null,
        Action<IMediatorConfigurator, IServiceProvider>? addEventConsumers = null)
    {
        var handler = SubscriptionMessageHandler.Create(route, _services, claimCheck, _maxDeliveryCount, NullLogger.Instance, addEventConsumers);
        return handler.HandleAsync(new ProcessMessageEventArgs(received, _receiver, CancellationToken.None));
    }
}

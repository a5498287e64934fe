using Empreinte.Application.Calculators;
using Empreinte.Application.Importing;
using Empreinte.Application.Results;
using Empreinte.Application.Tracking;
using Empreinte.Contracts;
using Empreinte.Domain.Calculators;
using Empreinte.Domain.Factors;
using Empreinte.Ingestion;
using Empreinte.TestSupport;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Empreinte.Application.Tests;

/// <summary>
/// The calculators and the tracker over MassTransit's in-memory test harness. Completion is awaited
/// through <see cref="ImportSignals"/> (not the harness's inactivity heuristics, which a busy
/// machine can trip early); the harness then shows what was consumed and published.
/// </summary>
public sealed class CalculatorHarnessTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task EveryCalculator_ConsumesEveryBatch_AndNothingFaults()
    {
        var sink = new CountingSink();
        await using var provider = Services(bus =>
        {
            bus.AddCalculatorConsumers();
            bus.AddImportTracker();
            bus.AddImportSignals();
        }).AddSingleton<IEstimateSink>(sink).BuildServiceProvider(true);
        var harness = provider.GetRequiredService<ITestHarness>();
        await harness.Start();
        var importId = Guid.NewGuid();
        var completed = provider.GetRequiredService<ImportSignals>().WhenCompleted(importId);
        var path = RepositoryPaths.SharedSample("focus/focus-1.0_sample_1000_multicloud.csv");
        using var file = ExportReader.Open(path);

        var report = await new ImportService(harness.Bus, FactorSet.Embedded).ImportAsync(importId, [(file, path)], batchSize: 100);
        var completion = await completed.WaitAsync(s_timeout);

        Assert.Equal(10, report.BatchCount);
        Assert.Equal(10, completion.BatchCount);
        foreach (var consumed in new[]
        {
            harness.GetConsumerHarness<EnergyConsumer>().Consumed,
            harness.GetConsumerHarness<WaterConsumer>().Consumed,
            harness.GetConsumerHarness<MaterialsConsumer>().Consumed,
        })
        {
            var batches = consumed.Select<UsageBatchParsed>().Select(m => m.Context.Message.BatchNumber).Order().ToList();
            Assert.Equal(Enumerable.Range(1, report.BatchCount), batches);
        }

        Assert.Equal(3 * report.BatchCount, harness.Published.Select<BatchEstimated>().Count());
        Assert.False(harness.Published.Select<Fault<UsageBatchParsed>>().Any(), "a calculator faulted");
        Assert.False(harness.Published.Select<Fault<BatchEstimated>>().Any(), "the tracker faulted");
        Assert.Equal(1000, sink.LinesPerCalculator[Contracts.Calculators.Energy]);
        Assert.Equal(1000, sink.LinesPerCalculator[Contracts.Calculators.Water]);
        Assert.Equal(1000, sink.LinesPerCalculator[Contracts.Calculators.Materials]);
    }

    [Fact]
    public async Task DuplicateDeliveries_CompleteTheImportOnce()
    {
        await using var provider = Services(bus =>
        {
            bus.AddImportTracker();
            bus.AddImportSignals();
        }).BuildServiceProvider(true);
        var harness = provider.GetRequiredService<ITestHarness>();
        await harness.Start();
        var importId = Guid.NewGuid();
        var completed = provider.GetRequiredService<ImportSignals>().WhenCompleted(importId);

        foreach (var calculator in Contracts.Calculators.All)
        {
            // Every event delivered twice: at-least-once delivery.
            await harness.Bus.Publish(new BatchEstimated(importId, 1, calculator, 10));
            await harness.Bus.Publish(new BatchEstimated(importId, 1, calculator, 10));
        }

        await harness.Bus.Publish(new ImportParsed(importId, 1, 10, 0));
        await harness.Bus.Publish(new ImportParsed(importId, 1, 10, 0));
        await completed.WaitAsync(s_timeout);
        await harness.InactivityTask;

        Assert.Equal(1, harness.Published.Select<ImportCompleted>().Count(m => m.Context.Message.ImportId == importId));
    }

    private static IServiceCollection Services(Action<IBusRegistrationConfigurator> configure) => new ServiceCollection()
        .AddSingleton(FactorSet.Embedded)
        .AddSingleton(TimeProvider.System)
        .AddSingleton<ImportSignals>()
        .AddSingleton<IImportProgressStore, InMemoryImportProgressStore>()
        .AddMassTransitTestHarness(configure);

    /// <summary>Counts the lines each calculator wrote.</summary>
    private sealed class CountingSink : IEstimateSink
    {
        private readonly Lock _lock = new();

        public Dictionary<string, int> LinesPerCalculator { get; } = [];

        public Task WriteEnergyAsync(EstimatedBatch<EnergyEstimate> batch, CancellationToken cancellationToken) => Count(Contracts.Calculators.Energy, batch.Lines.Count);

        public Task WriteWaterAsync(EstimatedBatch<WaterEstimate> batch, CancellationToken cancellationToken) => Count(Contracts.Calculators.Water, batch.Lines.Count);

        public Task WriteMaterialsAsync(EstimatedBatch<MaterialsEstimate> batch, CancellationToken cancellationToken) => Count(Contracts.Calculators.Materials, batch.Lines.Count);

        private Task Count(string calculator, int lines)
        {
            lock (_lock) LinesPerCalculator[calculator] = LinesPerCalculator.GetValueOrDefault(calculator) + lines;
            return Task.CompletedTask;
        }
    }
}

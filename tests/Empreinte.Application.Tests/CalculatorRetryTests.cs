using Empreinte.Application.Calculators;
using Empreinte.Application.Results;
using Empreinte.Application.Tracking;
using Empreinte.Contracts;
using Empreinte.Domain.Calculators;
using Empreinte.Domain.Factors;
using Empreinte.Domain.Usage;
using MassTransit;
using MassTransit.Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace Empreinte.Application.Tests;

/// <summary>
/// The calculators' retry policy as every host registers it (<see cref="BusRegistration.AddCalculatorConsumers"/>,
/// here under a container Mediator as the in-process pipeline builds it): ordinary failures get a
/// few quick retries, failures a registered <see cref="StoreOutage"/> recognises get the longer ones.
/// </summary>
public sealed class CalculatorRetryTests
{
    private const int _lines = 3;

    [Fact]
    public async Task FailedWrite_IsRetried_ThenTheBatchIsWritten()
    {
        var sink = new FlakySink(failures: 1, _ => new IOException("disk busy (simulated)"));
        await using var provider = Mediator(sink);

        await provider.GetRequiredService<IMediator>().Publish(Batch());

        Assert.Equal(2, sink.Attempts(Contracts.Calculators.Energy));
        Assert.Equal(_lines, sink.LinesWritten(Contracts.Calculators.Energy));
    }

    [Fact]
    public async Task FailureThatOutlastsTheRetries_FailsThePublish_AfterOnePlusOneAttemptPerInterval()
    {
        var sink = new FlakySink(failures: int.MaxValue, _ => new IOException("disk full (simulated)"));
        await using var provider = Mediator(sink);

        var failure = await Assert.ThrowsAnyAsync<Exception>(() => provider.GetRequiredService<IMediator>().Publish(Batch()));

        Assert.Contains("disk full (simulated)", failure.ToString(), StringComparison.Ordinal);
        Assert.Equal(1 + CalculatorRetry.Intervals.Count, sink.Attempts(Contracts.Calculators.Energy));
        Assert.Equal(0, sink.LinesWritten(Contracts.Calculators.Energy));
    }

    [Fact]
    public async Task StoreOutage_IsRetriedLongerThanAnOrdinaryFailure()
    {
        // One more failure than the ordinary policy allows: only the outage policy gets past it.
        var failures = 1 + CalculatorRetry.Intervals.Count;
        var sink = new FlakySink(failures, _ => new OutageException());
        await using var provider = Mediator(sink, services => services.AddSingleton(new StoreOutage(e => e is OutageException)));

        await provider.GetRequiredService<IMediator>().Publish(Batch());

        Assert.Equal(failures + 1, sink.Attempts(Contracts.Calculators.Energy));
        Assert.Equal(_lines, sink.LinesWritten(Contracts.Calculators.Energy));
        Assert.True(CalculatorRetry.OutageIntervals.Count > failures, "the outage policy must outlast the ordinary one");
    }

    private static ServiceProvider Mediator(FlakySink sink, Action<IServiceCollection>? configure = null)
    {
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton(FactorSet.Embedded)
            .AddSingleton<IEstimateSink>(sink)
            .AddSingleton(TimeProvider.System)
            .AddSingleton<IImportProgressStore, InMemoryImportProgressStore>();
        configure?.Invoke(services);
        services.AddMediator(mediator => mediator.AddCalculatorConsumers());
        return services.BuildServiceProvider(true);
    }

    private static UsageBatchParsed Batch() => new(Guid.NewGuid(), 1, [.. Enumerable.Range(1, _lines).Select(row => new UsageLine
    {
        SourceFile = "export.csv",
        SourceRow = row,
        Provider = "Microsoft",
        ServiceName = "App Service",
        ChargeCategory = "Usage",
        Quantity = row,
        QuantityUnit = "Hours",
        Cost = 1.25m * row,
        Currency = "EUR",
        Status = LineStatuses.Unmapped,
        UsageKind = UsageKinds.Unmapped,
        Reason = "no physical model for this meter",
    })]);

    private sealed class OutageException() : Exception("store unreachable (simulated)");

    /// <summary>Fails the first <c>failures</c> writes of each calculator, then keeps the lines written.</summary>
    private sealed class FlakySink(int failures, Func<string, Exception> failure) : IEstimateSink
    {
        private readonly Dictionary<string, (int Attempts, int Lines)> _calls = [];
        private readonly Lock _lock = new();

        public int Attempts(string calculator) { lock (_lock) return _calls.GetValueOrDefault(calculator).Attempts; }

        public int LinesWritten(string calculator) { lock (_lock) return _calls.GetValueOrDefault(calculator).Lines; }

        public Task WriteEnergyAsync(EstimatedBatch<EnergyEstimate> batch, CancellationToken cancellationToken) => Write(Contracts.Calculators.Energy, batch.Lines.Count);

        public Task WriteWaterAsync(EstimatedBatch<WaterEstimate> batch, CancellationToken cancellationToken) => Write(Contracts.Calculators.Water, batch.Lines.Count);

        public Task WriteMaterialsAsync(EstimatedBatch<MaterialsEstimate> batch, CancellationToken cancellationToken) => Write(Contracts.Calculators.Materials, batch.Lines.Count);

        private Task Write(string calculator, int lines)
        {
            lock (_lock)
            {
                var (attempts, written) = _calls.GetValueOrDefault(calculator);
                attempts++;
                var fails = attempts <= failures;
                _calls[calculator] = (attempts, fails ? written : written + lines);
                return fails ? Task.FromException(failure(calculator)) : Task.CompletedTask;
            }
        }
    }
}

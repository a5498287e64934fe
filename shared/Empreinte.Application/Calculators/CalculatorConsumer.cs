using Empreinte.Application.Results;
using Empreinte.Contracts;
using Empreinte.Domain;
using Empreinte.Domain.Calculators;
using Empreinte.Domain.Factors;
using MassTransit;

namespace Empreinte.Application.Calculators;

/// <summary>
/// A calculator on its own endpoint: estimates every line of a batch, writes its own columns
/// through the sink, then says so with <see cref="BatchEstimated"/>. Redelivery is harmless: the
/// sink's writes are keyed and the tracker counts each (batch, calculator) once.
/// </summary>
public abstract class CalculatorConsumer<TEstimate>(FactorSet factors, IEstimateSink sink) : IConsumer<UsageBatchParsed>
{
    protected abstract string Calculator { get; }

    protected abstract TEstimate Estimate(UsageLine line, FactorSet factors, IMethodology methodology);

    /// <summary>The estimate of a line that has no footprint model (unmapped or excluded): zero, no flags.</summary>
    protected abstract TEstimate None { get; }

    protected abstract Task WriteAsync(IEstimateSink sink, EstimatedBatch<TEstimate> batch, CancellationToken cancellationToken);

    public async Task Consume(ConsumeContext<UsageBatchParsed> context)
    {
        var batch = context.Message;
        using var activity = EmpreinteTelemetry.StartCalculator(batch.ImportId, batch.BatchNumber, Calculator);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        // An unknown profile is a poison message: retrying cannot fix it.
        if (!Methodologies.TryGet(batch.Profile, out var methodology))
            throw new InvalidOperationException($"batch {batch.BatchNumber} of import {batch.ImportId} asks for unknown profile '{batch.Profile}'.");
        var estimates = new TEstimate[batch.Lines.Count];
        for (var i = 0; i < estimates.Length; i++)
        {
            var line = batch.Lines[i];
            estimates[i] = methodology.Covers(line) ? Estimate(line, factors, methodology) : None;
        }

        using (EmpreinteTelemetry.StartSink(batch.ImportId, batch.BatchNumber, Calculator))
            await WriteAsync(sink, new EstimatedBatch<TEstimate>(batch.ImportId, batch.BatchNumber, factors.Version, batch.Lines, estimates), context.CancellationToken);
        EmpreinteTelemetry.CalculatorDuration.Record(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds,
            new KeyValuePair<string, object?>(EmpreinteTelemetry.CalculatorTag, Calculator));
        await context.Publish(new BatchEstimated(batch.ImportId, batch.BatchNumber, Calculator, batch.Lines.Count), context.CancellationToken);
    }
}

public sealed class EnergyConsumer(FactorSet factors, IEstimateSink sink) : CalculatorConsumer<EnergyEstimate>(factors, sink)
{
    protected override string Calculator => Contracts.Calculators.Energy;

    protected override EnergyEstimate Estimate(UsageLine line, FactorSet factors, IMethodology methodology) => methodology.Energy(line, factors);

    protected override EnergyEstimate None => EnergyEstimate.None;

    protected override Task WriteAsync(IEstimateSink sink, EstimatedBatch<EnergyEstimate> batch, CancellationToken cancellationToken) =>
        sink.WriteEnergyAsync(batch, cancellationToken);
}

public sealed class WaterConsumer(FactorSet factors, IEstimateSink sink) : CalculatorConsumer<WaterEstimate>(factors, sink)
{
    protected override string Calculator => Contracts.Calculators.Water;

    protected override WaterEstimate Estimate(UsageLine line, FactorSet factors, IMethodology methodology) => methodology.Water(line, factors);

    protected override WaterEstimate None => WaterEstimate.None;

    protected override Task WriteAsync(IEstimateSink sink, EstimatedBatch<WaterEstimate> batch, CancellationToken cancellationToken) =>
        sink.WriteWaterAsync(batch, cancellationToken);
}

public sealed class MaterialsConsumer(FactorSet factors, IEstimateSink sink) : CalculatorConsumer<MaterialsEstimate>(factors, sink)
{
    protected override string Calculator => Contracts.Calculators.Materials;

    protected override MaterialsEstimate Estimate(UsageLine line, FactorSet factors, IMethodology methodology) => methodology.Materials(line, factors);

    protected override MaterialsEstimate None => MaterialsEstimate.None;

    protected override Task WriteAsync(IEstimateSink sink, EstimatedBatch<MaterialsEstimate> batch, CancellationToken cancellationToken) =>
        sink.WriteMaterialsAsync(batch, cancellationToken);
}

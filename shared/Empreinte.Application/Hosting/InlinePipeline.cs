using Empreinte.Application.Importing;
using Empreinte.Application.Results;
using Empreinte.Application.Tracking;
using Empreinte.Domain.Calculators;
using Empreinte.Domain.Factors;
using Empreinte.Ingestion;
using MassTransit;
using MassTransit.Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace Empreinte.Application.Hosting;

/// <summary>
/// The embedded pipeline over MassTransit's Mediator instead of the in-memory transport: the same
/// consumers, tracker and signals, but messages are handed over as objects. The in-memory
/// transport serialises every batch to JSON and deserialises it once per endpoint, which costs
/// far more than reading, classifying and estimating it (docs/benchmarks.md). Consumers run on
/// the publishing call (no overlap between ingestion and calculators); a consumer that still
/// fails after its retries fails the import with its exception.
/// </summary>
public static class InlinePipeline
{
    public static async Task<ImportReport> RunAsync(
        IReadOnlyList<(ExportFile File, string Path)> inputs,
        IEstimateSink sink,
        FactorSet factors,
        Guid? importId = null,
        int batchSize = ImportService.DefaultBatchSize,
        IProgress<long>? rowsProgress = null,
        CalculationProfile profile = CalculationProfile.Default,
        CancellationToken cancellationToken = default)
    {
        var id = importId ?? Guid.NewGuid();
        var services = new ServiceCollection().AddInProcessPipeline(factors, sink);
        services.AddMediator(mediator =>
        {
            mediator.AddCalculatorConsumers();
            mediator.AddImportTracker();
            mediator.AddImportSignals();
        });

        await using var provider = services.BuildServiceProvider();
        var signals = provider.GetRequiredService<ImportSignals>();
        var completion = signals.WhenCompleted(id);
        // No window: each publish returns once every consumer of the batch has run.
        var report = await new ImportService(provider.GetRequiredService<IMediator>(), factors).ImportAsync(id, inputs, batchSize, rowsProgress, profile, cancellationToken);
        await completion.WaitAsync(cancellationToken);
        return report;
    }
}

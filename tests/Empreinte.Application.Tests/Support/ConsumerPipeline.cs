using Empreinte.Application.Importing;
using Empreinte.Application.Results;
using Empreinte.Application.Tracking;
using Empreinte.Domain.Calculators;
using Empreinte.Domain.Factors;
using Empreinte.Ingestion;
using MassTransit;
using MassTransit.Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace Empreinte.Application.Tests.Support;

/// <summary>
/// The path <c>serve</c>, <c>worker</c> and Azure take, in one process: <see cref="ImportService"/>
/// publishes batches, the calculator consumers and the tracker take them (over MassTransit's
/// Mediator, so without a broker). The reference the in-process engine is compared with.
/// </summary>
public static class ConsumerPipeline
{
    public static async Task<ImportReport> RunAsync(IReadOnlyList<(ExportFile File, string Path)> inputs, IEstimateSink sink, FactorSet factors, Guid importId,
        int batchSize = ImportService.DefaultBatchSize, CalculationProfile profile = CalculationProfile.Default)
    {
        var services = new ServiceCollection().AddInProcessPipeline(factors, sink);
        services.AddMediator(mediator =>
        {
            mediator.AddCalculatorConsumers();
            mediator.AddImportTracker();
            mediator.AddImportSignals();
        });

        await using var provider = services.BuildServiceProvider();
        var completion = provider.GetRequiredService<ImportSignals>().WhenCompleted(importId);
        var report = await new ImportService(provider.GetRequiredService<IMediator>(), factors).ImportAsync(importId, inputs, batchSize, profile: profile);
        await completion.WaitAsync(TimeSpan.FromMinutes(5));
        return report;
    }
}

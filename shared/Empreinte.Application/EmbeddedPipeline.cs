using Empreinte.Application.Importing;
using Empreinte.Application.Results;
using Empreinte.Application.Tracking;
using Empreinte.Domain.Calculators;
using Empreinte.Domain.Factors;
using Empreinte.Ingestion;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace Empreinte.Application;

/// <summary>
/// The whole pipeline in one process over MassTransit's in-memory bus: ingestion publishes
/// batches, the three calculator consumers and the tracker run on their own endpoints, exactly as
/// over RabbitMQ or Service Bus. Used by the CLI's <c>estimate</c> and by the upload function.
/// </summary>
public static class EmbeddedPipeline
{
    /// <summary>Batches in flight per import (the <c>window</c> argument's default): bounds memory whatever the export size.</summary>
    public const int DefaultWindow = 8;

    public static async Task<ImportReport> RunAsync(
        IReadOnlyList<(ExportFile File, string Path)> inputs,
        IEstimateSink sink,
        FactorSet factors,
        Guid? importId = null,
        int batchSize = ImportService.DefaultBatchSize,
        IProgress<long>? rowsProgress = null,
        CalculationProfile profile = CalculationProfile.Default,
        int window = DefaultWindow,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(window);
        var id = importId ?? Guid.NewGuid();
        var batchWindow = new BatchWindow(window);
        var services = new ServiceCollection().AddInProcessPipeline(factors, sink);
        services.AddSingleton(batchWindow);
        services.AddMassTransit(bus =>
        {
            bus.AddCalculatorConsumers();
            bus.AddImportTracker();
            bus.AddImportSignals();
            bus.UsingInMemory((context, cfg) =>
            {
                cfg.ConfigureEndpoints(context);
            });
        });

        await using var provider = services.BuildServiceProvider();
        var control = provider.GetRequiredService<IBusControl>();
        await control.StartAsync(cancellationToken);
        try
        {
            var signals = provider.GetRequiredService<ImportSignals>();
            var completion = signals.WhenCompleted(id);
            var importer = new ImportService(control, factors, batchWindow);
            var importing = importer.ImportAsync(id, inputs, batchSize, rowsProgress, profile, cancellationToken);

            // A calculator fault ends the import at once instead of leaving ingestion waiting on the window.
            var first = await Task.WhenAny(importing, completion);
            if (first == completion) await completion;
            var report = await importing;
            await completion.WaitAsync(cancellationToken);
            return report;
        }
        finally
        {
            batchWindow.Forget(id);
            await control.StopAsync(CancellationToken.None);
        }
    }
}

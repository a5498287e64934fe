using Empreinte.Application;
using Empreinte.Application.Estimating;
using Empreinte.Application.Files;
using Empreinte.Application.Importing;
using Empreinte.Application.Results;
using Empreinte.Application.Tracking;
using Empreinte.Domain.Factors;
using Empreinte.Generator;
using Empreinte.Ingestion;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace Empreinte.Scale.Tests;

/// <summary>
/// The in-process engine against the calculator consumers over MassTransit's in-memory transport
/// (every batch serialised, as over a broker): the same bytes in summary.json, unmapped.csv and
/// lines.csv on generated exports, where many lines share a key and most quantities repeat.
/// </summary>
public sealed class InProcessPipelineTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("empreinte-engine-").FullName;

    [Theory]
    [InlineData("focus")]
    [InlineData("azure-ea")]
    public async Task Engine_WritesTheSameBytesAsTheConsumersOverTheBus(string shape)
    {
        var path = Path.Combine(_directory, shape + ".csv");
        GeneratedFile.Write(path, 5_000, seed: 11, shape);
        var importId = Guid.NewGuid();

        var bus = await RunAsync(path, "bus", (inputs, sink) => OverTheBusAsync(inputs, sink, importId));
        var engine = await RunAsync(path, "engine", (inputs, sink) => InProcessPipeline.RunAsync(inputs, sink, FactorSet.Embedded, importId));

        Assert.Equal(5_000, engine.Aggregate.Total);
        Assert.True(engine.Aggregate.Total > engine.Aggregate.Unmapped);
        // The bus may complete batches in any order: lines.csv holds the same rows, in batch order for the engine.
        Assert.Equal(File.ReadLines(Path.Combine(_directory, "bus", "lines.csv")).Order(StringComparer.Ordinal),
            File.ReadLines(Path.Combine(_directory, "engine", "lines.csv")).Order(StringComparer.Ordinal));
        Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(_directory, "bus", "unmapped.csv")), await File.ReadAllBytesAsync(Path.Combine(_directory, "engine", "unmapped.csv")));
        // Totals are sums in line order over the bus only when batches complete in order; compare them to rounding.
        Assert.Equal(bus.Totals.EnergyKwh.Central, engine.Totals.EnergyKwh.Central, 1e-9 * bus.Totals.EnergyKwh.Central);
        Assert.Equal(bus.Totals.WaterLitres.Central, engine.Totals.WaterLitres.Central, 1e-9 * bus.Totals.WaterLitres.Central);
        Assert.Equal(bus.Totals.EmbodiedKgCo2e.Central, engine.Totals.EmbodiedKgCo2e.Central, 1e-9 * bus.Totals.EmbodiedKgCo2e.Central);
    }

    private async Task<(FootprintAggregator Aggregate, SummaryTotals Totals)> RunAsync(string path, string name,
        Func<IReadOnlyList<(ExportFile, string)>, IEstimateSink, Task<ImportReport>> run)
    {
        using var export = ExportReader.Open(path);
        using var sink = new FileResultSink(Path.Combine(_directory, name), LinesFormat.Csv);
        var report = await run([(export, path)], sink);
        var summary = await sink.CompleteAsync(report, FactorSet.Embedded.Version, CancellationToken.None);
        return (sink.Aggregate, summary.Totals);
    }

    /// <summary>ImportService publishing over the in-memory transport to the three calculator consumers and the tracker.</summary>
    private static async Task<ImportReport> OverTheBusAsync(IReadOnlyList<(ExportFile, string)> inputs, IEstimateSink sink, Guid importId)
    {
        var window = new BatchWindow(BatchWindow.DefaultWindow);
        var services = new ServiceCollection().AddInProcessPipeline(FactorSet.Embedded, sink);
        services.AddSingleton(window);
        services.AddMassTransit(bus =>
        {
            bus.AddCalculatorConsumers();
            bus.AddImportTracker();
            bus.AddImportSignals();
            bus.UsingInMemory((context, cfg) => cfg.ConfigureEndpoints(context));
        });

        await using var provider = services.BuildServiceProvider();
        var control = provider.GetRequiredService<IBusControl>();
        await control.StartAsync();
        try
        {
            var completion = provider.GetRequiredService<ImportSignals>().WhenCompleted(importId);
            var report = await new ImportService(control, FactorSet.Embedded, window).ImportAsync(importId, inputs);
            await completion.WaitAsync(TimeSpan.FromMinutes(5));
            return report;
        }
        finally
        {
            window.Forget(importId);
            await control.StopAsync();
        }
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}

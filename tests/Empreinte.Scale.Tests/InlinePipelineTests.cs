using Empreinte.Application;
using Empreinte.Application.Files;
using Empreinte.Application.Hosting;
using Empreinte.Domain.Factors;
using Empreinte.Generator;
using Empreinte.Ingestion;

namespace Empreinte.Scale.Tests;

/// <summary>The Mediator pipeline (no serialisation) is a drop-in for the in-memory bus one.</summary>
public sealed class InlinePipelineTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("empreinte-inline-").FullName;

    [Fact]
    public async Task InlinePipeline_GivesTheSameResultsAsTheInMemoryBus()
    {
        var path = Path.Combine(_directory, "focus.csv");
        GeneratedFile.Write(path, 5_000, seed: 11);

        var bus = await Run(path, "bus", inline: false);
        var inline = await Run(path, "inline", inline: true);

        Assert.Equal(5_000, inline.Total);
        Assert.Equal((bus.Total, bus.Mapped, bus.Unmapped, bus.Excluded), (inline.Total, inline.Mapped, inline.Unmapped, inline.Excluded));
        Assert.True(bus.EnergyKwh.Central > 0);
        // Sums of the same doubles in a different batch order: equal up to rounding.
        Assert.Equal(bus.EnergyKwh.Central, inline.EnergyKwh.Central, 1e-9 * bus.EnergyKwh.Central);
        Assert.Equal(bus.WaterLitres.Central, inline.WaterLitres.Central, 1e-9 * bus.WaterLitres.Central);
        Assert.Equal(bus.EmbodiedKgCo2e.Central, inline.EmbodiedKgCo2e.Central, 1e-9 * bus.EmbodiedKgCo2e.Central);
        Assert.Equal(File.ReadLines(Path.Combine(_directory, "bus", "lines.csv")).Order(StringComparer.Ordinal),
            File.ReadLines(Path.Combine(_directory, "inline", "lines.csv")).Order(StringComparer.Ordinal));
    }

    private sealed record Totals(long Total, long Mapped, long Unmapped, long Excluded, Domain.Uncertain EnergyKwh, Domain.Uncertain WaterLitres, Domain.Uncertain EmbodiedKgCo2e);

    private async Task<Totals> Run(string path, string name, bool inline)
    {
        var factors = FactorSet.Embedded;
        using var export = ExportReader.Open(path);
        using var sink = new FileResultSink(Path.Combine(_directory, name));
        var report = inline
            ? await InlinePipeline.RunAsync([(export, path)], sink, factors)
            : await EmbeddedPipeline.RunAsync([(export, path)], sink, factors);
        var summary = await sink.CompleteAsync(report, factors.Version, CancellationToken.None);
        var a = sink.Aggregate;
        return new Totals(a.Total, a.Mapped, a.Unmapped, a.Excluded,
            Range(summary.Totals.EnergyKwh), Range(summary.Totals.WaterLitres), Range(summary.Totals.EmbodiedKgCo2e));
    }

    private static Domain.Uncertain Range(Application.Results.SummaryRange range) => new(range.Low, range.Central, range.High);

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}

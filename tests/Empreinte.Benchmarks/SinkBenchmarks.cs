using BenchmarkDotNet.Attributes;
using Empreinte.Application.Files;
using Empreinte.Application.Results;
using Empreinte.Contracts;
using Empreinte.Domain.Calculators;
using Empreinte.Domain.Factors;
using Empreinte.Domain.Usage;

namespace Empreinte.Benchmarks;

/// <summary>The file sink: joining the three calculators' parts of 10 batches of 1,000 lines and writing lines.csv.</summary>
[MemoryDiagnoser]
public class SinkBenchmarks
{
    private const int _batchSize = 1000;
    private readonly List<(UsageLine[] Lines, EnergyEstimate[] Energy, WaterEstimate[] Water, MaterialsEstimate[] Materials)> _batches = [];
    private string _directory = "";

    [GlobalSetup]
    public void Setup()
    {
        var factors = FactorSet.Embedded;
        var lines = BenchmarkData.Lines(10_000).Where(l => l.Status == LineStatuses.Mapped).ToList();
        foreach (var chunk in lines.Chunk(_batchSize))
        {
            _batches.Add((chunk,
                chunk.Select(l => EnergyCalculator.Estimate(l, factors)).ToArray(),
                chunk.Select(l => WaterCalculator.Estimate(l, factors)).ToArray(),
                chunk.Select(l => MaterialsCalculator.Estimate(l, factors)).ToArray()));
        }

        _directory = Path.Combine(Path.GetTempPath(), "empreinte-bench", "sink-" + Guid.NewGuid().ToString("N"));
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
    }

    [Benchmark]
    public async Task<long> FileSinkWrite()
    {
        var importId = Guid.NewGuid();
        using var sink = new FileResultSink(_directory, LinesFormat.Csv);
        var version = FactorSet.Embedded.Version;
        for (var i = 0; i < _batches.Count; i++)
        {
            var (lines, energy, water, materials) = _batches[i];
            await sink.WriteEnergyAsync(new EstimatedBatch<EnergyEstimate>(importId, i + 1, version, lines, energy), default);
            await sink.WriteWaterAsync(new EstimatedBatch<WaterEstimate>(importId, i + 1, version, lines, water), default);
            await sink.WriteMaterialsAsync(new EstimatedBatch<MaterialsEstimate>(importId, i + 1, version, lines, materials), default);
        }

        return sink.Aggregate.Total;
    }
}

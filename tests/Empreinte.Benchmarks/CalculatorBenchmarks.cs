using BenchmarkDotNet.Attributes;
using Empreinte.Contracts;
using Empreinte.Domain.Calculators;
using Empreinte.Domain.Factors;
using Empreinte.Domain.Usage;

namespace Empreinte.Benchmarks;

/// <summary>The three calculators over 10k classified lines (mapped lines only, as the consumers do).</summary>
[MemoryDiagnoser]
public class CalculatorBenchmarks
{
    private List<UsageLine> _lines = [];
    private FactorSet _factors = null!;

    [GlobalSetup]
    public void Setup()
    {
        _factors = FactorSet.Embedded;
        _lines = BenchmarkData.Lines(10_000).Where(l => l.Status == LineStatuses.Mapped).ToList();
    }

    [Benchmark]
    public double Energy10k()
    {
        var total = 0.0;
        foreach (var line in _lines) total += EnergyCalculator.Estimate(line, _factors).EnergyKwh.Central;
        return total;
    }

    [Benchmark]
    public double Water10k()
    {
        var total = 0.0;
        foreach (var line in _lines) total += WaterCalculator.Estimate(line, _factors).WaterLitres.Central;
        return total;
    }

    [Benchmark]
    public double Materials10k()
    {
        var total = 0.0;
        foreach (var line in _lines) total += MaterialsCalculator.Estimate(line, _factors).EmbodiedKgCo2e.Central;
        return total;
    }
}

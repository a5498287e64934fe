using BenchmarkDotNet.Attributes;
using Empreinte.Contracts;
using Empreinte.Domain.Classification;
using Empreinte.Domain.Factors;
using Empreinte.Domain.Usage;
using Empreinte.Ingestion;

namespace Empreinte.Benchmarks;

/// <summary>Reading a generated 100k-row FOCUS file: bare Sep (every cell touched) against ExportReader (parse + normalise).</summary>
[MemoryDiagnoser]
public class ReaderBenchmarks
{
    private string _path = "";

    [GlobalSetup]
    public void Setup() => _path = BenchmarkData.File();

    [Benchmark(Baseline = true)]
    public long BareSep() => SepBaseline.TouchEveryCell(_path).Cells;

    [Benchmark]
    public long ExportReaderRows()
    {
        using var file = ExportReader.Open(_path);
        long accepted = 0;
        foreach (var row in file.Rows())
            if (row.Record is not null) accepted++;
        return accepted;
    }
}

/// <summary>Classification of 10k normalised records (regexes, catalogue look-ups, the <c>with</c> copies).</summary>
[MemoryDiagnoser]
public class ClassifierBenchmarks
{
    private List<UsageRecord> _records = [];
    private UsageClassifier _classifier = null!;

    [GlobalSetup]
    public void Setup()
    {
        _records = BenchmarkData.Records(10_000);
        _classifier = new UsageClassifier(FactorSet.Embedded);
    }

    [Benchmark]
    public int Classify10k()
    {
        var mapped = 0;
        foreach (var record in _records)
            if (_classifier.Classify(record).Status == LineStatuses.Mapped) mapped++;
        return mapped;
    }
}

using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Empreinte.Contracts;
using MassTransit.Serialization;

namespace Empreinte.Benchmarks;

/// <summary>
/// What MassTransit's in-memory transport does to every batch: System.Text.Json with MassTransit's
/// options, once on publish and once per receiving endpoint (three calculators).
/// </summary>
[MemoryDiagnoser]
public class TransportBenchmarks
{
    private UsageBatchParsed _batch = null!;
    private byte[] _json = [];

    [GlobalSetup]
    public void Setup()
    {
        _batch = new UsageBatchParsed(Guid.NewGuid(), 1, BenchmarkData.Lines(1000));
        _json = JsonSerializer.SerializeToUtf8Bytes(_batch, SystemTextJsonMessageSerializer.Options);
    }

    [Benchmark]
    public int Serialize1000Lines() => JsonSerializer.SerializeToUtf8Bytes(_batch, SystemTextJsonMessageSerializer.Options).Length;

    [Benchmark]
    public int Deserialize1000Lines() => JsonSerializer.Deserialize<UsageBatchParsed>(_json, SystemTextJsonMessageSerializer.Options)!.Lines.Count;
}

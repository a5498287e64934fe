using Empreinte.Application.Estimating;
using Empreinte.Application.Files;
using Empreinte.Application.Importing;
using Empreinte.Application.Results;
using Empreinte.Application.Tests.Support;
using Empreinte.Domain.Calculators;
using Empreinte.Domain.Factors;
using Empreinte.Ingestion;

namespace Empreinte.Application.Tests.Estimating;

/// <summary>
/// The in-process engine (two threads, each distinct line estimated once) writes byte for byte what
/// the calculator consumers write: summary.json, unmapped.csv and lines.csv, on every readable
/// sample export, under both profiles and with batches that do not divide the files.
/// </summary>
public sealed class InProcessPipelineTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("empreinte-engine-").FullName;

    public static TheoryData<string> SampleExports()
    {
        var data = new TheoryData<string>();
        var shared = Path.GetFullPath(Path.Combine(Samples.RepositoryRoot, "..", "shared", "samples"));
        foreach (var file in Directory.EnumerateFiles(Path.Combine(Samples.RepositoryRoot, "samples")).Order(StringComparer.Ordinal))
            data.Add(Path.GetRelativePath(Samples.RepositoryRoot, file));
        if (Directory.Exists(shared))
        {
            foreach (var file in Directory.EnumerateFiles(shared, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                if (Path.GetExtension(file) is ".md" or ".txt") continue;
                data.Add(Path.GetRelativePath(Samples.RepositoryRoot, file));
            }
        }
        else if (Environment.GetEnvironmentVariable("CI") == "true")
        {
            throw new InvalidOperationException($"{shared} is missing: CI lays the shared samples beside the checkout.");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(SampleExports))]
    public async Task Engine_WritesTheSameBytesAsTheConsumers(string sample)
    {
        var path = Path.GetFullPath(Path.Combine(Samples.RepositoryRoot, sample));
        ExportFile export;
        try
        {
            export = ExportReader.Open(path);
        }
        catch (ExportFormatException)
        {
            return; // Not an export (a schema, a manifest): nothing to estimate on either path.
        }

        export.Dispose();
        var compared = 0;
        foreach (var profile in new[] { CalculationProfile.Default, CalculationProfile.Ccf })
        {
            var consumers = await RunAsync(path, "consumers", profile, (inputs, sink, id) => ConsumerPipeline.RunAsync(inputs, sink, FactorSet.Embedded, id, batchSize: 7, profile: profile));
            var engine = await RunAsync(path, "engine", profile, (inputs, sink, id) => InProcessPipeline.RunAsync(inputs, sink, FactorSet.Embedded, id, batchSize: 7, profile: profile));
            foreach (var file in new[] { "summary.json", "unmapped.csv", "lines.csv" })
            {
                Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(consumers, file)), await File.ReadAllBytesAsync(Path.Combine(engine, file)));
                compared++;
            }
        }

        Assert.Equal(6, compared);
    }

    [Fact]
    public void Engine_ClassifiesARepeatedLineOnce()
    {
        var estimator = new KeyedLineEstimator(FactorSet.Embedded, CalculationProfile.Default);
        using var export = ExportReader.Open(Samples.Focus1000);
        var records = export.Rows().Where(r => r.Record is not null).Select(r => r.Record!).ToList();
        var first = records[0];
        var twin = first with { SourceRow = 99_999, ResourceId = "another-resource", Tags = "{\"env\":\"dev\"}" };

        var (line, entry) = estimator.Classify(first);
        var (twinLine, twinEntry) = estimator.Classify(twin);

        Assert.Same(entry, twinEntry);
        Assert.Equal((1, 1), (estimator.Hits, estimator.Misses));
        Assert.Equal((99_999L, "another-resource", "{\"env\":\"dev\"}"), (twinLine.SourceRow, twinLine.ResourceId, twinLine.Tags));
        Assert.Equal(line with { SourceRow = twinLine.SourceRow, ResourceId = twinLine.ResourceId, Tags = twinLine.Tags }, twinLine);
        Assert.Same(estimator.Energy(entry), estimator.Energy(twinEntry));
    }

    [Fact]
    public void Engine_KeepsADifferentQuantityApart()
    {
        var estimator = new KeyedLineEstimator(FactorSet.Embedded, CalculationProfile.Default);
        using var export = ExportReader.Open(Samples.Focus1000);
        var record = export.Rows().Select(r => r.Record).First(r => r is { Quantity: > 0 })!;

        var (_, once) = estimator.Classify(record);
        var (_, twice) = estimator.Classify(record with { Quantity = record.Quantity * 2 });

        Assert.NotSame(once, twice);
        Assert.Equal((0, 2), (estimator.Hits, estimator.Misses));
    }

    [Fact]
    public void Engine_WhenTheCacheIsFull_KeepsTheKeysThatRepeat()
    {
        var estimator = new KeyedLineEstimator(FactorSet.Embedded, CalculationProfile.Default);
        using var export = ExportReader.Open(Samples.Focus1000);
        var record = export.Rows().Select(r => r.Record).First(r => r is { Quantity: > 0 })!;
        estimator.Classify(record);
        estimator.Classify(record);

        // One-off quantities, as data transfer writes them, fill the cache past its bound.
        for (var i = 1; i <= KeyedLineEstimator.MaxKeys; i++) estimator.Classify(record with { Quantity = record.Quantity + i });
        var missesBefore = estimator.Misses;
        estimator.Classify(record);
        estimator.Classify(record with { Quantity = record.Quantity + 1 });

        Assert.Equal(missesBefore + 1, estimator.Misses);
    }

    private async Task<string> RunAsync(string path, string name, CalculationProfile profile,
        Func<IReadOnlyList<(ExportFile, string)>, IEstimateSink, Guid, Task<ImportReport>> run)
    {
        var directory = Path.Combine(_directory, name + "-" + profile);
        var importId = new Guid("5f0c6d1e-2a3b-4c5d-8e9f-0a1b2c3d4e5f");
        using var export = ExportReader.Open(path);
        using var sink = new FileResultSink(directory, LinesFormat.Csv);
        var report = await run([(export, path)], sink, importId);
        await sink.CompleteAsync(report, FactorSet.Embedded.Version, CancellationToken.None);
        return directory;
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}

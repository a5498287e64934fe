using System.Globalization;
using System.Text.Json;
using Empreinte.Generator;
using Xunit.Abstractions;

namespace Empreinte.Scale.Tests;

/// <summary>
/// The calculators (and the import tracker) over the real RabbitMQ transport: competing workers
/// split the batches and the totals do not depend on how many workers there were.
/// </summary>
public sealed class ScaleOutTests(ITestOutputHelper output) : IDisposable
{
    /// <summary>Rows of the generated export; EMPREINTE_SCALE_ROWS raises it for a throughput reading.</summary>
    private static readonly long _rows = long.TryParse(Environment.GetEnvironmentVariable("EMPREINTE_SCALE_ROWS"), CultureInfo.InvariantCulture, out var rows) ? rows : 20_000;

    private const int _batchSize = 500;

    private readonly string _directory = Directory.CreateTempSubdirectory("empreinte-scale-").FullName;

    [Fact]
    public async Task Import_WithThreeWorkers_GivesTheSameTotalsAsWithOne()
    {
        await RabbitMqBroker.EnsureReachableAsync();
        var path = Path.Combine(_directory, "focus.csv");
        GeneratedFile.Write(path, _rows, seed: 7);
        using var truth = JsonDocument.Parse(await File.ReadAllTextAsync(GeneratedFile.TruthPath(path)));
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));

        var oneSink = new ExactTotalsSink();
        var one = await ScaleOutRun.RunAsync(path, RabbitMqBroker.ForRun(), [new WorkerSink(oneSink)], _batchSize, timeout.Token);
        var threeSink = new ExactTotalsSink();
        var three = await ScaleOutRun.RunAsync(path, RabbitMqBroker.ForRun(), [new WorkerSink(threeSink), new WorkerSink(threeSink), new WorkerSink(threeSink)], _batchSize, timeout.Token);

        foreach (var (workers, run) in new[] { (1, one), (3, three) })
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{workers} worker(s): {run.Report.RowsRead:N0} rows in {run.Elapsed.TotalSeconds:N2} s = {run.Report.RowsRead / run.Elapsed.TotalSeconds:N0} rows/s; batch parts per worker: {string.Join(", ", run.BatchesPerWorker)}"));
        }

        var oneTotals = oneSink.Totals();
        var threeTotals = threeSink.Totals();
        Assert.Equal(_rows, oneTotals.Lines);
        Assert.Equal(truth.RootElement.GetProperty("rows").GetInt64(), one.Report.RowsRead);
        // The generator's services without a physical model (SQS, KMS, Key Vault) are first-party services with a
        // cost: the classifier maps them by the flagged cost proxy, so only the tax rows stay out of "mapped".
        Assert.Equal(_rows - Rows(truth, "tax"), oneTotals.Mapped);
        Assert.True(oneTotals.EnergyKwh > 0);
        // Identical to the last digit: the same lines, the same estimates, summed in the same order.
        Assert.Equal(oneTotals, threeTotals);
        // Competing consumers really shared the work: every worker estimated some batches.
        Assert.All(three.BatchesPerWorker, parts => Assert.True(parts > 0, $"a worker got no batch: {string.Join(", ", three.BatchesPerWorker)}"));
    }

    [Fact]
    public async Task Import_WhenEveryWriteFails_FaultsInsteadOfHanging()
    {
        await RabbitMqBroker.EnsureReachableAsync();
        var path = Path.Combine(_directory, "small.csv");
        GeneratedFile.Write(path, 2_000, seed: 3);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            ScaleOutRun.RunAsync(path, RabbitMqBroker.ForRun(), [new FailingSink()], _batchSize, timeout.Token));

        Assert.Contains("storage unavailable", failure.Message, StringComparison.Ordinal);
    }

    private static long Rows(JsonDocument truth, string kind) =>
        truth.RootElement.GetProperty("kinds").GetProperty(kind).GetProperty("rows").GetInt64();

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}

using System.Diagnostics;
using System.Net.Sockets;
using Empreinte.Application;
using Empreinte.Application.Files;
using Empreinte.Application.Results;
using Empreinte.Application.Tracking;
using Empreinte.Ingestion;
using Empreinte.RabbitMq;
using Empreinte.TestSupport;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using RabbitMQ.Client;
using Xunit.Abstractions;

namespace Empreinte.Cli.Tests;

/// <summary>One import in this process, seen through OpenTelemetry's in-memory exporter: the spans and metrics it produces.</summary>
public sealed class TelemetryTests(ITestOutputHelper output)
{
    [Fact]
    public async Task OneImport_ProducesImportBatchCalculatorAndSinkSpans_AndRowBatchLatencyMetrics()
    {
        var spans = new List<Activity>();
        var metrics = new List<Metric>();
        CliRun run;
        using (var traces = Sdk.CreateTracerProviderBuilder().AddSource(EmpreinteTelemetry.Name).AddInMemoryExporter(spans).Build())
        using (var meters = Sdk.CreateMeterProviderBuilder().AddMeter(EmpreinteTelemetry.Name).AddInMemoryExporter(metrics).Build())
        {
            run = await CliRun.EstimateAsync(RepositoryPaths.Sample("focus-1.0-small.csv"), "--quiet");
            traces.ForceFlush();
            meters.ForceFlush();
        }

        Assert.True(run.ExitCode == 0, run.Error);
        var importId = run.Summary().GetProperty("importId").GetString();
        // Other tests run in parallel in this process: keep this import's spans only.
        var mine = spans.Where(s => (s.GetTagItem(EmpreinteTelemetry.ImportIdTag) as string) == importId).ToList();
        foreach (var span in mine.OrderBy(s => s.StartTimeUtc))
            output.WriteLine($"span {span.DisplayName,-22} import {span.GetTagItem(EmpreinteTelemetry.ImportIdTag)} batch {span.GetTagItem(EmpreinteTelemetry.BatchTag)} parent {mine.FirstOrDefault(p => p.SpanId == span.ParentSpanId)?.DisplayName ?? "-"} {span.Duration.TotalMilliseconds:N1} ms");
        foreach (var metric in metrics.DistinctBy(m => m.Name))
            output.WriteLine($"metric {metric.Name} ({metric.Unit}, {metric.MetricType})");

        var import = Assert.Single(mine, s => s.DisplayName == "import");
        var batch = Assert.Single(mine, s => s.DisplayName == "batch");
        Assert.Equal(import.SpanId, batch.ParentSpanId);
        foreach (var calculator in new[] { "energy", "water", "materials" })
        {
            var calculate = Assert.Single(mine, s => s.DisplayName == "calculate " + calculator);
            Assert.Equal(batch.SpanId, calculate.ParentSpanId);
            var sink = Assert.Single(mine, s => s.DisplayName == "sink " + calculator);
            Assert.Equal(calculate.SpanId, sink.ParentSpanId);
        }

        var names = metrics.Select(m => m.Name).ToHashSet();
        foreach (var name in new[] { "empreinte.rows.read", "empreinte.rows.rejected", "empreinte.batches", "empreinte.calculator.duration" })
            Assert.Contains(name, names);
        Assert.True(Sum(metrics, "empreinte.rows.read") >= 20, "the 20 rows of the sample are counted");
        var latency = metrics.Last(m => m.Name == "empreinte.calculator.duration");
        var calculators = new HashSet<string>();
        foreach (ref readonly var point in latency.GetMetricPoints())
            foreach (var tag in point.Tags)
                if (tag.Key == EmpreinteTelemetry.CalculatorTag) calculators.Add((string)tag.Value!);
        Assert.Superset(new HashSet<string> { "energy", "water", "materials" }, calculators);
    }

    /// <summary>
    /// One import over the real RabbitMQ with <c>empreinte.bus.backlog</c> read every 200 ms: while no
    /// worker runs, its four batches wait in each calculator's queue and the gauge says 4 for each;
    /// once a worker runs, the import completes and the gauge falls to 0.
    /// </summary>
    [Fact]
    public async Task OneImportOverRabbitMq_ProducesItsSpans_AndTheBusBacklogOfEachQueue()
    {
        var rabbit = new RabbitMqOptions(RabbitMqOptions.LocalHost) { EndpointPrefix = "telemetry-" + Guid.NewGuid().ToString("N")[..8] };
        await RequireRabbitMqAsync(rabbit.Host);
        var queues = RabbitMqBacklogReader.QueueNames(rabbit);
        var calculatorQueues = queues.Take(3).ToList();
        var spans = new List<Activity>();
        var metrics = new List<Metric>();
        var sample = RepositoryPaths.Sample("focus-1.0-small.csv");
        var importId = Guid.NewGuid();
        using var traces = Sdk.CreateTracerProviderBuilder().AddSource(EmpreinteTelemetry.Name).AddInMemoryExporter(spans).Build();
        using var meters = Sdk.CreateMeterProviderBuilder().AddMeter(EmpreinteTelemetry.Name).AddInMemoryExporter(metrics).Build();
        try
        {
            // A worker declares the calculators' queues and goes: batches published now wait there.
            await using (var worker = await StartWorkerAsync(rabbit)) await worker.GetRequiredService<IBusControl>().StopAsync();

            var services = new ServiceCollection();
            services.AddEmpreinteImportHost(rabbit with { TemporaryQueues = true });
            await using var host = services.BuildServiceProvider();
            await host.GetRequiredService<IBusControl>().StartAsync();
            await using var backlog = BusBacklogPoller.Start(new RabbitMqBacklogReader(rabbit), TimeSpan.FromMilliseconds(200));
            using var export = ExportReader.Open(sample);
            var importing = host.GetRequiredService<RabbitMqImporter>().ImportAsync([(export, sample)], importId, batchSize: 5);

            await WaitUntilAsync(() => calculatorQueues.All(q => BusBacklog.Latest(q) == 4), "four batches waiting in each calculator queue");
            meters.ForceFlush();
            var waiting = Backlog(metrics);
            foreach (var queue in calculatorQueues) Assert.Equal(4, waiting[queue]);

            await using (var worker = await StartWorkerAsync(rabbit))
            {
                var (report, _) = await importing.WaitAsync(TimeSpan.FromMinutes(2));
                Assert.Equal(4, report.BatchCount);
                await WaitUntilAsync(() => calculatorQueues.All(q => BusBacklog.Latest(q) == 0), "the calculator queues drained");
                meters.ForceFlush();
                var drained = Backlog(metrics);
                foreach (var queue in calculatorQueues) Assert.Equal(0, drained[queue]);
                await worker.GetRequiredService<IBusControl>().StopAsync();
            }

            await host.GetRequiredService<IBusControl>().StopAsync();
            traces.ForceFlush();
            var mine = spans.Where(s => (s.GetTagItem(EmpreinteTelemetry.ImportIdTag) as string) == importId.ToString()).ToList();
            foreach (var metric in metrics.DistinctBy(m => m.Name)) output.WriteLine($"metric {metric.Name} ({metric.Unit}, {metric.MetricType})");
            foreach (var (queue, messages) in waiting) output.WriteLine($"backlog {queue}: {messages} waiting, then 0");
            Assert.Single(mine, s => s.DisplayName == "import");
            Assert.Equal(4, mine.Count(s => s.DisplayName == "batch"));
            Assert.Equal(4, mine.Count(s => s.DisplayName == "calculate energy"));
            Assert.Equal(4, mine.Count(s => s.DisplayName == "sink water"));
        }
        finally
        {
            await DeleteQueuesAsync(rabbit.Host, queues);
        }
    }

    private static async Task<ServiceProvider> StartWorkerAsync(RabbitMqOptions rabbit)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IEstimateSink>(new DurableLinesSink(Directory.CreateTempSubdirectory("empreinte-telemetry-worker-").FullName));
        services.AddEmpreinteWorker(rabbit);
        var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<IBusControl>().StartAsync();
        return provider;
    }

    /// <summary>The last exported value of <c>empreinte.bus.backlog</c> for each queue.</summary>
    private static Dictionary<string, long> Backlog(List<Metric> metrics)
    {
        var values = new Dictionary<string, long>();
        foreach (ref readonly var point in metrics.Last(m => m.Name == BusBacklog.MetricName).GetMetricPoints())
            foreach (var tag in point.Tags)
                if (tag.Key == BusBacklog.QueueTag) values[(string)tag.Value!] = point.GetGaugeLastValueLong();
        return values;
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for {what}");
            await Task.Delay(100);
        }
    }

    private static async Task RequireRabbitMqAsync(Uri host)
    {
        using var client = new TcpClient();
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await client.ConnectAsync(host.Host, host.Port, timeout.Token);
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            Assert.Fail($"RabbitMQ is not reachable at {host.Host}:{host.Port} ({e.Message}): start it with infra/local/start-rabbitmq.sh.");
        }
    }

    private static async Task DeleteQueuesAsync(Uri host, IEnumerable<string> queues)
    {
        await using var connection = await new ConnectionFactory { Uri = host }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        foreach (var queue in queues) await channel.QueueDeleteAsync(queue);
    }

    private static long Sum(List<Metric> metrics, string name)
    {
        // The in-memory exporter snapshots cumulative points at each flush: the last one holds the total.
        var metric = metrics.Last(m => m.Name == name);
        long sum = 0;
        foreach (ref readonly var point in metric.GetMetricPoints()) sum += point.GetSumLong();
        return sum;
    }
}

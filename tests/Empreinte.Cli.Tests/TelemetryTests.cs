using System.Diagnostics;
using Empreinte.Application;
using Empreinte.TestSupport;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
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

    private static long Sum(List<Metric> metrics, string name)
    {
        // The in-memory exporter snapshots cumulative points at each flush: the last one holds the total.
        var metric = metrics.Last(m => m.Name == name);
        long sum = 0;
        foreach (ref readonly var point in metric.GetMetricPoints()) sum += point.GetSumLong();
        return sum;
    }
}

using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Empreinte.Application;

/// <summary>
/// The traces and metrics of the pipeline, with System.Diagnostics only: a host that wants them
/// (OpenTelemetry, dotnet-counters) listens to <see cref="Name"/>; one that does not pays almost nothing.
/// Spans: <c>import</c> → <c>batch</c> → <c>calculate</c> (per calculator) → <c>sink</c>, each tagged
/// with <see cref="ImportIdTag"/>.
/// </summary>
public static class EmpreinteTelemetry
{
    /// <summary>The name of both the <see cref="ActivitySource"/> and the <see cref="Meter"/>.</summary>
    public const string Name = "Empreinte";

    public const string ImportIdTag = "empreinte.import.id";
    public const string BatchTag = "empreinte.batch";
    public const string CalculatorTag = "empreinte.calculator";

    public static ActivitySource Source { get; } = new(Name, typeof(EmpreinteTelemetry).Assembly.GetName().Version?.ToString());

    public static Meter Meter { get; } = new(Name, typeof(EmpreinteTelemetry).Assembly.GetName().Version?.ToString());

    public static Counter<long> RowsRead { get; } = Meter.CreateCounter<long>("empreinte.rows.read", "{row}", "Rows read from exports (rejected rows included).");

    public static Counter<long> RowsRejected { get; } = Meter.CreateCounter<long>("empreinte.rows.rejected", "{row}", "Rows rejected as malformed or implausible.");

    public static Counter<long> Batches { get; } = Meter.CreateCounter<long>("empreinte.batches", "{batch}", "Batches of usage lines published to the calculators.");

    public static Histogram<double> CalculatorDuration { get; } = Meter.CreateHistogram<double>("empreinte.calculator.duration", "ms", "Time one calculator takes over one batch, its sink writes included.");

    public static Activity? StartImport(Guid importId) =>
        Source.StartActivity("import")?.SetTag(ImportIdTag, importId.ToString());

    public static Activity? StartBatch(Guid importId, int batchNumber) =>
        Source.StartActivity("batch")?.SetTag(ImportIdTag, importId.ToString()).SetTag(BatchTag, batchNumber);

    public static Activity? StartCalculator(Guid importId, int batchNumber, string calculator) =>
        Source.StartActivity("calculate " + calculator)?.SetTag(ImportIdTag, importId.ToString()).SetTag(BatchTag, batchNumber).SetTag(CalculatorTag, calculator);

    public static Activity? StartSink(Guid importId, int batchNumber, string calculator) =>
        Source.StartActivity("sink " + calculator)?.SetTag(ImportIdTag, importId.ToString()).SetTag(BatchTag, batchNumber).SetTag(CalculatorTag, calculator);
}

using System.Globalization;
using System.Runtime.InteropServices;
using Empreinte.Application.Estimating;
using Empreinte.Application.Files;
using Empreinte.Application.Reporting;
using Empreinte.Application.Results;
using Empreinte.Domain.Factors;
using Empreinte.Domain.Recommendations;
using Empreinte.Ingestion;
using Spectre.Console;

namespace Empreinte.Cli;

/// <summary>
/// <c>estimate</c>: the whole pipeline in this process on both cores (<see cref="InProcessPipeline"/>:
/// the same calculators as the bus consumers, each distinct line estimated once), results written
/// to <c>--out</c> and, with <c>--tables</c>, to Table Storage too. <c>--out</c> and
/// <c>--tables</c> are checked before anything is read; the outputs are written aside and put in
/// place only when complete (<see cref="StagedOutputFolder"/>), so a failed or interrupted run
/// (Ctrl-C, SIGTERM) leaves the previous ones untouched.
/// </summary>
/// <param name="extraSink">Also written to (tests inject a failing one).</param>
internal sealed class EstimateCommand(IAnsiConsole console, TextWriter error, IEstimateSink? extraSink = null)
{
    /// <summary>Exit code of a run stopped by SIGINT or SIGTERM (128 + SIGINT, as shells report Ctrl-C).</summary>
    public const int Interrupted = 130;

    /// <summary>--quiet / --json: what may go to stdout.</summary>
    public OutputFlags Flags { get; init; } = OutputFlags.None;

    public async Task<int> RunAsync(EstimateOptions options, CancellationToken cancellationToken)
    {
        using var interrupt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        var stopping = interrupt.Token;

        StagedOutputFolder staged;
        try
        {
            staged = StagedOutputFolder.Create(options.OutputDirectory);
        }
        catch (UnusableOutputException e)
        {
            await error.WriteLineAsync($"empreinte: {e.Message}");
            return CommandLine.BadInput;
        }

        using var output = staged;
        try
        {
            var sinks = new List<IEstimateSink>();
            if (extraSink is not null) sinks.Add(extraSink);
            if (options.TablesConnection is { } connection)
            {
                try
                {
                    sinks.Add(await TableSinks.ConnectAsync(connection, stopping));
                }
                catch (Exception e) when (e is FormatException or ArgumentException or InvalidOperationException)
                {
                    await error.WriteLineAsync($"empreinte: --tables is not a valid Table Storage connection string ({e.Message})");
                    return CommandLine.BadArguments;
                }
                catch (UnusableTablesException e)
                {
                    await error.WriteLineAsync($"empreinte: {e.Message}");
                    return CommandLine.BadInput;
                }
            }

            InputFiles inputs;
            try
            {
                inputs = InputFiles.Open(options.Inputs, options.Format);
            }
            catch (ExportFormatException e)
            {
                await error.WriteLineAsync($"empreinte: {e.Message}");
                return CommandLine.BadInput;
            }

            using var opened = inputs;
            var factors = FactorSet.Embedded;
            SummaryDocument summary;
            using (var files = new FileResultSink(output.Staging, options.Lines))
            {
                sinks.Insert(0, files);
                var report = await ProgressDisplay.RunAsync(console, Flags, options.Inputs, progress =>
                    InProcessPipeline.RunAsync(opened.Opened, new CompositeEstimateSink(sinks), factors,
                        batchSize: options.BatchSize, rowsProgress: progress, profile: options.Profile, cancellationToken: stopping));

                var recommendations = RecommendationEngine.Recommend(files.Aggregate.Report.Candidates, factors, options.Profile);
                summary = await files.CompleteAsync(report, factors.Version, stopping, opened.Skipped, recommendations);
                await ReportFiles.WriteAsync(output.Staging, summary, files.Aggregate, options.Language, stopping);
                if (options.TablesConnection is { } tables) await TableSinks.WriteRecommendationsAsync(tables, new ImportReportResult(summary, files.Aggregate), stopping);
            }

            stopping.ThrowIfCancellationRequested();
            output.Commit();
            foreach (var skipped in opened.Skipped) await error.WriteLineAsync($"empreinte: skipped {skipped.Reason}");
            if (Flags.Json) await console.Profile.Out.Writer.WriteLineAsync(await File.ReadAllTextAsync(Path.Combine(output.Target, "summary.json"), stopping));
            else if (!Flags.Quiet) SummaryTable.Write(console, summary, output.Target);
            foreach (var problem in summary.Errors.Take(10)) await error.WriteLineAsync($"empreinte: rejected {problem}");
            return CommandLine.Success;
        }
        catch (Exception) when (stopping.IsCancellationRequested)
        {
            // Whatever the cancellation surfaced as (a consumer's fault wrapping it, or itself).
            await error.WriteLineAsync($"empreinte: interrupted; {options.OutputDirectory} is left as it was.");
            return Interrupted;
        }
        catch (ExportFormatException e)
        {
            // An input found unreadable part-way (a truncated or bomb gzip): the input's fault, exit 3 as at opening.
            await error.WriteLineAsync($"empreinte: {e.Message} ({options.OutputDirectory} is left as it was)");
            return CommandLine.BadInput;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A calculator or sink that still fails after its retries: one line, not a stack trace.
            await error.WriteLineAsync($"empreinte: the import failed: {e.Message} ({options.OutputDirectory} is left as it was)");
            return CommandLine.Failed;
        }

        void Stop(PosixSignalContext context)
        {
            // Stop reading, let the run unwind and remove its temporary folder, then exit.
            context.Cancel = true;
            interrupt.Cancel();
        }
    }
}

/// <summary>The totals table printed at the end of <c>estimate</c>: one row per criterion, low–central–high.</summary>
internal static class SummaryTable
{
    public static void Write(IAnsiConsole console, SummaryDocument summary, string outputDirectory)
    {
        var table = new Table().Title("Empreinte footprint")
            .AddColumns(new TableColumn("criterion"), new TableColumn("low").RightAligned(), new TableColumn("[bold]central[/]").RightAligned(),
                new TableColumn("high").RightAligned(), new TableColumn("[grey]unit[/]"));
        Row(table, "energy", summary.Totals.EnergyKwh, "kWh");
        Row(table, "carbon, location-based", summary.Totals.CarbonLocationKgCo2e, "kgCO2e");
        Row(table, "carbon, market-based", summary.Totals.CarbonMarketKgCo2e, "kgCO2e");
        Row(table, "embodied carbon", summary.Totals.EmbodiedKgCo2e, "kgCO2e");
        Row(table, "water", summary.Totals.WaterLitres, "L");
        Row(table, "abiotic depletion", summary.Totals.AbioticDepletionKgSbEq, "kg Sb eq");
        Row(table, "e-waste", summary.Totals.EwasteKg, "kg");
        console.Write(table);

        var rows = summary.Rows;
        console.MarkupLineInterpolated(
            $"rows: {rows.Total} ({rows.Mapped} mapped, {rows.Unmapped} unmapped, {rows.Excluded} excluded, {rows.Rejected} rejected); mapped cost share {summary.Coverage.MappedCostShare:P1}");
        RecommendationsTable(console, summary.Recommendations);
        console.MarkupLineInterpolated($"factor set {summary.FactorSetVersion}; results in {outputDirectory} (report.html, recommendations.csv)");
    }

    /// <summary>The five recommendations with the largest carbon saving; all are in recommendations.csv.</summary>
    private static void RecommendationsTable(IAnsiConsole console, IReadOnlyList<Recommendation> recommendations)
    {
        if (recommendations.Count == 0)
        {
            console.MarkupLine("recommendations: none (no change found that lowers total carbon)");
            return;
        }

        var table = new Table().Title($"Top recommendations ({Math.Min(5, recommendations.Count)} of {recommendations.Count})")
            .AddColumns("kind", "scope", "change", "carbon saved kgCO2e (low–high)", "water saved L", "energy saved kWh", "confidence");
        foreach (var r in recommendations.Take(5))
        {
            var carbon = r.Savings.TotalCarbonKgCo2e;
            table.AddRow(Markup.Escape(r.Kind + (r.Heuristic ? " (heuristic)" : "")), Markup.Escape(r.Scope.ToString()), Markup.Escape($"{r.From} → {r.To}"),
                $"{Format(carbon.Central)} ({Format(carbon.Low)}–{Format(carbon.High)})", Format(r.Savings.WaterLitres.Central), Format(r.Savings.EnergyKwh.Central), r.Confidence);
        }

        console.Write(table);
    }

    private static void Row(Table table, string name, SummaryRange range, string unit) =>
        table.AddRow(Markup.Escape(name), Format(range.Low), $"[bold]{Format(range.Central)}[/]", Format(range.High), $"[grey]{Markup.Escape(unit)}[/]");

    private static string Format(double value) => value.ToString(Math.Abs(value) is >= 0.01 or 0 ? "N3" : "0.###E+0", CultureInfo.InvariantCulture);
}

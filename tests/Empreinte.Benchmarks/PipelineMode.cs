using System.Diagnostics;
using System.Globalization;
using Empreinte.Application.Estimating;
using Empreinte.Application.Files;
using Empreinte.Application.Importing;
using Empreinte.Domain.Classification;
using Empreinte.Domain.Factors;
using Empreinte.Ingestion;

namespace Empreinte.Benchmarks;

/// <summary>
/// Whole-pipeline measurement, in one run so the figures share the machine's state:
/// (a) bare Sep over every cell of the file, the output floor (Sep + writing lines.csv-shaped rows),
/// (b) the in-process engine with the file sink (lines.parquet) in this process, and optionally
/// (c) the CLI as a child process, with its default outputs and with <c>--lines csv</c>. Reports
/// elapsed, rows/s, the ratio to (a) (and, for <c>--lines csv</c>, to the floor) and the peak
/// resident set (in-process: <see cref="Process.PeakWorkingSet64"/>; child: VmHWM from /proc).
/// </summary>
internal static class PipelineMode
{
    private const string _usage =
        "usage: pipeline [--rows N | --file PATH] [--seed S] [--batch-size N] [--cli PATH/empreinte.dll[,PATH…]] [--bus-only true] [--out DIR]";

    public static async Task<int> RunAsync(ReadOnlyMemory<string> arguments)
    {
        var args = arguments.Span;
        long rows = 1_000_000;
        var seed = BenchmarkData.Seed;
        var batchSize = ImportService.DefaultBatchSize;
        string? file = null, cli = null;
        var busOnly = false;
        var output = Path.Combine(Path.GetTempPath(), "empreinte-bench", "pipeline-out");
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            var value = args[i + 1];
            switch (args[i])
            {
                case "--rows": rows = long.Parse(value.Replace("_", "", StringComparison.Ordinal), CultureInfo.InvariantCulture); break;
                case "--file": file = value; break;
                case "--seed": seed = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--batch-size": batchSize = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--cli": cli = value; break;
                case "--out": output = value; break;
                case "--bus-only": busOnly = value == "true"; break;
                default:
                    await Console.Error.WriteLineAsync(_usage);
                    return 2;
            }
        }

        if (file is null)
        {
            var generating = Stopwatch.StartNew();
            file = BenchmarkData.File(rows, seed);
            Console.WriteLine($"input: {file} ({new FileInfo(file).Length / 1e6:N0} MB; ready in {generating.Elapsed.TotalSeconds:N1} s)");
        }

        Console.WriteLine($"runtime {Environment.Version}, {Environment.ProcessorCount} cores, GC {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")}, batch {batchSize}");

        // Warm-up on a small file so that JIT and factor loading are not charged to either side;
        // the baseline runs first so that its peak is its own.
        var warmUp = BenchmarkData.File(20_000, seed);
        SepBaseline.TouchEveryCell(warmUp);
        Collect();
        var step = new Step();
        var cpuBefore = ProcessorTime();
        var clock = Stopwatch.StartNew();
        var touched = SepBaseline.TouchEveryCell(file);
        var sep = clock.Elapsed;
        var sepCpu = ProcessorTime() - cpuBefore;
        Report("(a) bare Sep, every cell", touched.Rows, sep, sep, PeakWorkingSet(), step);

        // The floor of the output contract: Sep plus writing lines.csv's bytes, nothing estimated.
        Directory.CreateDirectory(Path.GetDirectoryName(output)!);
        var shaped = Path.Combine(Path.GetDirectoryName(output)!, "lines-shaped.csv");
        SepBaseline.WriteLinesShapedRows(warmUp, shaped);
        Collect();
        step = new Step();
        cpuBefore = ProcessorTime();
        clock.Restart();
        var shapedRows = SepBaseline.WriteLinesShapedRows(file, shaped);
        var floor = clock.Elapsed;
        var floorCpu = ProcessorTime() - cpuBefore;
        Report("    Sep + lines.csv-shaped rows", shapedRows, clock.Elapsed, sep, PeakWorkingSet(), step);
        Console.WriteLine($"{"",-36} ({new FileInfo(shaped).Length / 1e6:N0} MB written)");
        File.Delete(shaped);

        // Where the time goes, on one thread: ExportReader (parse, normalise), then the classifier on
        // every row, then the engine's estimator (classification and estimates once per distinct key).
        foreach (var (name, work) in new (string, IngestWork)[]
        {
            ("    ExportReader alone", IngestWork.Read), ("    ExportReader + classifier", IngestWork.Classify),
            ("    ExportReader + KeyedLineEstimator", IngestWork.Estimate),
        })
        {
            Ingest(warmUp, work);
            Collect();
            step = new Step();
            clock.Restart();
            var (ingested, note) = Ingest(file, work);
            Report(name, ingested, clock.Elapsed, sep, PeakWorkingSet(), step);
            if (note.Length > 0) Console.WriteLine($"{"",-36} {note}");
        }

        if (busOnly)
        {
            // The in-memory bus alone, same number of lines in batches of the same size (no
            // backpressure here, so its peak is not the pipeline's: it runs before (b) only for time).
            var lines = BenchmarkData.Lines(batchSize);
            await BusOnly.PublishAsync(lines, 5);
            Collect();
            clock.Restart();
            var batches = (int)Math.Max(1, touched.Rows / batchSize);
            await BusOnly.PublishAsync(lines, batches);
            Report("    bus only, 3 no-op consumers", (long)batches * batchSize, clock.Elapsed, sep, PeakWorkingSet());
        }

        await Pipeline(warmUp, output + "-warmup", batchSize);
        Collect();
        step = new Step();
        clock.Restart();
        var (summaryRows, _) = await Pipeline(file, output, batchSize);
        Report("(b) in-process engine + lines.parquet", summaryRows, clock.Elapsed, sep, PeakWorkingSet(), step);
        if (summaryRows != touched.Rows) throw new InvalidOperationException($"pipeline saw {summaryRows} rows, Sep saw {touched.Rows}");

        // The engine with nothing written per line: what --lines none leaves.
        await SummaryOnly(warmUp, batchSize);
        Collect();
        step = new Step();
        clock.Restart();
        var aggregated = await SummaryOnly(file, batchSize);
        Report("    engine, summary only", aggregated, clock.Elapsed, sep, PeakWorkingSet(), step);
        if (aggregated != touched.Rows) throw new InvalidOperationException($"pipeline saw {aggregated} rows, Sep saw {touched.Rows}");

        // Several builds of the CLI (say, before and after a change) can be compared against the same baseline.
        foreach (var (build, i) in (cli?.Split(',') ?? []).Select((b, i) => (b, i)))
        {
            var (elapsed, cpu, peak, exit) = await RunChild(build, file, $"{output}-cli{i}", batchSize);
            if (exit != 0) throw new InvalidOperationException($"the CLI {build} exited with {exit}");
            Report($"(c) CLI #{i} estimate (default outputs)", touched.Rows, elapsed, sep, peak);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"",-36} CPU {cpu.TotalSeconds:N2} s, {cpu / sepCpu:N2}× Sep's CPU ({sepCpu.TotalSeconds:N2} s)"));
            (elapsed, cpu, peak, exit) = await RunChild(build, file, $"{output}-cli{i}-csv", batchSize, "--lines", "csv");
            if (exit != 0) throw new InvalidOperationException($"the CLI {build} --lines csv exited with {exit}");
            Report($"    CLI #{i} estimate --lines csv", touched.Rows, elapsed, sep, peak);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{"",-36} ratio to the output floor {elapsed / floor:N2}; CPU {cpu.TotalSeconds:N2} s, {cpu / floorCpu:N2}× the floor's CPU ({floorCpu.TotalSeconds:N2} s)"));
        }

        return 0;
    }

    private enum IngestWork { Read, Classify, Estimate }

    private static (long Rows, string Note) Ingest(string path, IngestWork work)
    {
        var classifier = new UsageClassifier(FactorSet.Embedded);
        var estimator = new KeyedLineEstimator(FactorSet.Embedded, Domain.Calculators.CalculationProfile.Default);
        using var export = ExportReader.Open(path);
        long rows = 0;
        foreach (var row in export.Rows())
        {
            rows++;
            if (row.Record is not { } record || work == IngestWork.Read) continue;
            if (work == IngestWork.Classify)
            {
                classifier.Classify(record);
                continue;
            }

            var (_, entry) = estimator.Classify(record);
            estimator.Energy(entry);
            estimator.Water(entry);
            estimator.Materials(entry);
        }

        return (rows, work == IngestWork.Estimate
            ? string.Create(CultureInfo.InvariantCulture, $"keys: {estimator.Hits:N0} hits, {estimator.Misses:N0} misses ({estimator.Hits / (double)Math.Max(1, estimator.Hits + estimator.Misses):P1})")
            : "");
    }

    public static async Task<(long Rows, TimeSpan Elapsed)> Pipeline(string path, string output, int batchSize)
    {
        var clock = Stopwatch.StartNew();
        var factors = FactorSet.Embedded;
        using var export = ExportReader.Open(path);
        using var sink = new FileResultSink(output);
        var report = await InProcessPipeline.RunAsync([(export, path)], sink, factors, batchSize: batchSize);
        var summary = await sink.CompleteAsync(report, factors.Version, CancellationToken.None);
        return (summary.Rows.Total, clock.Elapsed);
    }

    private static async Task<long> SummaryOnly(string path, int batchSize)
    {
        using var export = ExportReader.Open(path);
        var sink = new SummaryOnlySink();
        await InProcessPipeline.RunAsync([(export, path)], sink, FactorSet.Embedded, batchSize: batchSize);
        return sink.Aggregate.Total;
    }

    private static void Report(string what, long rows, TimeSpan elapsed, TimeSpan baseline, long peakBytes, Step? step = null) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{what,-36} rows {rows,10:N0}  elapsed {elapsed.TotalSeconds,7:N2} s  {rows / elapsed.TotalSeconds,12:N0} rows/s  ratio {elapsed / baseline,5:N2}  peak RSS {peakBytes / (1024.0 * 1024),6:N0} MB{step?.Describe(rows)}"));

    /// <summary>
    /// What an in-process step cost besides wall time: bytes allocated per row (all threads) and
    /// CPU time (all threads). CPU time is steadier than wall time on a loaded machine, and more
    /// than the wall time when the step overlaps work on two threads.
    /// </summary>
    private sealed class Step
    {
        private readonly long _allocated = GC.GetTotalAllocatedBytes();
        private readonly TimeSpan _cpu = Process.GetCurrentProcess().TotalProcessorTime;
        private readonly int _gen2 = GC.CollectionCount(2);

        public string Describe(long rows)
        {
            var allocated = GC.GetTotalAllocatedBytes() - _allocated;
            var cpu = Process.GetCurrentProcess().TotalProcessorTime - _cpu;
            return string.Create(CultureInfo.InvariantCulture,
                $"  alloc {allocated / (double)Math.Max(rows, 1),6:N0} B/row  CPU {cpu.TotalSeconds,6:N2} s  gen2 GCs {GC.CollectionCount(2) - _gen2}");
        }
    }

    private static void Collect()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    private static long PeakWorkingSet()
    {
        using var self = Process.GetCurrentProcess();
        self.Refresh();
        return self.PeakWorkingSet64;
    }

    private static TimeSpan ProcessorTime()
    {
        using var self = Process.GetCurrentProcess();
        return self.TotalProcessorTime;
    }

    /// <summary>
    /// Runs <c>dotnet CLI estimate FILE --out DIR</c>, polling VmHWM (the kernel's peak RSS) and the
    /// CPU time (user + system, from /proc; the last reading, at most 20 ms before the exit) until it exits.
    /// </summary>
    private static async Task<(TimeSpan Elapsed, TimeSpan Cpu, long PeakBytes, int ExitCode)> RunChild(string cli, string file, string output, int batchSize, params string[] options)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        string[] arguments = [cli, "estimate", file, "--out", output, "--batch-size", batchSize.ToString(CultureInfo.InvariantCulture), "--quiet", .. options];
        foreach (var arg in arguments) start.ArgumentList.Add(arg);
        var clock = Stopwatch.StartNew();
        using var child = Process.Start(start) ?? throw new InvalidOperationException("cannot start dotnet");
        var stdout = child.StandardOutput.ReadToEndAsync();
        var stderr = child.StandardError.ReadToEndAsync();
        long peak = 0;
        var status = $"/proc/{child.Id}/status";
        var cpu = TimeSpan.Zero;
        while (!child.HasExited)
        {
            peak = Math.Max(peak, VmHwm(status));
            cpu = Cpu($"/proc/{child.Id}/stat", cpu);
            await Task.Delay(20);
        }

        await child.WaitForExitAsync();
        var elapsed = clock.Elapsed;
        await stdout;
        var errors = await stderr;
        if (errors.Length > 0) await Console.Error.WriteAsync(errors);
        return (elapsed, cpu, peak, child.ExitCode);
    }

    /// <summary>utime + stime of /proc/PID/stat (fields 14 and 15, in clock ticks of 1/100 s), or <paramref name="last"/> once the process is gone.</summary>
    private static TimeSpan Cpu(string statPath, TimeSpan last)
    {
        try
        {
            var text = File.ReadAllText(statPath);
            // Fields after the command name, which is in parentheses and may hold spaces.
            var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
            var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            return TimeSpan.FromSeconds(ticks / 100.0);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return last;
        }
    }

    private static long VmHwm(string statusPath)
    {
        try
        {
            foreach (var line in File.ReadLines(statusPath))
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                    return long.Parse(line.AsSpan(6).Trim().TrimEnd("kB").Trim(), CultureInfo.InvariantCulture) * 1024;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The process exited between the check and the read: keep the last value.
        }

        return 0;
    }
}

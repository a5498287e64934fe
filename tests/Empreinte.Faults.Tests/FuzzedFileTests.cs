using System.Diagnostics;
using Empreinte.Application.Estimating;
using Empreinte.Application.Importing;
using Empreinte.Application.Results;
using Empreinte.Domain.Calculators;
using Empreinte.Domain.Factors;
using Empreinte.Ingestion;
using Empreinte.TestSupport;
using Xunit.Abstractions;

namespace Empreinte.Faults.Tests;

/// <summary>
/// Damaged exports through the whole in-process pipeline (reader, classifier, calculators): none
/// may crash or hang, and every rejection names the file, and the row and column when a row is at fault.
/// </summary>
public sealed class FuzzedFileTests(ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan _perFile = TimeSpan.FromSeconds(10);

    private readonly string _directory = Directory.CreateTempSubdirectory("empreinte-fuzz-").FullName;

    /// <summary><see cref="Lost"/>: rows read and not rejected that did not reach all three calculators, or damage that had to be refused accepted whole — a loss nobody is told about.</summary>
    private enum Outcome { Accepted, RowsRejected, FileRejected, Crashed, Hung, Lost }

    [Fact]
    public async Task FuzzedAndMalformedFiles_AreRejectedWithAClearMessage_WithoutCrashOrHang()
    {
        var corpus = FuzzCorpus.Write(_directory, RepositoryPaths.Sample("focus-1.0-small.csv"), seed: 20261130);
        var clock = Stopwatch.StartNew();
        var results = new List<(FuzzedFile File, Outcome Outcome, string Message)>();
        foreach (var file in corpus)
        {
            var (outcome, message) = await ReadAsync(file);
            results.Add((file, outcome, message));
        }

        var crashes = results.Where(r => r.Outcome == Outcome.Crashed).ToList();
        var hangs = results.Where(r => r.Outcome == Outcome.Hung).ToList();
        var silentLosses = results.Where(r => r.Outcome == Outcome.Lost || (r.File.MustBeRejected && r.Outcome == Outcome.Accepted)).ToList();
        output.WriteLine($"FUZZ | files {results.Count} | crashes {crashes.Count} | hangs {hangs.Count} | silent losses {silentLosses.Count} | file rejected {results.Count(r => r.Outcome == Outcome.FileRejected)} | rows rejected {results.Count(r => r.Outcome == Outcome.RowsRejected)} | accepted {results.Count(r => r.Outcome == Outcome.Accepted)} | {clock.Elapsed.TotalSeconds:N1} s");
        foreach (var kind in results.GroupBy(r => r.File.Kind))
        {
            output.WriteLine($"  {kind.Key}: {kind.Count()} files, {string.Join(", ", kind.GroupBy(r => r.Outcome).Select(g => $"{g.Key} {g.Count()}"))}");
            foreach (var example in kind.Where(r => r.Outcome is Outcome.FileRejected or Outcome.RowsRejected).Select(r => r.Message).Distinct().Take(2))
                output.WriteLine($"    e.g. {Shorten(example)}");
        }

        foreach (var failure in crashes.Concat(hangs).Concat(silentLosses)) output.WriteLine($"  {failure.Outcome}: {Path.GetFileName(failure.File.Path)}: {failure.Message}");

        Assert.True(results.Count >= 200, $"only {results.Count} fuzzed files");
        Assert.Empty(crashes);
        Assert.Empty(hangs);
        Assert.Empty(silentLosses);
        Assert.All(results.Where(r => r.File.MustBeRejected), r => Assert.True(r.Outcome is Outcome.FileRejected or Outcome.RowsRejected,
            $"{Path.GetFileName(r.File.Path)} ({r.File.Kind}) was accepted whole"));
    }

    /// <summary>Reads one file on its own thread, so that a reader stuck in a loop shows as a hang instead of stopping the test.</summary>
    private static async Task<(Outcome, string)> ReadAsync(FuzzedFile file)
    {
        var name = Path.GetFileName(file.Path);
        var reading = Task.Run(async () =>
        {
            try
            {
                using var export = ExportReader.Open(file.Path);
                var sink = new CountingSink();
                var report = await InProcessPipeline.RunAsync([(export, file.Path)], sink, FactorSet.Embedded, batchSize: 50);
                var kept = report.RowsRead - report.RowsRejected;
                if (sink.Energy != kept || sink.Water != kept || sink.Materials != kept)
                    return (Outcome.Lost, $"{kept} rows kept, estimated {sink.Energy} / {sink.Water} / {sink.Materials} (energy / water / materials)");
                if (report.RowsRejected == 0) return (Outcome.Accepted, "");
                // Every kept row error names the file and a 1-based row; a column when one cell is at fault.
                foreach (var error in report.Errors)
                {
                    if (error.File != name || error.Row < 1 || string.IsNullOrWhiteSpace(error.Message) || !error.ToString().Contains(name, StringComparison.Ordinal))
                        return (Outcome.Crashed, $"unclear row error: {error}");
                }

                return (Outcome.RowsRejected, report.Errors[0].ToString());
            }
            catch (ExportFormatException e)
            {
                return e.Message.Contains(name, StringComparison.Ordinal)
                    ? (Outcome.FileRejected, e.Message)
                    : (Outcome.Crashed, $"rejection without the file name: {e.Message}");
            }
            catch (Exception e)
            {
                return (Outcome.Crashed, $"{e.GetType().Name}: {e.Message}");
            }
        });

        try
        {
            return await reading.WaitAsync(_perFile);
        }
        catch (TimeoutException)
        {
            return (Outcome.Hung, $"not done after {_perFile.TotalSeconds:N0} s");
        }
    }

    private static string Shorten(string message) => message.Length <= 220 ? message : message[..220] + "…";

    /// <summary>Counts the lines each calculator estimated (the pipeline runs them one batch at a time).</summary>
    private sealed class CountingSink : IEstimateSink
    {
        public long Energy { get; private set; }
        public long Water { get; private set; }
        public long Materials { get; private set; }

        public Task WriteEnergyAsync(EstimatedBatch<EnergyEstimate> batch, CancellationToken cancellationToken)
        {
            Energy += batch.Estimates.Count;
            return Task.CompletedTask;
        }

        public Task WriteWaterAsync(EstimatedBatch<WaterEstimate> batch, CancellationToken cancellationToken)
        {
            Water += batch.Estimates.Count;
            return Task.CompletedTask;
        }

        public Task WriteMaterialsAsync(EstimatedBatch<MaterialsEstimate> batch, CancellationToken cancellationToken)
        {
            Materials += batch.Estimates.Count;
            return Task.CompletedTask;
        }
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}

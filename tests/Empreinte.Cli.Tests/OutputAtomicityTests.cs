using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using Empreinte.Application.Results;
using Empreinte.Domain.Calculators;
using Empreinte.TestSupport;
using nietras.SeparatedValues;

namespace Empreinte.Cli.Tests;

/// <summary>
/// Issue #13 points 4 and 5: <c>estimate --out</c> is replaced whole or not at all. A run that fails
/// at any moment (a bad <c>--tables</c>, a truncated .csv.gz, a sink failing mid-run, a cancellation,
/// SIGTERM) leaves the previous outputs byte for byte and no temporary folder; an unusable
/// <c>--out</c> is exit 3 with one line.
/// </summary>
public sealed class OutputAtomicityTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "empreinte-atomic-" + Guid.NewGuid().ToString("N"));

    public OutputAtomicityTests() => Directory.CreateDirectory(_root);

    private string Out => Path.Combine(_root, "out");

    private static string Sample => RepositoryPaths.Sample("focus-1.0-small.csv");

    [Fact]
    public async Task BadTablesConnectionString_IsExit2_BeforeAnythingIsWritten()
    {
        var previous = await PreviousRunAsync();

        var run = await CliRun.EstimateIntoAsync(Out, Sample, "--tables", "not a connection string");

        Assert.Equal(CommandLine.BadArguments, run.ExitCode);
        AssertUntouched(previous);
    }

    [Fact]
    public async Task UnreachableTables_IsExit3_BeforeAnythingIsWritten()
    {
        var previous = await PreviousRunAsync();

        var run = await CliRun.EstimateIntoAsync(Out, Sample, "--tables",
            "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;TableEndpoint=http://127.0.0.1:1/devstoreaccount1;");

        Assert.Equal(CommandLine.BadInput, run.ExitCode);
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("empreinte: --tables: cannot reach the account", line, StringComparison.Ordinal);
        AssertUntouched(previous);
    }

    [Fact]
    public async Task TruncatedCsvGz_LeavesThePreviousOutputs()
    {
        var previous = await PreviousRunAsync();
        var gz = Path.Combine(_root, "export.csv.gz");
        var whole = new MemoryStream();
        await using (var zip = new GZipStream(whole, CompressionLevel.Optimal, leaveOpen: true))
            await zip.WriteAsync(await File.ReadAllBytesAsync(Sample));
        await File.WriteAllBytesAsync(gz, whole.ToArray()[..(int)(whole.Length * 2 / 3)]);

        var run = await CliRun.EstimateIntoAsync(Out, gz);

        Assert.NotEqual(CommandLine.Success, run.ExitCode);
        Assert.Contains("export.csv.gz", run.Error, StringComparison.Ordinal);
        AssertUntouched(previous);
    }

    [Fact]
    public async Task CostTooLargeForADecimal_NeverLeavesASummaryBesideOtherLines()
    {
        // Issue #13: a cost of 1e30 overflowed mid-run and left the previous summary.json beside a short
        // lines.csv. Whether such a row fails the run or is rejected, the folder stays consistent.
        var previous = await PreviousRunAsync();
        var huge = Path.Combine(_root, "huge.csv");
        using (var reader = Sep.Reader().FromFile(Sample))
        using (var writer = reader.Spec.Writer(o => o with { Escape = true }).ToFile(huge))
        {
            foreach (var row in reader)
            {
                using var written = writer.NewRow(row);
                written["BilledCost"].Set("1e30");
                written["EffectiveCost"].Set("1e30");
            }
        }

        var run = await CliRun.EstimateIntoAsync(Out, huge, "--lines", "csv");

        if (run.ExitCode == CommandLine.Success)
        {
            var rows = run.Summary().GetProperty("rows");
            Assert.Equal(rows.GetProperty("total").GetInt64(), run.Lines().Length - 1);
            Assert.Empty(StagingFolders());
        }
        else
        {
            Assert.Equal(CommandLine.Failed, run.ExitCode);
            AssertUntouched(previous);
        }
    }

    [Fact]
    public async Task SinkFailingMidRun_LeavesThePreviousOutputs()
    {
        var previous = await PreviousRunAsync();

        var run = await CliRun.EstimateWithSinkAsync(new FailingSink(failAtWrite: 4), Out, CancellationToken.None, Sample, "--batch-size", "5");

        Assert.Equal(CommandLine.Failed, run.ExitCode);
        Assert.Contains("the import failed", run.Error, StringComparison.Ordinal);
        AssertUntouched(previous);
    }

    [Fact]
    public async Task CancelledMidRun_LeavesThePreviousOutputs()
    {
        var previous = await PreviousRunAsync();
        using var cancellation = new CancellationTokenSource();

        var run = await CliRun.EstimateWithSinkAsync(new FailingSink(failAtWrite: 4, cancellation), Out, cancellation.Token, Sample, "--batch-size", "5");

        Assert.Equal(EstimateCommand.Interrupted, run.ExitCode);
        Assert.Contains("interrupted", run.Error, StringComparison.Ordinal);
        AssertUntouched(previous);
    }

    [Fact]
    public async Task SigtermMidRun_LeavesThePreviousOutputs_AndExits130()
    {
        var previous = await PreviousRunAsync();
        // 40,000 rows one per batch: tens of seconds of work, time enough to be stopped in the middle.
        var sample = File.ReadAllLines(Sample);
        var big = Path.Combine(_root, "big.csv");
        await File.WriteAllLinesAsync(big, [sample[0], .. Enumerable.Repeat(sample.Skip(1), 2_000).SelectMany(r => r)]);
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "empreinte.dll"), "estimate", big, "--out", Out, "--batch-size", "1" })
            start.ArgumentList.Add(arg);

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (StagingFolders().Length == 0 && !process.HasExited && DateTime.UtcNow < deadline) await Task.Delay(20);
        if (process.HasExited) Assert.Fail($"the run ended before it could be stopped: {await stderr}");
        await Task.Delay(300);
        using (var kill = Process.Start("sh", ["-c", "kill -TERM " + process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
            if (kill.ExitCode != 0) Assert.Fail($"kill failed; the run {(process.HasExited ? $"had exited with {process.ExitCode}: {await stderr}" : "still runs")}");
        }

        var stoppedIn = Stopwatch.StartNew();
        Assert.True(process.WaitForExit(60_000), "the run did not stop on SIGTERM");
        // It stops between two batches, not at the end of its 40,000 rows.
        Assert.True(stoppedIn.Elapsed < TimeSpan.FromSeconds(10), $"the run took {stoppedIn.Elapsed} to stop");
        await stdout;

        Assert.Equal(EstimateCommand.Interrupted, process.ExitCode);
        Assert.Contains("interrupted", await stderr, StringComparison.Ordinal);
        AssertUntouched(previous);
    }

    [Fact]
    public async Task SuccessfulRun_ReplacesTheOutputs_AndLeavesNoTemporaryFolder()
    {
        var previous = await PreviousRunAsync();
        var trimmed = Path.Combine(_root, "ten.csv");
        await File.WriteAllLinesAsync(trimmed, File.ReadAllLines(Sample).Take(11));

        var run = await CliRun.EstimateIntoAsync(Out, trimmed);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal(10, await run.LinesParquetRowsAsync());
        Assert.Equal(10, run.Summary().GetProperty("rows").GetProperty("total").GetInt64());
        Assert.NotEqual(previous["lines.parquet"], await File.ReadAllBytesAsync(Path.Combine(Out, "lines.parquet")));
        Assert.Empty(StagingFolders());
    }

    [Fact]
    public async Task SuccessfulRun_IntoAFolderWithOtherFiles_KeepsThem()
    {
        await PreviousRunAsync();
        var notes = Path.Combine(Out, "notes.txt");
        await File.WriteAllTextAsync(notes, "mine");

        var run = await CliRun.EstimateIntoAsync(Out, Sample, "--lines", "csv");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal("mine", await File.ReadAllTextAsync(notes));
        Assert.Equal(21, run.Lines().Length);
        Assert.True(File.Exists(Path.Combine(Out, "unmapped.csv")));
        Assert.Empty(StagingFolders());
    }

    [Fact]
    public async Task OutIsALinkToAFolder_TheOutputsGoWhereItPoints_AndTheLinkStays()
    {
        await PreviousRunAsync();
        var link = Path.Combine(_root, "latest");
        Directory.CreateSymbolicLink(link, Out);
        var ten = Path.Combine(_root, "ten.csv");
        await File.WriteAllLinesAsync(ten, File.ReadAllLines(Sample).Take(11));

        var run = await CliRun.EstimateIntoAsync(link, ten, "--lines", "csv");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.NotNull(new DirectoryInfo(link).LinkTarget);
        Assert.Equal(11, File.ReadAllLines(Path.Combine(Out, "lines.csv")).Length);
        Assert.Empty(StagingFolders());
    }

    [Fact]
    public async Task TemporaryFoldersOfAKilledRun_AreCleanedByTheNextRun()
    {
        await PreviousRunAsync();
        // A run killed (SIGKILL) while writing: its process is gone, its temporary folder is still there.
        var leftover = Out + ".tmp-999999999-0badc0de";
        Directory.CreateDirectory(leftover);
        await File.WriteAllTextAsync(Path.Combine(leftover, "lines.csv"), "partial");

        var run = await CliRun.EstimateIntoAsync(Out, Sample);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.False(Directory.Exists(leftover));
        Assert.Empty(StagingFolders());
    }

    [Fact]
    public async Task OutputsSetAsideByARunKilledMidSwap_AreRestoredByTheNextRun()
    {
        var previous = await PreviousRunAsync();
        // Killed between its two renames: --out is missing, the previous outputs are aside.
        var aside = Out + ".old-999999999-0badc0de";
        Directory.Move(Out, aside);

        var run = await CliRun.EstimateIntoAsync(Out, Sample, "--tables", "not a connection string");

        Assert.Equal(CommandLine.BadArguments, run.ExitCode);
        AssertUntouched(previous);
        Assert.False(Directory.Exists(aside));
    }

    [Fact]
    public async Task OutIsAFile_IsExit3WithOneLine()
    {
        var file = Path.Combine(_root, "a-file");
        await File.WriteAllTextAsync(file, "keep");

        var run = await CliRun.EstimateIntoAsync(file, Sample);

        Assert.Equal(CommandLine.BadInput, run.ExitCode);
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal($"empreinte: --out {file} is a file, not a folder.", line);
        Assert.Equal("keep", await File.ReadAllTextAsync(file));
    }

    [Fact]
    public async Task OutUnderAFile_IsExit3WithOneLine()
    {
        var file = Path.Combine(_root, "a-file");
        await File.WriteAllTextAsync(file, "keep");

        var run = await CliRun.EstimateIntoAsync(Path.Combine(file, "out"), Sample);

        Assert.Equal(CommandLine.BadInput, run.ExitCode);
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"empreinte: --out {Path.Combine(file, "out")} cannot be written (", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OutOnAReadOnlyFileSystem_IsExit3WithOneLine()
    {
        // /proc refuses new folders even to root (tests may run as root, where chmod 555 is no obstacle).
        Assert.True(Directory.Exists("/proc"), "this test needs Linux's /proc");
        var readOnly = "/proc/empreinte-out-" + Guid.NewGuid().ToString("N");

        var run = await CliRun.EstimateIntoAsync(readOnly, Sample);

        Assert.Equal(CommandLine.BadInput, run.ExitCode);
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"empreinte: --out {readOnly} cannot be written (", line, StringComparison.Ordinal);
    }

    /// <summary>A complete run into <see cref="Out"/>: the outputs a failed run must leave as they are.</summary>
    private async Task<Dictionary<string, byte[]>> PreviousRunAsync()
    {
        var run = await CliRun.EstimateIntoAsync(Out, Sample);
        Assert.True(run.ExitCode == 0, run.Error);
        var files = Snapshot();
        Assert.Equal(["lines.parquet", "recommendations.csv", "report.html", "summary.json", "unmapped.csv"], files.Keys.Order(StringComparer.Ordinal));
        return files;
    }

    private Dictionary<string, byte[]> Snapshot() =>
        Directory.EnumerateFiles(Out).ToDictionary(f => Path.GetFileName(f), File.ReadAllBytes);

    private void AssertUntouched(Dictionary<string, byte[]> previous)
    {
        var now = Snapshot();
        Assert.Equal(previous.Keys.Order(StringComparer.Ordinal), now.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, bytes) in previous) Assert.True(bytes.AsSpan().SequenceEqual(now[name]), $"{name} changed");
        Assert.Empty(StagingFolders());
    }

    /// <summary>Temporary or set-aside folders beside <see cref="Out"/>.</summary>
    private string[] StagingFolders() =>
        [.. Directory.GetDirectories(_root).Where(d => Path.GetFileName(d).StartsWith("out.", StringComparison.Ordinal))];

    public void Dispose()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }

    /// <summary>A sink that fails (or cancels the run) at its n-th write: a calculator's or storage's failure mid-run.</summary>
    private sealed class FailingSink(int failAtWrite, CancellationTokenSource? cancel = null) : IEstimateSink
    {
        private int _writes;

        public Task WriteEnergyAsync(EstimatedBatch<EnergyEstimate> batch, CancellationToken cancellationToken) => Write();

        public Task WriteWaterAsync(EstimatedBatch<WaterEstimate> batch, CancellationToken cancellationToken) => Write();

        public Task WriteMaterialsAsync(EstimatedBatch<MaterialsEstimate> batch, CancellationToken cancellationToken) => Write();

        private Task Write()
        {
            // From the n-th write on: retries of the failed write fail too, as a sink that is down would.
            if (Interlocked.Increment(ref _writes) < failAtWrite) return Task.CompletedTask;
            if (cancel is null) throw new IOException("the sink failed");
            cancel.Cancel();
            return Task.FromCanceled(cancel.Token);
        }
    }
}

using Empreinte.Application.Estimating;
using Empreinte.Application.Files;
using Empreinte.Application.Tests.Support;
using Empreinte.Domain.Factors;
using Empreinte.Ingestion;

namespace Empreinte.Application.Tests.Files;

/// <summary>
/// <c>worker --out</c>'s sink across restarts and crashes: its lines.csv must end exactly as
/// <see cref="FileResultSink"/> writes it for the same batches in the same order (each row once),
/// whatever happened to the process in between.
/// </summary>
public sealed class DurableLinesSinkTests : IDisposable
{
    private const int _batchSize = 100;

    private readonly string _directory = Directory.CreateTempSubdirectory("empreinte-durable-").FullName;

    [Fact]
    public async Task Restart_AppendsAfterCommittedRows_AndNeverTruncatesThem()
    {
        var (recorded, reference) = await RecordAsync();
        var output = Path.Combine(_directory, "out");
        using (var first = new DurableLinesSink(output))
        {
            for (var batch = 1; batch <= 5; batch++) await WriteBatchAsync(recorded, first, batch);
        }

        var beforeRestart = await File.ReadAllBytesAsync(Path.Combine(output, "lines.csv"));
        using (var second = new DurableLinesSink(output))
        {
            // The restart kept every committed row: lines.csv starts with what was there.
            Assert.Equal(beforeRestart, await File.ReadAllBytesAsync(Path.Combine(output, "lines.csv")));
            for (var batch = 6; batch <= 10; batch++) await WriteBatchAsync(recorded, second, batch);
        }

        Assert.Equal(await File.ReadAllTextAsync(reference.Lines), await File.ReadAllTextAsync(Path.Combine(output, "lines.csv")));
        Assert.Equal(await File.ReadAllTextAsync(reference.Unmapped), await File.ReadAllTextAsync(Path.Combine(output, "unmapped.csv")));
    }

    [Fact]
    public async Task PartsWrittenBeforeACrash_CompleteTheirBatchAfterTheRestart_AndRedeliveriesAreIgnored()
    {
        var (recorded, reference) = await RecordAsync();
        var output = Path.Combine(_directory, "out");
        // Batches 1-3 complete; batch 4 has its energy and water parts acknowledged when the process dies.
        var crashed = new DurableLinesSink(output);
        for (var batch = 1; batch <= 3; batch++) await WriteBatchAsync(recorded, crashed, batch);
        await crashed.WriteEnergyAsync(recorded.Energy.Single(b => b.BatchNumber == 4), CancellationToken.None);
        await crashed.WriteWaterAsync(recorded.Water.Single(b => b.BatchNumber == 4), CancellationToken.None);
        Assert.Equal(1, crashed.PendingBatches);
        crashed.Dispose(); // closes the files; everything held in memory is gone

        using (var restarted = new DurableLinesSink(output))
        {
            Assert.Equal(1, restarted.PendingBatches);
            // The broker redelivers only what was not acknowledged: batch 4's materials part,
            // and (a duplicate) batch 2's energy part, already written.
            await restarted.WriteEnergyAsync(recorded.Energy.Single(b => b.BatchNumber == 2), CancellationToken.None);
            await restarted.WriteMaterialsAsync(recorded.Materials.Single(b => b.BatchNumber == 4), CancellationToken.None);
            Assert.Equal(0, restarted.PendingBatches);
            for (var batch = 5; batch <= 10; batch++) await WriteBatchAsync(recorded, restarted, batch);
        }

        Assert.Equal(await File.ReadAllTextAsync(reference.Lines), await File.ReadAllTextAsync(Path.Combine(output, "lines.csv")));
        Assert.Equal(0, new FileInfo(Path.Combine(output, ".worker", "parts.log")).Length);
    }

    [Fact]
    public async Task RowsWrittenWithoutTheirCommitLine_AreCutBack_AndWrittenOnceFromTheJournal()
    {
        var (recorded, reference) = await RecordAsync();
        var output = Path.Combine(_directory, "out");
        var parts = Path.Combine(output, ".worker", "parts.log");
        byte[] journalled;
        using (var crashed = new DurableLinesSink(output))
        {
            await WriteBatchAsync(recorded, crashed, 1);
            await crashed.WriteEnergyAsync(recorded.Energy.Single(b => b.BatchNumber == 2), CancellationToken.None);
            await crashed.WriteWaterAsync(recorded.Water.Single(b => b.BatchNumber == 2), CancellationToken.None);
            journalled = await File.ReadAllBytesAsync(parts);
            await crashed.WriteMaterialsAsync(recorded.Materials.Single(b => b.BatchNumber == 2), CancellationToken.None);
        }

        // The process died while committing batch 2's last part: its rows are in lines.csv (then a
        // torn row), its commit line is not, the part itself was being journalled (a torn line),
        // so its message was never acknowledged and comes again.
        var batches = Path.Combine(output, ".worker", "batches.log");
        await File.WriteAllLinesAsync(batches, (await File.ReadAllLinesAsync(batches))[..^1]);
        await File.AppendAllTextAsync(Path.Combine(output, "lines.csv"), "torn,row,of,an,uncommitted");
        await File.WriteAllBytesAsync(parts, [.. journalled, .. "{\"calculator\":\"mater"u8]);

        using (var restarted = new DurableLinesSink(output))
        {
            Assert.Equal(1, restarted.PendingBatches);
            await restarted.WriteMaterialsAsync(recorded.Materials.Single(b => b.BatchNumber == 2), CancellationToken.None);
            for (var batch = 3; batch <= 10; batch++) await WriteBatchAsync(recorded, restarted, batch);
        }

        Assert.Equal(await File.ReadAllTextAsync(reference.Lines), await File.ReadAllTextAsync(Path.Combine(output, "lines.csv")));
    }

    [Fact]
    public async Task APartsJournalPastItsLimit_KeepsOnlyWaitingParts_AndTheyStillCompleteAfterARestart()
    {
        var (recorded, _) = await RecordAsync();
        var output = Path.Combine(_directory, "out");
        var parts = Path.Combine(output, ".worker", "parts.log");
        using (var crashed = new DurableLinesSink(output, compactAtBytes: 1))
        {
            // Batch 1 waits for two parts while batches 2-4 complete: compaction keeps batch 1's part only.
            await crashed.WriteEnergyAsync(recorded.Energy.Single(b => b.BatchNumber == 1), CancellationToken.None);
            for (var batch = 2; batch <= 4; batch++) await WriteBatchAsync(recorded, crashed, batch);
            await crashed.WriteWaterAsync(recorded.Water.Single(b => b.BatchNumber == 1), CancellationToken.None);
            Assert.Equal(2, (await File.ReadAllLinesAsync(parts)).Length);
        }

        using (var restarted = new DurableLinesSink(output))
        {
            Assert.Equal(1, restarted.PendingBatches);
            await restarted.WriteMaterialsAsync(recorded.Materials.Single(b => b.BatchNumber == 1), CancellationToken.None);
        }

        var rows = (await File.ReadAllLinesAsync(Path.Combine(output, "lines.csv"))).Skip(1).ToList();
        Assert.Equal(4 * _batchSize, rows.Count);
        Assert.Equal(rows.Count, rows.Distinct().Count());
    }

    [Fact]
    public async Task AnExistingLinesCsv_IsKept_WhenTheFolderIsFirstUsed()
    {
        var (recorded, _) = await RecordAsync();
        var output = Directory.CreateDirectory(Path.Combine(_directory, "out")).FullName;
        var earlier = "sourceFile,sourceRow\nearlier.csv,1\n";
        await File.WriteAllTextAsync(Path.Combine(output, "lines.csv"), earlier);
        using (var sink = new DurableLinesSink(output)) await WriteBatchAsync(recorded, sink, 1);

        var text = await File.ReadAllTextAsync(Path.Combine(output, "lines.csv"));
        Assert.StartsWith(earlier, text, StringComparison.Ordinal);
        Assert.Equal(2 + _batchSize, text.Count(c => c == '\n'));
    }

    /// <summary>One real run of the sample: every calculator's write recorded, and the reference files written batch by batch in order.</summary>
    private async Task<(RecordingSink Recorded, (string Lines, string Unmapped) Reference)> RecordAsync()
    {
        var recorded = new RecordingSink();
        using (var input = ExportReader.Open(Samples.Focus1000))
        {
            var report = await InProcessPipeline.RunAsync([(input, Samples.Focus1000)], recorded, FactorSet.Embedded, batchSize: _batchSize);
            Assert.Equal(10, report.BatchCount);
            var directory = Path.Combine(_directory, "reference");
            using var reference = new FileResultSink(directory, LinesFormat.Csv);
            for (var batch = 1; batch <= report.BatchCount; batch++) await WriteBatchAsync(recorded, reference, batch);
            await reference.CompleteAsync(report, FactorSet.Embedded.Version, CancellationToken.None);
            Assert.True(reference.Aggregate.Unmapped > 0, "the sample has unmapped lines, so unmapped.csv is compared on something");
            return (recorded, (reference.LinesPath!, reference.UnmappedPath));
        }
    }

    private static async Task WriteBatchAsync(RecordingSink recorded, Results.IEstimateSink sink, int batchNumber)
    {
        await sink.WriteEnergyAsync(recorded.Energy.Single(b => b.BatchNumber == batchNumber), CancellationToken.None);
        await sink.WriteWaterAsync(recorded.Water.Single(b => b.BatchNumber == batchNumber), CancellationToken.None);
        await sink.WriteMaterialsAsync(recorded.Materials.Single(b => b.BatchNumber == batchNumber), CancellationToken.None);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}

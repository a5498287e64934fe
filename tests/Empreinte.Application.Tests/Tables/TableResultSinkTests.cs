using Empreinte.Application.Estimating;
using Empreinte.Application.Files;
using Empreinte.Application.Results;
using Empreinte.Application.Tests.Support;
using Empreinte.Domain.Factors;
using Empreinte.Ingestion;
using Empreinte.Tables;

namespace Empreinte.Application.Tests.Tables;

[Collection(SharedAzurite.Name)]
public sealed class TableResultSinkTests(Azurite azurite) : IAsyncLifetime
{
    private readonly List<EmpreinteTables> _created = [];
    private readonly List<string> _directories = [];

    [Fact]
    public async Task Import_TwiceGivesSameTotals()
    {
        var tables = Track(azurite.NewTables());

        var (first, firstSummary) = await EstimateAsync(tables);
        var (second, secondSummary) = await EstimateAsync(tables);

        // Each run agrees with its own files: detail and monthly tables sum to summary.json's totals.
        var expected = TableSums.Of(firstSummary.Totals);
        TableSums.AssertClose(expected, first.Lines.Columns, "first run, detail table");
        TableSums.AssertClose(expected, first.Monthly.Columns, "first run, monthly table");
        TableSums.AssertClose(TableSums.Of(secondSummary.Totals), second.Lines.Columns, "second run, detail table");

        // The second run overwrote the first instead of adding to it.
        TableSums.AssertClose(first.Lines.Columns, second.Lines.Columns, "detail table after a re-import");
        TableSums.AssertClose(first.Monthly.Columns, second.Monthly.Columns, "monthly table after a re-import");
        Assert.Equal(first.Lines.Entities, second.Lines.Entities);
        Assert.Equal(first.Monthly.Entities, second.Monthly.Entities);

        Assert.Equal(firstSummary.Rows.Total, second.Lines.Lines);
        Assert.Equal(firstSummary.Rows.Total, second.Monthly.Lines);
        Assert.Equal((double)firstSummary.Coverage.UsageCost, second.Lines.UsageCost, 1e-6);
        Assert.Equal((double)firstSummary.Coverage.UsageCost, second.Monthly.UsageCost, 1e-6);
        Assert.True(second.Lines.Columns["EnergyKwh"] > 0, "the sample has mapped usage, so energy is positive");
    }

    [Fact]
    public async Task Calculators_OutOfOrderAndTwice_GiveSameSums()
    {
        var recorded = new RecordingSink();
        using var files = new FileResultSink(NewDirectory());
        using var input = ExportReader.Open(Samples.Focus1000);
        var report = await InProcessPipeline.RunAsync([(input, Samples.Focus1000)], new CompositeEstimateSink([recorded, files]), FactorSet.Embedded, batchSize: 100);
        Assert.Equal(10, report.BatchCount);
        var summary = await files.CompleteAsync(report, FactorSet.Embedded.Version, CancellationToken.None);

        var inOrder = Track(azurite.NewTables());
        var inOrderSink = new TableResultSink(inOrder);
        foreach (var write in recorded.Writes()) await write(inOrderSink);

        // Every calculator's write twice, shuffled, several at once: what at-least-once delivery can do.
        var shuffled = Track(azurite.NewTables());
        var shuffledSink = new TableResultSink(shuffled);
        var writes = recorded.Writes().Concat(recorded.Writes()).ToArray();
        new Random(20261130).Shuffle(writes);
        await Parallel.ForEachAsync(writes, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (write, _) => await write(shuffledSink));

        var expected = TableSums.Of(summary.Totals);
        var orderedLines = await TableSums.OfLinesAsync(inOrder);
        var shuffledLines = await TableSums.OfLinesAsync(shuffled);
        var shuffledMonthly = await TableSums.OfMonthlyAsync(shuffled);
        TableSums.AssertClose(expected, orderedLines.Columns, "in order, detail table");
        TableSums.AssertClose(orderedLines.Columns, shuffledLines.Columns, "shuffled and duplicated, detail table");
        TableSums.AssertClose(expected, shuffledMonthly.Columns, "shuffled and duplicated, monthly table");
        TableSums.AssertClose((await TableSums.OfMonthlyAsync(inOrder)).Columns, shuffledMonthly.Columns, "monthly table, either order");
        Assert.Equal(orderedLines.Entities, shuffledLines.Entities);
        Assert.Equal(summary.Rows.Total, shuffledMonthly.Lines);
    }

    [Fact]
    public async Task Lines_OfOneMonth_SpreadOverSeveralPartitions()
    {
        var tables = Track(azurite.NewTables());
        await EstimateAsync(tables);

        var partitions = new Dictionary<string, HashSet<string>>();
        await foreach (var entity in tables.Lines.QueryAsync<Azure.Data.Tables.TableEntity>(select: ["PartitionKey", "Month"]))
        {
            var month = entity.GetString("Month");
            if (!partitions.TryGetValue(month, out var keys)) partitions[month] = keys = [];
            keys.Add(entity.PartitionKey);
        }

        var busiest = partitions.MaxBy(p => p.Value.Count);
        Assert.True(busiest.Value.Count > 1, $"month {busiest.Key} uses a single partition");
    }

    private async Task<((TableSums Lines, TableSums Monthly), SummaryDocument)> EstimateAsync(EmpreinteTables tables)
    {
        using var files = new FileResultSink(NewDirectory());
        using var input = ExportReader.Open(Samples.Focus1000);
        var sink = new CompositeEstimateSink([files, new TableResultSink(tables)]);
        var report = await InProcessPipeline.RunAsync([(input, Samples.Focus1000)], sink, FactorSet.Embedded);
        var summary = await files.CompleteAsync(report, FactorSet.Embedded.Version, CancellationToken.None);
        return ((await TableSums.OfLinesAsync(tables), await TableSums.OfMonthlyAsync(tables)), summary);
    }

    private EmpreinteTables Track(EmpreinteTables tables)
    {
        _created.Add(tables);
        return tables;
    }

    private string NewDirectory()
    {
        var directory = Path.Combine(Path.GetTempPath(), "empreinte-tests", Guid.NewGuid().ToString("N"));
        _directories.Add(directory);
        return directory;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var tables in _created) await tables.DeleteAllAsync(CancellationToken.None);
        foreach (var directory in _directories.Where(Directory.Exists)) Directory.Delete(directory, recursive: true);
    }
}

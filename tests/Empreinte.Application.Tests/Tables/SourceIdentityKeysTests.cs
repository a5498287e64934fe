using Azure.Data.Tables;
using Empreinte.Application.Estimating;
using Empreinte.Application.Files;
using Empreinte.Application.Results;
using Empreinte.Application.Tests.Support;
using Empreinte.Domain.Factors;
using Empreinte.Ingestion;
using Empreinte.Tables;

namespace Empreinte.Application.Tests.Tables;

/// <summary>
/// Issue #13 point 7: table keys carry the source's full identity. Two different exports that share
/// a file name (<c>part_0_0001.csv</c>, the name every partitioned Cost Management export gives its
/// first part) in different folders must not overwrite each other's detail lines.
/// </summary>
[Collection(SharedAzurite.Name)]
public sealed class SourceIdentityKeysTests(Azurite azurite) : IAsyncLifetime
{
    private readonly List<EmpreinteTables> _created = [];
    private readonly string _root = Path.Combine(Path.GetTempPath(), "empreinte-tests", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task TwoExportsNamedAlike_InDifferentFolders_LoseNoDetailLine_AndTablesSumToSummary()
    {
        var (first, second) = TwoExportsNamedAlike();
        var tables = Track(azurite.NewTables());

        var summary = await EstimateAsync(tables, first, second);

        Assert.Equal(2_000, summary.Rows.Total);
        var lines = await TableSums.OfLinesAsync(tables);
        var monthly = await TableSums.OfMonthlyAsync(tables);
        Assert.Equal(2_000, lines.Entities);
        Assert.Equal(2_000, monthly.Lines);
        var expected = TableSums.Of(summary.Totals);
        TableSums.AssertClose(expected, lines.Columns, "detail table");
        TableSums.AssertClose(expected, monthly.Columns, "monthly table");
        TableSums.AssertClose(monthly.Columns, lines.Columns, "detail table against monthly table");
        Assert.Equal((double)summary.Coverage.UsageCost, lines.UsageCost, 1e-6);
    }

    [Fact]
    public async Task SameExportImportedAgain_WritesTheSameKeys()
    {
        var (first, second) = TwoExportsNamedAlike();
        var tables = Track(azurite.NewTables());

        await EstimateAsync(tables, first, second);
        var keysOnce = await KeysAsync(tables.Lines);
        var summary = await EstimateAsync(tables, first, second);
        var keysTwice = await KeysAsync(tables.Lines);

        Assert.Equal(keysOnce, keysTwice);
        Assert.Equal(2_000, keysTwice.Count);
        TableSums.AssertClose(TableSums.Of(summary.Totals), (await TableSums.OfLinesAsync(tables)).Columns, "detail table after a re-import");
    }

    [Fact]
    public void RowKeys_OfTwoPathsSharingAFileName_Differ_AndStayUnderTheKeyLimit()
    {
        var deep = string.Join('/', Enumerable.Repeat("a-rather-long-folder-name", 20));
        string[] paths = ["/exports/a/part_0_0001.csv", "/exports/b/part_0_0001.csv", $"/{deep}/x/part_0_0001.csv", $"/{deep}/y/part_0_0001.csv"];

        var keys = paths.Select(p => LinesKeys.RowKey(ExportReader.SourceName(p, SourceNaming.FullPath), 1)).ToList();

        Assert.Equal(keys.Count, keys.Distinct(StringComparer.Ordinal).Count());
        Assert.All(keys, k => Assert.True(k.Length < 1024, k));
        Assert.All(keys, k => Assert.DoesNotContain('/', k));
    }

    /// <summary>The 1,000-row sample as is, and reversed: two different exports, both <c>part_0_0001.csv</c>.</summary>
    private (string First, string Second) TwoExportsNamedAlike()
    {
        var rows = File.ReadAllLines(Samples.Focus1000);
        var first = Path.Combine(_root, "exports", "subscription-a", "part_0_0001.csv");
        var second = Path.Combine(_root, "exports", "subscription-b", "part_0_0001.csv");
        Directory.CreateDirectory(Path.GetDirectoryName(first)!);
        Directory.CreateDirectory(Path.GetDirectoryName(second)!);
        File.WriteAllLines(first, rows);
        File.WriteAllLines(second, [rows[0], .. rows.Skip(1).Reverse()]);
        Assert.Equal(1_001, rows.Length);
        return (first, second);
    }

    private async Task<SummaryDocument> EstimateAsync(EmpreinteTables tables, params string[] paths)
    {
        using var files = new FileResultSink(Path.Combine(_root, "out", Guid.NewGuid().ToString("N")));
        var inputs = paths.Select(p => (ExportReader.Open(p, null, SourceNaming.FullPath), p)).ToList();
        try
        {
            var report = await InProcessPipeline.RunAsync(inputs, new CompositeEstimateSink([files, new TableResultSink(tables)]), FactorSet.Embedded);
            return await files.CompleteAsync(report, FactorSet.Embedded.Version, CancellationToken.None);
        }
        finally
        {
            foreach (var (file, _) in inputs) file.Dispose();
        }
    }

    private static async Task<HashSet<(string, string)>> KeysAsync(TableClient table)
    {
        var keys = new HashSet<(string, string)>();
        await foreach (var entity in table.QueryAsync<TableEntity>(select: ["PartitionKey", "RowKey"])) keys.Add((entity.PartitionKey, entity.RowKey));
        return keys;
    }

    private EmpreinteTables Track(EmpreinteTables tables)
    {
        _created.Add(tables);
        return tables;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var tables in _created) await tables.DeleteAllAsync(CancellationToken.None);
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }
}

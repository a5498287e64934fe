using System.Text.RegularExpressions;
using Azure.Data.Tables;
using Empreinte.Application.Tests.Support;
using Empreinte.Functions.Reports;
using Empreinte.Functions.Tests.Support;

namespace Empreinte.Functions.Tests;

/// <summary>
/// docs/power-bi.md names exactly the columns the code produces, and infra/powerbi/EmpreinteMonthly.pq
/// reads only documented columns: docs, Power Query and code cannot drift apart.
/// </summary>
[Collection(SharedAzurite.Name)]
public sealed partial class PowerBiDocsTests(Azurite azurite)
{
    private static readonly string[] _tableSystemColumns = ["PartitionKey", "RowKey", "Timestamp", "odata.etag"];

    [Fact]
    public async Task MonthlyTableColumns_AreExactlyThoseDocumented()
    {
        var harness = new FunctionsHarness(azurite);
        try
        {
            var (status, _) = await harness.PostAsync(harness.SignedPost(await File.ReadAllBytesAsync(Samples.Focus1000), "focus.csv"));
            Assert.Equal(202, status);
            var written = new SortedSet<string>(StringComparer.Ordinal);
            await foreach (var entity in harness.Tables.Monthly.QueryAsync<TableEntity>())
                written.UnionWith(entity.Keys.Except(_tableSystemColumns));

            var documented = DocumentedColumns("### `EmpreinteMonthly` columns").Select(Single).ToList();
            Assert.Equal(documented.Count, documented.Distinct().Count());
            Assert.Equal(written, new SortedSet<string>(documented, StringComparer.Ordinal));
        }
        finally
        {
            await harness.CleanUpAsync();
        }
    }

    [Fact]
    public void ReportColumns_AreExactlyThoseDocumented_InOrder()
    {
        var documented = DocumentedColumns("### Monthly report columns");
        var group = Assert.Single(documented, names => names.Count > 1);

        Assert.Equal(Enum.GetValues<ReportGrouping>().Select(MonthlyReportQuery.ColumnOf).Order(), group.Order());
        foreach (var grouping in Enum.GetValues<ReportGrouping>())
        {
            var expected = documented.Select(names => names.Count > 1 ? MonthlyReportQuery.ColumnOf(grouping) : names[0]);
            Assert.Equal(expected, MonthlyReport.ColumnsFor(grouping));
        }
    }

    [Fact]
    public void RecommendationsColumns_AreExactlyThoseDocumented_InOrder() =>
        Assert.Equal(Tables.RecommendationsTable.Columns, DocumentedColumns("### `EmpreinteRecommendations` columns").Select(Single));

    [Fact]
    public void PowerQuery_ReadsOnlyDocumentedMonthlyColumns()
    {
        var query = File.ReadAllText(Path.Combine(Samples.RepositoryRoot, "infra", "powerbi", "EmpreinteMonthly.pq"));
        var documented = DocumentedColumns("### `EmpreinteMonthly` columns").Select(Single).ToHashSet();

        var read = new List<string>();
        foreach (var list in new[] { "Dimensions", "Bookkeeping", "Breakdowns" })
            read.AddRange(QuotedNames(ListOf(query, list)));
        var criteria = QuotedNames(ListOf(query, "Criteria")).ToList();
        Assert.Equal(7, criteria.Count);
        read.AddRange(criteria.SelectMany(c => new[] { c, c + "Low", c + "High" }));

        // Every documented column is loaded, once, and nothing else: a column added to the docs is added to the query too.
        Assert.Equal(read.Count, read.Distinct().Count());
        Assert.Equal(documented.Order(), read.Order());
    }

    /// <summary>The first cell of each row of the table under <paramref name="heading"/>: its backticked names.</summary>
    private static List<List<string>> DocumentedColumns(string heading)
    {
        var lines = File.ReadAllLines(Path.Combine(Samples.RepositoryRoot, "docs", "power-bi.md"));
        var start = Array.FindIndex(lines, l => l.StartsWith(heading, StringComparison.Ordinal));
        Assert.True(start >= 0, $"docs/power-bi.md has no heading '{heading}'");
        var rows = lines.Skip(start + 1).SkipWhile(l => !l.StartsWith('|')).TakeWhile(l => l.StartsWith('|')).Skip(2).ToList();
        Assert.NotEmpty(rows);
        return rows.Select(row => Backticked().Matches(row.Split('|')[1]).Select(m => m.Groups[1].Value).ToList()).ToList();
    }

    private static string Single(List<string> names) => Assert.Single(names);

    private static string ListOf(string query, string name)
    {
        var match = Regex.Match(query, name + @"\s*=\s*\{(?<items>[^}]*)\}");
        Assert.True(match.Success, $"EmpreinteMonthly.pq has no list {name}");
        return match.Groups["items"].Value;
    }

    private static IEnumerable<string> QuotedNames(string list) => Regex.Matches(list, "\"([^\"]+)\"").Select(m => m.Groups[1].Value);

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex Backticked();
}

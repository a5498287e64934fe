using System.Globalization;
using System.Text.Json;
using Azure.Data.Tables;
using Empreinte.Application.Tests.Support;
using Empreinte.Functions.Reports;
using Empreinte.Functions.Tests.Support;
using Microsoft.AspNetCore.Mvc;

namespace Empreinte.Functions.Tests;

/// <summary>GET /api/reports/monthly over the monthly table filled by an upload of the 1,000-line FOCUS sample.</summary>
[Collection(SharedAzurite.Name)]
public sealed class ReportsMonthlyTests(Azurite azurite) : IAsyncLifetime
{
    private const string _allMonths = "from=2000-01&to=2099-12";
    private FunctionsHarness _harness = null!;

    public async Task InitializeAsync()
    {
        _harness = new FunctionsHarness(azurite);
        var (status, _) = await _harness.PostAsync(_harness.SignedPost(await File.ReadAllBytesAsync(Samples.Focus1000), "focus.csv"));
        Assert.Equal(202, status);
    }

    public async Task DisposeAsync() => await _harness.CleanUpAsync();

    [Theory]
    [InlineData("provider")]
    [InlineData("subAccount")]
    [InlineData("service")]
    [InlineData("region")]
    public async Task Csv_SumsEqualTheMonthlyTable(string groupBy)
    {
        var result = Assert.IsType<ContentResult>(await _harness.Reports.Run(FunctionsHarness.Get($"?{_allMonths}&groupBy={groupBy}&format=csv"), CancellationToken.None));

        Assert.StartsWith("text/csv", result.ContentType, StringComparison.Ordinal);
        var rows = ReadCsv(result.Content!);
        var header = rows[0];
        Assert.Equal(MonthlyReport.ColumnsFor(MonthlyReportQuery.TryParse("2000-01", "2000-01", groupBy, out _)!.GroupBy), header);
        var expected = await TableSumsAsync();
        foreach (var column in MonthlyReport.MeasureColumns)
        {
            var index = Array.IndexOf(header, column);
            var sum = rows.Skip(1).Sum(r => double.Parse(r[index], CultureInfo.InvariantCulture));
            AssertClose(expected[column], sum, column);
        }
    }

    [Fact]
    public async Task Json_SumsEqualTheMonthlyTable()
    {
        var result = Assert.IsType<ContentResult>(await _harness.Reports.Run(FunctionsHarness.Get($"?{_allMonths}&groupBy=service"), CancellationToken.None));

        Assert.Equal("application/json", result.ContentType);
        var json = JsonDocument.Parse(result.Content!).RootElement;
        Assert.Equal("ServiceName", json.GetProperty("groupBy").GetString());
        var rows = json.GetProperty("rows").EnumerateArray().ToList();
        Assert.NotEmpty(rows);
        var expected = await TableSumsAsync();
        foreach (var column in MonthlyReport.MeasureColumns)
            AssertClose(expected[column], rows.Sum(r => r.GetProperty(column).GetDouble()), column);
    }

    [Fact]
    public async Task MonthsOutsideTheData_GiveNoRows()
    {
        var result = Assert.IsType<ContentResult>(await _harness.Reports.Run(FunctionsHarness.Get("?from=1990-01&to=1990-12&format=csv"), CancellationToken.None));

        Assert.Single(ReadCsv(result.Content!));
    }

    [Theory]
    [InlineData("?from=2026-13&to=2026-12")]
    [InlineData("?from=2026-06&to=2026-01")]
    [InlineData("?from=2026-01&to=2026-02&groupBy=colour")]
    [InlineData("?from=2026-01&to=2026-02&format=xml")]
    public async Task BadParameters_Answer400(string query)
    {
        var result = await _harness.Reports.Run(FunctionsHarness.Get(query), CancellationToken.None);

        Assert.IsType<BadRequestObjectResult>(result);
    }

    private async Task<Dictionary<string, double>> TableSumsAsync()
    {
        var sums = MonthlyReport.MeasureColumns.ToDictionary(c => c, _ => 0.0);
        await foreach (var entity in _harness.Tables.Monthly.QueryAsync<TableEntity>())
            foreach (var column in MonthlyReport.MeasureColumns)
                sums[column] += entity[column] switch { double d => d, long l => l, int i => i, _ => 0 };
        Assert.True(sums["Lines"] == 1000, $"the monthly table holds the 1,000 lines (got {sums["Lines"]})");
        return sums;
    }

    private static void AssertClose(double expected, double actual, string column) =>
        Assert.True(Math.Abs(expected - actual) <= 1e-9 * Math.Max(1, Math.Abs(expected)), $"{column}: report {actual} vs table {expected}");

    private static List<string[]> ReadCsv(string csv)
    {
        // The report quotes only text cells with commas or quotes; the sample's names have none in numeric columns.
        var rows = new List<string[]>();
        foreach (var line in csv.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var cells = new List<string>();
            var cell = new System.Text.StringBuilder();
            var quoted = false;
            for (var i = 0; i < line.Length; i++)
            {
                var c = line[i];
                if (quoted)
                {
                    if (c == '"' && i + 1 < line.Length && line[i + 1] == '"') { cell.Append('"'); i++; }
                    else if (c == '"') quoted = false;
                    else cell.Append(c);
                }
                else if (c == '"') quoted = true;
                else if (c == ',') { cells.Add(cell.ToString()); cell.Clear(); }
                else cell.Append(c);
            }

            cells.Add(cell.ToString());
            rows.Add([.. cells]);
        }

        return rows;
    }
}

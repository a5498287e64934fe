using Azure.Data.Tables;
using Empreinte.Application.Results;
using Empreinte.Domain.Usage;
using Empreinte.Tables;

namespace Empreinte.Application.Tests.Support;

/// <summary>What Power BI would get by summing a table: each criterion's central, low and high, plus cost and lines.</summary>
public sealed record TableSums(IReadOnlyDictionary<string, double> Columns, double UsageCost, long Lines, int Entities)
{
    private static readonly string[] _columns =
        TableColumns.Criteria.SelectMany(c => new[] { c, c + "Low", c + "High" }).ToArray();

    /// <summary>Sums of the detail table: one entity per line.</summary>
    public static Task<TableSums> OfLinesAsync(EmpreinteTables tables) => SumAsync(tables.Lines, _ => 1);

    /// <summary>Sums of the monthly table: each entity carries its line count.</summary>
    public static Task<TableSums> OfMonthlyAsync(EmpreinteTables tables) => SumAsync(tables.Monthly, e => e.GetInt64("Lines") ?? 0);

    private static async Task<TableSums> SumAsync(TableClient table, Func<TableEntity, long> lines)
    {
        var sums = _columns.ToDictionary(c => c, _ => 0.0);
        double cost = 0;
        long lineCount = 0;
        var entities = 0;
        await foreach (var entity in table.QueryAsync<TableEntity>(select: [.. _columns, "Cost", "Lines", "Status"]))
        {
            entities++;
            lineCount += lines(entity);
            foreach (var column in _columns) sums[column] += entity.GetDouble(column) ?? double.NaN;
            // summary.json's usage cost leaves non-usage charges out, so the comparison does too.
            if (entity.GetString("Status") != LineStatuses.Excluded) cost += entity.GetDouble("Cost") ?? 0;
        }

        return new TableSums(sums, cost, lineCount, entities);
    }

    public static IReadOnlyDictionary<string, double> Of(SummaryTotals totals)
    {
        var map = new Dictionary<string, double>();
        void Add(string name, SummaryRange range)
        {
            map[name] = range.Central;
            map[name + "Low"] = range.Low;
            map[name + "High"] = range.High;
        }

        Add("EnergyKwh", totals.EnergyKwh);
        Add("CarbonLocationKgCo2e", totals.CarbonLocationKgCo2e);
        Add("CarbonMarketKgCo2e", totals.CarbonMarketKgCo2e);
        Add("EmbodiedKgCo2e", totals.EmbodiedKgCo2e);
        Add("WaterLitres", totals.WaterLitres);
        Add("AbioticDepletionKgSbEq", totals.AbioticDepletionKgSbEq);
        Add("EwasteKg", totals.EwasteKg);
        return map;
    }

    /// <summary>Equal within a relative 1e-9: the same numbers summed in another order.</summary>
    public static void AssertClose(IReadOnlyDictionary<string, double> expected, IReadOnlyDictionary<string, double> actual, string what)
    {
        foreach (var (column, value) in expected)
        {
            var other = actual[column];
            var tolerance = 1e-9 * Math.Max(Math.Abs(value), Math.Abs(other));
            Assert.True(Math.Abs(value - other) <= tolerance, $"{what}: {column} is {other:R}, expected {value:R}");
        }
    }
}

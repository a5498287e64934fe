using System.Globalization;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Empreinte.Application.Files;
using Empreinte.Azure.Exports;
using Empreinte.Tables;

namespace Empreinte.Functions.Reports;

/// <summary>What a monthly report is grouped by, besides month and currency.</summary>
public enum ReportGrouping
{
    Provider,
    SubAccount,
    Service,
    Region,
}

/// <summary>A validated request: months as <c>yyyyMM</c> (inclusive), and the grouping.</summary>
public sealed record MonthlyReportQuery(string FromMonth, string ToMonth, ReportGrouping GroupBy)
{
    /// <summary>The monthly table's column each grouping reads.</summary>
    public static string ColumnOf(ReportGrouping grouping) => grouping switch
    {
        ReportGrouping.Provider => "Provider",
        ReportGrouping.SubAccount => "SubAccountId",
        ReportGrouping.Service => "ServiceName",
        ReportGrouping.Region => "RegionId",
        _ => throw new ArgumentOutOfRangeException(nameof(grouping), grouping, null),
    };

    /// <summary>Parses <c>from</c>/<c>to</c> (<c>yyyy-MM</c>) and <c>groupBy</c> (<c>subAccount|service|region|provider</c>, default provider).</summary>
    public static MonthlyReportQuery? TryParse(string? from, string? to, string? groupBy, out string? problem)
    {
        problem = null;
        if (!TryMonth(from, out var fromMonth) || !TryMonth(to, out var toMonth))
        {
            problem = "from and to are months as yyyy-MM, e.g. ?from=2026-01&to=2026-06.";
            return null;
        }

        if (string.CompareOrdinal(fromMonth, toMonth) > 0)
        {
            problem = $"from ({from}) is after to ({to}).";
            return null;
        }

        ReportGrouping grouping;
        if (string.IsNullOrEmpty(groupBy)) grouping = ReportGrouping.Provider;
        else if (!Enum.TryParse(groupBy, ignoreCase: true, out grouping) || !Enum.IsDefined(grouping) || groupBy.All(char.IsAsciiDigit))
        {
            problem = $"groupBy '{groupBy}' is not one of subAccount, service, region, provider.";
            return null;
        }

        return new MonthlyReportQuery(fromMonth, toMonth, grouping);
    }

    private static bool TryMonth(string? text, out string month)
    {
        month = "";
        if (!DateTime.TryParseExact(text, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed)) return false;
        month = parsed.ToString("yyyyMM", CultureInfo.InvariantCulture);
        return true;
    }
}

/// <summary>
/// The report: one row per (month, group, currency) with lines, cost and every criterion's central,
/// low and high sums. Column names are the monthly table's (units in the names: <c>EnergyKwh</c>,
/// <c>EnergyKwhLow</c>, <c>EnergyKwhHigh</c>…), so the same Power BI measures work on both.
/// </summary>
public sealed record MonthlyReport(MonthlyReportQuery Query, IReadOnlyList<string> Columns, IReadOnlyList<object?[]> Rows)
{
    public static IReadOnlyList<string> MeasureColumns { get; } =
        ["Lines", "Cost", .. TableColumns.Criteria.SelectMany(c => new[] { c, c + "Low", c + "High" })];

    public static IReadOnlyList<string> ColumnsFor(ReportGrouping grouping) =>
        ["Month", MonthlyReportQuery.ColumnOf(grouping), "Currency", .. MeasureColumns];

    public string ToCsv()
    {
        var csv = new StringBuilder();
        csv.AppendJoin(',', Columns).Append('\n');
        foreach (var row in Rows) csv.AppendJoin(',', row.Select(Cell)).Append('\n');
        return csv.ToString();
    }

    public string ToJson() => JsonSerializer.Serialize(new Dictionary<string, object?>
    {
        ["from"] = Query.FromMonth,
        ["to"] = Query.ToMonth,
        ["groupBy"] = MonthlyReportQuery.ColumnOf(Query.GroupBy),
        ["columns"] = Columns,
        ["rows"] = Rows.Select(r => Columns.Select((c, i) => (c, v: r[i])).ToDictionary(x => x.c, x => x.v)),
    });

    private static string Cell(object? value) => value switch
    {
        null => "",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        long l => l.ToString(CultureInfo.InvariantCulture),
        // Group names come from the exports: formulas neutralised, as in every CSV Empreinte writes.
        string s => CsvField.Encode(s),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };
}

/// <summary>
/// Sums the <c>EmpreinteMonthly</c> contributions of a month range (a PartitionKey range: keys start
/// with <c>yyyyMM</c>), keeping for each scheduled export period only its latest run, as the Power
/// BI query does (docs/power-bi.md, "Month-to-date exports").
/// </summary>
public sealed class MonthlyReportService(EmpreinteTables tables, TableClient exportRuns)
{
    public async Task<MonthlyReport> BuildAsync(MonthlyReportQuery query, CancellationToken cancellationToken)
    {
        await tables.EnsureCreatedAsync(cancellationToken);
        var latest = await LatestRunsAsync(cancellationToken);
        var groupColumn = MonthlyReportQuery.ColumnOf(query.GroupBy);
        var afterTo = DateTime.ParseExact(query.ToMonth, "yyyyMM", CultureInfo.InvariantCulture).AddMonths(1).ToString("yyyyMM", CultureInfo.InvariantCulture);
        var filter = TableClient.CreateQueryFilter($"PartitionKey ge {query.FromMonth} and PartitionKey lt {afterTo}");
        string[] select = ["Month", groupColumn, "Currency", "SourceFile", "ImportId", .. MonthlyReport.MeasureColumns];

        var sums = new SortedDictionary<(string Month, string Group, string Currency), double[]>();
        await foreach (var entity in tables.Monthly.QueryAsync<TableEntity>(filter, select: select, cancellationToken: cancellationToken))
        {
            if (IsSuperseded(entity, latest)) continue;
            var key = (entity.GetString("Month") ?? "", entity.GetString(groupColumn) ?? "", entity.GetString("Currency") ?? "");
            if (!sums.TryGetValue(key, out var values)) sums[key] = values = new double[MonthlyReport.MeasureColumns.Count];
            for (var i = 0; i < values.Length; i++) values[i] += Number(entity, MonthlyReport.MeasureColumns[i]);
        }

        var rows = sums.Select(s => new object?[] { s.Key.Month, s.Key.Group, s.Key.Currency, (long)s.Value[0] }
            .Concat(s.Value.Skip(1).Cast<object?>()).ToArray()).ToList();
        return new MonthlyReport(query, MonthlyReport.ColumnsFor(query.GroupBy), rows);
    }

    private async Task<Dictionary<string, string>> LatestRunsAsync(CancellationToken cancellationToken)
    {
        var latest = new Dictionary<string, (DateTimeOffset At, string ImportId)>(StringComparer.Ordinal);
        try
        {
            await foreach (var run in exportRuns.QueryAsync<ExportRunEntity>(cancellationToken: cancellationToken))
                if (!latest.TryGetValue(run.PeriodKey, out var seen) || run.ImportedAt > seen.At)
                    latest[run.PeriodKey] = (run.ImportedAt, run.ImportId.ToString());
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // No scheduled export was ever imported: nothing supersedes anything.
        }

        return latest.ToDictionary(l => l.Key, l => l.Value.ImportId, StringComparer.Ordinal);
    }

    private static bool IsSuperseded(TableEntity entity, Dictionary<string, string> latest)
    {
        var sourceFile = entity.GetString("SourceFile");
        var slash = sourceFile?.LastIndexOf('/') ?? -1;
        return slash > 0 && latest.TryGetValue(sourceFile![..slash], out var importId)
            && !string.Equals(entity.GetString("ImportId"), importId, StringComparison.OrdinalIgnoreCase);
    }

    private static double Number(TableEntity entity, string column) => entity.TryGetValue(column, out var value) ? value switch
    {
        double d => d,
        long l => l,
        int i => i,
        _ => 0,
    } : 0;
}

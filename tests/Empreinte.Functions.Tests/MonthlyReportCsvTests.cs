using Empreinte.Functions.Reports;

namespace Empreinte.Functions.Tests;

/// <summary>Issue #13 point 9: the reports endpoint's CSV neutralises formulas in group names, as every CSV Empreinte writes.</summary>
public sealed class MonthlyReportCsvTests
{
    [Fact]
    public void GroupNamesThatLookLikeFormulas_AreText_AndNumbersStayNumbers()
    {
        var query = MonthlyReportQuery.TryParse("2026-10", "2026-10", "service", out var problem)!;
        Assert.Null(problem);
        var columns = MonthlyReport.ColumnsFor(query.GroupBy);
        object?[] Row(string service) => ["202610", service, "EUR", 3L, .. Enumerable.Repeat<object?>(-1.5, columns.Count - 4)];
        var report = new MonthlyReport(query, columns, [Row("=HYPERLINK(\"http://evil\",\"x\")"), Row("+cmd"), Row("\t@x"), Row("Virtual Machines")]);

        var lines = report.ToCsv().Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(5, lines.Length);
        Assert.StartsWith("202610,\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\",EUR,3,-1.5,", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("202610,'+cmd,EUR,3,-1.5,", lines[2], StringComparison.Ordinal);
        Assert.StartsWith("202610,'\t@x,EUR,3,", lines[3], StringComparison.Ordinal);
        Assert.StartsWith("202610,Virtual Machines,EUR,3,-1.5,", lines[4], StringComparison.Ordinal);
    }
}

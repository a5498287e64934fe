using System.Globalization;
using System.Text;
using Empreinte.Application.Files;
using Empreinte.Domain.Recommendations;

namespace Empreinte.Application.Reporting;

/// <summary>
/// recommendations.csv: one row per recommendation, in summary.json's order (largest carbon saving
/// first), with every criterion's central, low and high saving. Text cells a spreadsheet would run
/// as a formula are neutralised.
/// </summary>
public static class RecommendationsCsv
{
    public static IReadOnlyList<string> Header { get; } =
    [
        "kind", "scopeLevel", "provider", "subAccount", "service", "region", "model", "from", "to",
        "affectedLines", "affectedUsage", "affectedUnit", "affectedCost",
        .. Footprint.Criteria.SelectMany(c => new[] { c.Name + "Saving", c.Name + "SavingLow", c.Name + "SavingHigh" }),
        "confidence", "heuristic", "tradeOffs", "rationale",
    ];

    public static string Write(IReadOnlyList<Recommendation> recommendations)
    {
        var csv = new StringBuilder();
        csv.Append(string.Join(',', Header)).Append('\n');
        foreach (var r in recommendations)
        {
            var cells = new List<string>
            {
                Text(r.Kind), Text(r.Scope.Level), Text(r.Scope.Provider), Text(r.Scope.SubAccount), Text(r.Scope.Service), Text(r.Scope.Region), Text(r.Scope.Model),
                Text(r.From), Text(r.To),
                r.AffectedLines.ToString(CultureInfo.InvariantCulture), Number(r.AffectedUsage), Text(r.AffectedUnit), r.AffectedCost.ToString(CultureInfo.InvariantCulture),
            };
            foreach (var (_, _, value) in Footprint.Criteria)
            {
                var saving = value(r.Savings);
                cells.Add(Number(saving.Central));
                cells.Add(Number(saving.Low));
                cells.Add(Number(saving.High));
            }

            cells.Add(Text(r.Confidence));
            cells.Add(r.Heuristic ? "true" : "false");
            cells.Add(Text(string.Join("; ", r.TradeOffs)));
            cells.Add(Text(r.Rationale));
            csv.Append(string.Join(',', cells)).Append('\n');
        }

        return csv.ToString();
    }

    private static string Number(double value) => value.ToString("G7", CultureInfo.InvariantCulture);

    /// <summary>A text cell, neutralised against spreadsheet formulas and quoted as every Empreinte CSV is (<see cref="CsvField"/>).</summary>
    private static string Text(string? value) => string.IsNullOrEmpty(value) ? "" : CsvField.Encode(value);
}

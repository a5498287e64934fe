using Empreinte.Application.Importing;
using Empreinte.Domain;
using Empreinte.Domain.Factors;

namespace Empreinte.Application.Results;

/// <summary>
/// summary.json as DESIGN.md's output contract defines it. Property names are serialised in
/// camelCase; every number's unit is in its name.
/// </summary>
public sealed record SummaryDocument(
    int SchemaVersion,
    string MethodologyVersion,
    string FactorSetVersion,
    string Profile,
    Guid ImportId,
    IReadOnlyList<InputReport> Inputs,
    IReadOnlyList<SkippedInput> SkippedInputs,
    SummaryRows Rows,
    SummaryCoverage Coverage,
    SummaryTotals Totals,
    IReadOnlyDictionary<string, SummaryBreakdown> ByProvider,
    IReadOnlyDictionary<string, SummaryBreakdown> ByServiceCategory,
    IReadOnlyDictionary<string, SummaryBreakdown> ByRegion,
    IReadOnlyDictionary<string, SummaryBreakdown> ByUsageKind,
    IReadOnlyDictionary<string, long> ExcludedByChargeCategory,
    IReadOnlyList<string> Errors)
{
    public const int CurrentSchemaVersion = 1;

    /// <summary>Changes that lower total carbon, largest carbon saving first (Domain.Recommendations).</summary>
    public IReadOnlyList<Empreinte.Domain.Recommendations.Recommendation> Recommendations { get; init; } = [];

    /// <summary>Version of the formulas; bumped when a calculator's method changes.</summary>
    public const string CurrentMethodologyVersion = "2.0";

    /// <summary>At most this many row errors are listed in full; all are counted.</summary>
    public const int MaxListedErrors = 100;

    public static SummaryDocument From(ImportReport report, FootprintAggregator aggregate, string factorSetVersion, IReadOnlyList<SkippedInput> skipped) => new(
        CurrentSchemaVersion,
        CurrentMethodologyVersion,
        factorSetVersion,
        report.Profile,
        report.ImportId,
        report.Inputs,
        skipped,
        new SummaryRows(aggregate.Total, aggregate.Mapped + aggregate.Unmapped, aggregate.Mapped, aggregate.Unmapped, aggregate.Excluded, report.RowsRejected,
            aggregate.Corrections, aggregate.CorrectionsCost, aggregate.QuantityMissing),
        new SummaryCoverage(
            Share(aggregate.MappedCost, aggregate.UsageCost),
            Share(aggregate.PhysicalCost, aggregate.UsageCost),
            aggregate.Mapped + aggregate.Unmapped == 0 ? 0 : (double)aggregate.Mapped / (aggregate.Mapped + aggregate.Unmapped),
            aggregate.UsageCost,
            aggregate.MappedCost),
        SummaryTotals.From(aggregate.Totals),
        Breakdowns(aggregate.ByProvider),
        Breakdowns(aggregate.ByServiceCategory),
        Breakdowns(aggregate.ByRegion),
        Breakdowns(aggregate.ByUsageKind),
        aggregate.ExcludedByCategory,
        report.Errors.Take(MaxListedErrors).Select(e => e.ToString()).ToList());

    private static double Share(decimal part, decimal whole) => whole == 0 ? 0 : (double)(part / whole);

    private static Dictionary<string, SummaryBreakdown> Breakdowns(Dictionary<string, FootprintTotals> map) =>
        map.OrderBy(p => p.Key, StringComparer.Ordinal).ToDictionary(p => p.Key, p => new SummaryBreakdown(p.Value.Lines, p.Value.Cost, SummaryTotals.From(p.Value)));
}

/// <param name="Total">Lines accepted: mapped + unmapped + excluded.</param>
/// <param name="Usage">Usage lines: mapped + unmapped.</param>
/// <param name="Rejected">Malformed rows, not in <paramref name="Total"/>; see errors.</param>
/// <param name="Corrections">Usage lines with a negative quantity (refunds, re-ratings), in <paramref name="Usage"/> and netted in the totals.</param>
/// <param name="CorrectionsCost">Their cost, in the export's currency.</param>
/// <param name="QuantityMissing">Usage lines with no quantity, estimated as zero (flag <c>quantity-missing</c>).</param>
public sealed record SummaryRows(long Total, long Usage, long Mapped, long Unmapped, long Excluded, long Rejected,
    long Corrections = 0, decimal CorrectionsCost = 0, long QuantityMissing = 0);

/// <summary>Shares of usage cost (non-usage charges excluded from the denominator) and of usage lines.</summary>
public sealed record SummaryCoverage(double MappedCostShare, double PhysicalCostShare, double MappedRowShare, decimal UsageCost, decimal MappedCost);

/// <summary>A criterion's total: low ≤ central ≤ high, in the unit its name gives.</summary>
public sealed record SummaryRange(double Central, double Low, double High)
{
    public static SummaryRange From(Uncertain value) => new(value.Central, value.Low, value.High);
}

public sealed record SummaryTotals(
    SummaryRange EnergyKwh,
    SummaryRange CarbonLocationKgCo2e,
    SummaryRange CarbonMarketKgCo2e,
    SummaryRange EmbodiedKgCo2e,
    SummaryRange WaterLitres,
    SummaryRange AbioticDepletionKgSbEq,
    SummaryRange EwasteKg)
{
    public static SummaryTotals From(FootprintTotals t) => new(
        SummaryRange.From(t.EnergyKwh),
        SummaryRange.From(t.CarbonLocationKgCo2e),
        SummaryRange.From(t.CarbonMarketKgCo2e),
        SummaryRange.From(t.EmbodiedKgCo2e),
        SummaryRange.From(t.WaterLitres),
        SummaryRange.From(t.AbioticDepletionKgSbEq),
        SummaryRange.From(t.EwasteKg));
}

public sealed record SummaryBreakdown(long Lines, decimal Cost, SummaryTotals Totals);

using Empreinte.Application.Reporting;
using Empreinte.Domain.Usage;

namespace Empreinte.Application.Results;

/// <summary>
/// Everything summary.json and unmapped.csv need, accumulated line by line: counts by status,
/// coverage costs, totals, breakdowns and unmapped groups. Memory grows with the number of
/// distinct groups, never with the number of lines. Not thread-safe: callers serialise.
/// </summary>
public sealed class FootprintAggregator
{
    public long Total { get; private set; }
    public long Mapped { get; private set; }
    public long Unmapped { get; private set; }
    public long Excluded { get; private set; }
    public long MappedPhysical { get; private set; }
    public decimal UsageCost { get; private set; }
    public decimal MappedCost { get; private set; }
    public decimal PhysicalCost { get; private set; }
    public decimal ExcludedCost { get; private set; }

    /// <summary>Usage lines with a negative quantity (corrections), and their cost.</summary>
    public long Corrections { get; private set; }
    public decimal CorrectionsCost { get; private set; }

    /// <summary>Usage lines with no quantity (estimated as zero).</summary>
    public long QuantityMissing { get; private set; }

    public FootprintTotals Totals { get; } = new();
    public Dictionary<string, FootprintTotals> ByProvider { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, FootprintTotals> ByServiceCategory { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, FootprintTotals> ByRegion { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, FootprintTotals> ByUsageKind { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, long> ExcludedByCategory { get; } = new(StringComparer.OrdinalIgnoreCase);
    public Dictionary<UnmappedKey, UnmappedGroup> UnmappedGroups { get; } = [];

    /// <summary>Breakdowns for report.html and the recommendation candidates.</summary>
    public ReportAggregate Report { get; } = new();

    public void Add(LineResult result)
    {
        var line = result.Line;
        Total++;
        Report.Add(result);
        switch (line.Status)
        {
            case LineStatuses.Excluded:
                Excluded++;
                ExcludedCost += line.Cost;
                ExcludedByCategory[line.ChargeCategory] = ExcludedByCategory.GetValueOrDefault(line.ChargeCategory) + 1;
                return;
            case LineStatuses.Mapped:
                Mapped++;
                MappedCost += line.Cost;
                // A proxy is mapped but not physical: it says so with a flag.
                if (!line.Flags.Contains(AssumptionFlags.CostProxy))
                {
                    MappedPhysical++;
                    PhysicalCost += line.Cost;
                }

                break;
            default:
                Unmapped++;
                var key = new UnmappedKey(line.Provider, line.ServiceName ?? "", line.SkuMeter ?? "", line.QuantityUnit ?? "", line.Reason ?? "");
                if (!UnmappedGroups.TryGetValue(key, out var group)) UnmappedGroups[key] = group = new UnmappedGroup();
                group.Add(line.Quantity ?? 0, line.Cost);
                break;
        }

        if (line.Flags.Contains(AssumptionFlags.QuantityMissing)) QuantityMissing++;
        else if (line.Quantity < 0)
        {
            Corrections++;
            CorrectionsCost += line.Cost;
        }

        UsageCost += line.Cost;
        Totals.Add(result);
        Breakdown(ByProvider, line.Provider).Add(result);
        Breakdown(ByServiceCategory, line.ServiceCategory ?? "(none)").Add(result);
        Breakdown(ByRegion, line.RegionId ?? "(none)").Add(result);
        Breakdown(ByUsageKind, line.UsageKind).Add(result);
    }

    private static FootprintTotals Breakdown(Dictionary<string, FootprintTotals> map, string key)
    {
        if (!map.TryGetValue(key, out var totals)) map[key] = totals = new FootprintTotals();
        return totals;
    }
}

/// <summary>What the user would map next: provider, service, meter, unit and why it was not mapped.</summary>
public readonly record struct UnmappedKey(string Provider, string Service, string Meter, string Unit, string Reason);

public sealed class UnmappedGroup
{
    public long Rows { get; private set; }
    public double Quantity { get; private set; }
    public decimal Cost { get; private set; }

    public void Add(double quantity, decimal cost)
    {
        Rows++;
        Quantity += quantity;
        Cost += cost;
    }
}

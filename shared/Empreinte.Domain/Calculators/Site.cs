using Empreinte.Contracts;
using Empreinte.Domain.Factors;
using Empreinte.Domain.Usage;

namespace Empreinte.Domain.Calculators;

/// <summary>
/// Where a line's electricity is used: the data-centre efficiency of its provider and the grid and
/// water factors of its region. Unknown regions fall back to world averages, flagged.
/// </summary>
public sealed record Site(DatacenterEfficiency Datacenter, ZoneFactor Grid, ZoneFactor ElectricityWater, IReadOnlyList<string> Flags)
{
    public const string WorldZone = "WORLD";

    public static Site Of(UsageLine line, FactorSet factors)
    {
        var flags = new List<string>();
        var datacenter = factors.Datacenter(line.Provider);
        if (datacenter is null)
        {
            datacenter = factors.Datacenter("Other")!;
            flags.Add(AssumptionFlags.ProviderAveragePue);
        }

        var region = string.IsNullOrEmpty(line.RegionId) ? null : factors.Region(line.Provider, line.RegionId);
        if (region is null) flags.Add(AssumptionFlags.RegionUnknown);

        var grid = region is null ? null : factors.GridIntensity(region.GridZone) ?? factors.GridIntensity(region.Country);
        if (grid is null)
        {
            grid = factors.GridIntensity(WorldZone)!;
            if (region is not null) flags.Add(AssumptionFlags.GridFactorFallback);
        }

        var water = region is null ? null : factors.ElectricityWater(region.Country);
        if (water is null)
        {
            water = factors.ElectricityWater(WorldZone)!;
            if (region is not null) flags.Add(AssumptionFlags.WaterFactorFallback);
        }

        return new(datacenter, grid, water, flags);
    }
}

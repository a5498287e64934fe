using Empreinte.Contracts;
using Empreinte.Domain.Usage;

namespace Empreinte.Azure.Tests.Support;

internal static class TestLines
{
    /// <summary>Unmapped lines: the calculators give them zero, which keeps these tests about messaging, not about factors.</summary>
    public static IReadOnlyList<UsageLine> Unmapped(int count, string file = "export.csv") => Enumerable.Range(1, count)
        .Select(row => new UsageLine
        {
            SourceFile = file,
            SourceRow = row,
            Provider = "Microsoft",
            ResourceId = $"/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Web/sites/app{row}",
            ServiceName = "App Service",
            RegionId = "westeurope",
            ChargeCategory = "Usage",
            Quantity = row,
            QuantityUnit = "Hours",
            Cost = 1.25m * row,
            Currency = "EUR",
            Status = LineStatuses.Unmapped,
            UsageKind = UsageKinds.Unmapped,
            Reason = "no physical model for this meter",
        })
        .ToList();
}

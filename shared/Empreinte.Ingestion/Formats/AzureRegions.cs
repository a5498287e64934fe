using System.Collections.Frozen;

namespace Empreinte.Ingestion.Formats;

/// <summary>
/// Azure ResourceLocation / MeterRegion to region ids (<c>westeurope</c>, <c>eastus2</c>): exports write
/// <c>EastUS</c>, <c>US East 2</c>, <c>usnorth</c>, <c>West Europe</c> or <c>Virginia</c> for the same
/// places (billing-formats.md §2.5). The aliases are the common ones of finops-toolkit open data
/// Regions.csv (MIT); anything else is lower-cased with spaces and hyphens removed.
/// </summary>
public static class AzureRegions
{
    private static readonly FrozenDictionary<string, string> s_aliases = new Dictionary<string, string>
    {
        ["useast"] = "eastus",
        ["useast2"] = "eastus2",
        ["uswest"] = "westus",
        ["uswest2"] = "westus2",
        ["uswest3"] = "westus3",
        ["uscentral"] = "centralus",
        ["usnorth"] = "northcentralus",
        ["ussouth"] = "southcentralus",
        ["usnorthcentral"] = "northcentralus",
        ["ussouthcentral"] = "southcentralus",
        ["uswestcentral"] = "westcentralus",
        ["virginia"] = "eastus",
        ["iowa"] = "centralus",
        ["texas"] = "southcentralus",
        ["illinois"] = "northcentralus",
        ["california"] = "westus",
        ["washington"] = "westus2",
        ["euwest"] = "westeurope",
        ["eunorth"] = "northeurope",
        ["netherlands"] = "westeurope",
        ["ireland"] = "northeurope",
        ["ukwest"] = "ukwest",
        ["uksouth"] = "uksouth",
        ["gbsouth"] = "uksouth",
        ["london"] = "uksouth",
        ["cardiff"] = "ukwest",
        ["frcentral"] = "francecentral",
        ["frsouth"] = "francesouth",
        ["paris"] = "francecentral",
        ["dewestcentral"] = "germanywestcentral",
        ["frankfurt"] = "germanywestcentral",
        ["apeast"] = "eastasia",
        ["apsoutheast"] = "southeastasia",
        ["hongkong"] = "eastasia",
        ["singapore"] = "southeastasia",
        ["jaeast"] = "japaneast",
        ["jawest"] = "japanwest",
        ["tokyo"] = "japaneast",
        ["auseast"] = "australiaeast",
        ["ausoutheast"] = "australiasoutheast",
        ["sydney"] = "australiaeast",
        ["brsouth"] = "brazilsouth",
        ["cacentral"] = "canadacentral",
        ["toronto"] = "canadacentral",
        ["caeast"] = "canadaeast",
        ["incentral"] = "centralindia",
        ["pune"] = "centralindia",
        ["krcentral"] = "koreacentral",
        ["seoul"] = "koreacentral",
        ["chnorth"] = "switzerlandnorth",
        ["zurich"] = "switzerlandnorth",
        ["nonorth"] = "norwayeast",
        ["aen"] = "uaenorth",
        ["zanorth"] = "southafricanorth",
        ["sesentral"] = "swedencentral",
        ["gävle"] = "swedencentral",
        ["global"] = "global",
        ["unassigned"] = "",
        ["unknown"] = "",
        ["all regions"] = "",
        ["allregions"] = "",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    public static string? Normalise(string? location)
    {
        if (string.IsNullOrWhiteSpace(location)) return null;
        var key = location.Trim().ToLowerInvariant().Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        if (s_aliases.TryGetValue(key, out var id)) return id.Length == 0 ? null : id;
        return key;
    }
}

using Empreinte.Contracts;
using Empreinte.Domain.Factors;
using Empreinte.Domain.Usage;

namespace Empreinte.Domain.Calculators;

/// <summary>
/// Where a line's electricity is used: the data-centre efficiency (PUE, on-site WUE), the grid
/// intensity (gCO2e/kWh), the electricity water intensity (L/kWh) and the share of electricity the
/// provider matches contractually (for market-based carbon). Unknown regions fall back to world
/// averages, flagged. AI token usage runs in the AI provider's data centres (EcoLogits defaults)
/// unless the line names a known cloud region. Its market-based share is the one of the provider that
/// served the model (<see cref="AiServingProvider"/>), not of whoever billed it.
/// </summary>
/// <param name="MarketMatchedShare">Share matched by carbon-free contracts (0–1), null when the provider publishes none.</param>
public sealed record Site(
    Uncertain Pue,
    Uncertain WueLitresPerKwh,
    Uncertain GridGramsPerKwh,
    Uncertain ElectricityWaterLitresPerKwh,
    Uncertain? MarketMatchedShare,
    IReadOnlyList<string> Flags)
{
    public const string WorldZone = "WORLD";

    /// <summary>
    /// The site of a line. It depends only on the provider, the region, whether the line is AI
    /// usage (and then its model) and whether it needs a region; exports repeat a few hundred such
    /// combinations over millions of lines, and the energy and water calculators both ask for every
    /// line, so each combination is worked out once per factor set.
    /// </summary>
    public static Site Of(UsageLine line, FactorSet factors)
    {
        var key = KeyOf(line);
        if (s_known.TryGet(factors, key, out var site)) return site;
        site = Compute(line, factors);
        s_known.Remember(factors, key, site);
        return site;
    }

    private static readonly FactorSetMemo<SiteKey, Site> s_known = new(16_384);

    /// <summary>The line's region as the factor set names it; null when the line has none or the factor set does not know it.</summary>
    internal static RegionLocation? RegionOf(UsageLine line, FactorSet factors) =>
        string.IsNullOrEmpty(line.RegionId) ? null : factors.Region(line.Provider, line.RegionId);

    private static Site Compute(UsageLine line, FactorSet factors)
    {
        var flags = new List<string>();
        var region = RegionOf(line, factors);

        Uncertain pue, wue;
        string? gridZone = region?.GridZone, country = region?.Country;
        Uncertain? matched = factors.Market(line.Provider, region?.Region)?.MatchedShare;
        if (line.UsageKind == UsageKinds.AiTokens)
        {
            var developer = factors.LlmModel(line.AiModel).Developer;
            var ai = factors.AiDatacenter(developer) ?? factors.AiDatacenter(OtherProvider)!;
            var serving = AiServingProvider(line.Provider, ai, factors);
            // The billing cloud's region locates the serving only when that cloud served the model.
            matched = factors.Market(serving, serving == line.Provider ? region?.Region : null)?.MatchedShare;
            pue = ai.Pue;
            wue = ai.WueLitresPerKwh;
            if (region is null)
            {
                // No cloud region on the line: the AI provider's default location (EcoLogits).
                gridZone = ai.GridZone;
                country = ai.Country;
                flags.Add(CalculatorFlags.AiDatacenterAssumed);
            }
        }
        else
        {
            var datacenter = factors.Datacenter(line.Provider);
            if (datacenter is null)
            {
                datacenter = factors.Datacenter(OtherProvider)!;
                flags.Add(AssumptionFlags.ProviderAveragePue);
            }

            pue = datacenter.Pue;
            wue = datacenter.WueLitresPerKwh;
            if (region is null && NeedsRegion(line.UsageKind))
                flags.Add(AssumptionFlags.RegionUnknown);
        }

        var grid = (gridZone is null ? null : factors.GridIntensity(gridZone)) ?? (country is null ? null : factors.GridIntensity(country));
        if (grid is null)
        {
            grid = factors.GridIntensity(WorldZone)!;
            if (country is not null) flags.Add(AssumptionFlags.GridFactorFallback);
        }

        var water = country is null ? null : factors.ElectricityWater(country);
        if (water is null)
        {
            water = factors.ElectricityWater(WorldZone)!;
            if (country is not null) flags.Add(AssumptionFlags.WaterFactorFallback);
        }

        return new(pue, wue, grid.Value, water.Value, matched, flags);
    }

    /// <summary>
    /// The provider whose data centres served an AI line: a cloud with its own data-centre factors (<c>datacenters.csv</c>:
    /// AWS, Microsoft, Google Cloud) serves what it bills (Bedrock, Azure OpenAI and Foundry, Vertex AI and the Gemini API run
    /// models in the cloud's own regions), so Claude on Bedrock is AWS and Claude on Vertex AI is Google Cloud; otherwise the
    /// model developer's host (<c>ai_providers.csv</c> <c>serving_provider</c>: Gemini is always served by Google Cloud),
    /// else the developer itself (OpenAI, Anthropic, Mistral…, which publish no market-based share).
    /// </summary>
    public static string AiServingProvider(string billingProvider, AiDatacenter developer, FactorSet factors) =>
        billingProvider != OtherProvider && factors.Datacenter(billingProvider) is not null
            ? billingProvider
            : developer.ServingProvider ?? developer.AiProvider;

    /// <summary>The catch-all row of <c>datacenters.csv</c> and <c>ai_providers.csv</c>: an industry average, not a cloud.</summary>
    private const string OtherProvider = "Other";

    /// <summary>Everything <see cref="Of(UsageLine, FactorSet)"/> reads from a line.</summary>
    internal readonly record struct SiteKey(string Provider, string? RegionId, bool AiTokens, string? AiModel, bool NeedsRegion);

    internal static SiteKey KeyOf(UsageLine line)
    {
        var ai = line.UsageKind == UsageKinds.AiTokens;
        return new SiteKey(line.Provider, line.RegionId, ai, ai ? line.AiModel : null, NeedsRegion(line.UsageKind));
    }

    private static bool NeedsRegion(string kind) => kind is not (UsageKinds.Unmapped or UsageKinds.NonUsage);
}

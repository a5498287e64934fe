namespace Empreinte.Domain.Calculators;

/// <summary>Which methodology the calculators follow.</summary>
public enum CalculationProfile
{
    /// <summary>Empreinte's own: ranges on every factor, current grid data, market-based where providers publish it.</summary>
    Default = 0,

    /// <summary>
    /// What Cloud Carbon Footprint's code computes, as point values (low = central = high): for AWS and
    /// Azure lines its per-row logic on its own tables (<see cref="Ccf.CcfMethodology"/>, checked against
    /// CCF's npm packages); for Google Cloud its grid table and regional PUEs with CCF's watts and
    /// embodied formula. Location-based only. For comparisons with a CCF dashboard.
    /// </summary>
    Ccf = 1,
}

/// <summary>Profile names as they appear on the command line and in messages.</summary>
public static class CalculationProfiles
{
    public static string NameOf(CalculationProfile profile) => profile == CalculationProfile.Ccf ? "ccf" : "default";

    public static bool TryParse(string? name, out CalculationProfile profile)
    {
        profile = CalculationProfile.Default;
        if (string.IsNullOrEmpty(name) || name.Equals("default", StringComparison.OrdinalIgnoreCase)) return true;
        if (!name.Equals("ccf", StringComparison.OrdinalIgnoreCase)) return false;
        profile = CalculationProfile.Ccf;
        return true;
    }
}

/// <summary>Flags raised by the calculators themselves (assumption flags live in <c>AssumptionFlags</c>).</summary>
public static class CalculatorFlags
{
    public const string MarketBasedEqualsLocation = "market-based-equals-location";
    public const string MarketBasedLowConfidence = "market-based-low-confidence";
    public const string GpuModelUnknown = "gpu-model-unknown";
    public const string InputTokensNotCounted = "input-tokens-not-counted";
    public const string AiDatacenterAssumed = "ai-datacenter-assumed";
    public const string LlmLifecycleBoundary = "llm-lifecycle-boundary";
    public const string CcfGridFallback = "ccf-grid-fallback";
    public const string CcfGpuNotInCcf = "ccf-gpu-not-in-ccf";
    public const string CcfEmbodiedCarbonOnly = "ccf-embodied-carbon-only";
    public const string KindNotModelled = "kind-not-modelled";
}

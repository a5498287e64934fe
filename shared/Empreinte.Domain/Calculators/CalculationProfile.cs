namespace Empreinte.Domain.Calculators;

/// <summary>
/// Which methodology a run follows, as the command line and the hosts hold it; the calculators never
/// see it: <see cref="Methodologies.For"/> turns it into the <see cref="IMethodology"/> once, at the edge.
/// </summary>
public enum CalculationProfile
{
    /// <summary>Empreinte's own (<see cref="EmpreinteMethodology"/>).</summary>
    Default = 0,

    /// <summary>What Cloud Carbon Footprint's code computes, as point values (<see cref="Ccf.CcfMethodology"/>).</summary>
    Ccf = 1,
}

/// <summary>Profile names as they appear on the command line and in messages (<c>UsageBatchParsed.Profile</c>).</summary>
public static class CalculationProfiles
{
    public static string NameOf(CalculationProfile profile) => Methodologies.For(profile).Name;

    /// <summary>An empty name is the default profile; a name no methodology (or no profile value) has is false.</summary>
    public static bool TryParse(string? name, out CalculationProfile profile)
    {
        profile = CalculationProfile.Default;
        if (!Methodologies.TryGet(name, out var methodology)) return false;
        foreach (var value in Enum.GetValues<CalculationProfile>())
        {
            if (!ReferenceEquals(Methodologies.For(value), methodology)) continue;
            profile = value;
            return true;
        }

        return false;
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

using Empreinte.Domain.Calculators;
using Empreinte.Domain.Usage;

namespace Empreinte.Domain.Tests;

/// <summary>
/// Market-based carbon of AI lines follows the provider whose data centres served the model (market.csv), not the
/// one that billed it: Gemini gets Google's carbon-free energy share wherever it is billed; Claude gets AWS's matching
/// on Bedrock and Google's CFE on Vertex AI.
/// </summary>
public class AiServingProviderTests
{
    private static EnergyEstimate Energy(string provider, string? region, string model) =>
        EnergyCalculator.Estimate(Lines.Tokens(provider, region, model, 1000), Lines.Factors);

    /// <summary>
    /// The matched share implied by market and location carbon at each bound. The lowest market value takes the highest
    /// share, so this reads (high share, central share, low share).
    /// </summary>
    private static (double Low, double Central, double High) Share(EnergyEstimate e) =>
        (1 - (e.CarbonMarketKgCo2e.Low / e.CarbonLocationKgCo2e.Low),
         1 - (e.CarbonMarketKgCo2e.Central / e.CarbonLocationKgCo2e.Central),
         1 - (e.CarbonMarketKgCo2e.High / e.CarbonLocationKgCo2e.High));

    [Fact]
    public void Gemini_BilledThroughGcp_GetsGoogleCfe_OfTheRegion_OrOfTheFleetWithoutOne()
    {
        // europe-west1: Google region-carbon-info 2025 CFE 0.79.
        var regional = Energy(Providers.Gcp, "europe-west1", "gemini-2.5-flash");
        Assert.Equal(0.79, Share(regional).Central, 6);
        Assert.Contains(CalculatorFlags.MarketBasedLowConfidence, regional.Flags);

        // Gemini API lines carry location "global": Google's fleet-wide hourly CFE, 64 % (2023) to 66 % (2024).
        var global = Energy(Providers.Gcp, "global", "gemini-2.5-flash");
        Assert.Equal((0.66, 0.66, 0.64), Round(Share(global)));
        Assert.Contains(CalculatorFlags.AiDatacenterAssumed, global.Flags);
        Assert.DoesNotContain(CalculatorFlags.MarketBasedEqualsLocation, global.Flags);
    }

    [Fact]
    public void Gemini_BilledByAnotherProvider_IsStillServedByGoogle()
    {
        // A reseller or gateway bill (not a cloud with its own data centres): Gemini runs in Google's fleet.
        var resold = Energy("OpenRouter", null, "gemini-2.5-pro");
        Assert.Equal((0.66, 0.66, 0.64), Round(Share(resold)));
        Assert.Equal("Google Cloud", Site.AiServingProvider("OpenRouter", Lines.Factors.AiDatacenter("Google")!, Lines.Factors));
        // "Other" is the industry-average data-centre row, not a cloud that hosts models.
        Assert.Equal("Google Cloud", Site.AiServingProvider("Other", Lines.Factors.AiDatacenter("Google")!, Lines.Factors));
    }

    [Fact]
    public void Claude_OnBedrock_And_OnVertex_TakeTheirHostsMarketShares()
    {
        var bedrock = Energy(Providers.Aws, "us-east-1", "claude-sonnet-4");
        var vertex = Energy(Providers.Gcp, "us-east5", "claude-sonnet-4");

        // Same model, same developer data-centre profile (EcoLogits Anthropic PUE) and the same energy.
        Assert.Equal(bedrock.EnergyKwh.Central, vertex.EnergyKwh.Central, 12);
        // Bedrock: AWS 100 % annual renewable matching (central 0, high = location); Vertex AI: us-east5 CFE 0.57.
        Assert.Equal((1.0, 1.0, 0.0), Round(Share(bedrock)));
        Assert.Equal((0.57, 0.57, 0.57), Round(Share(vertex)));
        Assert.Equal(0, bedrock.CarbonMarketKgCo2e.Central);
        Assert.True(vertex.CarbonMarketKgCo2e.Central > 0);

        // Claude bought from Anthropic directly: no published matching, market = location.
        var direct = Energy("Anthropic", null, "claude-sonnet-4");
        Assert.Equal(direct.CarbonLocationKgCo2e, direct.CarbonMarketKgCo2e);
        Assert.Contains(CalculatorFlags.MarketBasedEqualsLocation, direct.Flags);
    }

    [Fact]
    public void AzureOpenAi_IsServedByMicrosoft_WhichPublishesNoMarketShare()
    {
        var azure = Energy(Providers.Azure, "swedencentral", "gpt-4o");
        Assert.Equal(azure.CarbonLocationKgCo2e, azure.CarbonMarketKgCo2e);
        Assert.Contains(CalculatorFlags.MarketBasedEqualsLocation, azure.Flags);
        Assert.Equal(Providers.Azure, Site.AiServingProvider(Providers.Azure, Lines.Factors.AiDatacenter("OpenAI")!, Lines.Factors));
    }

    private static (double, double, double) Round((double Low, double Central, double High) s) =>
        (Math.Round(s.Low, 6), Math.Round(s.Central, 6), Math.Round(s.High, 6));
}

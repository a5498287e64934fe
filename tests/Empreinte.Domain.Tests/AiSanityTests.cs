using Empreinte.Domain.Calculators;
using Empreinte.Domain.Usage;

namespace Empreinte.Domain.Tests;

/// <summary>
/// AI token estimates against two independent references: EcoLogits' inference-only model
/// (methodology-anchors §3.3) and the providers' own figures (§5.1 Google, §5.2 Mistral). The range
/// must span both; the central value must sit between them.
/// </summary>
public class AiSanityTests
{
    private static void Spans(Uncertain range, double a, double b, string what)
    {
        Assert.True(range.Low <= Math.Min(a, b), $"{what}: low {range.Low:G4} above {Math.Min(a, b):G4}");
        Assert.True(range.High >= Math.Max(a, b), $"{what}: high {range.High:G4} below {Math.Max(a, b):G4}");
    }

    private static void Between(double value, double a, double b, string what) =>
        Assert.True(value >= Math.Min(a, b) * 0.99 && value <= Math.Max(a, b) * 1.01, $"{what}: central {value:G4} not between {a:G4} and {b:G4}");

    [Fact]
    public void EcoLogitsFormula_123BDense_400Tokens_Sweden()
    {
        // n = 2^ceil(log2(ceil(1.2 × 123 × 2 / 80))) = 4 GPUs.
        // f_E = (1.1665e-6 × e^(−0.011206 × 64) × 123 + 4.0529e-5) Wh = 1.1056e-4 Wh/token/GPU → × 400 × 4 = 0.17690 Wh.
        // ΔT = 400 × (6.785e-4 × 123 + 3.119e-4 × 64 + 1.947e-2) = 49.15 s; server = 49.15/3600 h × 1.2 kW × 4/8 / 64 = 0.1280 Wh.
        // E = 1.16 × (0.1769 + 0.1280) = 0.354 Wh (anchors §3.3).
        var line = Lines.Tokens("Mistral", null, "mistral-large-2411", 400);
        var e = EnergyCalculator.Estimate(line, Lines.Factors);
        Assert.InRange(e.EnergyKwh.Central, 0.354e-3 * 0.99, 0.354e-3 * 1.01);
        Assert.InRange(e.Breakdown.GpuKwh, 0.1769e-3 * 0.99, 0.1769e-3 * 1.01);
        Assert.Equal(1.16, e.Pue, 3);
        // Embodied at EcoLogits' boundary (the CCF profile keeps it): 49.15 s / 64 × (4/8 × 5,700 + 4 × 164) kg / 3 years
        // = 0.0285 g (anchors §3.3: 0.029 g). The default profile's central widens it by the lifecycle boundary √30 = 5.48.
        var atEcoLogitsBoundary = MaterialsCalculator.Estimate(line, Lines.Factors, CalculationProfile.Ccf);
        Assert.InRange(atEcoLogitsBoundary.EmbodiedKgCo2e.Central, 0.0285e-3 * 0.98, 0.0285e-3 * 1.02);
        var m = MaterialsCalculator.Estimate(line, Lines.Factors);
        Assert.InRange(m.EmbodiedKgCo2e.Central, 0.0285e-3 * 5.48 * 0.98, 0.0285e-3 * 5.48 * 1.02);
    }

    [Fact]
    public void MistralLarge_400Tokens_SpansEcoLogitsAndMistralLca()
    {
        var line = Lines.Tokens("Mistral", null, "mistral-large-2411", 400);
        var e = EnergyCalculator.Estimate(line, Lines.Factors);
        var m = MaterialsCalculator.Estimate(line, Lines.Factors);
        var total = e.CarbonLocationKgCo2e + m.EmbodiedKgCo2e;
        // EcoLogits (§3.3, unrounded): 0.354 Wh × 35.82 g/kWh (SWE mix) = 0.01268 g use + 0.0285 g embodied = 0.0412 g;
        // Mistral LCA: 1.14 g per 400-token response.
        const double ecoLogits = (0.354e-3 * 0.03582) + 0.0285e-3, mistral = 1.14e-3;
        Spans(total, ecoLogits, mistral, "carbon");
        Between(total.Central, ecoLogits, mistral, "carbon");
        Assert.Contains(CalculatorFlags.AiDatacenterAssumed, e.Flags);
        Assert.Contains(CalculatorFlags.LlmLifecycleBoundary, m.Flags);
    }

    [Fact]
    public void MistralLarge_400Tokens_WaterAndAdpe_SpanEcoLogitsAndMistralLca()
    {
        var line = Lines.Tokens("Mistral", null, "mistral-large-2411", 400);
        var w = WaterCalculator.Estimate(line, Lines.Factors);
        var m = MaterialsCalculator.Estimate(line, Lines.Factors);
        // EcoLogits (§3.3): 2.51 mL and 0.0017 mg Sb eq; Mistral LCA (§5.2): 45 mL and 0.16 mg Sb eq.
        Spans(w.WaterLitres, 2.51e-3, 45e-3, "water");
        Between(w.WaterLitres.Central, 2.51e-3, 45e-3, "water");
        Spans(m.AbioticDepletionKgSbEq, 0.0017e-6, 0.16e-6, "ADPe");
        Between(m.AbioticDepletionKgSbEq.Central, 0.0017e-6, 0.16e-6, "ADPe");
        Assert.Contains(CalculatorFlags.LlmLifecycleBoundary, w.Flags);
    }

    [Fact]
    public void LifecycleWater_IsUseWaterTimesTheBoundaryMinusOne_AndAbsentFromTheCcfProfile()
    {
        var line = Lines.Tokens("Mistral", null, "mistral-large-2411", 400);
        var w = WaterCalculator.Estimate(line, Lines.Factors);
        var use = w.OnSiteLitres + w.OffSiteLitres;
        // Boundary 1 / 4.47 / 20 (constants.csv): the lifecycle part is zero at the low bound.
        Assert.Equal(use.Low, w.WaterLitres.Low, 12);
        Assert.Equal(use.Central * 4.47, w.WaterLitres.Central, 12);
        Assert.Equal(use.High * 20, w.WaterLitres.High, 12);
        var ccf = WaterCalculator.Estimate(line, Lines.Factors, CalculationProfile.Ccf);
        Assert.Equal(ccf.OnSiteLitres.Central + ccf.OffSiteLitres.Central, ccf.WaterLitres.Central, 15);
        Assert.DoesNotContain(CalculatorFlags.LlmLifecycleBoundary, ccf.Flags);
    }

    [Fact]
    public void LargeMoe_ShortPrompt_UsGrid_SpansEcoLogitsAndGoogle()
    {
        // A short chat answer (100 output tokens) from gemini-2.5-flash (MoE 440 B, 44–132 B active) in us-central1.
        var line = Lines.Tokens(Providers.Gcp, "us-central1", "gemini-2.5-flash", 100, inputTokens: 50);
        var e = EnergyCalculator.Estimate(line, Lines.Factors);
        var w = WaterCalculator.Estimate(line, Lines.Factors);

        // EcoLogits at the middle of its active range (88 B), 16 GPUs (1.2 × 440 × 2 / 80 = 13.2 → 16), B = 64, PUE 1.09:
        // GPU = 100 × 16 × (1.1665e-6 × 0.48811 × 88 + 4.0529e-5) / 1000 = 1.4502e-4 kWh;
        // ΔT = 100 × (6.785e-4 × 88 + 3.119e-4 × 64 + 1.947e-2) = 9.914 s; server = 9.914/3600 × 1.2 × 16/8 / 64 = 1.0327e-4 kWh.
        var ecoLogitsKwh = 1.09 * (1.4502e-4 + 1.0327e-4);           // 0.2706 Wh
        var ecoLogitsCarbon = ecoLogitsKwh * 0.38355;                    // kg: USA mix → 0.104 g
        var ecoLogitsOnSite = ecoLogitsKwh * 0.999;                      // L: 0.27 mL
        // Google (Elsworth et al. 2025), median Gemini Apps prompt: 0.24 Wh, 0.03 gCO2e market-based, 0.26 mL on-site.
        Spans(e.EnergyKwh, ecoLogitsKwh, 0.24e-3, "energy");
        Between(e.EnergyKwh.Central, ecoLogitsKwh, 0.24e-3, "energy");
        Spans(e.CarbonLocationKgCo2e, ecoLogitsCarbon, ecoLogitsCarbon, "location carbon");
        Spans(e.CarbonMarketKgCo2e, 0.03e-3, 0.03e-3, "market carbon");
        Spans(w.OnSiteLitres, ecoLogitsOnSite, 0.26e-3, "on-site water");
        Assert.Contains(CalculatorFlags.InputTokensNotCounted, e.Flags);
    }

    [Fact]
    public void UnknownModel_IsFlagged_AndStillEstimated()
    {
        var e = EnergyCalculator.Estimate(Lines.Tokens("OpenAI", null, "brand-new-model", 1000), Lines.Factors);
        Assert.Contains(AssumptionFlags.ModelSizeAssumed, e.Flags);
        Assert.True(e.EnergyKwh.Central > 0);
    }
}

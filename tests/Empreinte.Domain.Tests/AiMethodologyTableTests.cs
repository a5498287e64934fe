using System.Globalization;
using System.Text;
using Empreinte.Domain.Calculators;
using Empreinte.Domain.Usage;

namespace Empreinte.Domain.Tests;

/// <summary>
/// The AI table of docs/methodology/ai.md (between <c>&lt;!-- generated:ai --&gt;</c> markers) is computed here from the
/// calculators, beside Google's published Gemini figures, Mistral's LCA and EcoLogits' formula for the same prompt.
/// The committed table must equal what the code gives; <c>EMPREINTE_REGENERATE_DOCS=1</c> rewrites it instead.
/// </summary>
public class AiMethodologyTableTests
{

    /// <summary>
    /// EcoLogits 0.9.1 per request (anchors §3.1–3.2), at its own constants — an independent reference, so a change to
    /// Empreinte's factors does not move it. Output tokens only; location-based; water = E × (WUE + PUE × EWIF).
    /// </summary>
    internal static (double Wh, double CarbonG, double WaterMl, double AdpeMg) EcoLogits(
        double activeB, double totalB, double outputTokens, double pue, double wueOnSite, double gwpKgPerKwh, double adpeKgPerKwh, double ewifLitresPerKwh)
    {
        const double alpha = 1.1665273170451914e-06, beta = -0.011205921025579175, gamma = 4.052928146734005e-05;
        const double batch = 64, serverKw = 1.2, lifetimeSeconds = 3 * 365 * 24 * 3600.0;
        var gpus = AiInference.GpusFor(totalB, 80);
        var gpuKwh = outputTokens * gpus * ((alpha * Math.Exp(beta * batch) * activeB) + gamma) / 1000;
        var latencySeconds = outputTokens * ((6.785e-4 * activeB) + (3.119e-4 * batch) + 1.947e-2);
        var serverKwh = latencySeconds / 3600 * serverKw * gpus / 8 / batch;
        var kwh = pue * (gpuKwh + serverKwh);
        var share = latencySeconds / batch / lifetimeSeconds;
        var embodiedKg = share * ((gpus / 8 * 5700) + (gpus * 164));
        var embodiedSb = share * ((gpus / 8 * 0.37) + (gpus * 5.1e-3));
        return (kwh * 1000, ((kwh * gwpKgPerKwh) + embodiedKg) * 1000, kwh * (wueOnSite + (pue * ewifLitresPerKwh)) * 1000, ((kwh * adpeKgPerKwh) + embodiedSb) * 1e6);
    }

    [Fact]
    public void EcoLogitsReference_ReproducesTheAnchorsSanityRun()
    {
        // anchors §3.3: 123 B dense, 400 tokens, SWE mix (0.03582 kg/kWh, 7.771e-8 kgSb/kWh, 6.0315 L/kWh), PUE 1.16, WUE 0.09:
        // 0.354 Wh; 0.013 g use + 0.029 g embodied; 2.51 mL; 0.0017 mg Sb.
        var r = EcoLogits(123, 123, 400, 1.16, 0.09, 0.03582, 7.771e-8, 6.0315);
        Assert.InRange(r.Wh, 0.354 * 0.99, 0.354 * 1.01);
        Assert.InRange(r.CarbonG, 0.0412 * 0.98, 0.0412 * 1.02);
        Assert.InRange(r.WaterMl, 2.51 * 0.99, 2.51 * 1.01);
        Assert.InRange(r.AdpeMg, 0.0017 * 0.97, 0.0017 * 1.03);
    }

    [Fact]
    public void MethodologyAiTable_IsWhatTheCalculatorsGive() =>
        GeneratedDocBlock.AssertCurrent(Path.Combine("docs", "methodology", "ai.md"), "ai", "\n" + Table() + "\n");

    /// <summary>The table: for each prompt, Empreinte's low / central / high beside the published references.</summary>
    internal static string Table()
    {
        var b = new StringBuilder();
        b.AppendLine("| prompt | source | energy Wh | carbon, location, use + embodied, g CO2e | carbon, market, use, g CO2e | water mL | ADPe mg Sb eq |");
        b.AppendLine("|---|---|---|---|---|---|---|");

        const string gemini = "Gemini 2.5 Flash (MoE 440 B, 44–132 B active), 100 output tokens, Vertex AI us-central1";
        Empreinte(b, gemini, Lines.Tokens(Providers.Gcp, "us-central1", "gemini-2.5-flash", 100, inputTokens: 50));
        Empreinte(b, "same prompt, Gemini API (location global: Google's fleet-wide CFE)", Lines.Tokens(Providers.Gcp, "global", "gemini-2.5-flash", 100, inputTokens: 50));
        Reference(b, gemini, "Google, Elsworth et al. 2025: median Gemini Apps text prompt, comprehensive serving, market-based, on-site water only (anchors §5.1)",
            "0.24", "—", "0.03", "0.26 (on-site)", "—");
        // EcoLogits' google_genai profile: USA mix 0.38355 kg/kWh, 9.855e-8 kgSb/kWh, 3.1321 L/kWh; PUE 1.09, WUE 0.999; its 44–132 B active range.
        var gLow = EcoLogits(44, 440, 100, 1.09, 0.999, 0.38355, 9.855e-8, 3.1321);
        var gHigh = EcoLogits(132, 440, 100, 1.09, 0.999, 0.38355, 9.855e-8, 3.1321);
        Reference(b, gemini, "EcoLogits 0.9.1 formula, google_genai profile (USA mix), 44 – 132 B active (anchors §3.1–3.2)",
            Span(gLow.Wh, gHigh.Wh), Span(gLow.CarbonG, gHigh.CarbonG), "— (location only)", Span(gLow.WaterMl, gHigh.WaterMl), Span(gLow.AdpeMg, gHigh.AdpeMg));

        const string mistral = "Mistral Large 2 (123 B dense), 400 output tokens, served by Mistral (Sweden)";
        Empreinte(b, mistral, Lines.Tokens("Mistral", null, "mistral-large-2411", 400));
        Reference(b, mistral, "Mistral AI, Carbone 4 and ADEME LCA 2025: one 400-token Le Chat response, full lifecycle incl. training share (anchors §5.2)",
            "—", "1.14", "—", "45", "0.16");
        var m = EcoLogits(123, 123, 400, 1.16, 0.09, 0.03582, 7.771e-8, 6.0315);
        Reference(b, mistral, "EcoLogits 0.9.1 formula, mistralai profile (SWE mix) (anchors §3.3)",
            G(m.Wh), G(m.CarbonG), "— (location only)", G(m.WaterMl), G(m.AdpeMg));

        const string claude = "Claude Sonnet 4 (MoE 440 B, 44–132 B active), 400 output tokens";
        Empreinte(b, claude + ", Bedrock us-east-1 (served by AWS)", Lines.Tokens(Providers.Aws, "us-east-1", "claude-sonnet-4", 400));
        Empreinte(b, claude + ", Vertex AI us-east5 (served by Google Cloud)", Lines.Tokens(Providers.Gcp, "us-east5", "claude-sonnet-4", 400));
        return b.ToString().TrimEnd('\n').ReplaceLineEndings("\n");
    }

    private static void Empreinte(StringBuilder b, string prompt, Contracts.UsageLine line)
    {
        var e = EnergyCalculator.Estimate(line, Lines.Factors);
        var m = MaterialsCalculator.Estimate(line, Lines.Factors);
        var w = WaterCalculator.Estimate(line, Lines.Factors);
        var location = e.CarbonLocationKgCo2e + m.EmbodiedKgCo2e;
        b.AppendLine(CultureInfo.InvariantCulture,
            $"| {prompt} | **Empreinte** low / central / high | {Range(e.EnergyKwh, 1e3)} | {Range(location, 1e3)} | {Range(e.CarbonMarketKgCo2e, 1e3)} | {Range(w.WaterLitres, 1e3)} | {Range(m.AbioticDepletionKgSbEq, 1e6)} |");
    }

    private static void Reference(StringBuilder b, string prompt, string source, string energy, string location, string market, string water, string adpe) =>
        b.AppendLine(CultureInfo.InvariantCulture, $"| {prompt} | {source} | {energy} | {location} | {market} | {water} | {adpe} |");

    private static string Range(Uncertain value, double scale) => $"{G(value.Low * scale)} / **{G(value.Central * scale)}** / {G(value.High * scale)}";

    private static string Span(double low, double high) => $"{G(low)} – {G(high)}";

    private static string G(double value) => value.ToString("G3", CultureInfo.InvariantCulture);
}

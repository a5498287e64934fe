using Empreinte.Contracts;
using Empreinte.Domain.Factors;
using Empreinte.Domain.Usage;

namespace Empreinte.Domain.Calculators;

/// <summary>
/// LLM inference per the EcoLogits method (genai-impact/ecologits 0.9.1, llm.py; methodology-anchors
/// §3.1): for each of the low, central and high bounds, the GPUs needed to hold the model, the GPU
/// energy per output token, the request latency, and the host server's share. Output tokens only
/// (EcoLogits' choice): prompt (input) tokens are not counted and raise a flag.
/// </summary>
/// <param name="GpuKwh">GPU energy, kWh (IT, before PUE).</param>
/// <param name="ServerKwh">Host server (non-GPU) energy and serving overhead, kWh (IT, before PUE).</param>
/// <param name="Gpus">GPUs holding the model, per bound.</param>
/// <param name="ServerOccupancyHours">Latency ÷ batch size summed over the line, h: the time one request holds the GPUs.</param>
public readonly record struct AiInference(Uncertain GpuKwh, Uncertain ServerKwh, Uncertain Gpus, Uncertain ServerOccupancyHours, LlmModel Model)
{
    public static AiInference Of(UsageLine line, FactorSet factors, List<string> flags)
    {
        var model = factors.LlmModel(line.AiModel);
        if (model.IsFallback) flags.Add(AssumptionFlags.ModelSizeAssumed);
        if (line.InputTokens is > 0) flags.Add(CalculatorFlags.InputTokensNotCounted);
        var tokens = line.OutputTokens ?? 0;

        var batch = factors.Value(FactorKeys.LlmBatchSize);
        var hostKw = factors.Value(FactorKeys.GpuServerHostKw);
        var overhead = factors.Value(FactorKeys.LlmServingOverhead);
        var alpha = factors.Value(FactorKeys.LlmGpuEnergyAlpha).Central;
        var beta = factors.Value(FactorKeys.LlmGpuEnergyBeta).Central;
        var gamma = factors.Value(FactorKeys.LlmGpuEnergyGamma).Central;
        var a = factors.Value(FactorKeys.LlmLatencyA).Central;
        var b = factors.Value(FactorKeys.LlmLatencyB).Central;
        var c = factors.Value(FactorKeys.LlmLatencyC).Central;
        var gpuMemory = factors.Value(FactorKeys.LlmGpuMemoryGb).Central;

        // Central parameters: geometric mean of the range (the uncertainty is multiplicative, ×3 for MoE).
        var activeCentral = Math.Sqrt(model.ActiveParamsLowB * model.ActiveParamsHighB);
        var totalCentral = Math.Sqrt(model.TotalParamsLowB * model.TotalParamsHighB);

        // Low energy: small model, big batch; high energy: big model, small batch.
        var low = Bound(model.ActiveParamsLowB, model.TotalParamsLowB, batch.High, hostKw.Low, overhead.Low);
        var mid = Bound(activeCentral, totalCentral, batch.Central, hostKw.Central, overhead.Central);
        var high = Bound(model.ActiveParamsHighB, model.TotalParamsHighB, batch.Low, hostKw.High, overhead.High);

        return new AiInference(
            Uncertain.Of(low.Gpu, mid.Gpu, high.Gpu),
            Uncertain.Of(low.Server, mid.Server, high.Server),
            Uncertain.Of(low.N, mid.N, high.N),
            Uncertain.Of(low.Occupancy, mid.Occupancy, high.Occupancy),
            model);

        (double Gpu, double Server, double N, double Occupancy) Bound(double active, double total, double batchSize, double kw, double over)
        {
            var n = GpusFor(total, gpuMemory);
            // f_E in Wh per token per GPU → kWh.
            var gpuKwhPerToken = (alpha * Math.Exp(beta * batchSize) * active + gamma) / 1000;
            var latencyHours = tokens * (a * active + b * batchSize + c) / 3600;
            var gpu = tokens * n * gpuKwhPerToken;
            var server = latencyHours * kw * n / 8 / batchSize;
            // The serving overhead (idle capacity, non-accelerator machines) applies to the whole request.
            var extra = (gpu + server) * (over - 1);
            return (gpu, server + extra, n, latencyHours / batchSize);
        }
    }

    /// <summary>
    /// The scope multiplier from EcoLogits' inference-hardware boundary (1) to a provider's full-lifecycle LCA,
    /// per criterion (constants.csv), flagged. A methodology that keeps EcoLogits' boundary uses 1.
    /// </summary>
    internal static Uncertain LifecycleBoundary(FactorSet factors, FactorKey criterion, List<string> flags)
    {
        DistinctFlags.Add(flags, CalculatorFlags.LlmLifecycleBoundary);
        return factors.Value(criterion);
    }

    /// <summary>GPUs of 80 GB to hold a 16-bit model with 20 % overhead: 2^ceil(log2(ceil(1.2 × P × 2 / 80))).</summary>
    public static double GpusFor(double totalParamsB, double gpuMemoryGb)
    {
        var memoryGb = 1.2 * totalParamsB * 16 / 8;
        var cards = Math.Max(1, Math.Ceiling(memoryGb / gpuMemoryGb));
        return Math.Pow(2, Math.Ceiling(Math.Log2(cards)));
    }
}

using Empreinte.Domain.Calculators;
using Empreinte.Domain.Usage;

namespace Empreinte.Domain.Tests;

/// <summary>Open-weight models billed per token by a cloud (Bedrock, Vertex AI) get the size their name states.</summary>
public class AiModelSizeTests
{
    [Theory]
    [InlineData("mistral-7b", false, 7, 7)]
    [InlineData("gemma-3-27b", false, 27, 27)]
    [InlineData("qwen3-30b-a3b", true, 30, 3)]
    public void StatedSize_IsRead_AndNotFlaggedAssumed(string name, bool moe, double totalB, double activeB)
    {
        var model = Lines.Factors.LlmModel(name);
        Assert.False(model.IsFallback);
        Assert.Equal((moe, totalB, totalB, activeB, activeB), (model.MixtureOfExperts, model.TotalParamsLowB, model.TotalParamsHighB, model.ActiveParamsLowB, model.ActiveParamsHighB));
        Assert.Contains("stated in the open-weight model's name", model.Provenance.Source, StringComparison.Ordinal);

        var e = EnergyCalculator.Estimate(Lines.Tokens(Providers.Aws, "us-east-1", name, 1000), Lines.Factors);
        Assert.DoesNotContain(AssumptionFlags.ModelSizeAssumed, e.Flags);
    }

    [Theory]
    [InlineData("mixtral-8x7b")]
    [InlineData("llama-4-maverick-17b-128e")]
    [InlineData("nova-pro")]
    public void NameWithExpertsOrNoSize_FallsBack_Flagged(string name)
    {
        Assert.True(Lines.Factors.LlmModel(name).IsFallback);
        var e = EnergyCalculator.Estimate(Lines.Tokens(Providers.Aws, "us-east-1", name, 1000), Lines.Factors);
        Assert.Contains(AssumptionFlags.ModelSizeAssumed, e.Flags);
    }

    [Fact]
    public void StatedSize_SevenBillion_UsesOneGpu_AndLessEnergyThanTheFallback()
    {
        var stated = EnergyCalculator.Estimate(Lines.Tokens(Providers.Aws, "eu-west-2", "mistral-7b", 1000), Lines.Factors);
        var unknown = EnergyCalculator.Estimate(Lines.Tokens(Providers.Aws, "eu-west-2", "unknown-model", 1000), Lines.Factors);
        Assert.Equal(1, AiInference.GpusFor(7, 80));
        Assert.True(stated.EnergyKwh.Central < unknown.EnergyKwh.Central / 5);
    }
}

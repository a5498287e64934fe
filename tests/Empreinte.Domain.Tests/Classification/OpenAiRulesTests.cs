using Empreinte.Contracts;
using Empreinte.Domain.Usage;
using static Empreinte.Domain.Tests.Classification.Records;

namespace Empreinte.Domain.Tests.Classification;

/// <summary>Token counts stated by the export (OpenAI usage API and CSV): <c>OpenAiRules</c>.</summary>
public class OpenAiRulesTests
{
    [Fact]
    public void StatedTokens_AreAiTokensOfTheModel_WithoutFlags()
    {
        var line = Classify(UsageOf(Providers.OpenAi) with { AiModel = "gpt-4o-mini-2024-07-18", InputTokens = 1200, OutputTokens = 300 });

        Assert.Equal((LineStatuses.Mapped, UsageKinds.AiTokens, "gpt-4o-mini-2024-07-18"), (line.Status, line.UsageKind, line.AiModel));
        Assert.Equal((1200.0, 300.0), (line.InputTokens!.Value, line.OutputTokens!.Value));
        Assert.Empty(line.Flags);
    }

    [Fact]
    public void StatedTokens_WithoutAModel_AreFlaggedModelSizeAssumed()
    {
        var line = Classify(UsageOf(Providers.OpenAi) with { OutputTokens = 50 });

        Assert.Equal((UsageKinds.AiTokens, (string?)null, (double?)null, (double?)50), (line.UsageKind, line.AiModel, line.InputTokens, line.OutputTokens));
        Assert.Equal(Flags(AssumptionFlags.ModelSizeAssumed), FlagsOf(line));
    }

    [Fact]
    public void StatedTokens_CarryTheirQuantity_SoAMissingQuantityIsNotFlagged()
    {
        var line = Classify(UsageOf(Providers.OpenAi) with { AiModel = "o3", InputTokens = 10, Quantity = null });

        Assert.DoesNotContain(AssumptionFlags.QuantityMissing, line.Flags);
    }

    [Fact]
    public void StatedTokens_WinOverEveryOtherRule_WhateverTheProviderAndUnit()
    {
        // Hours on a virtual machine meter would otherwise be a machine; the stated tokens decide first.
        var line = Classify(UsageOf(Providers.Azure) with
        {
            AiModel = "gpt-4o",
            InputTokens = 5,
            Quantity = 1,
            QuantityUnit = Units.Hours,
            InstanceType = "Standard_D2s_v5",
        });

        Assert.Equal((UsageKinds.AiTokens, 5.0), (line.UsageKind, line.InputTokens!.Value));
        Assert.Null(line.InstanceHours);
    }
}

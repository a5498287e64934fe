using System.Globalization;
using Empreinte.Contracts;
using Empreinte.Domain.Classification;
using Empreinte.Domain.Factors;
using Empreinte.Domain.Usage;

namespace Empreinte.Ingestion.Tests;

/// <summary>
/// AI usage on every bill: Vertex AI and Gemini API lines of a Google Cloud billing export, Bedrock usage types of
/// every model family, every Azure OpenAI deployment type, and OpenAI usage (CSV and JSON) all come out as AI tokens
/// with their model, direction and deployment.
/// </summary>
public sealed class AiOnEveryBillTests
{
    private static readonly UsageClassifier s_classifier = new(FactorSet.Embedded);

    private static string RepositorySample(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Empreinte.sln"))) return Path.Combine(dir.FullName, "samples", name);
        throw new InvalidOperationException($"No Empreinte.sln above {AppContext.BaseDirectory}.");
    }

    [Fact]
    public void GcpExport_VertexAiAndGeminiApiSkus_AreAiTokensWithModelDirectionAndTokens()
    {
        var rows = Samples.ReadFile(RepositorySample("gcp-vertex-ai-small.csv"), out var format);
        Assert.Equal("gcp-billing", format);
        var lines = rows.Select(r => s_classifier.Classify(r.Record ?? throw new Xunit.Sdk.XunitException(r.Error!.ToString()))).ToList();
        Assert.Equal(11, lines.Count);

        // (model, input tokens, output tokens, deployment) per token row, in file order.
        (string Model, double? Input, double? Output, string? Deployment)[] expected =
        [
            ("gemini-2.5-flash", 1_500_000, null, null),
            ("gemini-2.5-flash", null, 240_000, null),
            ("gemini-1.5-flash", 200_000, null, null),      // 800,000 billed characters ÷ 4 characters per token
            ("gemini-2.0-flash", 5_000_000, null, "batch"),
            ("gemini-2.5-flash", null, 90_000, null),       // Gemini API: "output token count … short input text" is output
            ("gemini-2.5-flash", 400_000, null, null),      // cached input
            ("claude-sonnet-4", null, 50_000, null),
            ("llama-3.1-405b", 100_000, null, null),
        ];
        for (var i = 0; i < expected.Length; i++)
        {
            var line = lines[i];
            Assert.Equal((LineStatuses.Mapped, UsageKinds.AiTokens, Providers.Gcp), (line.Status, line.UsageKind, line.Provider));
            Assert.Equal(expected[i], (line.AiModel!, line.InputTokens, line.OutputTokens, line.AiDeployment));
            Assert.DoesNotContain(AssumptionFlags.CostProxy, line.Flags);
        }

        Assert.Contains(AssumptionFlags.TokensFromCharacters, lines[2].Flags);
        Assert.Equal(["us-central1", "global", "us-east5"], new[] { lines[0].RegionId!, lines[4].RegionId!, lines[6].RegionId! });
        Assert.Equal(AiMeters.CachedInput, AiMeters.ParseGcp(lines[5].SkuMeter!)!.Value.Direction);

        // Image outputs are counted in images, not tokens; provisioned throughput is billed by the hour: AI usage by cost.
        Assert.Equal((UsageKinds.AiTokens, (double?)null, (double?)null), (lines[8].UsageKind, lines[8].InputTokens, lines[8].OutputTokens));
        Assert.Contains(AssumptionFlags.CostProxy, lines[8].Flags);
        Assert.Equal((UsageKinds.AiTokens, "gemini-2.5-flash", AiMeters.Provisioned), (lines[9].UsageKind, lines[9].AiModel, lines[9].AiDeployment));
        Assert.Contains(AssumptionFlags.CostProxy, lines[9].Flags);
        Assert.NotEqual(UsageKinds.AiTokens, lines[10].UsageKind);
    }

    [Theory]
    [InlineData("USE1-Claude3.5Sonnet-input-tokens", "claude-3.5-sonnet", AiMeters.Input, null, "Anthropic")]
    [InlineData("USE1-Claude3.7Sonnet-cache-read-input-token-count", "claude-3.7-sonnet", AiMeters.CachedInput, null, "Anthropic")]
    [InlineData("USE1-Claude3.7Sonnet-cache-write-input-token-count", "claude-3.7-sonnet", AiMeters.CachedInput, null, "Anthropic")]
    [InlineData("USW2-Claude4.5Haiku-output-tokens-priority", "claude-4.5-haiku", AiMeters.Output, "priority", "Anthropic")]
    [InlineData("USE1-Llama3-1-70B-output-tokens", "llama-3.1-70b", AiMeters.Output, null, "Other")]
    [InlineData("USE1-MetaLlama3-8B-input-tokens-batch", "meta-llama-3-8b", AiMeters.Input, "batch", "Other")]
    [InlineData("EUW2-Mistral7B-output-tokens", "mistral-7b", AiMeters.Output, null, "Other")]
    [InlineData("USE1-MistralLarge-input-tokens", "mistral-large", AiMeters.Input, null, "Mistral")]
    [InlineData("USE1-TitanTextG1-Express-input-tokens", "titan-text-g1-express", AiMeters.Input, null, "Other")]
    [InlineData("USE1-NovaPro-output-tokens", "nova-pro", AiMeters.Output, null, "Other")]
    [InlineData("USE1-NovaLite-mantle-input-tokens-flex", "nova-lite", AiMeters.Input, "flex", "Other")]
    [InlineData("USE1-CohereCommandRPlus-input-tokens", "cohere-command-r-plus", AiMeters.Input, null, "Cohere")]
    [InlineData("USE1-J2Ultra-output-tokens", "j2-ultra", AiMeters.Output, null, "Other")]
    [InlineData("USE1-Jamba1.5Large-output-tokens-cross-region-global", "jamba-1.5-large", AiMeters.Output, "cross-region", "Other")]
    public void BedrockUsageType_EveryModelFamily_GivesModelDirectionAndDeployment(string usageType, string model, string direction, string? deployment, string developer)
    {
        var csv = "lineItem/UsageAccountId,lineItem/LineItemType,lineItem/UsageStartDate,lineItem/ProductCode,lineItem/UsageType,lineItem/UsageAmount,pricing/unit,lineItem/UnblendedCost,product/region\n"
            + $"000444555666,Usage,2026-11-01T00:00:00Z,AmazonBedrock,{usageType},2.5,1K tokens,0.03,us-east-1\n";
        var line = s_classifier.Classify(Assert.Single(Samples.Records(csv)));

        Assert.Equal((LineStatuses.Mapped, UsageKinds.AiTokens, model, deployment), (line.Status, line.UsageKind, line.AiModel, line.AiDeployment));
        Assert.Equal(direction == AiMeters.Output ? 2_500 : null, line.OutputTokens);
        Assert.Equal(direction == AiMeters.Output ? null : 2_500, line.InputTokens);
        Assert.Equal(direction, AiMeters.ParseBedrock(usageType)!.Value.Direction);
        Assert.Equal(developer, FactorSet.Embedded.LlmModel(line.AiModel).Developer);
    }

    [Theory]
    [InlineData("gpt 4o 0513 Input global Tokens", "gpt-4o", "1K", 2.5, "gpt-4o", AiMeters.Input, "global")]
    [InlineData("gpt 4o 0513 Input Data Zone Tokens", "gpt-4o", "1K", 2.5, "gpt-4o", AiMeters.Input, "data-zone")]
    [InlineData("o3 Inpt DZone 1M Tokens", "Azure OpenAI", "1M", 2.5, "o3", AiMeters.Input, "data-zone")]
    [InlineData("gpt 4o 0806 cached Inp regnl Tokens", "Azure OpenAI", "1K", 2.5, "gpt-4o-0806", AiMeters.CachedInput, "regional")]
    [InlineData("gpt-4o-0806-Batch-Inp-glbl Tokens", "Azure OpenAI", "1K", 2.5, "gpt-4o-0806", AiMeters.Input, "batch")]
    [InlineData("GPT 5 pro out glbl Tokens", "Azure OpenAI", "1M", 2.5, "gpt-5-pro", AiMeters.Output, "global")]
    // The finops-toolkit article (Jan 2026) shows the meter text in the subcategory column.
    [InlineData("Tokens", "gpt 4o 0513 Output global Tokens", "1K", 2.5, "gpt-4o-0513", AiMeters.Output, "global")]
    public void AzureOpenAi_EveryTokenDeploymentType_GivesModelDirectionAndDeployment(string meter, string subcategory, string unit, double quantity, string model, string direction, string deployment)
    {
        var line = AzureLine(meter, subcategory, unit, quantity);
        Assert.Equal((LineStatuses.Mapped, UsageKinds.AiTokens, model, deployment), (line.Status, line.UsageKind, line.AiModel, line.AiDeployment));
        var tokens = quantity * (unit == "1M" ? 1e6 : 1e3);
        Assert.Equal(direction == AiMeters.Output ? tokens : null, line.OutputTokens);
        Assert.Equal(direction == AiMeters.Output ? null : tokens, line.InputTokens);
        Assert.Equal(direction, AiMeters.ParseAzure(meter, subcategory).Direction);
    }

    [Theory]
    [InlineData("gpt-4o", "gpt-4o")]
    [InlineData("Azure OpenAI", null)]
    public void AzureOpenAi_ProvisionedThroughputUnits_AreAiUsageByCost_WithTheirModel(string subcategory, string? model)
    {
        var line = AzureLine("Provisioned Managed Global Unit", subcategory, "1 Hour", 24);
        Assert.Equal((LineStatuses.Mapped, UsageKinds.AiTokens, model, AiMeters.Provisioned), (line.Status, line.UsageKind, line.AiModel, line.AiDeployment));
        Assert.Equal(((double?)null, (double?)null), (line.InputTokens, line.OutputTokens));
        Assert.Contains(AssumptionFlags.CostProxy, line.Flags);
    }

    private static UsageLine AzureLine(string meter, string subcategory, string unit, double quantity)
    {
        var csv = "Date,MeterCategory,MeterSubCategory,MeterName,Quantity,UnitOfMeasure,Cost,ChargeType,ResourceLocation,ConsumedService\n"
            + $"11/01/2026,Azure OpenAI,{subcategory},{meter},{quantity.ToString(CultureInfo.InvariantCulture)},{unit},4.2,Usage,swedencentral,Microsoft.CognitiveServices\n";
        return s_classifier.Classify(Assert.Single(Samples.Records(csv)));
    }

    [Fact]
    public void OpenAiUsageCsv_GivesModelInputAndOutputTokens()
    {
        const string csv = """
            start_time,end_time,start_time_iso,end_time_iso,project_id,num_model_requests,user_id,api_key_id,model,batch,input_tokens,output_tokens,input_cached_tokens
            1793577600,1793664000,2026-11-02T00:00:00+00:00,2026-11-03T00:00:00+00:00,proj_a,12.0,,key_1,gpt-4o-2024-08-06,False,52000,8100,1000
            1793577600,1793664000,2026-11-02T00:00:00+00:00,2026-11-03T00:00:00+00:00,proj_a,3.0,,key_2,o4-mini-2025-04-16,True,900,4000,0
            """;
        var lines = Samples.ReadText(csv, "completions_usage_2026-11-02_2026-11-03.csv").Select(r => r.Record!).Select(s_classifier.Classify).ToList();

        Assert.Equal([("gpt-4o-2024-08-06", 52_000.0, 8_100.0), ("o4-mini-2025-04-16", 900.0, 4_000.0)],
            lines.Select(l => (l.AiModel!, l.InputTokens!.Value, l.OutputTokens!.Value)));
        Assert.All(lines, l => Assert.Equal((LineStatuses.Mapped, UsageKinds.AiTokens, Providers.OpenAi), (l.Status, l.UsageKind, l.Provider)));
    }

    [Fact]
    public void OpenAiCostsJson_TokenLineItems_GiveModelAndDirection()
    {
        const string json = """
            {"object": "page", "has_more": false, "next_page": null, "data": [
              {"object": "bucket", "start_time": 1793577600, "end_time": 1793664000, "results": [
                {"object": "organization.costs.result", "amount": {"value": 0.13, "currency": "usd"}, "line_item": "gpt-4o-2024-08-06, input", "project_id": "proj_a", "quantity": 52000, "quantity_unit": "tokens"},
                {"object": "organization.costs.result", "amount": {"value": 0.081, "currency": "usd"}, "line_item": "gpt-4o-2024-08-06, output", "project_id": "proj_a", "quantity": 8.1, "quantity_unit": "1000_tokens"}]}]}
            """;
        using var file = Samples.OpenText(json, "costs.json");
        var lines = file.Rows().Select(r => s_classifier.Classify(r.Record!)).ToList();

        Assert.Equal([("gpt-4o-2024-08-06", (double?)52_000, (double?)null), ("gpt-4o-2024-08-06", null, 8_100)],
            lines.Select(l => (l.AiModel!, l.InputTokens, l.OutputTokens)));
        Assert.All(lines, l => Assert.Equal(UsageKinds.AiTokens, l.UsageKind));
    }
}

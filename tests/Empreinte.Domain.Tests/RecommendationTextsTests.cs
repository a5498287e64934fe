using System.Text.RegularExpressions;
using Empreinte.Contracts;
using Empreinte.Domain.Calculators;
using Empreinte.Domain.Recommendations;
using Empreinte.Domain.Usage;
using Empreinte.TestSupport;

namespace Empreinte.Domain.Tests;

/// <summary>The rules' sentences come from texts.csv in English and French, and every key the rules use is there.</summary>
public partial class RecommendationTextsTests
{
    private static readonly DateTimeOffset s_start = new(2026, 10, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void EveryText_HasBothLanguages_WithTheSamePlaceholders()
    {
        Assert.NotEmpty(RecommendationTexts.Keys);
        foreach (var key in RecommendationTexts.Keys)
        {
            var english = RecommendationTexts.Template(key, "en");
            var french = RecommendationTexts.Template(key, "fr");
            Assert.Equal(Placeholders(english), Placeholders(french));
        }

        Assert.Throws<KeyNotFoundException>(() => RecommendationTexts.Template("no-such-text", "fr"));
        Assert.Throws<ArgumentException>(() => RecommendationTexts.Template("storage-hdd", "de"));
    }

    [Fact]
    public void EveryKeyTheRulesName_IsInTexts_AndEveryWaterStressCategoryHasAText()
    {
        var sources = Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "shared", "Empreinte.Domain", "Recommendations"), "*.cs");
        // Kebab-case literals inside each RecommendationText.Of(…) statement: the keys, also those chosen by a condition.
        var named = sources.SelectMany(f => TextStatement().Matches(File.ReadAllText(f)))
            .SelectMany(statement => KebabLiteral().Matches(statement.Value).Select(m => m.Groups[1].Value)).ToHashSet();
        Assert.Contains("storage-hdd", named);
        foreach (var key in named) Assert.Contains(key, RecommendationTexts.Keys);
        foreach (var ranking in new[] { "carbon", "water" }) Assert.Contains("ranking-" + ranking, RecommendationTexts.Keys);
        foreach (var stress in RecommendationData.Embedded.WaterStresses)
            Assert.Contains(RecommendationTexts.WaterStressKey(stress.Category), RecommendationTexts.Keys);
    }

    [Fact]
    public void EveryRecommendationOfEveryKind_ReadsInFrench()
    {
        var candidates = new RecommendationCandidates();
        UsageLine[] lines =
        [
            Lines.Machine(Providers.Azure, "D4s v3", "westeurope", 720) with { SubAccountName = "prod-app", Cost = 144m, Quantity = 720, QuantityUnit = "Hours" },
            Lines.Machine(Providers.Azure, "D4s v5", "centralindia", 720) with { SubAccountName = "prod-app", Cost = 144m, Quantity = 720, QuantityUnit = "Hours" },
            Lines.Tokens(Providers.Azure, "eastus", "gpt-4o-2024-08-06", outputTokens: 2e6, inputTokens: 8e6) with { SubAccountName = "prod-app", Cost = 40m },
            Lines.GpuHours(Providers.Azure, "westeurope", "A100", 1, 720) with
            {
                SubAccountName = "ml-dev-sandbox", ChargePeriodStart = s_start, ChargePeriodEnd = s_start.AddHours(720), InstanceType = "NC24ads A100 v4",
            },
            Lines.Storage(Providers.Azure, "westeurope", 10_000, "ssd", 6) with { SubAccountName = "team-test", ServiceName = "Storage" },
        ];
        foreach (var line in lines) candidates.Add(line);
        var recommendations = RecommendationEngine.Recommend(candidates, Lines.Factors, CalculationProfile.Default);

        Assert.Superset(
            new HashSet<string> { RecommendationKinds.RegionShift, RecommendationKinds.AiModelRightSizing, RecommendationKinds.MachineGeneration, RecommendationKinds.DevTestSchedule, RecommendationKinds.StorageRedundancy },
            recommendations.Select(r => r.Kind).ToHashSet());
        foreach (var r in recommendations)
        {
            Assert.Equal(r.RationaleText.Render("en"), r.Rationale);
            Assert.NotEqual(r.Rationale, r.RationaleText.Render("fr"));
            foreach (var tradeOff in r.TradeOffTexts)
            {
                var french = tradeOff.Render("fr");
                Assert.NotEqual(tradeOff.Render("en"), french);
                Assert.DoesNotContain("{", french, StringComparison.Ordinal);
            }
        }

        var storage = recommendations.Single(r => r.Kind == RecommendationKinds.StorageRedundancy);
        Assert.Contains("disque HDD standard : moins d'IOPS et une latence plus élevée", storage.TradeOffTexts.Select(t => t.Render("fr")));
    }

    [Fact]
    public void Numbers_TakeTheReadersDecimalSeparator()
    {
        var text = RecommendationText.Of("criterion-rises", "waterLitres", 1.25, "L");
        Assert.Equal("waterLitres rises by 1.25 L (central)", text.Render("en"));
        Assert.Equal("waterLitres augmente de 1,25 L (valeur centrale)", text.Render("fr"));
    }

    private static List<string> Placeholders(string template) => Placeholder().Matches(template).Select(m => m.Value).Order(StringComparer.Ordinal).ToList();

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"RecommendationText\.Of\([^;]*")]
    private static partial Regex TextStatement();

    [GeneratedRegex("\"([a-z0-9]+(?:-[a-z0-9]+)+)\"")]
    private static partial Regex KebabLiteral();
}

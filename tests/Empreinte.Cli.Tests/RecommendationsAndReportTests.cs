using System.Text.Json;
using System.Text.RegularExpressions;

namespace Empreinte.Cli.Tests;

public sealed partial class RecommendationsAndReportTests
{
    private static readonly string[] s_criteria =
        ["energyKwh", "carbonLocationKgCo2e", "carbonMarketKgCo2e", "embodiedKgCo2e", "waterLitres", "abioticDepletionKgSbEq", "ewasteKg"];

    private static readonly AzureUsage[] s_usages =
    [
        new("prod", "westeurope", AzureExport.Vm, "D4s v5", 24),
        new("prod", "westeurope", AzureExport.Vm, "D8s v5", 24),
        new("prod", "northeurope", AzureExport.Vm, "D4s v5", 24),
        new("prod", "eastus", AzureExport.Vm, "D4s v5", 24),
        new("ml", "eastus", AzureExport.Tokens, "gpt-4o-0513", 5000),
        new("prod", "westeurope", AzureExport.KeyVault, "", 3),
    ];

    private static async Task<CliRun> EstimateAsync(IEnumerable<AzureUsage> usages, string language = "en")
    {
        var run = await CliRun.EstimateAsync(AzureExport.Write(usages), "--lang", language);
        Assert.True(run.ExitCode == 0, run.Error);
        return run;
    }

    private static List<JsonElement> Recommendations(CliRun run) => [.. run.Summary().GetProperty("recommendations").EnumerateArray()];

    private static double Bound(JsonElement range, string bound) => range.GetProperty(bound).GetDouble();

    [Fact]
    public async Task AzureExport_GivesRegionAndModelRecommendations_WithRangesOnEveryCriterion()
    {
        var run = await EstimateAsync(s_usages);
        var all = Recommendations(run);

        Assert.Contains(all, r => r.GetProperty("kind").GetString() == "region-shift");
        var model = Assert.Single(all, r => r.GetProperty("kind").GetString() == "ai-model-right-sizing");
        Assert.Equal("gpt-4o-0513", model.GetProperty("from").GetString());
        Assert.Equal("gpt-4o-mini-0513", model.GetProperty("to").GetString());
        foreach (var recommendation in all)
        {
            var savings = recommendation.GetProperty("savings");
            foreach (var criterion in s_criteria)
            {
                var saving = savings.GetProperty(criterion);
                Assert.True(Bound(saving, "low") <= Bound(saving, "central") && Bound(saving, "central") <= Bound(saving, "high"), criterion);
            }

            Assert.True(Bound(savings.GetProperty("carbonLocationKgCo2e"), "central") + Bound(savings.GetProperty("embodiedKgCo2e"), "central") > 0);
            Assert.False(string.IsNullOrWhiteSpace(recommendation.GetProperty("rationale").GetString()));
        }

        // Sorted by carbon saving; the CSV holds the same rows in the same order; the table shows the top five.
        var carbon = all.Select(r => Bound(r.GetProperty("savings").GetProperty("totalCarbonKgCo2e"), "central")).ToList();
        Assert.Equal(carbon.OrderDescending(), carbon);
        var csv = File.ReadAllLines(Path.Combine(run.OutputDirectory, "recommendations.csv"));
        Assert.Equal(all.Count + 1, csv.Length);
        Assert.StartsWith(all[0].GetProperty("kind").GetString() + ",", csv[1], StringComparison.Ordinal);
        Assert.Contains("Top recommendations", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EditingTheExportAsRecommended_SavesWhatTheRecommendationSays()
    {
        var before = await EstimateAsync(s_usages);
        var all = Recommendations(before);
        var shift = all.First(r => r.GetProperty("kind").GetString() == "region-shift" && r.GetProperty("from").GetString() == "westeurope");
        var model = all.Single(r => r.GetProperty("kind").GetString() == "ai-model-right-sizing");

        var target = shift.GetProperty("to").GetString()!;
        var subAccount = shift.GetProperty("scope").GetProperty("subAccount").GetString();
        var moved = s_usages.Select(u => u.Subscription == subAccount && u.Region == "westeurope" ? u with { Region = target } : u);
        await AssertSavedAsync(before, await EstimateAsync(moved), shift);

        var smaller = s_usages.Select(u => u.Kind == AzureExport.Tokens && u.What == model.GetProperty("from").GetString() ? u with { What = model.GetProperty("to").GetString()! } : u);
        await AssertSavedAsync(before, await EstimateAsync(smaller), model);
    }

    private static Task AssertSavedAsync(CliRun before, CliRun after, JsonElement recommendation)
    {
        var savings = recommendation.GetProperty("savings");
        foreach (var criterion in s_criteria)
        {
            var b = before.Summary().GetProperty("totals").GetProperty(criterion);
            var a = after.Summary().GetProperty("totals").GetProperty(criterion);
            double[] diffs = [Bound(b, "low") - Bound(a, "low"), Bound(b, "central") - Bound(a, "central"), Bound(b, "high") - Bound(a, "high")];
            var saving = savings.GetProperty(criterion);
            var tolerance = 1e-9 * Math.Max(1, Bound(b, "high"));
            Assert.True(Math.Abs(diffs.Min() - Bound(saving, "low")) <= tolerance, $"{criterion} low: export edited saves {diffs.Min()}, recommendation says {Bound(saving, "low")}");
            Assert.True(Math.Abs(diffs[1] - Bound(saving, "central")) <= tolerance, $"{criterion} central: export edited saves {diffs[1]}, recommendation says {Bound(saving, "central")}");
            Assert.True(Math.Abs(diffs.Max() - Bound(saving, "high")) <= tolerance, $"{criterion} high: export edited saves {diffs.Max()}, recommendation says {Bound(saving, "high")}");
        }

        return Task.CompletedTask;
    }

    [Theory]
    [InlineData("en", "Recommendations")]
    [InlineData("fr", "Recommandations")]
    public async Task Report_RendersInChromiumWithEveryChart(string language, string recommendationsHeading)
    {
        var run = await EstimateAsync(s_usages, language);
        var html = Path.Combine(run.OutputDirectory, "report.html");
        Assert.DoesNotMatch(ExternalReference(), File.ReadAllText(html));

        var page = await HeadlessChromium.RenderAsync(html, $"report-{language}.png");

        AssertChartsDrawn(page, minimum: 6);
        Assert.Contains($"<html lang=\"{language}\"", page.Dom, StringComparison.Ordinal);
        Assert.Contains(recommendationsHeading, page.Dom, StringComparison.Ordinal);
        Assert.Contains("gpt-4o-mini-0513", page.Dom, StringComparison.Ordinal);
        Assert.True(new FileInfo(page.ScreenshotPath).Length > 20_000, "screenshot too small to show the report");
    }

    [Fact]
    public async Task NothingToRecommend_GivesAnEmptyListAndAReportThatSaysSo()
    {
        // The smallest GPT-4o model, in the Azure region with the lowest grid intensity.
        var run = await EstimateAsync([new AzureUsage("prod", "swedencentral", AzureExport.Tokens, "gpt-4o-mini-0718", 100)]);

        Assert.Empty(Recommendations(run));
        Assert.Single(File.ReadAllLines(Path.Combine(run.OutputDirectory, "recommendations.csv")));
        var page = await HeadlessChromium.RenderAsync(Path.Combine(run.OutputDirectory, "report.html"), "report-nothing-to-recommend.png");
        AssertChartsDrawn(page, minimum: 5);
        Assert.Contains("Nothing to recommend", page.Dom, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OnlyUnmappedLines_StillGiveAReport_WithCoverageFirst()
    {
        var run = await EstimateAsync([new AzureUsage("prod", "westeurope", AzureExport.Marketplace, "", 24)]);

        Assert.Empty(Recommendations(run));
        var page = await HeadlessChromium.RenderAsync(Path.Combine(run.OutputDirectory, "report.html"), "report-only-unmapped.png");
        AssertChartsDrawn(page, minimum: 5);
        var coverage = page.Dom.IndexOf("id=\"coverage\"", StringComparison.Ordinal);
        Assert.InRange(coverage, 0, page.Dom.IndexOf("id=\"headline\"", StringComparison.Ordinal));
        Assert.Contains("Example Firewall (Marketplace)", page.Dom, StringComparison.Ordinal);
        Assert.Equal(0, run.Summary().GetProperty("rows").GetProperty("mapped").GetInt64());
    }

    [Fact]
    public async Task UnknownReportLanguage_IsABadArgument()
    {
        var run = await CliRun.EstimateAsync(AzureExport.Write(s_usages), "--lang", "de");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--lang must be 'en' or 'fr'", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_EscapesWhatTheExportSays()
    {
        const string hostile = "<img src=x onerror=alert(1)></script><script>alert(2)</script>";
        var run = await EstimateAsync([new AzureUsage(hostile, "westeurope", AzureExport.Vm, "D4s v5", 24)]);

        var html = File.ReadAllText(Path.Combine(run.OutputDirectory, "report.html"));
        Assert.DoesNotContain("<img src=x", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert(2)", html, StringComparison.Ordinal);
        Assert.Contains("&lt;img src=x", html, StringComparison.Ordinal);
    }

    private static void AssertChartsDrawn(HeadlessChromium.Rendered page, int minimum)
    {
        Assert.Empty(HeadlessChromium.ConsoleErrors(page.Log));
        Assert.Contains("data-errors=\"0\"", page.Dom, StringComparison.Ordinal);
        var expected = int.Parse(Attribute(page.Dom, "data-charts-expected"), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(expected >= minimum, $"{expected} charts, expected at least {minimum}");
        Assert.Equal(expected.ToString(System.Globalization.CultureInfo.InvariantCulture), Attribute(page.Dom, "data-charts-drawn"));
        Assert.Equal(expected.ToString(System.Globalization.CultureInfo.InvariantCulture), Attribute(page.Dom, "data-charts-painted"));
    }

    private static string Attribute(string dom, string name)
    {
        var match = Regex.Match(dom, name + "=\"([^\"]*)\"");
        Assert.True(match.Success, $"{name} missing: the page's script did not run");
        return match.Groups[1].Value;
    }

    // A self-contained page loads nothing from the network.
    [GeneratedRegex("<(script|link|img)[^>]+(src|href)=\"https?:", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalReference();
}

using System.Security.Cryptography;
using Empreinte.Application.Reporting;
using Empreinte.Domain;
using Empreinte.Domain.Recommendations;

namespace Empreinte.Application.Tests;

public class ReportingTests
{
    [Fact]
    public void VendoredChartJs_IsThePinnedNpmBuild()
    {
        using var stream = typeof(ReportHtml).Assembly.GetManifestResourceStream("Empreinte.Reporting.chart.umd.min.js")!;
        var sha = Convert.ToHexStringLower(SHA256.HashData(stream));
        // chart.js 4.6.1, dist/chart.umd.min.js (Reporting/vendor/README.md).
        Assert.Equal("87364cc2b2a76a6684929e7d6b80b18a897794db38400caff1fcf1791c6925d2", sha);
    }

    [Fact]
    public void RecommendationsCsv_NeutralisesFormulaText_AndKeepsNegativeSavingsAsNumbers()
    {
        var saving = new Footprint(Uncertain.Of(-2, -1.5, -1), Uncertain.Exactly(3), Uncertain.Exactly(3), Uncertain.Zero, Uncertain.Of(-9, -8, -7), Uncertain.Zero, Uncertain.Zero);
        var recommendation = new Recommendation(RecommendationKinds.RegionShift, new RecommendationScope("region", "Microsoft", "=HYPERLINK(\"http://x\")", null, "westeurope", null),
            "westeurope", "+swedencentral", 2, 48, "Hours", 9.6m, saving,
            [RecommendationText.Of("criterion-rises", "-water", 8.0, "L"), RecommendationText.Of("region-outside-residency", "@latency", "SWE", "westeurope", "NLD")],
            "medium", false, RecommendationText.Of("region-outside-residency", "\tstarts with a tab", "SWE", "westeurope", "NLD"));

        var csv = RecommendationsCsv.Write([recommendation]).Split('\n');

        Assert.Equal(RecommendationsCsv.Header.Count, csv[0].Split(',').Length);
        Assert.Contains("\"'=HYPERLINK(\"\"http://x\"\")\"", csv[1], StringComparison.Ordinal);
        Assert.Contains(",'+swedencentral,", csv[1], StringComparison.Ordinal);
        Assert.Contains(",'-water rises by 8 L (central); @latency (SWE) is outside the data-residency group of westeurope (NLD),", csv[1], StringComparison.Ordinal);
        Assert.Contains(",'\tstarts with a tab", csv[1], StringComparison.Ordinal);
        // energyKwhSaving, …Low, …High are numbers: -1.5,-2,-1 without a quote.
        Assert.Contains(",9.6,-1.5,-2,-1,3,3,3,", csv[1], StringComparison.Ordinal);
    }

    [Fact]
    public void ReportText_HasEveryKeyInBothLanguages_AndRejectsOthers()
    {
        foreach (var language in ReportText.Languages)
        {
            var text = ReportText.For(language);
            Assert.All(ReportText.Keys, key => Assert.False(string.IsNullOrWhiteSpace(text[key])));
        }

        Assert.NotEqual(ReportText.For("en")["recommendations"], ReportText.For("fr")["recommendations"]);
        Assert.Throws<ArgumentException>(() => ReportText.For("de"));
    }

    [Fact]
    public void Equivalents_CarryUnitSourceLicenceAndYear()
    {
        Assert.Contains(ReportHtml.Equivalents, e => e.Criterion == "carbon");
        Assert.Contains(ReportHtml.Equivalents, e => e.Criterion == "water");
        Assert.All(ReportHtml.Equivalents, e =>
        {
            Assert.True(e.PerUnit > 0);
            Assert.False(string.IsNullOrWhiteSpace(e.Unit + e.Source + e.Licence));
            Assert.InRange(e.Year, 2015, 2030);
        });
    }
}

using Empreinte.Contracts;
using Empreinte.Domain.Classification;
using Empreinte.Domain.Factors;
using Empreinte.Domain.Usage;
using Xunit.Abstractions;

namespace Empreinte.Ingestion.Tests;

/// <summary>
/// Mapped cost share = cost of mapped usage lines ÷ cost of all usage lines (non-usage excluded), as in
/// summary.json; physical share counts only lines mapped without the cost proxy.
/// </summary>
public class CoverageTests(ITestOutputHelper output)
{
    private static readonly UsageClassifier s_classifier = new(FactorSet.Embedded);

    public static (decimal Mapped, decimal Physical, List<UsageLine> Lines) Coverage(string path)
    {
        var lines = Samples.ReadFile(path, out _).Select(r => s_classifier.Classify(r.Record ?? throw new Xunit.Sdk.XunitException(r.Error!.ToString()))).ToList();
        var usage = lines.Where(l => l.Status != LineStatuses.Excluded).ToList();
        var total = usage.Sum(l => Math.Abs(l.Cost));
        if (total == 0) return (0, 0, lines);
        var mapped = usage.Where(l => l.Status == LineStatuses.Mapped).ToList();
        return (mapped.Sum(l => Math.Abs(l.Cost)) / total, mapped.Where(l => !l.Flags.Contains(AssumptionFlags.CostProxy)).Sum(l => Math.Abs(l.Cost)) / total, lines);
    }

    [Theory]
    [InlineData("focus/focus-1.0_sample_1000_multicloud.csv")]
    [InlineData("aws/focus_converters_sample-anonymous-aws-cur-legacy.csv")]
    [InlineData("azure/finops-toolkit_EA_ActualCost_Small.csv")]
    [InlineData("azure/finops-toolkit_EA_AmortizedCost_Small.csv")]
    [InlineData("azure/focus_converters_sample-anonymous-ea-export-dataset.csv")]
    public void MappedCostShare_IsAtLeast90Percent(string relative)
    {
        var path = Samples.Path(relative);
        if (path is null) { Assert.Null(Samples.Root); return; }

        var (mapped, physical, lines) = Coverage(path);
        output.WriteLine($"{relative}: mappedCostShare={mapped:F4} physicalCostShare={physical:F4}");
        foreach (var g in lines.Where(l => l.Status == LineStatuses.Unmapped).GroupBy(l => l.Reason).OrderByDescending(g => g.Sum(l => Math.Abs(l.Cost))).Take(8))
            output.WriteLine($"  unmapped {g.Sum(l => l.Cost):F4} ×{g.Count()}: {g.Key}");
        Assert.True(mapped >= 0.90m, $"{relative}: mapped cost share {mapped:F4} < 0.90");
    }
}

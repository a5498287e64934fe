using Empreinte.Contracts;
using Empreinte.Domain.Calculators;
using Empreinte.Domain.Recommendations;
using Empreinte.Domain.Usage;

namespace Empreinte.Domain.Tests;

public class RecommendationTests
{
    private static readonly DateTimeOffset s_start = new(2026, 10, 1, 0, 0, 0, TimeSpan.Zero);

    private static IReadOnlyList<Recommendation> Recommend(params UsageLine[] lines)
    {
        var candidates = new RecommendationCandidates();
        foreach (var line in lines) candidates.Add(line);
        return RecommendationEngine.Recommend(candidates, Lines.Factors, CalculationProfile.Default);
    }

    private static UsageLine Vm(string type, string region, double hours, string subAccount = "prod-app") =>
        Lines.Machine(Providers.Azure, type, region, hours) with { SubAccountName = subAccount, Cost = (decimal)hours * 0.2m, Quantity = hours, QuantityUnit = "Hours" };

    private static Footprint Sum(IEnumerable<UsageLine> lines) =>
        lines.Aggregate(Footprint.Zero, (total, line) => total + Footprint.Of(line, Lines.Factors, CalculationProfile.Default));

    private static void AssertClose(Uncertain expected, Uncertain actual)
    {
        foreach (var (e, a) in new[] { (expected.Low, actual.Low), (expected.Central, actual.Central), (expected.High, actual.High) })
            Assert.True(Math.Abs(e - a) <= 1e-9 * Math.Max(1, Math.Abs(e)), $"expected {e}, got {a}");
    }

    [Fact]
    public void RegionShift_SavingsEqualTheChangedLinesReestimatedOneByOne()
    {
        UsageLine[] lines = [Vm("D4s v5", "westeurope", 700), Vm("D4s v5", "westeurope", 300), Vm("D8s v5", "westeurope", 720)];
        var shift = Recommend(lines).First(r => r.Kind == RecommendationKinds.RegionShift);

        var moved = lines.Select(l => l with { RegionId = shift.To });
        var expected = Footprint.Savings(Sum(lines), Sum(moved));
        foreach (var (name, _, value) in Footprint.Criteria) AssertClose(value(expected), value(shift.Savings));
        Assert.Equal("westeurope", shift.From);
        Assert.Equal(3, shift.AffectedLines);
        Assert.Equal(1720, shift.AffectedUsage, 6);
    }

    [Fact]
    public void RegionShift_StaysInTheDataResidencyGroupAndSavesCarbonWithRanges()
    {
        var shifts = Recommend(Vm("D4s v5", "westeurope", 720)).Where(r => r.Kind == RecommendationKinds.RegionShift).ToList();
        Assert.NotEmpty(shifts);
        foreach (var shift in shifts)
        {
            var to = Lines.Factors.Region(Providers.Azure, shift.To)!;
            Assert.Contains(to.Country, new[] { "NLD", "SWE", "FRA", "DEU", "IRL", "POL", "ITA", "ESP", "NOR", "FIN", "BEL" });
            Assert.True(shift.Savings.CarbonLocationKgCo2e.Central > 0);
            foreach (var (_, _, value) in Footprint.Criteria)
            {
                var saving = value(shift.Savings);
                Assert.True(saving.Low <= saving.Central && saving.Central <= saving.High);
            }

            Assert.Contains(shift.TradeOffs, t => t.StartsWith("latency class", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void RegionShift_StatesWaterRisingAsATradeOff()
    {
        var all = Recommend(Vm("D4s v5", "westeurope", 720), Vm("D4s v5", "eastus", 720), Vm("D4s v5", "centralindia", 720));
        foreach (var r in all.Where(r => r.Savings.WaterLitres.Central < 0))
            Assert.Contains(r.TradeOffs, t => t.StartsWith("waterLitres rises", StringComparison.Ordinal));
    }

    [Fact]
    public void AiModel_Gpt4oTokensMoveToGpt4oMiniWithSavingsOnEveryCriterion()
    {
        var tokens = Lines.Tokens(Providers.Azure, "eastus", "gpt-4o-2024-08-06", outputTokens: 2e6, inputTokens: 8e6) with { SubAccountName = "prod-app", Cost = 40m };
        var model = Recommend(tokens).Single(r => r.Kind == RecommendationKinds.AiModelRightSizing);

        Assert.Equal("gpt-4o-mini-2024-08-06", model.To);
        Assert.Equal(1e7, model.AffectedUsage, 6);
        var expected = Footprint.Savings(Sum([tokens]), Sum([tokens with { AiModel = model.To }]));
        AssertClose(expected.EnergyKwh, model.Savings.EnergyKwh);
        AssertClose(expected.WaterLitres, model.Savings.WaterLitres);
        Assert.True(model.Savings.EnergyKwh.Central > 0 && model.Savings.WaterLitres.Central > 0 && model.Savings.CarbonLocationKgCo2e.Central > 0);
        Assert.True(model.Savings.EmbodiedKgCo2e.Central > 0 && model.Savings.AbioticDepletionKgSbEq.Central > 0);
    }

    [Fact]
    public void AiModel_ASmallModelAlreadyGetsNoRightSizing()
    {
        var tokens = Lines.Tokens(Providers.Azure, "eastus", "gpt-4o-mini", outputTokens: 1e6);
        Assert.DoesNotContain(Recommend(tokens), r => r.Kind == RecommendationKinds.AiModelRightSizing);
    }

    [Fact]
    public void MachineGeneration_SameVCpusEnoughMemoryAndLessCarbon()
    {
        var generation = Recommend(Vm("D4 v3", "westeurope", 720)).Where(r => r.Kind == RecommendationKinds.MachineGeneration).ToList();
        var only = Assert.Single(generation);
        var from = Lines.Factors.Machine(Providers.Azure, only.From)!;
        var to = Lines.Factors.Machine(Providers.Azure, only.To)!;
        Assert.Equal(from.VCpus, to.VCpus);
        Assert.True(to.MemoryGb >= from.MemoryGb);
        Assert.True(only.Savings.TotalCarbonKgCo2e.Central > 0);
        var expected = Footprint.Savings(Sum([Vm("D4 v3", "westeurope", 720)]), Sum([MachineGenerationRule.WithMachine(Vm("D4 v3", "westeurope", 720), to)]));
        AssertClose(expected.EmbodiedKgCo2e, only.Savings.EmbodiedKgCo2e);
    }

    [Fact]
    public void DevTest_AlwaysOnGpuMachineIsAHeuristicSchedule()
    {
        var gpu = Lines.GpuHours(Providers.Azure, "westeurope", "A100", 1, 720) with
        {
            SubAccountName = "ml-dev-sandbox",
            ChargePeriodStart = s_start,
            ChargePeriodEnd = s_start.AddHours(720),
            InstanceType = "NC24ads A100 v4",
        };
        var schedule = Recommend(gpu).Single(r => r.Kind == RecommendationKinds.DevTestSchedule);
        Assert.True(schedule.Heuristic);
        Assert.Equal("low", schedule.Confidence);
        // Running 60 of 168 hours saves 108/168 of the energy.
        Assert.Equal(Sum([gpu]).EnergyKwh.Central * 108 / 168, schedule.Savings.EnergyKwh.Central, 6);
    }

    [Fact]
    public void DevTest_GroupsOfOneScopeGiveOneRecommendation()
    {
        var gpu = Lines.GpuHours(Providers.Azure, "westeurope", "A100", 1, 720) with
        {
            SubAccountName = "ml-dev",
            ChargePeriodStart = s_start,
            ChargePeriodEnd = s_start.AddHours(720),
            InstanceType = "NC24ads A100 v4",
        };
        var flagged = gpu with { Flags = [AssumptionFlags.HostShareAssumed] };

        var schedule = Recommend(gpu, flagged).Single(r => r.Kind == RecommendationKinds.DevTestSchedule);
        Assert.Equal(2, schedule.AffectedLines);
        Assert.Equal(1440, schedule.AffectedUsage, 6);
    }

    [Fact]
    public void DevTest_ProductionOrPartTimeMachinesGetNoSchedule()
    {
        var production = Lines.GpuHours(Providers.Azure, "westeurope", "A100", 1, 720) with { SubAccountName = "ml-production", ChargePeriodStart = s_start, ChargePeriodEnd = s_start.AddHours(720) };
        var partTime = production with { SubAccountName = "ml-dev", InstanceHours = 200 };
        Assert.DoesNotContain(Recommend(production, partTime), r => r.Kind == RecommendationKinds.DevTestSchedule);
    }

    [Fact]
    public void Storage_GeoRedundantPremiumInTestBecomesLocalHdd()
    {
        var storage = Lines.Storage(Providers.Azure, "westeurope", 10_000, "ssd", 6) with { SubAccountName = "team-test", ServiceName = "Storage" };
        var redundancy = Recommend(storage).Single(r => r.Kind == RecommendationKinds.StorageRedundancy);
        Assert.True(redundancy.Heuristic);
        Assert.Equal("6 copies on ssd", redundancy.From);
        Assert.Equal("3 copies on hdd", redundancy.To);
        Assert.True(redundancy.Savings.EmbodiedKgCo2e.Central > 0);
    }

    [Fact]
    public void NoRecommendation_RaisesTotalCarbon_AndTheListIsSortedByCarbonSaving()
    {
        var all = Recommend(
            Vm("D4 v3", "eastus", 720), Vm("D4s v5", "westeurope", 720), Vm("D4s v5", "swedencentral", 720),
            Lines.Tokens(Providers.Azure, "swedencentral", "gpt-4o", 1e6, 1e6));
        Assert.NotEmpty(all);
        Assert.All(all, r => Assert.True(r.Savings.TotalCarbonKgCo2e.Central > 0));
        Assert.Equal(all.Select(r => r.Savings.TotalCarbonKgCo2e.Central).OrderDescending(), all.Select(r => r.Savings.TotalCarbonKgCo2e.Central));
    }

    [Fact]
    public void NothingToRecommend_GivesAnEmptyList()
    {
        var unmapped = Lines.Base(Providers.Azure, UsageKinds.Unmapped, "westeurope") with { Status = LineStatuses.Unmapped, Cost = 12m };
        var cleanest = Lines.Tokens(Providers.Azure, "swedencentral", "gpt-4o-mini", 1e3);
        Assert.Empty(Recommend(unmapped));
        Assert.Empty(Recommend());
        Assert.DoesNotContain(Recommend(cleanest), r => r.Kind == RecommendationKinds.AiModelRightSizing);
    }

    [Fact]
    public void Candidates_GrowWithDistinctKeysNotWithLines()
    {
        var candidates = new RecommendationCandidates();
        for (var i = 0; i < 10_000; i++) candidates.Add(Vm("D4s v5", i % 2 == 0 ? "westeurope" : "northeurope", 1) with { SourceRow = i });
        Assert.Equal(2, candidates.Count);
        Assert.Equal(10_000, candidates.Groups.Sum(g => g.Lines));
        Assert.Equal(10_000, candidates.Groups.Sum(g => g.InstanceHours), 6);
    }

    [Fact]
    public void RecommendationData_EveryRowHasProvenance()
    {
        var data = RecommendationData.Embedded;
        Assert.NotEmpty(data.ModelTiers);
        Assert.All(data.ModelTiers, t => Assert.False(string.IsNullOrWhiteSpace(t.Provenance.Source)));
        Assert.Equal("extremely high", data.WaterStressOf("IND")!.Category);
        Assert.Null(data.WaterStressOf("SWE"));
    }
}

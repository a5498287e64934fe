using CsCheck;
using Empreinte.Contracts;
using Empreinte.Domain.Calculators;
using Empreinte.Domain.Usage;

namespace Empreinte.Domain.Tests;

public class PropertyTests
{
    private static readonly string[] _models = ["gpt-4o", "gpt-4o-mini", "claude-opus-4", "mistral-large-2411", "llama-3-70b", "unknown"];

    private static readonly Gen<UsageLine> _machine = Gen.Int[0, 1000].Select(Gen.Double[0, 10_000], (i, hours) =>
    {
        var machines = Lines.Factors.Machines.ToArray();
        var regions = Lines.Factors.Regions.ToArray();
        var m = machines[i % machines.Length];
        var region = regions.FirstOrDefault(r => r.Provider == m.Provider)?.Region;
        return Lines.Machine(m.Provider, m.Name, region, hours);
    });

    private static readonly Gen<UsageLine> _anyLine = Gen.OneOf(
        _machine,
        Gen.Double[0, 1e6].Select(gb => Lines.Storage(Providers.Aws, "us-east-1", gb)),
        Gen.Double[0, 1e6].Select(gb => Lines.Storage(Providers.Gcp, "europe-west1", gb, "hdd", 2)),
        Gen.Double[0, 1e6].Select(gb => Lines.Network(Providers.Azure, "northeurope", gb)),
        Gen.Int[0, 5].Select(Gen.Double[0, 1e7], (i, t) => Lines.Tokens("OpenAI", null, _models[i], t)),
        Gen.Int[1, 16].Select(Gen.Double[0, 1e4], (n, h) => Lines.GpuHours(Providers.Gcp, "us-central1", "H100", n, h)));

    private static IEnumerable<Uncertain> AllRanges(UsageLine line, CalculationProfile profile)
    {
        var e = EnergyCalculator.Estimate(line, Lines.Factors, profile);
        var w = WaterCalculator.Estimate(line, Lines.Factors, profile);
        var m = MaterialsCalculator.Estimate(line, Lines.Factors, profile);
        return [e.EnergyKwh, e.CarbonLocationKgCo2e, e.CarbonMarketKgCo2e, w.WaterLitres, w.OnSiteLitres, w.OffSiteLitres, m.EmbodiedKgCo2e, m.AbioticDepletionKgSbEq, m.EwasteKg];
    }

    [Fact]
    public void Estimate_LowLeCentralLeHigh_Everywhere() =>
        _anyLine.Sample(line =>
        {
            foreach (var profile in new[] { CalculationProfile.Default, CalculationProfile.Ccf })
            {
                foreach (var r in AllRanges(line, profile))
                {
                    Assert.True(r.Low >= 0 && r.Low <= r.Central && r.Central <= r.High, $"{line.UsageKind} {line.InstanceType}: {r}");
                }
            }
        });

    [Fact]
    public void Estimate_ZeroInGivesZeroOut() =>
        _anyLine.Sample(line =>
        {
            var zero = line with { InstanceHours = 0, StorageGbMonths = 0, NetworkGb = 0, OutputTokens = 0 };
            Assert.All(AllRanges(zero, CalculationProfile.Default), r => Assert.Equal(0, r.High));
        });

    [Fact]
    public void Estimate_IsLinearInQuantity() =>
        Gen.Select(_anyLine, Gen.Double[0.1, 100]).Sample(t =>
        {
            var (line, k) = t;
            var scaled = line with
            {
                InstanceHours = line.InstanceHours * k,
                StorageGbMonths = line.StorageGbMonths * k,
                NetworkGb = line.NetworkGb * k,
                OutputTokens = line.OutputTokens * k,
            };
            var a = AllRanges(line, CalculationProfile.Default).ToArray();
            var b = AllRanges(scaled, CalculationProfile.Default).ToArray();
            for (var i = 0; i < a.Length; i++)
            {
                Assert.Equal(a[i].Central * k, b[i].Central, Math.Max(1e-12, a[i].Central * k * 1e-9));
                Assert.Equal(a[i].High * k, b[i].High, Math.Max(1e-12, a[i].High * k * 1e-9));
            }
        });

    [Fact]
    public void Power_IsMonotoneInUtilisation() =>
        Gen.Select(Gen.Double[0, 10], Gen.Double[0, 10], Gen.Double[0, 1], Gen.Double[0, 1]).Sample(t =>
        {
            var (idle, span, u1, u2) = t;
            var (lo, hi) = u1 <= u2 ? (u1, u2) : (u2, u1);
            var p1 = ItEnergy.PowerAt(idle, idle + span, Uncertain.Exactly(lo));
            var p2 = ItEnergy.PowerAt(idle, idle + span, Uncertain.Exactly(hi));
            Assert.True(p1.Central <= p2.Central + 1e-12);
        });

    [Fact]
    public void Breakdown_SumsToItEnergy_ForEveryKind() =>
        _anyLine.Sample(line =>
        {
            var e = EnergyCalculator.Estimate(line, Lines.Factors);
            var b = e.Breakdown;
            var it = b.CpuKwh + b.MemoryKwh + b.GpuKwh + b.StorageKwh + b.NetworkKwh + b.OtherKwh;
            Assert.Equal(e.EnergyKwh.Central, it * e.Pue, Math.Max(1e-12, e.EnergyKwh.Central * 1e-9));
        });

    [Fact]
    public void ExistingOverloads_EqualDefaultProfile()
    {
        var line = Lines.Machine(Providers.Azure, "D4s v3", "westeurope", 3);
        Assert.Equal(EnergyCalculator.Estimate(line, Lines.Factors, CalculationProfile.Default).EnergyKwh, EnergyCalculator.Estimate(line, Lines.Factors).EnergyKwh);
        Assert.Equal(WaterCalculator.Estimate(line, Lines.Factors, CalculationProfile.Default).WaterLitres, WaterCalculator.Estimate(line, Lines.Factors).WaterLitres);
        Assert.Equal(MaterialsCalculator.Estimate(line, Lines.Factors, CalculationProfile.Default).EmbodiedKgCo2e, MaterialsCalculator.Estimate(line, Lines.Factors).EmbodiedKgCo2e);
    }
}

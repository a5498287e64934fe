using System.Text;
using CsCheck;
using Empreinte.Contracts;
using Empreinte.Domain.Calculators;
using Empreinte.Domain.Factors;
using Empreinte.Domain.Usage;

namespace Empreinte.Domain.Tests;

/// <summary>Embodied impacts per host configuration (default profile): components, shares, flags.</summary>
public class EmbodiedConfigurationTests
{
    private static void Near(double expected, double actual, double relative = 0.005) =>
        Assert.True(Math.Abs(actual - expected) <= Math.Abs(expected) * relative, $"expected {expected:G6} ± {relative:P1}, got {actual:G6}");

    private static MaterialsEstimate Materials(UsageLine line) => MaterialsCalculator.Estimate(line, Lines.Factors);

    private static HostConfiguration Host(int sockets = 2, double memoryGb = 256, double ssdGb = 0, double hddGb = 0, double dieCm2 = 6.94) =>
        new(64, memoryGb, sockets, Uncertain.Exactly(dieCm2), ssdGb, hddGb);

    [Fact]
    public void D4sV3_And_M6gXlarge_GetDifferentAdpe()
    {
        // Same size (4 vCPU, 16 GB) and same host (64 vCPU, 256 GB); the Graviton2 host has one socket of 4.57 cm².
        var intel = Materials(Lines.Machine(Providers.Azure, "D4s v3", "westeurope", 1));
        var graviton = Materials(Lines.Machine(Providers.Aws, "m6g.xlarge", "us-east-1", 1));
        Assert.True(graviton.AbioticDepletionKgSbEq.Central < intel.AbioticDepletionKgSbEq.Central * 0.9,
            $"m6g.xlarge {graviton.AbioticDepletionKgSbEq.Central:G4} vs D4s v3 {intel.AbioticDepletionKgSbEq.Central:G4} kgSb");
        Assert.True(graviton.EmbodiedKgCo2e.Central < intel.EmbodiedKgCo2e.Central);
        // The whole difference is the CPUs: 2 × (6.1455 cm² × 5.87e-7 + 0.0204) − (4.57 cm² × 5.87e-7 + 0.0204) kgSb per host.
        const double cpuDifference = 0.0204 + (2 * 6.1455 - 4.57) * 5.87e-7;
        Near(cpuDifference, (intel.AbioticDepletionKgSbEq.Central - graviton.AbioticDepletionKgSbEq.Central) * 35040 * 64 / 4);
    }

    [Fact]
    public void HostImpacts_GrowWithMemoryStorageSocketsAndDie()
    {
        Gen.Select(Gen.Int[1, 4], Gen.Double[0, 4096], Gen.Double[0, 50_000], Gen.Double[0, 100_000], Gen.Double[1, 20]).Sample(t =>
        {
            var (sockets, memory, ssd, hdd, die) = t;
            var baseHost = HostHardware.Impacts(Host(sockets, memory, ssd, hdd, die), Lines.Factors);
            foreach (var bigger in new[]
            {
                Host(sockets + 1, memory, ssd, hdd, die), Host(sockets, memory + 64, ssd, hdd, die), Host(sockets, memory, ssd + 960, hdd, die),
                Host(sockets, memory, ssd, hdd + 2000, die), Host(sockets, memory, ssd, hdd, die + 1),
            })
            {
                var more = HostHardware.Impacts(bigger, Lines.Factors);
                Assert.True(more.EmbodiedKgCo2e.Central > baseHost.EmbodiedKgCo2e.Central, $"carbon {bigger}");
                Assert.True(more.AbioticDepletionKgSbEq.Central > baseHost.AbioticDepletionKgSbEq.Central, $"ADPe {bigger}");
                Assert.True(more.MassKg.Central >= baseHost.MassKg.Central, $"mass {bigger}");
                Assert.True(more.EmbodiedKgCo2e.High >= baseHost.EmbodiedKgCo2e.High && more.EmbodiedKgCo2e.Low >= baseHost.EmbodiedKgCo2e.Low);
            }

            foreach (var range in new[] { baseHost.EmbodiedKgCo2e, baseHost.AbioticDepletionKgSbEq, baseHost.MassKg })
                Assert.True(range.Low <= range.Central && range.Central <= range.High && range.Low > 0);
        });
    }

    [Fact]
    public void Machine_GrowsWithHostMemory_AndWithGpus()
    {
        var line = Lines.Machine(Providers.Azure, "D4s v3", "westeurope", 10);
        var moreMemory = line with { HostMemoryGb = line.HostMemoryGb * 2 };
        Assert.True(Materials(moreMemory).EmbodiedKgCo2e.Central > Materials(line).EmbodiedKgCo2e.Central);
        Assert.True(Materials(moreMemory).AbioticDepletionKgSbEq.Central > Materials(line).AbioticDepletionKgSbEq.Central);

        var gpuLine = Lines.Machine(Providers.Azure, "NC24ads A100 v4", "eastus", 10);
        var one = Materials(gpuLine with { GpuCount = 1 });
        var two = Materials(gpuLine with { GpuCount = 2 });
        var a100 = Lines.Factors.Gpu(gpuLine.GpuModel!)!;
        // Each GPU adds its card's impacts × hours / lifespan (dedicated to the instance).
        Near(a100.EmbodiedKgCo2e * 10 / 35040, two.EmbodiedKgCo2e.Central - one.EmbodiedKgCo2e.Central);
        Near(a100.AbioticDepletionKgSbEq * 10 / 35040, two.AbioticDepletionKgSbEq.Central - one.AbioticDepletionKgSbEq.Central);
        Near(a100.MassKg * 10 / 35040, two.EwasteKg.Central - one.EwasteKg.Central);
    }

    [Fact]
    public void Machine_IsLinearInHours_AndZeroHoursGiveZero()
    {
        var machines = Lines.Factors.Machines.Where(m => m.VCpus > 0).ToArray();
        Gen.Select(Gen.Int[0, machines.Length - 1], Gen.Double[0.01, 10_000], Gen.Double[0.1, 50]).Sample(t =>
        {
            var (i, hours, k) = t;
            var line = Lines.Machine(machines[i].Provider, machines[i].Name, null, hours);
            var once = Materials(line);
            var scaled = Materials(line with { InstanceHours = hours * k });
            foreach (var (a, b) in new[] { (once.EmbodiedKgCo2e, scaled.EmbodiedKgCo2e), (once.AbioticDepletionKgSbEq, scaled.AbioticDepletionKgSbEq), (once.EwasteKg, scaled.EwasteKg) })
            {
                Assert.True(a.Central > 0, $"{line.InstanceType}: no embodied impact");
                Near(a.Central * k, b.Central, 1e-9);
                Near(a.Low * k, b.Low, 1e-9);
                Near(a.High * k, b.High, 1e-9);
            }

            var zero = Materials(line with { InstanceHours = 0 });
            Assert.Equal(Uncertain.Zero, zero.EmbodiedKgCo2e);
            Assert.Equal(Uncertain.Zero, zero.AbioticDepletionKgSbEq);
            Assert.Equal(Uncertain.Zero, zero.EwasteKg);
        });
    }

    [Fact]
    public void SharesByVCpu_SumToTheHostOverItsLifespan()
    {
        // Every size of every family without GPUs: host ÷ size copies of the size, each run for the whole
        // (central) lifespan, add up to the whole host's component impacts.
        var lifespan = Lines.Factors.Constant("server-lifespan-hours").Value.Central;
        var checkedSizes = 0;
        foreach (var machine in Lines.Factors.Machines.Where(m => m.GpuCount == 0 && m.VCpus > 0 && m.HostVCpus % m.VCpus == 0))
        {
            var line = Lines.Machine(machine.Provider, machine.Name, null, lifespan);
            var flags = new List<string>();
            var host = HostHardware.Impacts(HostHardware.Configuration(line, machine.HostVCpus, Lines.Factors, flags), Lines.Factors);
            var copies = machine.HostVCpus / machine.VCpus;
            var m = Materials(line);
            Near(host.EmbodiedKgCo2e.Central, m.EmbodiedKgCo2e.Central * copies, 1e-9);
            Near(host.AbioticDepletionKgSbEq.Central, m.AbioticDepletionKgSbEq.Central * copies, 1e-9);
            Near(host.MassKg.Central, m.EwasteKg.Central * copies, 1e-9);
            checkedSizes++;
        }

        Assert.True(checkedSizes > 300, $"only {checkedSizes} sizes checked");
    }

    [Fact]
    public void CatalogueSocketsAndLocalStorage_AreUsed_AndClearTheFlags()
    {
        // The D4s v3's temporary disk (32 GB SSD) and a four-socket host, as the catalogue would state them.
        var factors = WithMachineRow("Microsoft,D4s v3,", new Dictionary<string, string>
        {
            ["local_storage_gb"] = "32",
            ["local_storage_media"] = "ssd",
            ["host_sockets"] = "4",
        });
        var line = Lines.Machine(Providers.Azure, "D4s v3", "westeurope", 1);
        var stated = MaterialsCalculator.Estimate(line, factors);
        var assumed = Materials(line);
        Assert.DoesNotContain(HostHardware.HostSocketsAssumed, stated.Flags);
        // Two more sockets and 32 GB × 16 = 512 GB of local SSD on the host.
        var flags = new List<string>();
        var host = HostHardware.Configuration(line, 64, factors, flags);
        Assert.Equal(4, host.Sockets);
        Near(512, host.LocalSsdGb);
        Assert.True(stated.EmbodiedKgCo2e.Central > assumed.EmbodiedKgCo2e.Central);
        Assert.True(stated.AbioticDepletionKgSbEq.Central > assumed.AbioticDepletionKgSbEq.Central);
    }

    [Fact]
    public void MachineOutsideTheCatalogue_GetsFlaggedDefaults_NeverZero()
    {
        var line = Lines.Base(Providers.Aws, UsageKinds.VirtualMachine, "us-east-1") with
        {
            InstanceType = "x9z.4xlarge",
            InstanceHours = 5,
            VCpus = 16,
        };
        var m = Materials(line);
        Assert.True(m.EmbodiedKgCo2e.Central > 0 && m.AbioticDepletionKgSbEq.Central > 0 && m.EwasteKg.Central > 0);
        Assert.Contains(AssumptionFlags.HostShareAssumed, m.Flags);
        Assert.Contains(HostHardware.HostSocketsAssumed, m.Flags);
        Assert.Contains(HostHardware.CpuDieAssumed, m.Flags);
        Assert.Contains(HostHardware.HostMemoryAssumed, m.Flags);
        Assert.Contains(HostHardware.LocalStorageNotStated, m.Flags);
    }

    [Fact]
    public void EightGpuServerWithoutItsGpus_AgreesWithTheServerConstantsOfGpuHoursAndAiTokens()
    {
        // GPU-hours and AI tokens use EcoLogits' 8-GPU server without GPUs (BoaviztAPI p5.48xlarge): 5,700 kgCO2e, 0.37 kgSb.
        // The component model for that host (2 × Sapphire Rapids, 2,048 GB DRAM, 8 × 3.84 TB NVMe):
        // CPUs 93.5 + DRAM 3,955 + SSD 1,333 + power 145 + board 66 + case 150 + assembly 7 ≈ 5,750 kg; ADPe ≈ 0.370 kgSb.
        var p5 = new HostConfiguration(192, 2048, 2, Lines.Factors.CpuDie("Sapphire Rapids")!.DieAreaCm2, 8 * 3840, 0);
        var host = HostHardware.Impacts(p5, Lines.Factors);
        Near(Lines.Factors.Constant("gpu-server-embodied-kgco2e").Value.Central, host.EmbodiedKgCo2e.Central, 0.02);
        Near(Lines.Factors.Constant("gpu-server-adpe-kgsbeq").Value.Central, host.AbioticDepletionKgSbEq.Central, 0.02);
    }

    [Fact]
    public void CcfProfile_KeepsCcfsPublishedHostValue()
    {
        // 1,482.9 kg × (1 h ÷ 4 vCPU)/35,040 × 4/64 whatever the component model says: the CCF path is not
        // per-configuration, and CCF's code divides the hours by the instance's vCPUs (CcfProfileTests).
        var m = MaterialsCalculator.Estimate(Lines.Machine(Providers.Azure, "D4s v3", "westeurope", 1), Lines.Factors, CalculationProfile.Ccf);
        Near(1482.9 / 35040 / 4 * 4 / 64, m.EmbodiedKgCo2e.Central);
        Assert.Equal(Uncertain.Zero, m.AbioticDepletionKgSbEq);
    }

    private static List<string> SplitCsv(string line)
    {
        var cells = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        foreach (var c in line)
        {
            if (c == '"') quoted = !quoted;
            else if (c == ',' && !quoted) { cells.Add(cell.ToString()); cell.Clear(); }
            else cell.Append(c);
        }

        cells.Add(cell.ToString());
        return cells;
    }

    private static string Quote(string cell) => cell.Contains(',') || cell.Contains('"') ? "\"" + cell.Replace("\"", "\"\"") + "\"" : cell;

    /// <summary>The embedded factor set with cells of one machine_types.csv row replaced, by column name.</summary>
    private static FactorSet WithMachineRow(string rowPrefix, Dictionary<string, string> cellsByColumn) => FactorSetLoader.Load("test", name =>
    {
        using var stream = typeof(FactorSet).Assembly.GetManifestResourceStream("Empreinte.Factors." + name)!;
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var text = reader.ReadToEnd();
        if (name != "machine_types.csv") return new StringReader(text);
        var lines = text.Split('\n');
        var header = SplitCsv(lines[0].TrimEnd('\r'));
        for (var i = 1; i < lines.Length; i++)
        {
            if (!lines[i].StartsWith(rowPrefix, StringComparison.Ordinal)) continue;
            var cells = SplitCsv(lines[i].TrimEnd('\r'));
            foreach (var (column, value) in cellsByColumn) cells[header.IndexOf(column)] = value;
            lines[i] = string.Join(',', cells.Select(Quote));
        }

        return new StringReader(string.Join('\n', lines));
    });
}

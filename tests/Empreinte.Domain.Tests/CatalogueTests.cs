using Empreinte.Domain.Factors;
using Empreinte.Domain.Usage;

namespace Empreinte.Domain.Tests;

public class CatalogueTests
{
    private static FactorSet F => FactorSet.Embedded;

    [Theory]
    [InlineData(Providers.Azure, "Standard_D4s_v3")]
    [InlineData(Providers.Azure, "D8s v4")]
    [InlineData(Providers.Azure, "D16as_v5")]
    [InlineData(Providers.Azure, "D4s v6")]
    [InlineData(Providers.Azure, "E8s v5")]
    [InlineData(Providers.Azure, "F16s v2")]
    [InlineData(Providers.Azure, "L8s v3")]
    [InlineData(Providers.Azure, "B2ms")]
    [InlineData(Providers.Azure, "M128s")]
    [InlineData(Providers.Azure, "NC24s v3")]
    [InlineData(Providers.Azure, "NC24ads A100 v4")]
    [InlineData(Providers.Azure, "ND96asr A100 v4")]
    [InlineData(Providers.Azure, "ND96isr H100 v5")]
    [InlineData(Providers.Azure, "NC40ads H100 v5")]
    [InlineData(Providers.Azure, "ND96isr H200 v5")]
    [InlineData(Providers.Aws, "t3a.micro")]
    [InlineData(Providers.Aws, "t4g.small")]
    [InlineData(Providers.Aws, "m7i-flex.large")]
    [InlineData(Providers.Aws, "m7g.xlarge")]
    [InlineData(Providers.Aws, "c7i.2xlarge")]
    [InlineData(Providers.Aws, "r6g.large")]
    [InlineData(Providers.Aws, "g6.xlarge")]
    [InlineData(Providers.Aws, "p4d.24xlarge")]
    [InlineData(Providers.Aws, "p5.48xlarge")]
    [InlineData(Providers.Aws, "p5e.48xlarge")]
    [InlineData(Providers.Gcp, "e2-standard-4")]
    [InlineData(Providers.Gcp, "n1-standard-8")]
    [InlineData(Providers.Gcp, "n2d-highmem-16")]
    [InlineData(Providers.Gcp, "c3-standard-22")]
    [InlineData(Providers.Gcp, "t2a-standard-4")]
    [InlineData(Providers.Gcp, "a2-highgpu-8g")]
    [InlineData(Providers.Gcp, "a3-highgpu-8g")]
    [InlineData(Providers.Gcp, "g2-standard-8")]
    [InlineData(Providers.Gcp, "c4-standard-8")]
    [InlineData(Providers.Gcp, "c4a-highmem-16")]
    [InlineData(Providers.Gcp, "c4d-highcpu-32")]
    [InlineData(Providers.Gcp, "n4-standard-4")]
    [InlineData(Providers.Azure, "Standard_M48s_1_v3")]
    [InlineData(Providers.Azure, "Standard_M832ids_16_v3")]
    [InlineData(Providers.Azure, "Standard_E8-4ds_v6")]
    [InlineData(Providers.Azure, "Standard_M176-88bds_4_v3")]
    [InlineData(Providers.Aws, "m8a.2xlarge")]
    [InlineData(Providers.Azure, "Standard_NV6ads_A10_v5")]
    [InlineData(Providers.Aws, "i7ie.2xlarge")]
    [InlineData(Providers.Oci, "VM.Standard.E5.Flex")]
    [InlineData(Providers.Oci, "BM.GPU.H100.8")]
    public void Catalogue_HasFamily(string provider, string name) => Assert.NotNull(F.Machine(provider, name));

    [Fact]
    public void EveryMachine_ReferencesKnownCpusAndGpus_AndFitsItsHost()
    {
        Assert.All(F.Machines, m =>
        {
            Assert.All(m.Microarchitectures, a => Assert.True(F.Cpu(a) is not null, $"{m.Name}: unknown microarchitecture {a}"));
            if (m.GpuModel is not null) Assert.True(F.Gpu(m.GpuModel) is not null, $"{m.Name}: unknown GPU {m.GpuModel}");
            Assert.True(m.HostVCpus >= m.VCpus, $"{m.Name}: host {m.HostVCpus} < {m.VCpus}");
            Assert.True(m.HostMemoryGb >= m.MemoryGb, $"{m.Name}: host memory {m.HostMemoryGb} GB < {m.MemoryGb} GB");
        });
    }

    /// <summary>
    /// A VM holding a share of one A10 is one unit of an "A10 1/6"-style GPU whose every value is the A10's × the share, so the
    /// calculators (GPU watts × count, card impacts × count) give exactly that share with a whole GPU count.
    /// </summary>
    [Theory]
    [InlineData("Standard_NV6ads_A10_v5", 1.0 / 6)]
    [InlineData("Standard_NV12ads_A10_v5", 1.0 / 3)]
    [InlineData("Standard_NV18ads_A10_v5", 1.0 / 2)]
    public void PartialGpuSizes_HoldTheirShareOfOneA10(string size, double share)
    {
        var machine = F.Machine(Providers.Azure, size)!;
        var part = F.Gpu(machine.GpuModel!)!;
        var a10 = F.Gpu("A10")!;
        Assert.Equal(1, machine.GpuCount);
        foreach (var (whole, fraction) in new[]
                 {
                     (a10.IdleWatts, part.IdleWatts), (a10.MaxWatts, part.MaxWatts), (a10.EmbodiedKgCo2e, part.EmbodiedKgCo2e),
                     (a10.AbioticDepletionKgSbEq, part.AbioticDepletionKgSbEq), (a10.MassKg, part.MassKg),
                 })
            Assert.InRange(fraction / (whole * share), 0.9999, 1.0001);
    }

    /// <summary>An OCI flexible shape is one row per OCPU (the unit OCI bills), hosted on the bare metal shape of its series.</summary>
    [Theory]
    [InlineData("VM.Standard.E4.Flex", 2, "BM.Standard.E4.128")]
    [InlineData("VM.Standard.E5.Flex", 2, "BM.Standard.E5.192")]
    [InlineData("VM.Standard.A1.Flex", 1, "BM.Standard.A1.160")]
    public void OciFlexibleShapes_DescribeOneOcpu(string shape, int vCpusPerOcpu, string bareMetal)
    {
        var flex = F.Machine(Providers.Oci, shape)!;
        var host = F.Machine(Providers.Oci, bareMetal)!;
        Assert.Equal(vCpusPerOcpu, flex.VCpus);
        Assert.Equal(host.VCpus, flex.HostVCpus);
        Assert.Equal(host.MemoryGb, flex.HostMemoryGb);
        Assert.Equal(flex.Microarchitectures, host.Microarchitectures);
    }

    [Fact]
    public void EveryRegion_SubNationalZoneExists()
    {
        Assert.True(F.Regions.Count() > 120);
        Assert.All(F.Regions.Where(r => r.GridZone != r.Country), r => Assert.NotNull(F.GridIntensity(r.GridZone)));
    }

    [Theory]
    [InlineData("gpt-4o-mini-2024-07-18", "gpt-4o-mini")]
    [InlineData("gpt-4o-2024-08-06", "gpt-4o")]
    [InlineData("claude-sonnet-4-20250514", "claude-sonnet-4")]
    [InlineData("claude-3-5-haiku", "claude")]
    [InlineData("mistral-large-2411", "mistral-large")]
    [InlineData("some-new-model", "*")]
    public void LlmModel_LongestPatternWins(string name, string pattern) => Assert.Equal(pattern, F.LlmModel(name).Pattern);
}

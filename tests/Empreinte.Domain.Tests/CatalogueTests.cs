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

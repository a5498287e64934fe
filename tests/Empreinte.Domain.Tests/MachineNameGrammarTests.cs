using Empreinte.Domain.Classification;
using Empreinte.Domain.Factors;
using Empreinte.Domain.Usage;

namespace Empreinte.Domain.Tests;

/// <summary>The naming grammars that size an instance type the catalogue lacks (AWS, Azure, Google Cloud).</summary>
public class MachineNameGrammarTests
{
    private static FactorSet F => FactorSet.Embedded;

    [Theory]
    [InlineData("r5ad.12xlarge", "r", 5, "ad", "amd", 48)]
    [InlineData("c5a.24xlarge", "c", 5, "a", "amd", 96)]
    [InlineData("a1.4xlarge", "a", 1, "", "graviton", 16)]
    [InlineData("m7a.large", "m", 7, "a", "amd", 2)]
    [InlineData("r8g.2xlarge", "r", 8, "g", "graviton", 8)]
    [InlineData("m7i-flex.large", "m", 7, "i-flex", "intel", 2)]
    [InlineData("x2iedn.xlarge", "x", 2, "iedn", "intel", 4)]
    [InlineData("c8g.metal-48xl", "c", 8, "g", "graviton", 192)]
    [InlineData("t4g.medium", "t", 4, "g", "graviton", 2)]
    [InlineData("g5g.xlarge", "g", 5, "g", "graviton", 4)]
    [InlineData("im4gn.large", "im", 4, "gn", "graviton", 2)]
    public void Aws_ParsesFamilyGenerationProcessorAndSize(string name, string family, int generation, string attributes, string processor, int vcpus)
    {
        var p = AwsInstanceTypeGrammar.Parse(name);

        Assert.NotNull(p);
        Assert.Equal((family, generation, attributes, processor, (int?)vcpus), (p.Family, p.Generation, p.Attributes, p.Processor, p.VCpus));
    }

    [Theory]
    [InlineData("m9a.2xlarge", 8, 32, "EPYC 5th Gen")]
    [InlineData("r9g.xlarge", 4, 32, "Graviton4")]
    [InlineData("c9i.large", 2, 4, "Granite Rapids")]
    [InlineData("r5ad.12xlarge", 48, 384, "EPYC 1st Gen|EPYC 2nd Gen")]
    [InlineData("u-6tb1.112xlarge", 448, 6144, "Cascade Lake|Skylake|Sapphire Rapids")]
    public void Aws_InfersSizeMemoryAndProcessor(string name, int vcpus, double memoryGb, string microarchitectures)
    {
        var m = MachineNameGrammar.Infer(Providers.Aws, name);

        Assert.NotNull(m);
        Assert.Equal((vcpus, memoryGb, microarchitectures), (m.VCpus, m.MemoryGb, string.Join('|', m.Microarchitectures)));
        Assert.True(m.HostVCpus >= m.VCpus && m.HostMemoryGb >= m.MemoryGb);
    }

    [Theory]
    [InlineData("Standard_E8-4ds_v5", "E", 8, 4, "ds", null, 5)]
    [InlineData("Standard_NC24ads_A100_v4", "NC", 24, null, "ads", "A100", 4)]
    [InlineData("L8s v2", "L", 8, null, "s", null, 2)]
    [InlineData("d4pds_v6", "D", 4, null, "pds", null, 6)]
    [InlineData("Standard_B2ats_v2", "B", 2, null, "ats", null, 2)]
    [InlineData("Standard_HB176-96rs_v4", "HB", 176, 96, "rs", null, 4)]
    public void Azure_ParsesFamilyVCpusActiveFeaturesAndVersion(string name, string family, int vcpus, int? active, string features, string? accelerator, int version)
    {
        var p = AzureVmSizeGrammar.Parse(name);

        Assert.NotNull(p);
        Assert.Equal((family, vcpus, active, features, accelerator, version), (p.Family, p.VCpus, p.ActiveVCpus, p.Features, p.Accelerator, p.Version));
    }

    [Theory]
    [InlineData("Standard_D8als_v7", 8, 16, "EPYC 5th Gen", null)]
    [InlineData("Standard_E8-4ds_v7", 4, 64, "Granite Rapids", null)]
    [InlineData("Standard_D4ps_v6", 4, 16, "Cobalt 100", null)]
    [InlineData("Standard_D4ps_v5", 4, 16, "Ampere Altra", null)]
    [InlineData("Standard_L8s_v2", 8, 64, "EPYC 1st Gen", null)]
    [InlineData("Standard_ND96isr_H100_v5", 96, 1536, "Sapphire Rapids", "H100")]
    public void Azure_InfersSizeMemoryProcessorAndGpu(string name, int vcpus, double memoryGb, string microarchitectures, string? gpu)
    {
        var m = MachineNameGrammar.Infer(Providers.Azure, name);

        Assert.NotNull(m);
        Assert.Equal((vcpus, memoryGb, microarchitectures, gpu), (m.VCpus, m.MemoryGb, string.Join('|', m.Microarchitectures), m.GpuModel));
        Assert.True(m.HostVCpus >= m.VCpus);
    }

    [Theory]
    [InlineData("n2-custom-4-16384", 4, 16, "Cascade Lake|Ice Lake")]
    [InlineData("custom-2-7680", 2, 7.5, "Skylake|Broadwell|Haswell|Sandy Bridge|Ivy Bridge")]
    [InlineData("n2d-custom-8-65536-ext", 8, 64, "EPYC 2nd Gen|EPYC 3rd Gen")]
    [InlineData("n5-standard-8", 8, 32, "")]
    [InlineData("c4-highcpu-16", 16, 32, "Emerald Rapids")]
    [InlineData("n1-highmem-4", 4, 26, "Skylake|Broadwell|Haswell|Sandy Bridge|Ivy Bridge")]
    [InlineData("a2-highgpu-4g", 48, 340.8, "Cascade Lake")]
    [InlineData("e2-small", 2, 2, "Skylake|Broadwell|Haswell|Cascade Lake|EPYC 2nd Gen")]
    public void Gcp_InfersSizeMemoryAndProcessor(string name, int vcpus, double memoryGb, string microarchitectures)
    {
        var m = MachineNameGrammar.Infer(Providers.Gcp, name);

        Assert.NotNull(m);
        Assert.Equal((vcpus, microarchitectures), (m.VCpus, string.Join('|', m.Microarchitectures)));
        Assert.Equal(memoryGb, m.MemoryGb, 6);
    }

    [Fact]
    public void Gcp_GpuTypes_CountTheirGpus()
    {
        var a2 = MachineNameGrammar.Infer(Providers.Gcp, "a2-highgpu-4g")!;
        var a3 = MachineNameGrammar.Infer(Providers.Gcp, "a3-highgpu-8g")!;

        Assert.Equal(("A100", 4), (a2.GpuModel, a2.GpuCount));
        Assert.Equal(("H100", 8, 208), (a3.GpuModel, a3.GpuCount, a3.VCpus));
    }

    [Theory]
    [InlineData(Providers.Aws, "not-an-instance")]
    [InlineData(Providers.Aws, "m5.huge")]
    [InlineData(Providers.Aws, "")]
    [InlineData(Providers.Azure, "Premium SSD P10")]
    [InlineData(Providers.Azure, "ZZ9 gpu v9")]
    [InlineData(Providers.Gcp, "n2-standard")]
    [InlineData(Providers.Gcp, "mystery-machine-8")]
    [InlineData(Providers.Oci, "VM.Standard.E4.Flex")]
    public void NamesOutsideEveryGrammar_AreNotInferred(string provider, string name) => Assert.Null(MachineNameGrammar.Infer(provider, name));

    /// <summary>
    /// How many of the EC2 types and Azure sizes in CCF's own tables (tests/Empreinte.Domain.Tests/Data/ccf_machine_types.csv, written by
    /// tools/Empreinte.Catalogue) the catalogue knows. CCF's EC2_INSTANCE_TYPES list 506 and VIRTUAL_MACHINE_TYPE_SERIES_MAPPING 458;
    /// with the u-*tb1 types and the constrained-vCPU sizes the file holds 516 and 521.
    /// </summary>
    [Fact]
    public void Catalogue_KnowsEveryTypeOfCcfTables()
    {
        var listed = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Data", "ccf_machine_types.csv")).Skip(1)
            .Select(l => l.Split(',')).Select(c => (Provider: c[0], Name: c[1])).ToList();
        foreach (var provider in new[] { Providers.Aws, Providers.Azure, Providers.Gcp })
        {
            var names = listed.Where(n => n.Provider == provider).Select(n => n.Name).ToList();
            var missing = names.Where(n => F.Machine(provider, n) is null).ToList();
            Console.WriteLine($"CCF {provider}: {names.Count - missing.Count} of {names.Count} known");
            Assert.True(missing.Count == 0, $"{provider}: {missing.Count} of CCF's {names.Count} types missing: {string.Join(", ", missing.Take(20))}");
        }

        Assert.Equal((516, 521), (listed.Count(n => n.Provider == Providers.Aws), listed.Count(n => n.Provider == Providers.Azure)));
    }
}

/// <summary>A machine sized from its name or the bill carries a wider energy range than a catalogued one (constants.csv inferred-machine-energy-factor).</summary>
public class InferredMachineRangeTests
{
    [Fact]
    public void InferredLine_WidensEnergyRange_CentralUnchanged()
    {
        var catalogued = Lines.Machine(Providers.Aws, "m5.large", "us-east-1", 10);
        var inferred = catalogued with { Flags = [AssumptionFlags.InferredFromName] };

        var a = Calculators.EnergyCalculator.Estimate(catalogued, Lines.Factors).EnergyKwh;
        var b = Calculators.EnergyCalculator.Estimate(inferred, Lines.Factors).EnergyKwh;

        Assert.Equal(a.Central, b.Central, 12);
        Assert.Equal(a.Low * 0.7, b.Low, 12);
        Assert.Equal(a.High * 1.4, b.High, 12);
    }
}

/// <summary>Processor names as CUR product/physicalProcessor and Boavizta write them, to microarchitectures and GPU rows.</summary>
public class ProcessorNamesTests
{
    [Theory]
    [InlineData("Intel Xeon Platinum 8175M", "Skylake")]
    [InlineData("Intel Xeon Platinum 8259CL", "Cascade Lake")]
    [InlineData("Intel Xeon 8375C (Ice Lake)", "Ice Lake")]
    [InlineData("Intel Xeon Platinum 8375C", "Ice Lake")]
    [InlineData("Intel Xeon Platinum 8488C", "Sapphire Rapids")]
    [InlineData("Intel Xeon E5-2686 v4", "Broadwell")]
    [InlineData("Intel Xeon E5-2670", "Sandy Bridge")]
    [InlineData("AMD EPYC 7571", "EPYC 1st Gen")]
    [InlineData("AMD EPYC 7R32", "EPYC 2nd Gen")]
    [InlineData("AMD EPYC 7R13 Processor", "EPYC 3rd Gen")]
    [InlineData("AMD EPYC 9R14", "EPYC 4th Gen")]
    [InlineData("AWS Graviton4 Processor", "Graviton4")]
    [InlineData("Annapurna Labs Graviton", "Graviton")]
    [InlineData("Ampere Altra Q64-30", "Ampere Altra")]
    [InlineData("Intel Xeon 6975P-C", "Granite Rapids")]
    [InlineData("Intel Xeon Gold 6455B", "Sapphire Rapids")]
    public void Cpu_MapsToMicroarchitecture(string name, string microarchitecture)
    {
        Assert.Equal(microarchitecture, ProcessorNames.Microarchitecture(name));
        Assert.NotNull(FactorSet.Embedded.Cpu(microarchitecture));
    }

    [Theory]
    [InlineData("Variable")]
    [InlineData("High Frequency Intel Xeon")]
    [InlineData("")]
    [InlineData(null)]
    public void UnnamedCpu_IsNull(string? name) => Assert.Null(ProcessorNames.Microarchitecture(name));

    [Theory]
    [InlineData("Nvidia Tesla A100", "A100")]
    [InlineData("NVIDIA H100 SXM", "H100")]
    [InlineData("NVIDIA T4G Tensor Core", "T4")]
    [InlineData("AMD Radeon Pro V520", "Radeon Pro V520")]
    [InlineData("Nvidia K520", "K520")]
    public void Gpu_MapsToAGpuRow(string name, string model)
    {
        Assert.Equal(model, ProcessorNames.Gpu(name));
        Assert.NotNull(FactorSet.Embedded.Gpu(model));
    }
}

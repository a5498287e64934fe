using Empreinte.Contracts;
using Empreinte.Domain.Calculators;
using Empreinte.Domain.Classification;
using Empreinte.Domain.Factors;
using Empreinte.Domain.Usage;
using static Empreinte.Domain.Tests.Classification.Records;

namespace Empreinte.Domain.Tests.Classification;

/// <summary>OCI OCPU, memory and GPU hours (<c>OciRules</c>) and the shape families behind them (<see cref="OciShapes"/>).</summary>
public class OciRulesTests
{
    private const string NativeOcpus = "1 NONE HOURS OCPUS";

    /// <summary>A native cost report line: the reader has turned OCPU-hours into vCPU-hours at two per OCPU.</summary>
    private static UsageRecord Native(string description, double quantity, string unit, string rawUnit) => UsageOf(Providers.Oci) with
    {
        ServiceName = "COMPUTE",
        MeterCategory = "COMPUTE",
        SkuMeter = description,
        ChargeDescription = description,
        Quantity = quantity,
        QuantityUnit = unit,
        RawUnit = rawUnit,
    };

    /// <summary>A FOCUS line: OCPU-hours in a unit no reader normalises, the description in ChargeDescription.</summary>
    private static UsageRecord Focus(string description, double ocpuHours, string unit) => UsageOf(Providers.Oci) with
    {
        ServiceName = "COMPUTE",
        ServiceCategory = "Compute",
        ChargeDescription = description,
        Quantity = ocpuHours,
        QuantityUnit = unit,
        RawUnit = unit,
    };

    [Theory]
    [InlineData("Standard - E4", 16.0, 16.0, "EPYC 3rd Gen")]
    [InlineData("Compute - Standard - E5 - OCPU", 16.0, 16.0, "EPYC 4th Gen")]
    [InlineData("Compute - Standard - X9", 16.0, 16.0, "Ice Lake")]
    [InlineData("Compute - Optimized - X9", 16.0, 16.0, "Ice Lake")]
    [InlineData("Compute - Virtual Machine Standard - X7", 16.0, 16.0, "Skylake")]
    // Ampere A1: one OCPU is one vCPU, so the reader's two per OCPU are halved.
    [InlineData("Standard - A1", 16.0, 8.0, "Ampere Altra")]
    // AmpereOne has no power or die figures, so no microarchitecture: the calculator uses the provider average, flagged.
    [InlineData("Compute - Standard - A2 - OCPU", 16.0, 16.0, null)]
    public void NativeOcpuLines_GetTheFamilysProcessorAndVCpusPerOcpu(string description, double readerVCpuHours, double vcpuHours, string? microarchitecture)
    {
        var line = Classify(Native(description, readerVCpuHours, Units.VCpuHours, NativeOcpus));

        Assert.Equal((LineStatuses.Mapped, UsageKinds.VirtualMachine, microarchitecture), (line.Status, line.UsageKind, line.CpuMicroarchitecture));
        Assert.Equal((vcpuHours, vcpuHours, 1, 0.0), (line.VCpuHours!.Value, line.InstanceHours!.Value, line.VCpus!.Value, line.MemoryGb!.Value));
        Assert.Equal(Flags(AssumptionFlags.InferredFromName), FlagsOf(line));
    }

    [Theory]
    [InlineData("Standard - E5", "OCPU Hours", 8.0, 16.0, "EPYC 4th Gen")]
    [InlineData("Standard - A1", "OCPU Per Hour", 8.0, 8.0, "Ampere Altra")]
    [InlineData("Standard - E3", "OCPU Hours", 1.5, 3.0, "EPYC 2nd Gen")]
    [InlineData("Compute - Virtual Machine Standard - E2 Micro - Free", "OCPU Hours", 2.0, 4.0, "EPYC 1st Gen|EPYC 2nd Gen|EPYC 3rd Gen")]
    public void FocusOcpuHours_AreVCpuHoursAtTheFamilysRatio(string description, string unit, double ocpuHours, double vcpuHours, string microarchitecture)
    {
        var line = Classify(Focus(description, ocpuHours, unit));

        Assert.Equal((LineStatuses.Mapped, UsageKinds.VirtualMachine, microarchitecture), (line.Status, line.UsageKind, line.CpuMicroarchitecture));
        Assert.Equal(vcpuHours, line.VCpuHours!.Value, 12);
        Assert.Equal(Flags(AssumptionFlags.InferredFromName), FlagsOf(line));
    }

    /// <summary>
    /// A2 and A4 lines name no microarchitecture, as their catalogue rows; the names they once carried (AmpereOne,
    /// AmpereOne M) have no power or die row, so the figures and flags are the same either way.
    /// </summary>
    [Theory]
    [InlineData("Compute - Standard - A2 - OCPU", "AmpereOne")]
    [InlineData("Compute - Standard - A4 - OCPU", "AmpereOne M")]
    public void AmpereOneLines_CostWhatTheyCostWhenTheyNamedTheProcessor(string description, string formerName)
    {
        var line = Classify(Native(description, 16, Units.VCpuHours, NativeOcpus));
        var named = line with { CpuMicroarchitecture = formerName };

        var (energy, energyNamed) = (EnergyCalculator.Estimate(line, FactorSet.Embedded), EnergyCalculator.Estimate(named, FactorSet.Embedded));
        var (materials, materialsNamed) = (MaterialsCalculator.Estimate(line, FactorSet.Embedded), MaterialsCalculator.Estimate(named, FactorSet.Embedded));

        Assert.True(energy.EnergyKwh.Central > 0);
        Assert.Equal((energyNamed.EnergyKwh, energyNamed.CarbonLocationKgCo2e), (energy.EnergyKwh, energy.CarbonLocationKgCo2e));
        Assert.Equal((materialsNamed.EmbodiedKgCo2e, materialsNamed.AbioticDepletionKgSbEq), (materials.EmbodiedKgCo2e, materials.AbioticDepletionKgSbEq));
        Assert.Equal(energyNamed.Flags, energy.Flags);
        Assert.Equal(materialsNamed.Flags, materials.Flags);
    }

    [Fact]
    public void OcpuLinesOfAnUnknownFamily_CountTwoVCpusPerOcpu_WithTheProcessorFlaggedUnknown()
    {
        var native = Classify(Native("Compute - Standard - Z9", 16, Units.VCpuHours, NativeOcpus));
        var focus = Classify(Focus("Compute - Standard - Z9", 8, "OCPU Hours"));

        Assert.Equal((16.0, 16.0), (native.VCpuHours!.Value, focus.VCpuHours!.Value));
        Assert.Equal(((string?)null, (string?)null), (native.CpuMicroarchitecture, focus.CpuMicroarchitecture));
        Assert.Equal(Flags(AssumptionFlags.MicroarchitectureUnknown), FlagsOf(native));
        Assert.Equal(Flags(AssumptionFlags.MicroarchitectureUnknown), FlagsOf(focus));
    }

    [Fact]
    public void VCpuMetricsOtherThanOcpus_AreKeptAsTheReaderCountedThem()
    {
        // ECPUs are billed per vCPU: nothing to convert, the family still gives the processor.
        var line = Classify(Native("Compute - Standard - E5 - ECPU", 6, Units.VCpuHours, "1 NONE HOURS ECPUS"));

        Assert.Equal((6.0, "EPYC 4th Gen"), (line.VCpuHours!.Value, line.CpuMicroarchitecture));
    }

    [Theory]
    [InlineData("Standard - E4 - Memory", "EPYC 3rd Gen", AssumptionFlags.InferredFromName)]
    [InlineData("Standard - A1 - Memory", "Ampere Altra", AssumptionFlags.InferredFromName)]
    [InlineData("Compute - Memory", null, AssumptionFlags.MicroarchitectureUnknown)]
    public void MemoryGbHours_AreAMemoryOnlyMachineLine_OfTheFamily(string description, string? microarchitecture, string flag)
    {
        var line = Classify(Native(description, 64, Units.GbHours, "1 GiB HOURS MEMORY"));

        Assert.Equal((UsageKinds.VirtualMachine, 0, 1.0, 64.0, 64.0), (line.UsageKind, line.VCpus!.Value, line.MemoryGb!.Value, line.MemoryGbHours!.Value, line.InstanceHours!.Value));
        Assert.Null(line.VCpuHours);
        Assert.Equal(microarchitecture, line.CpuMicroarchitecture);
        Assert.Equal(Flags(flag), FlagsOf(line));
    }

    [Theory]
    [InlineData("GPU Standard - A10", "A10", AssumptionFlags.InferredFromName)]
    [InlineData("Compute - GPU3 - V100", "Tesla V100", AssumptionFlags.InferredFromName)]
    [InlineData("Compute - GPU - H100", "H100", AssumptionFlags.InferredFromName)]
    [InlineData("Compute - GPU - MI300X", null, AssumptionFlags.MicroarchitectureUnknown)]
    public void GpuHours_NameTheGpuModelTheDescriptionGives(string description, string? gpu, string flag)
    {
        var line = Classify(Native(description, 4, Units.GpuHours, "1 NONE HOURS GPUS"));

        Assert.Equal((LineStatuses.Mapped, UsageKinds.GpuHours, 1, 4.0), (line.Status, line.UsageKind, line.GpuCount!.Value, line.InstanceHours!.Value));
        Assert.Equal(gpu, line.GpuModel);
        Assert.Equal(Flags(flag), FlagsOf(line));
    }

    [Fact]
    public void OtherOciUnits_AreLeftToTheOtherRules()
    {
        var line = Classify(Native("MySQL Database for HeatWave - Standard - E4 - Node per hour", 1, Units.Hours, "1 NONE HOURS INSTANCE") with { ServiceName = "MYSQL", MeterCategory = "MYSQL" });

        Assert.Null(line.VCpuHours);
        Assert.Equal((UsageKinds.Database, Flags(AssumptionFlags.CostProxy)), (line.UsageKind, FlagsOf(line)));
    }

    [Fact]
    public void OcpuLikeLinesOfOtherProviders_AreNotOciCompute()
    {
        var line = Classify(UsageOf(Providers.Azure) with { ServiceName = "Some Service", ChargeDescription = "Standard - E4", Quantity = 8, QuantityUnit = "OCPU Hours", RawUnit = "OCPU Hours" });

        Assert.Null(line.VCpuHours);
        Assert.Equal(Flags(AssumptionFlags.CostProxy), FlagsOf(line));
    }

    [Theory]
    [InlineData("Standard - E4 - Memory", "E4")]
    [InlineData("BM.Standard.E4.128", "E4")]
    [InlineData("VM.Standard.E6.Flex", "E6")]
    [InlineData("VM.Standard.E2.1.Micro", "E2 Micro")]
    [InlineData("Compute - Virtual Machine Standard - E2 Micro - Free", "E2 Micro")]
    [InlineData("Compute - Standard - E2", "E2")]
    [InlineData("Compute - Optimized - X9", "X9")]
    [InlineData("Compute - Standard - A4 - OCPU", "A4")]
    [InlineData("GPU Standard - A10", null)]
    [InlineData("Compute - GPU - A100 - v2", null)]
    [InlineData("Block Volume - Storage", null)]
    [InlineData("E44 Widget", null)]
    [InlineData(null, null)]
    public void ShapeFamily_IsAWordOfItsOwn(string? text, string? family) => Assert.Equal(family, OciShapes.In(text)?.Name);

    [Theory]
    [InlineData("Compute - Standard - X9", "VM.Standard3.Flex", "Intel Xeon Platinum 8358")]
    [InlineData("Compute - Optimized - X9", "VM.Optimized3.Flex", "Intel Xeon 6354")]
    [InlineData("Compute - Virtual Machine Standard - E2 Micro - Free", "VM.Standard.E2.1.Micro", "AMD EPYC 7551, 7742 or 7J13")]
    [InlineData("Compute - Standard - E2", "VM.Standard.E2.1", "AMD EPYC 7551")]
    [InlineData("Compute - Standard - A1", "VM.Standard.A1.Flex", "Ampere Altra Q80-30")]
    public void ShapeFamily_LeadsToTheCatalogueShapeOracleNames(string text, string shape, string processor)
    {
        var row = OciShapes.In(text)?.In(FactorSet.Embedded);

        Assert.Equal((shape, processor), (row?.Name, row?.PhysicalProcessor));
    }

    /// <summary>The processor facts are the catalogue's: each family's row is one OCPU, from Oracle's Compute Shapes page.</summary>
    [Fact]
    public void EveryFamily_IsAOneOcpuCatalogueRowWithItsSource_AndOnlyAmpereA1HasOneVCpuPerOcpu()
    {
        var rows = OciShapes.Families.Select(f => (f.Name, Row: f.In(FactorSet.Embedded))).ToList();

        Assert.All(rows, r => Assert.NotNull(r.Row));
        Assert.All(rows, r => Assert.Contains("docs.oracle.com", r.Row!.Provenance.Source, StringComparison.Ordinal));
        Assert.All(rows, r => Assert.Matches("^(one OCPU|1 OCPU)", r.Row!.Provenance.Source));
        Assert.Equal(["A1"], rows.Where(r => r.Row!.VCpus == 1).Select(r => r.Name));
        Assert.All(rows.Where(r => r.Name != "A1"), r => Assert.Equal(OciShapes.X86VCpusPerOcpu, r.Row!.VCpus));
    }

    /// <summary>
    /// Every microarchitecture a family's row names has power figures in the factor set; the AmpereOne rows (A2, A4)
    /// name none, and the calculator falls back to the provider average, flagged.
    /// </summary>
    [Fact]
    public void EveryFamilysMicroarchitecture_HasFactors_AndOnlyAmpereOneNamesNone()
    {
        var rows = OciShapes.Families.Select(f => (f.Name, Row: f.In(FactorSet.Embedded)!)).ToList();

        Assert.DoesNotContain(rows.SelectMany(r => r.Row.Microarchitectures), m => FactorSet.Embedded.Cpu(m) is null);
        Assert.Equal(["A2", "A4"], rows.Where(r => r.Row.Microarchitectures.Count == 0).Select(r => r.Name));
    }
}

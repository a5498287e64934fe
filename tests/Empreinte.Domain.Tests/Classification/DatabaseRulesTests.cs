using Empreinte.Contracts;
using Empreinte.Domain.Factors;
using Empreinte.Domain.Usage;
using static Empreinte.Domain.Tests.Classification.Records;

namespace Empreinte.Domain.Tests.Classification;

/// <summary>Managed databases of every provider (<c>DatabaseRules</c>).</summary>
public class DatabaseRulesTests
{
    [Fact]
    public void VCoreMeter_GivesVCpuHours_WithMemoryAndProcessorFlagged()
    {
        var line = Classify(UsageOf(Providers.Azure) with { ServiceName = "SQL Database", SkuMeter = "8 vCore", Quantity = 10, QuantityUnit = Units.Hours });

        Assert.Equal((LineStatuses.Mapped, UsageKinds.Database, 80.0, 8), (line.Status, line.UsageKind, line.VCpuHours!.Value, line.VCpus!.Value));
        Assert.Null(line.MemoryGbHours);
        Assert.Equal(Flags(AssumptionFlags.MemoryAssumed, AssumptionFlags.MicroarchitectureUnknown), FlagsOf(line));
    }

    [Fact]
    public void VCoreMeterWithoutACount_IsOneVCore()
    {
        var line = Classify(UsageOf(Providers.Azure) with { ServiceName = "Azure Database for MySQL", SkuMeter = "vCore", Quantity = 5, QuantityUnit = Units.Hours });

        Assert.Equal((UsageKinds.Database, 5.0, 1), (line.UsageKind, line.VCpuHours!.Value, line.VCpus!.Value));
    }

    [Fact]
    public void StatedVCoresAndMemory_GiveBothQuantities_WithoutTheMemoryFlag()
    {
        var line = Classify(UsageOf(Providers.Azure) with { ServiceName = "SQL Managed Instance", SkuMeter = "Compute", VCpus = 4, MemoryGb = 20.4, Quantity = 2, QuantityUnit = Units.Hours });

        Assert.Equal((8.0, 40.8), (line.VCpuHours!.Value, Math.Round(line.MemoryGbHours!.Value, 9)));
        Assert.Equal(Flags(AssumptionFlags.MicroarchitectureUnknown), FlagsOf(line));
    }

    [Fact]
    public void RdsInstance_IsSizedByTheCatalogueMachineAfterItsDbPrefix()
    {
        // CUR states the database instance type in product/instanceType.
        var line = Classify(UsageOf(Providers.Aws) with
        {
            ServiceName = "Amazon Relational Database Service",
            InstanceType = "db.r5.large",
            Quantity = 10,
            QuantityUnit = Units.Hours,
        });
        var machine = FactorSet.Embedded.Machine(Providers.Aws, "r5.large")!;

        Assert.Equal((UsageKinds.Database, "db.r5.large"), (line.UsageKind, line.InstanceType));
        Assert.Equal((10.0 * machine.VCpus, 10 * machine.MemoryGb), (line.VCpuHours!.Value, line.MemoryGbHours!.Value));
        Assert.Equal(Flags(AssumptionFlags.MicroarchitectureUnknown), FlagsOf(line));
    }

    [Fact]
    public void VCpuHoursOfADatabaseService_AreDatabaseCompute()
    {
        var line = Classify(UsageOf(Providers.Oci) with { ServiceName = "DATABASE", SkuMeter = "Oracle Autonomous Database - OCPU", Quantity = 48, QuantityUnit = Units.VCpuHours });

        Assert.Equal((UsageKinds.Database, 48.0), (line.UsageKind, line.VCpuHours!.Value));
        Assert.Equal(Flags(AssumptionFlags.MemoryAssumed, AssumptionFlags.MicroarchitectureUnknown), FlagsOf(line));
    }

    [Fact]
    public void LicenceFeesPerVCore_AreNotCompute_AndStayUnmapped()
    {
        var line = Classify(UsageOf(Providers.Azure) with { ServiceName = "SQL Database", SkuMeter = "8 vCore License", Quantity = 10, QuantityUnit = Units.Hours, RawUnit = "1 Hour" });

        Assert.Equal((LineStatuses.Unmapped, "no physical model for SQL Database in 1 Hour"), (line.Status, line.Reason));
    }

    [Fact]
    public void DatabaseHoursWithoutACoreCount_AreLeftToTheCostProxy()
    {
        var line = Classify(UsageOf(Providers.Oci) with { ServiceName = "MYSQL", SkuMeter = "MySQL Database for HeatWave - Standard - Node per hour", Quantity = 1, QuantityUnit = Units.Hours });

        Assert.Equal((UsageKinds.Database, (double?)null), (line.UsageKind, line.VCpuHours));
        Assert.Equal(Flags(AssumptionFlags.CostProxy), FlagsOf(line));
    }
}

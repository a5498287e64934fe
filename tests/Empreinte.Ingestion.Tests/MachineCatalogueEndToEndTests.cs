using System.Globalization;
using System.Text;
using Empreinte.Contracts;
using Empreinte.Domain.Calculators;
using Empreinte.Domain.Classification;
using Empreinte.Domain.Factors;
using Empreinte.Domain.Usage;
using Xunit.Abstractions;

namespace Empreinte.Ingestion.Tests;

/// <summary>
/// Every machine type of the catalogue (every EC2, Azure and Google Cloud type its sources list), and names no source lists,
/// billed as a user's export would bill them: FOCUS (SkuPriceDetails InstanceType), CUR (product/instanceType with
/// product/vcpu, memory and physicalProcessor empty) and Azure cost details (AdditionalInfo ServiceType), read by the
/// real readers, classified and estimated.
/// </summary>
public class MachineCatalogueEndToEndTests(ITestOutputHelper output)
{
    private static readonly FactorSet s_factors = FactorSet.Embedded;

    private const string FocusHeader = "BilledCost,EffectiveCost,ChargeCategory,ProviderName,ServiceName,ServiceCategory,RegionId,ChargePeriodStart,ChargePeriodEnd,ConsumedQuantity,ConsumedUnit,SkuMeter,InvoiceId,SkuPriceDetails";
    private const string CurHeader = "lineItem/UsageAccountId,lineItem/LineItemType,lineItem/UsageStartDate,lineItem/ProductCode,lineItem/UsageType,lineItem/UsageAmount,pricing/unit,lineItem/UnblendedCost,product/region,product/instanceType,product/vcpu,product/memory,product/physicalProcessor";
    private const string AzureHeader = "Date,MeterCategory,MeterSubCategory,MeterName,Quantity,UnitOfMeasure,Cost,ChargeType,ResourceLocation,AdditionalInfo";

    /// <summary>Twenty-five names that follow the providers' grammars and that no source lists (checked below).</summary>
    public static readonly TheoryData<string, string> NewNames = new()
    {
        { Providers.Aws, "m9a.2xlarge" }, { Providers.Aws, "c9g.4xlarge" }, { Providers.Aws, "r9i.8xlarge" }, { Providers.Aws, "x9iedn.xlarge" },
        { Providers.Aws, "c9gd.metal-48xl" }, { Providers.Aws, "i9g.2xlarge" }, { Providers.Aws, "t5g.micro" }, { Providers.Aws, "m9i-flex.large" },
        { Providers.Aws, "p7.48xlarge" }, { Providers.Aws, "r9gn.16xlarge" },
        { Providers.Azure, "Standard_D8als_v7" }, { Providers.Azure, "Standard_E16ads_v8" }, { Providers.Azure, "Standard_D4pds_v7" },
        { Providers.Azure, "Standard_F8als_v7" }, { Providers.Azure, "Standard_L16as_v5" }, { Providers.Azure, "Standard_E8-2as_v7" },
        { Providers.Azure, "Standard_M64bds_v4" }, { Providers.Azure, "Standard_HB200rs_v6" },
        { Providers.Gcp, "n5-standard-8" }, { Providers.Gcp, "c5d-highmem-16" }, { Providers.Gcp, "n2-custom-4-16384" }, { Providers.Gcp, "n4-custom-8-32768" },
        { Providers.Gcp, "e2-custom-6-24576" }, { Providers.Gcp, "c4a-highcpu-6" }, { Providers.Gcp, "m5-ultramem-64" },
    };

    [Fact]
    public void EveryCatalogueType_InEveryShape_IsMapped_WithEnergyAndEmbodied()
    {
        var machines = s_factors.Machines.Where(m => m.Provider is Providers.Aws or Providers.Azure or Providers.Gcp).ToList();
        var shapes = new List<(string Shape, string Csv, int Rows)>
        {
            ("FOCUS", Focus(machines.Select(m => (m.Provider, BilledName(m)))), machines.Count),
            ("CUR", Cur(machines.Where(m => m.Provider == Providers.Aws).Select(m => m.Name)), machines.Count(m => m.Provider == Providers.Aws)),
            ("Azure cost details", Azure(machines.Where(m => m.Provider == Providers.Azure).Select(BilledName)), machines.Count(m => m.Provider == Providers.Azure)),
        };

        foreach (var (shape, csv, rows) in shapes)
        {
            var lines = Estimate(csv);
            Assert.Equal(rows, lines.Count);
            var failures = lines.Where(l => l.Line.Status != LineStatuses.Mapped || !(l.Energy.EnergyKwh.Central > 0) || !(l.Materials.EmbodiedKgCo2e.Central > 0))
                .Select(l => $"{l.Line.Provider} {l.Line.InstanceType}: {l.Line.Status} {l.Line.Reason} energy {l.Energy.EnergyKwh.Central} kWh, embodied {l.Materials.EmbodiedKgCo2e.Central} kgCO2e")
                .ToList();
            Assert.True(failures.Count == 0, $"{shape}: {failures.Count} of {rows} lines not mapped with energy and embodied > 0:\n{string.Join('\n', failures.Take(20))}");
            Assert.All(lines, l => Assert.DoesNotContain(AssumptionFlags.InferredFromName, l.Line.Flags));
            foreach (var provider in lines.GroupBy(l => l.Line.Provider))
                output.WriteLine($"{shape} {provider.Key}: {provider.Count()} lines, 100 % mapped, energy > 0 and embodied > 0 on every line");
        }
    }

    [Theory]
    [MemberData(nameof(NewNames))]
    public void NameInNoSource_IsMapped_FlaggedInferred(string provider, string name)
    {
        Assert.Null(s_factors.Machine(provider, name));
        var csvs = new List<string> { Focus([(provider, name)]) };
        if (provider == Providers.Aws) csvs.Add(Cur([name]));
        if (provider == Providers.Azure) csvs.Add(Azure([name]));

        foreach (var csv in csvs)
        {
            var (line, energy, materials) = Assert.Single(Estimate(csv));
            Assert.Equal((LineStatuses.Mapped, UsageKinds.VirtualMachine), (line.Status, line.UsageKind));
            Assert.Contains(AssumptionFlags.InferredFromName, line.Flags);
            Assert.True(line.VCpus > 0 && line.MemoryGb > 0, $"{name}: {line.VCpus} vCPU, {line.MemoryGb} GB");
            Assert.True(energy.EnergyKwh.Central > 0 && materials.EmbodiedKgCo2e.Central > 0, $"{name}: energy {energy.EnergyKwh.Central} kWh, embodied {materials.EmbodiedKgCo2e.Central} kgCO2e");
        }
    }

    /// <summary>The types of issue #12: each from the catalogue, with a known microarchitecture and no memory or host-share default.</summary>
    [Theory]
    [InlineData(Providers.Aws, "r5ad.12xlarge")]
    [InlineData(Providers.Aws, "c5a.24xlarge")]
    [InlineData(Providers.Aws, "a1.4xlarge")]
    [InlineData(Providers.Aws, "m7a.large")]
    [InlineData(Providers.Aws, "r8g.2xlarge")]
    [InlineData(Providers.Azure, "L8s v2")]
    [InlineData(Providers.Azure, "E16as v5")]
    [InlineData(Providers.Azure, "E8ads v5")]
    public void IssueTypes_AreMapped_WithKnownProcessor_AndNoDefaults(string provider, string name)
    {
        var csvs = new List<string> { Focus([(provider, name)]) };
        csvs.Add(provider == Providers.Aws ? Cur([name]) : Azure([name]));

        foreach (var csv in csvs)
        {
            var (line, energy, materials) = Assert.Single(Estimate(csv));
            Assert.Equal(LineStatuses.Mapped, line.Status);
            Assert.False(string.IsNullOrEmpty(line.CpuMicroarchitecture), $"{name}: no microarchitecture");
            var flags = line.Flags.Concat(energy.Flags).Concat(materials.Flags).ToList();
            foreach (var assumed in new[] { AssumptionFlags.MicroarchitectureUnknown, AssumptionFlags.MemoryAssumed, AssumptionFlags.HostShareAssumed, AssumptionFlags.InferredFromName })
                Assert.DoesNotContain(assumed, flags);
            Assert.True(energy.EnergyKwh.Central > 0 && materials.EmbodiedKgCo2e.Central > 0);
        }
    }

    [Theory]
    [InlineData(Providers.Aws, "zz.weird")]
    [InlineData(Providers.Aws, "m5.enormous")]
    [InlineData(Providers.Azure, "Standard_Mystery")]
    [InlineData(Providers.Gcp, "warp-drive-9000")]
    public void NameOutsideEveryGrammarAndCatalogue_IsUnmapped_WithItsReason(string provider, string name)
    {
        var csvs = new List<string> { Focus([(provider, name)]) };
        if (provider == Providers.Aws) csvs.Add(Cur([name]));
        if (provider == Providers.Azure) csvs.Add(Azure([name]));

        foreach (var csv in csvs)
        {
            var (line, energy, _) = Assert.Single(Estimate(csv));
            Assert.Equal((LineStatuses.Unmapped, $"unknown instance type '{name}'"), (line.Status, line.Reason));
            Assert.Equal(1.5m, line.Cost);
            Assert.Equal(0, energy.EnergyKwh.Central);
        }
    }

    [Fact]
    public void CurStatingVCpuAndMemory_ForAnUnknownType_IsFlaggedFromBillAttributes()
    {
        var csv = CurHeader + "\n" + CurRow("m9a.2xlarge", "8", "32 GiB");

        var (line, energy, _) = Assert.Single(Estimate(csv));

        // CUR states memory in GiB; lines carry GB.
        Assert.Equal((LineStatuses.Mapped, 8, "EPYC 5th Gen"), (line.Status, line.VCpus!.Value, line.CpuMicroarchitecture));
        Assert.Equal(32 * 1.073741824, line.MemoryGb!.Value, 9);
        Assert.Contains(AssumptionFlags.FromBillAttributes, line.Flags);
        Assert.DoesNotContain(AssumptionFlags.MemoryAssumed, line.Flags);
        Assert.True(energy.EnergyKwh.Central > 0);
    }

    [Fact]
    public void CurNamingThePhysicalProcessor_ForAnUnknownType_UsesIt()
    {
        var csv = CurHeader + "\n" + "000111222333,Usage,2025-05-01T00:00:00Z,AmazonEC2,USE1-BoxUsage:m9i.xlarge,24,Hrs,1.5,us-east-1,m9i.xlarge,4,16 GiB,Intel Xeon Platinum 8488C\n";

        var (line, _, _) = Assert.Single(Estimate(csv));

        Assert.Equal((LineStatuses.Mapped, 4, "Sapphire Rapids"), (line.Status, line.VCpus!.Value, line.CpuMicroarchitecture));
        Assert.Contains(AssumptionFlags.FromBillAttributes, line.Flags);
    }

    /// <summary>How the export spells the type: Azure sizes as <c>Standard_E8-4ds_v5</c>.</summary>
    private static string BilledName(MachineType m) => m.Provider == Providers.Azure ? "Standard_" + m.Name.Replace(' ', '_') : m.Name;

    private static string BilledName(string name) => name;

    private static string Focus(IEnumerable<(string Provider, string Name)> machines)
    {
        var csv = new StringBuilder(FocusHeader).Append('\n');
        foreach (var (provider, name) in machines)
        {
            var (service, region) = provider switch
            {
                Providers.Aws => ("Amazon Elastic Compute Cloud", "us-east-1"),
                Providers.Azure => ("Virtual Machines", "westeurope"),
                _ => ("Compute Engine", "europe-west1"),
            };
            var details = "\"{\"\"InstanceType\"\": \"\"" + name + "\"\"}\"";
            csv.Append(CultureInfo.InvariantCulture, $"1.5,1.5,Usage,{provider},{service},Compute,{region},2025-05-01T00:00:00Z,2025-05-02T00:00:00Z,24,Hours,{name},INV-1,{details}\n");
        }

        return csv.ToString();
    }

    private static string Cur(IEnumerable<string> names) => CurHeader + "\n" + string.Concat(names.Select(n => CurRow(n, "", "")));

    private static string CurRow(string name, string vcpu, string memory) =>
        $"000111222333,Usage,2025-05-01T00:00:00Z,AmazonEC2,USE1-BoxUsage:{name},24,Hrs,1.5,us-east-1,{name},{vcpu},{memory},\n";

    private static string Azure(IEnumerable<string> names)
    {
        var csv = new StringBuilder(AzureHeader).Append('\n');
        foreach (var name in names)
        {
            var meter = FactorSet.NormaliseMachineName(name);
            var info = "\"{\"\"ServiceType\"\": \"\"" + name + "\"\", \"\"ImageType\"\": \"\"Canonical\"\"}\"";
            csv.Append(CultureInfo.InvariantCulture, $"2025-05-01,Virtual Machines,Virtual Machines,{meter},24,1 Hour,1.5,Usage,westeurope,{info}\n");
        }

        return csv.ToString();
    }

    private static List<(UsageLine Line, EnergyEstimate Energy, MaterialsEstimate Materials)> Estimate(string csv)
    {
        var classifier = new UsageClassifier(s_factors);
        return [.. Samples.ReadText(csv).Select(row => row.Record ?? throw new Xunit.Sdk.XunitException($"rejected: {row}"))
            .Select(classifier.Classify)
            .Select(line => (line, EnergyCalculator.Estimate(line, s_factors), MaterialsCalculator.Estimate(line, s_factors)))];
    }
}

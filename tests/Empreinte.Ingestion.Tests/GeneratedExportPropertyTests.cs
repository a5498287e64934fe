using System.Globalization;
using System.Text;
using CsCheck;
using Empreinte.Domain.Classification;
using Empreinte.Domain.Factors;
using Empreinte.Domain.Usage;

namespace Empreinte.Ingestion.Tests;

/// <summary>Generated FOCUS and Azure cost CSV with random block units: read + classified quantities per kind sum to the generator's truth.</summary>
public class GeneratedExportPropertyTests
{
    private static readonly UsageClassifier s_classifier = new(FactorSet.Embedded);

    // (kind, raw unit, block size, azure meter category, azure meter name, focus description)
    private static readonly (string Kind, string Unit, double Block, string Category, string Meter, string Description)[] s_shapes =
    [
        (UsageKinds.VirtualMachine, "1 Hour", 1, "Virtual Machines", "D2 v3/D2s v3", "$0.096 per On Demand Linux m5.large Instance Hour"),
        (UsageKinds.VirtualMachine, "10 Hours", 10, "Virtual Machines", "D2 v3/D2s v3", "$0.096 per On Demand Linux m5.large Instance Hour"),
        (UsageKinds.Storage, "1 GB/Month", 1, "Storage", "Hot LRS Data Stored", "$0.023 per GB-month Storage"),
        (UsageKinds.Storage, "100 GB/Month", 100, "Storage", "Hot LRS Data Stored", "$0.023 per GB-month Storage"),
        (UsageKinds.Network, "1 GB", 1, "Bandwidth", "Standard Data Transfer Out", "$0.09 per GB data transfer out"),
        (UsageKinds.Network, "10 GB", 10, "Bandwidth", "Standard Data Transfer Out", "$0.09 per GB data transfer out"),
    ];

    private static readonly Gen<List<(int Shape, double Blocks)>> s_rows =
        Gen.Select(Gen.Int[0, s_shapes.Length - 1], Gen.Int[0, 100000].Select(i => i / 100.0)).List[0, 40];

    [Fact]
    public void GeneratedFocusAndAzure_QuantitiesPerKind_SumToTruth() => s_rows.Sample(rows =>
    {
        var truth = rows.GroupBy(r => s_shapes[r.Shape].Kind).ToDictionary(g => g.Key, g => g.Sum(r => r.Blocks * s_shapes[r.Shape].Block));
        var focus = new StringBuilder("BilledCost,ChargeCategory,ProviderName,ServiceName,ChargeDescription,ChargePeriodStart,ConsumedQuantity,ConsumedUnit\n");
        var azure = new StringBuilder("Date,MeterCategory,MeterName,Quantity,UnitOfMeasure,Cost,ChargeType,ResourceLocation\n");
        foreach (var (shape, blocks) in rows)
        {
            var s = s_shapes[shape];
            var service = s.Kind == UsageKinds.Storage ? "Amazon S3 Storage" : "Amazon Elastic Compute Cloud";
            focus.Append(CultureInfo.InvariantCulture, $"1,Usage,AWS,{service},{s.Description},2024-09-01T00:00:00Z,{blocks.ToString("R", CultureInfo.InvariantCulture)},{s.Unit}\n");
            azure.Append(CultureInfo.InvariantCulture, $"09/01/2024,{s.Category},{s.Meter},{blocks.ToString("R", CultureInfo.InvariantCulture)},{s.Unit},1,Usage,West Europe\n");
        }

        foreach (var csv in new[] { focus.ToString(), azure.ToString() })
        {
            var lines = Samples.Records(csv).Select(s_classifier.Classify).ToList();
            Assert.All(lines, l => Assert.Equal(LineStatuses.Mapped, l.Status));
            foreach (var kind in new[] { UsageKinds.VirtualMachine, UsageKinds.Storage, UsageKinds.Network })
            {
                var got = lines.Where(l => l.UsageKind == kind).Sum(l => kind == UsageKinds.VirtualMachine ? l.InstanceHours ?? 0 : kind == UsageKinds.Storage ? l.StorageGbMonths ?? 0 : l.NetworkGb ?? 0);
                var expected = truth.GetValueOrDefault(kind);
                Assert.True(Math.Abs(got - expected) <= 1e-9 * Math.Max(1, expected), $"{kind}: {got} ≠ {expected}");
            }
        }
    });
}

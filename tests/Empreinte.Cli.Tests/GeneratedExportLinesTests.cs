using System.Globalization;
using System.Text;
using CsCheck;

namespace Empreinte.Cli.Tests;

/// <summary>
/// Property: for generated FOCUS and Azure cost exports with random quantities in block units
/// (<c>10 Hours</c>, <c>100 GB/Month</c>, <c>10 GB</c>), the quantities per usage kind that
/// <c>estimate</c> writes to lines.csv sum to the generator's ground truth.
/// </summary>
public sealed class GeneratedExportLinesTests
{
    // (usage kind in lines.csv, raw unit, block size, Azure meter category, Azure meter name, FOCUS description)
    private static readonly (string Kind, string Unit, double Block, string Category, string Meter, string Description)[] s_shapes =
    [
        ("virtual-machine", "1 Hour", 1, "Virtual Machines", "D2 v3/D2s v3", "$0.096 per On Demand Linux m5.large Instance Hour"),
        ("virtual-machine", "10 Hours", 10, "Virtual Machines", "D2 v3/D2s v3", "$0.096 per On Demand Linux m5.large Instance Hour"),
        ("storage", "1 GB/Month", 1, "Storage", "Hot LRS Data Stored", "$0.023 per GB-month Storage"),
        ("storage", "100 GB/Month", 100, "Storage", "Hot LRS Data Stored", "$0.023 per GB-month Storage"),
        ("network", "1 GB", 1, "Bandwidth", "Standard Data Transfer Out", "$0.09 per GB data transfer out"),
        ("network", "10 GB", 10, "Bandwidth", "Standard Data Transfer Out", "$0.09 per GB data transfer out"),
    ];

    private static readonly Gen<List<(int Shape, double Blocks)>> s_rows =
        Gen.Select(Gen.Int[0, s_shapes.Length - 1], Gen.Int[0, 100000].Select(i => i / 100.0)).List[1, 60];

    [Fact]
    public void GeneratedFocusAndAzure_QuantitiesPerKindInLinesCsv_SumToTruth() => s_rows.Sample(rows =>
    {
        var truth = rows.GroupBy(r => s_shapes[r.Shape].Kind).ToDictionary(g => g.Key, g => g.Sum(r => r.Blocks * s_shapes[r.Shape].Block));
        var focus = new StringBuilder("BilledCost,EffectiveCost,ChargeCategory,ProviderName,ServiceName,ChargeDescription,ChargePeriodStart,RegionId,ConsumedQuantity,ConsumedUnit\n");
        var azure = new StringBuilder("Date,MeterCategory,MeterName,Quantity,UnitOfMeasure,Cost,ChargeType,ResourceLocation\n");
        foreach (var (shape, blocks) in rows)
        {
            var s = s_shapes[shape];
            var quantity = blocks.ToString("R", CultureInfo.InvariantCulture);
            var service = s.Kind == "storage" ? "Amazon S3 Storage" : "Amazon Elastic Compute Cloud";
            focus.Append(CultureInfo.InvariantCulture, $"1,1,Usage,AWS,{service},{s.Description},2024-09-01T00:00:00Z,us-east-1,{quantity},{s.Unit}\n");
            azure.Append(CultureInfo.InvariantCulture, $"09/01/2024,{s.Category},{s.Meter},{quantity},{s.Unit},1,Usage,West Europe\n");
        }

        foreach (var csv in new[] { focus.ToString(), azure.ToString() })
        {
            var path = Path.Combine(Path.GetTempPath(), $"generated-{Guid.NewGuid():N}.csv");
            File.WriteAllText(path, csv);
            var run = CliRun.EstimateAsync(path, "--lines", "csv").GetAwaiter().GetResult();
            Assert.True(run.ExitCode == 0, run.Error);

            var lines = run.Lines();
            var header = lines[0].Split(',');
            int kindColumn = Array.IndexOf(header, "usageKind"), quantityColumn = Array.IndexOf(header, "quantity");
            var sums = new Dictionary<string, double>();
            foreach (var line in lines.Skip(1))
            {
                // Generated rows hold no quoted commas before the quantity column.
                var cells = line.Split(',');
                sums[cells[kindColumn]] = sums.GetValueOrDefault(cells[kindColumn]) + double.Parse(cells[quantityColumn], CultureInfo.InvariantCulture);
            }

            Assert.Equal(rows.Count, lines.Length - 1);
            foreach (var kind in new[] { "virtual-machine", "storage", "network" })
            {
                var expected = truth.GetValueOrDefault(kind);
                var got = sums.GetValueOrDefault(kind);
                Assert.True(Math.Abs(got - expected) <= 1e-9 * Math.Max(1, expected), $"{kind}: lines.csv sums {got}, generator wrote {expected}");
            }

            Directory.Delete(run.OutputDirectory, recursive: true);
            File.Delete(path);
        }
    }, iter: 25);
}

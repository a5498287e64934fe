using Empreinte.TestSupport;

namespace Empreinte.Cli.Tests;

/// <summary>A CUR with a catalogued type, a type newer than the catalogue and a name no grammar reads, estimated end to end.</summary>
public sealed class UnknownInstanceTypeTests
{
    [Fact]
    public async Task Estimate_UnreadableInstanceType_GoesToUnmappedCsv_WithReasonAndCost()
    {
        var path = Path.Combine(Path.GetTempPath(), $"cur-types-{Guid.NewGuid():N}.csv");
        await File.WriteAllLinesAsync(path,
        [
            "lineItem/UsageAccountId,lineItem/LineItemType,lineItem/UsageStartDate,lineItem/ProductCode,lineItem/UsageType,lineItem/UsageAmount,pricing/unit,lineItem/UnblendedCost,product/region,product/instanceType,product/vcpu,product/memory,product/physicalProcessor",
            "000111222333,Usage,2025-05-01T00:00:00Z,AmazonEC2,USE1-BoxUsage:r5ad.12xlarge,24,Hrs,1.25,us-east-1,r5ad.12xlarge,,,",
            "000111222333,Usage,2025-05-01T00:00:00Z,AmazonEC2,USE1-BoxUsage:m9a.2xlarge,24,Hrs,2.50,us-east-1,m9a.2xlarge,,,",
            "000111222333,Usage,2025-05-01T00:00:00Z,AmazonEC2,USE1-BoxUsage:zz.weird,24,Hrs,3.75,us-east-1,zz.weird,,,",
        ]);

        var run = await CliRun.EstimateAsync(path, "--lines", "csv");

        Assert.True(run.ExitCode == 0, run.Error);
        var rows = run.Summary().GetProperty("rows");
        Assert.Equal((3, 1), (rows.GetProperty("total").GetInt64(), rows.GetProperty("unmapped").GetInt64()));
        var unmapped = File.ReadAllLines(Path.Combine(run.OutputDirectory, "unmapped.csv"));
        Assert.Equal(2, unmapped.Length);
        Assert.Contains("unknown instance type 'zz.weird'", unmapped[1], StringComparison.Ordinal);
        Assert.Contains("3.75", unmapped[1], StringComparison.Ordinal);
        // lines.csv has no instance-type column: the m9a.2xlarge row (source row 2) is the one inferred from its name.
        var inferred = Assert.Single(run.Lines(), l => l.Contains("inferred-from-name", StringComparison.Ordinal));
        Assert.Contains(",2,", inferred, StringComparison.Ordinal);
        Assert.Contains(",mapped,", inferred, StringComparison.Ordinal);
    }
}

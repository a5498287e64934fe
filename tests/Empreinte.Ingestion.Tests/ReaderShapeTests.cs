using System.IO.Compression;
using System.Text;
using Empreinte.Contracts;
using Empreinte.Domain.Classification;
using Empreinte.Domain.Factors;
using Empreinte.Domain.Usage;

namespace Empreinte.Ingestion.Tests;

/// <summary>Small inline exports in the shapes of billing-formats.md: CUR 2.0 CSV, Azure manifests, AI token meters, OpenAI usage pages.</summary>
public sealed class ReaderShapeTests : IDisposable
{
    private static readonly UsageClassifier s_classifier = new(FactorSet.Embedded);
    private readonly string _folder = Directory.CreateTempSubdirectory("empreinte-shapes-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Cur2Csv_ProductMap_GivesInstanceTypeVcpuAndMemory()
    {
        const string csv = """
            identity_line_item_id,identity_time_interval,bill_payer_account_id,line_item_usage_account_id,line_item_line_item_type,line_item_product_code,line_item_usage_type,line_item_usage_amount,pricing_unit,line_item_unblended_cost,line_item_currency_code,product_region_code,product,resource_tags
            a1,2024-09-01T00:00:00Z/2024-09-02T00:00:00Z,000111222333,000444555666,Usage,AmazonEC2,BoxUsage:m6i.2xlarge,24,Hrs,9.216,USD,eu-west-3,"{""vcpu"": ""8"", ""memory"": ""32 GiB"", ""instance_type"": ""m6i.2xlarge"", ""physical_processor"": ""Intel Xeon 8375C (Ice Lake)""}","{""user:team"": ""data""}"
            a2,2024-09-01T00:00:00Z/2024-09-02T00:00:00Z,000111222333,000444555666,Tax,AWS,,,,1.5,USD,,{},
            """;
        using var file = Samples.OpenText(csv);
        var records = file.Rows().Select(r => r.Record!).ToList();

        Assert.Equal("aws-cur2", file.Format);
        var vm = records[0];
        Assert.Equal(("m6i.2xlarge", 8), (vm.InstanceType, vm.VCpus));
        Assert.Equal(32 * 1.073741824, vm.MemoryGb!.Value, 9);
        Assert.Equal(new DateTimeOffset(2024, 9, 1, 0, 0, 0, TimeSpan.Zero), vm.ChargePeriodStart);
        Assert.Equal(("eu-west-3", "{\"user:team\": \"data\"}", 9.216m), (vm.RegionId, vm.Tags, vm.Cost));
        Assert.Equal((24.0, Units.Hours), (vm.Quantity!.Value, vm.QuantityUnit));
        Assert.Equal(("Tax", (int?)null), (records[1].ChargeCategory, records[1].VCpus));
        var line = s_classifier.Classify(vm);
        Assert.Equal((UsageKinds.VirtualMachine, 24.0, 8), (line.UsageKind, line.InstanceHours!.Value, line.VCpus!.Value));
    }

    [Fact]
    public void AzureManifest_TwoPartitions_ExpandToBothFiles()
    {
        const string header = "Date,MeterCategory,MeterName,Quantity,UnitOfMeasure,Cost,ChargeType,ResourceLocation,BillingCurrency\n";
        var run = Directory.CreateDirectory(Path.Combine(_folder, "20240901-20240930", "3f2c5d1e-run")).FullName;
        File.WriteAllText(Path.Combine(run, "part_0_0001.csv"), header + "09/01/2024,Bandwidth,Standard Data Transfer Out,12,1 GB,1.08,Usage,westeurope,EUR\n09/02/2024,Bandwidth,Standard Data Transfer Out,3,1 GB,0.27,Usage,westeurope,EUR\n");
        using (var gz = new GZipStream(File.Create(Path.Combine(run, "part_1_0001.csv.gz")), CompressionLevel.Fastest))
            gz.Write(Encoding.UTF8.GetBytes(header + "09/03/2024,Storage,Hot LRS Data Stored,100,1 GB/Month,1.8,Usage,westeurope,EUR\n"));
        var manifest = Path.Combine(_folder, "manifest.json");
        File.WriteAllText(manifest, """
            {
              "manifestVersion": "2024-04-01",
              "byteCount": 400, "blobCount": 2, "dataRowCount": 3,
              "exportConfig": { "exportName": "daily-actual", "resourceId": "/subscriptions/x/providers/Microsoft.CostManagement/exports/daily-actual", "dataVersion": "2023-12-01-preview", "type": "ActualCost", "timeFrame": "MonthToDate", "granularity": "Daily" },
              "deliveryConfig": { "partitionData": true, "dataOverwriteBehavior": "OverwritePreviousReport", "fileFormat": "Csv", "containerUri": "https://x.blob.core.windows.net/exports", "rootFolderPath": "costs" },
              "blobs": [
                { "blobName": "costs/daily-actual/20240901-20240930/3f2c5d1e-run/part_0_0001.csv", "byteCount": 250, "dataRowCount": 2 },
                { "blobName": "costs/daily-actual/20240901-20240930/3f2c5d1e-run/part_1_0001.csv.gz", "byteCount": 150, "dataRowCount": 1 }
              ]
            }
            """);

        var rows = Samples.ReadFile(manifest, out var format);

        Assert.Equal("azure-ea", format);
        Assert.Equal(3, rows.Count);
        var records = rows.Select(r => r.Record!).ToList();
        Assert.Equal(["part_0_0001.csv", "part_0_0001.csv", "part_1_0001.csv.gz"], records.Select(r => r.SourceFile));
        Assert.Equal([1L, 2L, 1L], records.Select(r => r.SourceRow));
        Assert.Equal(3.15m, records.Sum(r => r.Cost));
        Assert.Equal(100.0, records[2].Quantity);
    }

    [Theory]
    [InlineData("gpt 4o 0513 Input global Tokens", "Azure OpenAI", 2.5, "1K", "gpt-4o-0513", AiMeters.Input, "global", 2_500)]
    [InlineData("gpt-4o-mini-0718-Inp-glbl", "Azure OpenAI", 4, "1K", "gpt-4o-mini-0718", AiMeters.Input, "global", 4_000)]
    [InlineData("GPT 5 pro out glbl Tokens", "Azure OpenAI", 0.5, "1M", "gpt-5-pro", AiMeters.Output, "global", 500_000)]
    [InlineData("o3 Inpt DZone 1M Tokens", "Azure OpenAI", 0.25, "1M Tokens", "o3", AiMeters.Input, "data-zone", 250_000)]
    [InlineData("5 mini pp cd Inp Dz", "Azure OpenAI", 1.5, "1M", "gpt-5-mini-pp", AiMeters.CachedInput, "data-zone", 1_500_000)]
    [InlineData("gpt 4o 0513 Output global Tokens", "gpt-4o", 3, "1K Tokens", "gpt-4o", AiMeters.Output, "global", 3_000)]
    public void AzureOpenAiMeter_GivesModelDirectionDeploymentAndTokens(string meter, string subcategory, double quantity, string unit, string model, string direction, string deployment, double tokens)
    {
        var csv = "Date,MeterCategory,MeterSubCategory,MeterName,Quantity,UnitOfMeasure,Cost,ChargeType,ResourceLocation,ConsumedService\n"
            + $"09/01/2024,Azure OpenAI,{subcategory},{meter},{quantity.ToString(System.Globalization.CultureInfo.InvariantCulture)},{unit},0.42,Usage,swedencentral,Microsoft.CognitiveServices\n";
        var record = Assert.Single(Samples.Records(csv));
        Assert.Equal(tokens, record.Quantity!.Value, 6);

        var line = s_classifier.Classify(record);

        Assert.Equal((LineStatuses.Mapped, UsageKinds.AiTokens), (line.Status, line.UsageKind));
        Assert.Equal((model, deployment), (line.AiModel, line.AiDeployment));
        Assert.Equal(AiMeters.ParseAzure(meter, subcategory).Direction, direction);
        Assert.Equal(direction == AiMeters.Output ? tokens : null, line.OutputTokens);
        Assert.Equal(direction == AiMeters.Output ? null : tokens, line.InputTokens);
    }

    [Theory]
    [InlineData("USE1-Claude-input-tokens", 12.5, "1K tokens", "claude", AiMeters.Input, null, 12_500)]
    [InlineData("EUW2-Mistral7B-output-tokens", 3, "1K tokens", "mistral-7b", AiMeters.Output, null, 3_000)]
    [InlineData("USE1-Claude-output-tokens-batch", 0.002, "1M tokens", "claude", AiMeters.Output, "batch", 2_000)]
    public void BedrockUsageType_GivesModelAndDirection(string usageType, double amount, string unit, string model, string direction, string? deployment, double tokens)
    {
        var csv = "lineItem/UsageAccountId,lineItem/LineItemType,lineItem/UsageStartDate,lineItem/ProductCode,lineItem/UsageType,lineItem/UsageAmount,pricing/unit,lineItem/UnblendedCost,product/region\n"
            + $"000444555666,Usage,2024-09-01T00:00:00Z,AmazonBedrock,{usageType},{amount.ToString(System.Globalization.CultureInfo.InvariantCulture)},{unit},0.03,us-east-1\n";
        var record = Assert.Single(Samples.Records(csv));

        var line = s_classifier.Classify(record);

        Assert.Equal((LineStatuses.Mapped, UsageKinds.AiTokens, model, deployment), (line.Status, line.UsageKind, line.AiModel, line.AiDeployment));
        Assert.Equal(direction == AiMeters.Output ? tokens : null, line.OutputTokens);
        Assert.Equal(direction == AiMeters.Output ? null : tokens, line.InputTokens);
    }

    [Fact]
    public void OpenAiUsagePage_SeveralBucketsAndResults_GiveOneRecordPerResult()
    {
        const string json = """
            {"object": "page", "has_more": false, "next_page": null, "data": [
              {"object": "bucket", "start_time": 1725148800, "end_time": 1725235200, "results": [
                {"object": "organization.usage.completions.result", "input_tokens": 1000, "output_tokens": 500, "input_cached_tokens": 200,
                 "input_audio_tokens": 0, "output_audio_tokens": 0, "num_model_requests": 5, "project_id": "proj_a", "model": "gpt-4o-mini-2024-07-18"},
                {"object": "organization.usage.completions.result", "input_tokens": 3000, "output_tokens": 0, "num_model_requests": 2,
                 "project_id": "proj_b", "model": "gpt-4o-2024-08-06"}]},
              {"object": "bucket", "start_time": 1725235200, "end_time": 1725321600, "results": [
                {"object": "organization.usage.completions.result", "input_tokens": 7, "output_tokens": 9, "num_model_requests": 1, "project_id": null, "model": null}]},
              {"object": "bucket", "start_time": 1725321600, "end_time": 1725408000, "results": []}]}
            """;
        using var file = Samples.OpenText(json, "usage.json");
        var records = file.Rows().Select(r => r.Record ?? throw new Xunit.Sdk.XunitException(r.Error!.ToString())).ToList();

        Assert.Equal("openai-usage", file.Format);
        Assert.Equal([1L, 2L, 3L], records.Select(r => r.SourceRow));
        Assert.Equal([1000.0, 3000.0, 7.0], records.Select(r => r.InputTokens!.Value));
        Assert.Equal([500.0, 0.0, 9.0], records.Select(r => r.OutputTokens!.Value));
        Assert.Equal(["gpt-4o-mini-2024-07-18", "gpt-4o-2024-08-06", null], records.Select(r => r.AiModel));
        Assert.Equal(["proj_a", "proj_b", null], records.Select(r => r.SubAccountId));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1725235200), records[2].ChargePeriodStart);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1725321600), records[2].ChargePeriodEnd);
        var lines = records.Select(s_classifier.Classify).ToList();
        Assert.All(lines, l => Assert.Equal(UsageKinds.AiTokens, l.UsageKind));
        Assert.Equal([false, false, true], lines.Select(l => l.Flags.Contains(AssumptionFlags.ModelSizeAssumed)));
    }
}

using System.Globalization;
using Empreinte.Domain.Classification;
using Empreinte.Domain.Factors;
using Empreinte.Domain.Usage;
using Parquet;
using Parquet.Schema;
using Parquet.Serialization;

namespace Empreinte.Ingestion.Tests;

/// <summary>
/// Parquet exports, written here with Parquet.Net: the same rows as CSV give the same records
/// (quantities, costs, kinds) through the same mappers; bad files give a one-line typed error.
/// </summary>
public sealed class ParquetTests : IDisposable
{
    private static readonly UsageClassifier s_classifier = new(FactorSet.Embedded);
    private readonly string _folder = Directory.CreateTempSubdirectory("empreinte-parquet-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static readonly DateTime s_start = new(2024, 9, 1, 0, 0, 0, DateTimeKind.Utc);

    // FOCUS 1.0 rows: (provider, service, category, region, consumed, unit, pricing quantity, pricing unit, billed, effective, description, tags)
    private static readonly (string Provider, string Service, string Charge, string? Region, double? Consumed, string? Unit, long? Priced, string? PricingUnit, decimal Billed, decimal Effective, string Description, string? Tags)[] s_focus =
    [
        ("AWS", "Amazon Elastic Compute Cloud", "Usage", "us-east-1", 24, "Hours", 24, "Hours", 2.304m, 2.304m, "$0.096 per On Demand Linux m5.large Instance Hour", "{\"env\": \"prod\"}"),
        ("Microsoft", "Storage", "Usage", "westeurope", 0.0129, "10K", 1, "10K", 0.00000004m, 0m, "Hot LRS Write Operations", null),
        ("AWS", "Amazon Simple Storage Service", "Usage", "eu-west-1", 150.5, "GB-Mo", 150, "GB-Mo", 3.4615m, 3.4615m, "$0.023 per GB-month Standard Storage", null),
        ("AWS", "Amazon Elastic Compute Cloud", "Usage", "us-east-1", null, null, 3, "Hours", 0.288m, 0.288m, "$0.096 per On Demand Linux m5.large Instance Hour", null),
        ("AWS", "Tax", "Tax", null, null, null, null, null, 1.25m, 1.25m, "Tax", null),
    ];

    private const string FocusHeader = "BilledCost,EffectiveCost,ChargeCategory,ProviderName,ServiceName,RegionId,ChargePeriodStart,ChargePeriodEnd,ConsumedQuantity,ConsumedUnit,PricingQuantity,PricingUnit,ChargeDescription,Tags,BillingCurrency";

    private static string FocusCsv() => FocusHeader + "\n" + string.Concat(s_focus.Select(r => string.Join(',',
        Inv(r.Billed), Inv(r.Effective), r.Charge, r.Provider, Quote(r.Service), r.Region, "2024-09-01T00:00:00Z", "2024-09-02T00:00:00Z",
        r.Consumed is { } c ? Inv(c) : "", r.Unit, r.Priced is { } p ? p.ToString(CultureInfo.InvariantCulture) : "", r.PricingUnit, Quote(r.Description), Quote(r.Tags), "USD") + "\n"));

    private string WriteFocusParquet(string name)
    {
        var schema = new ParquetSchema(
            new DecimalDataField("BilledCost", 38, 12), new DecimalDataField("EffectiveCost", 38, 12, isNullable: true),
            new DataField<string>("ChargeCategory"), new DataField<string>("ProviderName"), new DataField<string>("ServiceName"),
            new DataField<string>("RegionId"), new DateTimeDataField("ChargePeriodStart", DateTimeFormat.Timestamp, isAdjustedToUTC: true),
            new DateTimeDataField("ChargePeriodEnd", DateTimeFormat.Timestamp, isAdjustedToUTC: true),
            new DataField<double?>("ConsumedQuantity"), new DataField<string>("ConsumedUnit"), new DataField<long?>("PricingQuantity"),
            new DataField<string>("PricingUnit"), new DataField<string>("ChargeDescription"), new DataField<string>("Tags"),
            new DataField<string>("BillingCurrency"), new DataField<bool?>("x_SkuIsCreditEligible"));
        var rows = s_focus.Select(r => (IDictionary<string, object?>)new Dictionary<string, object?>
        {
            ["BilledCost"] = r.Billed,
            ["EffectiveCost"] = r.Effective,
            ["ChargeCategory"] = r.Charge,
            ["ProviderName"] = r.Provider,
            ["ServiceName"] = r.Service,
            ["RegionId"] = r.Region,
            ["ChargePeriodStart"] = s_start,
            ["ChargePeriodEnd"] = s_start.AddDays(1),
            ["ConsumedQuantity"] = r.Consumed,
            ["ConsumedUnit"] = r.Unit,
            ["PricingQuantity"] = r.Priced,
            ["PricingUnit"] = r.PricingUnit,
            ["ChargeDescription"] = r.Description,
            ["Tags"] = r.Tags,
            ["BillingCurrency"] = "USD",
            ["x_SkuIsCreditEligible"] = true,
        }).ToList();
        return Write(name, schema, rows);
    }

    private static readonly (string UsageType, string Instance, string Vcpu, string Memory, double Amount, string Unit, double Cost, string? Env)[] s_cur2 =
    [
        ("BoxUsage:m5.xlarge", "m5.xlarge", "4", "16 GiB", 24, "Hrs", 4.608, "prod"),
        ("BoxUsage:zz9.large", "zz9.large", "2", "8 GiB", 10, "Hrs", 1.0, null),
        ("USE1-Claude-input-tokens", "", "", "", 2.5, "1K tokens", 0.0075, "ai"),
    ];

    private const string Cur2Header = "bill_payer_account_id,line_item_usage_account_id,line_item_line_item_type,line_item_product_code,line_item_usage_type,line_item_usage_start_date,line_item_usage_end_date,line_item_usage_amount,pricing_unit,line_item_unblended_cost,line_item_currency_code,product_region_code,product,resource_tags";

    private static string ProductJson((string UsageType, string Instance, string Vcpu, string Memory, double Amount, string Unit, double Cost, string? Env) r) =>
        r.Instance.Length == 0 ? "{\"servicename\":\"Amazon Bedrock\"}"
            : $"{{\"instance_type\":\"{r.Instance}\",\"vcpu\":\"{r.Vcpu}\",\"memory\":\"{r.Memory}\",\"servicename\":\"Amazon Elastic Compute Cloud\"}}";

    private static Dictionary<ReadOnlyMemory<char>, ReadOnlyMemory<char>?> ProductMap((string UsageType, string Instance, string Vcpu, string Memory, double Amount, string Unit, double Cost, string? Env) r) =>
        Map(r.Instance.Length == 0 ? [("servicename", "Amazon Bedrock")]
            : [("instance_type", r.Instance), ("vcpu", r.Vcpu), ("memory", r.Memory), ("servicename", "Amazon Elastic Compute Cloud")]);

    /// <summary>Parquet.Net's untyped serializer takes string maps as ReadOnlyMemory&lt;char&gt; pairs.</summary>
    private static Dictionary<ReadOnlyMemory<char>, ReadOnlyMemory<char>?> Map(params (string Key, string Value)[] pairs) =>
        pairs.ToDictionary(p => p.Key.AsMemory(), p => (ReadOnlyMemory<char>?)p.Value.AsMemory());

    private static string Cur2Csv() => Cur2Header + "\n" + string.Concat(s_cur2.Select(r => string.Join(',',
        "000111222333", "000444555666", "Usage", r.UsageType.Contains("Claude", StringComparison.Ordinal) ? "AmazonBedrock" : "AmazonEC2", r.UsageType,
        "2024-09-01T00:00:00Z", "2024-09-02T00:00:00Z", Inv(r.Amount), r.Unit, Inv(r.Cost), "USD", "us-east-1",
        Quote(ProductJson(r)), r.Env is null ? "" : Quote($"{{\"user:env\":\"{r.Env}\"}}")) + "\n"));

    private string WriteCur2Parquet(string name)
    {
        var schema = new ParquetSchema(
            new DataField<string>("bill_payer_account_id"), new DataField<string>("line_item_usage_account_id"), new DataField<string>("line_item_line_item_type"),
            new DataField<string>("line_item_product_code"), new DataField<string>("line_item_usage_type"),
            new DateTimeDataField("line_item_usage_start_date", DateTimeFormat.Timestamp, isAdjustedToUTC: true),
            new DateTimeDataField("line_item_usage_end_date", DateTimeFormat.Timestamp, isAdjustedToUTC: true),
            new DataField<double>("line_item_usage_amount"), new DataField<string>("pricing_unit"), new DataField<double>("line_item_unblended_cost"),
            new DataField<string>("line_item_currency_code"), new DataField<string>("product_region_code"),
            new MapField("product", new DataField<string>("key", false), new DataField<string>("value")),
            new MapField("resource_tags", new DataField<string>("key", false), new DataField<string>("value")));
        var rows = s_cur2.Select(r => (IDictionary<string, object?>)new Dictionary<string, object?>
        {
            ["bill_payer_account_id"] = "000111222333",
            ["line_item_usage_account_id"] = "000444555666",
            ["line_item_line_item_type"] = "Usage",
            ["line_item_product_code"] = r.UsageType.Contains("Claude", StringComparison.Ordinal) ? "AmazonBedrock" : "AmazonEC2",
            ["line_item_usage_type"] = r.UsageType,
            ["line_item_usage_start_date"] = s_start,
            ["line_item_usage_end_date"] = s_start.AddDays(1),
            ["line_item_usage_amount"] = r.Amount,
            ["pricing_unit"] = r.Unit,
            ["line_item_unblended_cost"] = r.Cost,
            ["line_item_currency_code"] = "USD",
            ["product_region_code"] = "us-east-1",
            ["product"] = ProductMap(r),
            ["resource_tags"] = r.Env is null ? Map() : Map(("user:env", r.Env)),
        }).ToList();
        return Write(name, schema, rows);
    }

    [Fact]
    public void Parquet_Focus_MatchesCsv()
    {
        var path = WriteFocusParquet("focus.parquet");
        var parquet = Read(path, out var format);
        var csv = Samples.Records(FocusCsv());

        Assert.Equal("focus-1.0", format);
        AssertSameRecords(csv, parquet);
        Assert.Equal(24, parquet[0].Quantity);
        Assert.Equal(129, parquet[1].Quantity!.Value, 9);
        Assert.Equal(3, parquet[3].Quantity);
        Assert.Equal(0.00000004m, parquet[1].Cost);
        Assert.Equal(new DateTimeOffset(s_start), parquet[0].ChargePeriodStart);
        Assert.Equal([UsageKinds.VirtualMachine, UsageKinds.Storage, UsageKinds.NonUsage], parquet.Select(r => s_classifier.Classify(r).UsageKind).Distinct());
    }

    [Fact]
    public void Parquet_Cur2WithProductMap_MatchesCsv()
    {
        var path = WriteCur2Parquet("cur2-00001.snappy.parquet");
        var parquet = Read(path, out var format);
        var csv = Samples.Records(Cur2Csv());

        Assert.Equal("aws-cur2", format);
        AssertSameRecords(csv, parquet);
        Assert.Equal(("m5.xlarge", 4, 16 * 1.073741824), (parquet[0].InstanceType, parquet[0].VCpus, parquet[0].MemoryGb!.Value));
        Assert.Equal("{\"user:env\":\"prod\"}", parquet[0].Tags);
        Assert.Null(parquet[1].Tags);
        Assert.Equal(4.608m, parquet[0].Cost);
        var kinds = parquet.Select(s_classifier.Classify).ToList();
        Assert.Equal(UsageKinds.VirtualMachine, kinds[0].UsageKind);
        Assert.Equal((UsageKinds.VirtualMachine, 2), (kinds[1].UsageKind, kinds[1].VCpus!.Value));
        Assert.Equal((UsageKinds.AiTokens, 2500.0), (kinds[2].UsageKind, kinds[2].InputTokens!.Value));
    }

    [Fact]
    public async Task Parquet_SeveralRowGroups_AreAllRead_WithRunningRowNumbers()
    {
        var schema = new ParquetSchema(new DataField<decimal>("BilledCost"), new DataField<string>("ChargeCategory"), new DataField<string>("ProviderName"),
            new DataField<DateTime>("ChargePeriodStart"), new DataField<double?>("ConsumedQuantity"), new DataField<string>("ConsumedUnit"));
        var rows = Enumerable.Range(1, 25).Select(i => (IDictionary<string, object?>)new Dictionary<string, object?>
        {
            ["BilledCost"] = (decimal)i,
            ["ChargeCategory"] = "Usage",
            ["ProviderName"] = "AWS",
            ["ChargePeriodStart"] = s_start,
            ["ConsumedQuantity"] = (double)i,
            ["ConsumedUnit"] = "Hours",
        }).ToList();
        var path = Write("groups.parquet", schema, rows, rowGroupSize: 10);

        await using (var reader = await ParquetReader.CreateAsync(path))
            Assert.Equal(3, reader.RowGroupCount);
        var records = Read(path, out _);
        Assert.Equal(Enumerable.Range(1, 25).Select(i => (long)i), records.Select(r => r.SourceRow));
        Assert.Equal(Enumerable.Range(1, 25).Select(i => (double)i), records.Select(r => r.Quantity!.Value));
        Assert.Equal(325m, records.Sum(r => r.Cost));
    }

    [Fact]
    public async Task Parquet_Cells_RenderAsCsvText()
    {
        var path = WriteFocusParquet("cells.parquet");
        await using var reader = await ParquetReader.CreateAsync(path);
        var fields = reader.Schema.Fields;
        var source = new ParquetRowSource(reader, "cells.parquet", fields);
        source.StartGroup(0);
        int Col(string name) => fields.ToList().FindIndex(f => f.Name == name);

        source.Row = 1;
        Assert.Equal("true", source[Col("x_SkuIsCreditEligible")].ToString());
        Assert.Equal("1", source[Col("PricingQuantity")].ToString());
        Assert.Equal("0.0129", source[Col("ConsumedQuantity")].ToString());
        Assert.Equal("2024-09-01T00:00:00Z", source[Col("ChargePeriodStart")].ToString());
        Assert.Equal(0.00000004m, decimal.Parse(source[Col("BilledCost")], CultureInfo.InvariantCulture));
        source.Row = 3;
        Assert.True(source[Col("ConsumedQuantity")].IsEmpty);
        Assert.True(source[99].IsEmpty);


        await using var curReader = await ParquetReader.CreateAsync(WriteCur2Parquet("map.parquet"));
        var cur = new ParquetRowSource(curReader, "map.parquet", curReader.Schema.Fields);
        cur.StartGroup(0);
        var product = curReader.Schema.Fields.ToList().FindIndex(f => f.Name == "product");
        var tags = curReader.Schema.Fields.ToList().FindIndex(f => f.Name == "resource_tags");
        Assert.Equal(ProductJson(s_cur2[0]), cur[product].ToString());
        Assert.Equal("{\"user:env\":\"prod\"}", cur[tags].ToString());
        cur.Row = 1;
        Assert.True(cur[tags].IsEmpty);
        cur.Row = 2;
        Assert.Equal("{\"servicename\":\"Amazon Bedrock\"}", cur[product].ToString());
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("truncated")]
    public void Parquet_Corrupt_GivesOneLineErrorNamingTheFile(string kind)
    {
        var path = Path.Combine(_folder, $"{kind}.snappy.parquet");
        if (kind == "garbage") File.WriteAllText(path, "BilledCost,ChargeCategory\n1,Usage\n");
        else
        {
            var good = File.ReadAllBytes(WriteFocusParquet("good.parquet"));
            File.WriteAllBytes(path, good[..(good.Length / 2)]);
        }

        var e = Assert.Throws<ExportFormatException>(() => Read(path, out _));
        Assert.StartsWith($"{kind}.snappy.parquet: ", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void Parquet_ManifestOfParquetParts_ReadsEveryPart()
    {
        // Azure FOCUS exports in Parquet: a manifest.json listing part_*.snappy.parquet blobs.
        var run = Directory.CreateDirectory(Path.Combine(_folder, "focus-cost", "20240901-20240930", "run")).FullName;
        File.Move(WriteFocusParquet("a.parquet"), Path.Combine(run, "part_0_0001.snappy.parquet"));
        File.Move(WriteFocusParquet("b.parquet"), Path.Combine(run, "part_1_0001.snappy.parquet"));
        var manifest = Path.Combine(_folder, "manifest.json");
        File.WriteAllText(manifest, """
            {"manifestVersion": "2024-04-01", "blobCount": 2,
             "deliveryConfig": {"fileFormat": "Parquet", "compressData": "Snappy"},
             "blobs": [{"blobName": "exports/focus-cost/20240901-20240930/run/part_0_0001.snappy.parquet"},
                       {"blobName": "exports/focus-cost/20240901-20240930/run/part_1_0001.snappy.parquet"}]}
            """);

        var records = Read(manifest, out var format);

        Assert.Equal("focus-1.0", format);
        Assert.Equal(2 * s_focus.Length, records.Count);
        Assert.Equal(2 * s_focus.Sum(r => r.Effective != 0 ? r.Effective : r.Billed), records.Sum(r => r.Cost));
        Assert.Equal(["part_0_0001.snappy.parquet", "part_1_0001.snappy.parquet"], records.Select(r => r.SourceFile).Distinct());
    }

    [Theory]
    [InlineData("cur2-00001.snappy.parquet")]
    [InlineData("blob-without-extension")]
    public void Parquet_FromForwardOnlyStream_IsSpooledAndRead(string name)
    {
        var bytes = File.ReadAllBytes(WriteCur2Parquet("stream.parquet"));

        using var file = ExportReader.Open(new ForwardOnlyStream(bytes), name);
        var records = file.Rows().Select(r => r.Record!).ToList();

        Assert.Equal("aws-cur2", file.Format);
        Assert.Equal(["m5.xlarge", "zz9.large", null], records.Select(r => r.InstanceType));
        Assert.All(records, r => Assert.Equal(name, r.SourceFile));
    }

    /// <summary>A download stream: no seeking, no length.</summary>
    private sealed class ForwardOnlyStream(byte[] bytes) : Stream
    {
        private readonly MemoryStream _inner = new(bytes);

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, count);
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing) _inner.Dispose();
            base.Dispose(disposing);
        }
    }

    private static void AssertSameRecords(List<UsageRecord> csv, List<UsageRecord> parquet)
    {
        Assert.Equal(csv.Count, parquet.Count);
        for (var i = 0; i < csv.Count; i++)
        {
            Assert.Equal(csv[i] with { SourceFile = "" }, parquet[i] with { SourceFile = "" });
            var (a, b) = (s_classifier.Classify(csv[i]), s_classifier.Classify(parquet[i]));
            Assert.Equal((a.Status, a.UsageKind, a.Reason, string.Join('|', a.Flags)), (b.Status, b.UsageKind, b.Reason, string.Join('|', b.Flags)));
            Assert.Equal((a.InstanceHours, a.VCpus, a.StorageGbMonths, a.InputTokens, a.Cost), (b.InstanceHours, b.VCpus, b.StorageGbMonths, b.InputTokens, b.Cost));
        }
    }

    private static List<UsageRecord> Read(string path, out string format)
    {
        var rows = Samples.ReadFile(path, out format);
        return [.. rows.Select(r => r.Record ?? throw new Xunit.Sdk.XunitException($"rejected: {r.Error}"))];
    }

    private string Write(string name, ParquetSchema schema, List<IDictionary<string, object?>> rows, int? rowGroupSize = null)
    {
        var path = Path.Combine(_folder, name);
        using var stream = File.Create(path);
        var options = new ParquetOptions();
        if (rowGroupSize is { } size) options.RowGroupSize = size;
        ParquetSerializer.SerializeUntypedAsync(rows, schema, stream, options).GetAwaiter().GetResult();
        return path;
    }

    private static string Inv(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Inv(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Quote(string? value) => value is null ? "" : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}

using System.Globalization;
using System.Reflection;
using System.Text.Json;
using Empreinte.Contracts;
using MassTransit.Serialization;

namespace Empreinte.Application.Tests.Transport;

public sealed class UsageLinesJsonConverterTests
{
    private static readonly JsonSerializerOptions s_webOptions = new(JsonSerializerDefaults.Web);

    [Fact]
    public void Columns_NameEveryPropertyOfUsageLine()
    {
        var properties = typeof(UsageLine).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name));

        Assert.Equal(properties.Order(StringComparer.Ordinal), UsageLinesJsonConverter.Columns.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Batch_RoundTrips_EveryPropertyOfEveryLine_WithMassTransitsAndServiceBussOptions()
    {
        UsageLine[] lines = [Full(1), Full(2) with { Flags = [], Cost = -0.000001m, Quantity = 0.1 + 0.2 }, Sparse(3), Full(4)];
        var batch = new UsageBatchParsed(Guid.NewGuid(), 7, lines, "ccf");

        foreach (var options in new[] { SystemTextJsonMessageSerializer.Options, s_webOptions })
        {
            var json = JsonSerializer.SerializeToUtf8Bytes(batch, options);
            Assert.Contains("\"columns\"", System.Text.Encoding.UTF8.GetString(json), StringComparison.Ordinal);
            var back = JsonSerializer.Deserialize<UsageBatchParsed>(json, options)!;

            Assert.Equal(batch.ImportId, back.ImportId);
            Assert.Equal(7, back.BatchNumber);
            Assert.Equal("ccf", back.Profile);
            Assert.Equal(lines.Length, back.Lines.Count);
            for (var i = 0; i < lines.Length; i++) AssertSameLine(lines[i], back.Lines[i]);
        }
    }

    [Fact]
    public void Batch_IsWrittenAsAStringTableAndOneArrayPerLine_SmallerThanOneObjectPerLine()
    {
        var lines = Enumerable.Range(1, 500).Select(i => Full(i) with { ResourceId = $"vm-{i % 20}" }).ToArray();
        var batch = new UsageBatchParsed(Guid.NewGuid(), 1, lines);

        var json = JsonSerializer.Serialize(batch, s_webOptions);
        var objectForm = JsonSerializer.Serialize(lines, s_webOptions);

        using var document = JsonDocument.Parse(json);
        var wire = document.RootElement.GetProperty("lines");
        Assert.Equal(UsageLinesJsonConverter.Columns.Count, wire.GetProperty("columns").GetArrayLength());
        Assert.Equal(500, wire.GetProperty("rows").GetArrayLength());
        // Each distinct string once: 20 resources, not 500.
        Assert.Equal(20, wire.GetProperty("strings").EnumerateArray().Count(s => s.GetString()!.StartsWith("vm-", StringComparison.Ordinal)));
        Assert.True(json.Length * 2 < objectForm.Length, $"wire form {json.Length} B, object form {objectForm.Length} B");
    }

    [Fact]
    public void Lines_WrittenAsObjects_BeforeTheConverter_AreStillRead()
    {
        var lines = new[] { Full(1), Sparse(2) };
        var json = $$"""{"importId":"{{Guid.Empty}}","batchNumber":1,"lines":{{JsonSerializer.Serialize(lines, s_webOptions)}},"profile":"default"}""";

        var back = JsonSerializer.Deserialize<UsageBatchParsed>(json, s_webOptions)!;

        AssertSameLine(lines[0], back.Lines[0]);
        AssertSameLine(lines[1], back.Lines[1]);
    }

    [Fact]
    public void Batch_Rows_AreOneTextEach_WithStringIndexesAndRoundTripNumbers()
    {
        var line = Sparse(9) with { Quantity = 0.1 + 0.2, Cost = 1.50m, Flags = ["a", "b"], VCpus = 4 };
        var json = JsonSerializer.Serialize(new UsageBatchParsed(Guid.Empty, 1, [line]), s_webOptions);

        using var document = JsonDocument.Parse(json);
        var wire = document.RootElement.GetProperty("lines");
        var row = Assert.Single(wire.GetProperty("rows").EnumerateArray()).GetString()!.Split(',');
        var strings = wire.GetProperty("strings").EnumerateArray().Select(s => s.GetString()).ToList();
        string Cell(string column) => row[UsageLinesJsonConverter.Columns.ToList().IndexOf(column)];

        Assert.Equal(UsageLinesJsonConverter.Columns.Count, row.Length);
        Assert.Equal("f.csv", strings[int.Parse(Cell("sourceFile"), CultureInfo.InvariantCulture)]);
        Assert.Equal("9", Cell("sourceRow"));
        Assert.Equal("0.30000000000000004", Cell("quantity"));
        Assert.Equal("1.50", Cell("cost"));
        Assert.Equal("4", Cell("vCpus"));
        Assert.Equal(["a", "b"], Cell("flags").Split(';').Select(i => strings[int.Parse(i, CultureInfo.InvariantCulture)]));
        Assert.Equal("", Cell("regionId"));
    }

    [Fact]
    public void Columns_AreReadByName_UnknownOnesSkipped_MissingOnesNull()
    {
        const string json = """
            {"importId":"00000000-0000-0000-0000-000000000000","batchNumber":1,"lines":{
              "columns":["usageKind","fromANewerVersion","status","provider","sourceRow","sourceFile","chargeCategory","cost","flags"],
              "strings":["virtual-machine","mapped","AWS","f.csv","Usage","x"],
              "rows":["0,whatever,1,2,42,3,4,1.25,5"]}}
            """;

        var line = Assert.Single(JsonSerializer.Deserialize<UsageBatchParsed>(json, s_webOptions)!.Lines);

        Assert.Equal(("virtual-machine", "mapped", "AWS", 42L, "f.csv", "Usage", 1.25m), (line.UsageKind, line.Status, line.Provider, line.SourceRow, line.SourceFile, line.ChargeCategory, line.Cost));
        Assert.Equal(["x"], line.Flags);
        Assert.Null(line.RegionId);
        Assert.Null(line.Quantity);
    }

    [Fact]
    public void EscapedRowText_IsReadLikePlainText()
    {
        // \u002C is a comma, \u0031 a one: what a re-encoding proxy might send.
        const string json = """
            {"importId":"00000000-0000-0000-0000-000000000000","batchNumber":1,"lines":{
              "columns":["sourceFile","sourceRow","provider","chargeCategory","status","usageKind","quantity"],
              "strings":["f.csv","AWS","Usage","mapped","storage"],
              "rows":["0\u002C7,1,2,3,4,\u00312E+15"]}}
            """;

        var line = Assert.Single(JsonSerializer.Deserialize<UsageBatchParsed>(json, s_webOptions)!.Lines);

        Assert.Equal((7L, "AWS", "storage", 12e15), (line.SourceRow, line.Provider, line.UsageKind, line.Quantity));
    }

    [Theory]
    [InlineData("3,1,0,0,0,0", "string 3 is not in the table of 1")]
    [InlineData("0,x,0,0,0,0", "row 0, column 'sourceRow': 'x' is not a Int64")]
    [InlineData("0,1,0,0,0,", "row 0 has no 'usageKind'")]
    public void ABrokenRow_IsAJsonErrorSayingWhere(string row, string expected)
    {
        var json = $$$"""
            {"importId":"00000000-0000-0000-0000-000000000000","batchNumber":1,"lines":{
              "columns":["sourceFile","sourceRow","provider","chargeCategory","status","usageKind"],"strings":["f.csv"],"rows":["{{{row}}}"]}}
            """;

        var error = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<UsageBatchParsed>(json, s_webOptions));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    private static void AssertSameLine(UsageLine expected, UsageLine actual)
    {
        foreach (var property in typeof(UsageLine).GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var (e, a) = (property.GetValue(expected), property.GetValue(actual));
            if (e is IReadOnlyList<string> flags) Assert.Equal(flags, (IReadOnlyList<string>)a!);
            else Assert.True(Equals(e, a), $"{property.Name}: expected {e}, got {a}");
        }
    }

    private static UsageLine Full(long row) => new()
    {
        SourceFile = "export, \"quoted\".csv",
        SourceRow = row,
        Provider = "Microsoft",
        BillingAccountId = "ba",
        SubAccountId = "sub",
        SubAccountName = "Café ☕",
        ResourceId = "/subscriptions/x/vm",
        ServiceName = "Virtual Machines",
        ServiceCategory = "Compute",
        RegionId = "westeurope",
        ChargePeriodStart = new DateTimeOffset(2025, 1, 1, 2, 0, 0, TimeSpan.FromHours(1)).AddTicks(1234567),
        ChargePeriodEnd = new DateTimeOffset(2025, 1, 1, 3, 0, 0, TimeSpan.Zero),
        ChargeCategory = "Usage",
        SkuMeter = "D4s v3",
        InstanceType = "Standard_D4s_v3",
        Quantity = 1.0 / 3,
        QuantityUnit = "Hours",
        Cost = 0.1234567890123456789m,
        Currency = "EUR",
        Tags = "{\"env\":\"prod\"}",
        Status = "mapped",
        UsageKind = "virtual-machine",
        Reason = "because",
        Flags = ["default-utilisation", "region-assumed"],
        InstanceHours = 1,
        VCpus = 4,
        MemoryGb = 16,
        CpuMicroarchitecture = "Skylake|Cascade Lake",
        GpuModel = "A100",
        GpuCount = 8,
        HostVCpus = 64,
        HostMemoryGb = 256,
        StorageGbMonths = 1e-9,
        StorageMedia = "ssd",
        ReplicationFactor = 3,
        NetworkGb = double.Epsilon,
        AiModel = "gpt-4o",
        InputTokens = 1e12,
        OutputTokens = 12345.678,
        VCpuHours = 2.5,
        MemoryGbHours = 10,
        GbSeconds = 400,
        AiDeployment = "global",
    };

    private static UsageLine Sparse(long row) => new()
    {
        SourceFile = "f.csv",
        SourceRow = row,
        Provider = "AWS",
        ChargeCategory = "Tax",
        Status = "excluded",
        UsageKind = "none",
    };
}

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
    public void Columns_AreReadByName_UnknownOnesSkipped_MissingOnesNull()
    {
        const string json = """
            {"importId":"00000000-0000-0000-0000-000000000000","batchNumber":1,"lines":{
              "columns":["usageKind","fromANewerVersion","status","provider","sourceRow","sourceFile","chargeCategory","cost","flags"],
              "strings":["virtual-machine","mapped","AWS","f.csv","Usage","x"],
              "rows":[[0,{"nested":[1,2]},1,2,42,3,4,1.25,[5]]]}}
            """;

        var line = Assert.Single(JsonSerializer.Deserialize<UsageBatchParsed>(json, s_webOptions)!.Lines);

        Assert.Equal(("virtual-machine", "mapped", "AWS", 42L, "f.csv", "Usage", 1.25m), (line.UsageKind, line.Status, line.Provider, line.SourceRow, line.SourceFile, line.ChargeCategory, line.Cost));
        Assert.Equal(["x"], line.Flags);
        Assert.Null(line.RegionId);
        Assert.Null(line.Quantity);
    }

    [Fact]
    public void AStringIndexOutsideTheTable_IsAJsonError()
    {
        const string json = """
            {"importId":"00000000-0000-0000-0000-000000000000","batchNumber":1,"lines":{
              "columns":["sourceFile"],"strings":["f.csv"],"rows":[[3]]}}
            """;

        var error = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<UsageBatchParsed>(json, s_webOptions));
        Assert.Contains("string 3 is not in the table of 1", error.Message, StringComparison.Ordinal);
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

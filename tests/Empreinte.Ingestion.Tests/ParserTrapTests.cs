using Empreinte.Domain.Usage;

namespace Empreinte.Ingestion.Tests;

/// <summary>Every trap of billing-formats.md §7, on small inline CSV strings.</summary>
public class ParserTrapTests
{
    private const string Header = "BilledCost,EffectiveCost,ChargeCategory,ProviderName,ServiceName,ChargePeriodStart,ConsumedQuantity,ConsumedUnit,Tags";

    [Fact]
    public void Bom_IsStripped_AndHeaderStillMatches()
    {
        var rows = Samples.ReadText(Header + "\n1,1,Usage,AWS,EC2,2024-09-01T00:00:00Z,2,Hours,\n", bom: true);
        var record = Assert.Single(rows).Record;
        Assert.NotNull(record);
        Assert.Equal("AWS", record.Provider);
    }

    [Fact]
    public void CrlfAndBlankLines_AreAccepted()
    {
        var rows = Samples.ReadText(Header + "\r\n1,1,Usage,AWS,EC2,2024-09-01T00:00:00Z,2,Hours,\r\n\r\n2,2,Usage,AWS,EC2,2024-09-01T00:00:00Z,3,Hours,\r\n\r\n");
        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.Null(r.Error));
        Assert.Equal([2.0, 3.0], rows.Select(r => r.Record!.Quantity!.Value));
        Assert.Equal("Hours", rows[0].Record!.QuantityUnit);
    }

    [Theory]
    [InlineData("NULL")]
    [InlineData("null")]
    [InlineData("")]
    [InlineData("[]")]
    public void NullSpellings_AreNull(string nullForm)
    {
        var record = Assert.Single(Samples.Records(Header + $"\n1,{nullForm},Usage,AWS,{nullForm},2024-09-01T00:00:00Z,{nullForm},{nullForm},{nullForm}\n"));
        Assert.Null(record.Quantity);
        Assert.Null(record.ServiceName);
        Assert.Null(record.Tags);
        Assert.Equal(1m, record.Cost);
    }

    [Fact]
    public void QuotedJsonCells_WithDoubledQuotes_AreUnescaped()
    {
        var record = Assert.Single(Samples.Records(Header + "\n1,1,Usage,AWS,\"EC2, \"\"Linux\"\"\",2024-09-01T00:00:00Z,1,Hours,\"{\"\"application\"\": \"\"x\"\", \"\"env\"\": \"\"prod\"\"}\"\n"));
        Assert.Equal("EC2, \"Linux\"", record.ServiceName);
        Assert.Equal("{\"application\": \"x\", \"env\": \"prod\"}", record.Tags);
    }

    [Theory]
    [InlineData("35.2E-7", 35.2e-7)]
    [InlineData("2.3e-05", 2.3e-5)]
    [InlineData("2.000000000000000", 2.0)]
    [InlineData("\"0.0000004\"", 4e-7)]
    [InlineData("-12.5", -12.5)]
    [InlineData("2.323760000E-9", 2.32376e-9)]
    public void Numbers_InvariantWithExponents_Parse(string cell, double expected)
    {
        var record = Assert.Single(Samples.Records(Header + $"\n{cell},{cell},Usage,AWS,EC2,2024-09-01T00:00:00Z,{cell},Hours,\n"));
        Assert.Equal(expected, record.Quantity!.Value, 12);
        Assert.Equal(expected, (double)record.Cost, 12);
    }

    [Theory]
    [InlineData("2024-09-18T22:00:00Z")]
    [InlineData("2024-09-18T22:00:00.000Z")]
    [InlineData("2024-09-18T22:00:00+00:00")]
    [InlineData("2024-09-18T22:00:00.123+00:00")]
    [InlineData("2024-09-18 22:00:00")]
    [InlineData("2024-09-18 22:00:00.000")]
    [InlineData("2024-09-18T22:00Z")]
    [InlineData("2024-09-18 22:00:00+00:00")]
    [InlineData("2024-09-18T22:00:00Z/2024-09-18T23:00:00Z")]
    public void DateTimeForms_ParseAsUtc(string cell)
    {
        var record = Assert.Single(Samples.Records(Header + $"\n1,1,Usage,AWS,EC2,{cell},1,Hours,\n"));
        Assert.Equal(new DateTimeOffset(2024, 9, 18, 22, 0, 0, TimeSpan.Zero), record.ChargePeriodStart!.Value.AddTicks(-(record.ChargePeriodStart.Value.Ticks % TimeSpan.TicksPerSecond)));
    }

    [Theory]
    [InlineData("09/21/2023")]
    [InlineData("9/21/2023")]
    [InlineData("9/21/23")]
    [InlineData("2023-09-21")]
    [InlineData("202309", true)]
    public void DateForms_ParseAsUtcDays(string cell, bool monthOnly = false)
    {
        Assert.True(Cells.TryDate(cell, out var date));
        Assert.Equal(new DateTimeOffset(2023, 9, monthOnly ? 1 : 21, 0, 0, 0, TimeSpan.Zero), date);
    }

    [Theory]
    [InlineData("10 Hours", 3, 30, "Hours")]
    [InlineData("100 Hours", 0.5, 50, "Hours")]
    [InlineData("1K", 2, 2000, "Count")]
    [InlineData("10K", 0.0129, 129, "Count")]
    [InlineData("100 GB/Month", 2, 200, "GB-Months")]
    [InlineData("1M Tokens", 0.5, 500000, "Tokens")]
    [InlineData("1 /Month", 2, 2, "Months")]
    [InlineData("1 Hour", 2, 2, "Hours")]
    public void BlockUnits_AreMultipliedOut(string unit, double quantity, double expected, string canonical)
    {
        var record = Assert.Single(Samples.Records(Header + $"\n1,1,Usage,AWS,EC2,2024-09-01T00:00:00Z,{quantity},{unit},\n"));
        Assert.Equal(expected, record.Quantity!.Value, 6);
        Assert.Equal(canonical, record.QuantityUnit);
        Assert.Equal(unit, record.RawUnit);
    }

    [Theory]
    [InlineData("{\"env\": \"prod\"}", "{\"env\": \"prod\"}")]
    [InlineData("\"env\": \"prod\",\"team\": \"a\"", "{\"env\": \"prod\",\"team\": \"a\"}")]
    [InlineData("[{'key': 'env', 'value': 'prod'}]", "{\"env\":\"prod\"}")]
    [InlineData("[{\"key\": \"env\", \"value\": \"prod\"}]", "{\"env\":\"prod\"}")]
    [InlineData("[]", null)]
    public void TagEncodings_NormaliseToJsonObject(string raw, string? expected) =>
        Assert.Equal(expected, TagsJson.Normalise(raw));

    [Fact]
    public void RaggedRows_ShortRowsReadWithMissingCellsAsNull()
    {
        var rows = Samples.ReadText(Header + "\n1,1,Usage,AWS,EC2,2024-09-01T00:00:00Z,2\n1,1,Usage,AWS,EC2,2024-09-01T00:00:00Z,2,Hours,,extra,cells\n");
        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.Null(r.Error));
        Assert.Null(rows[0].Record!.RawUnit);
        Assert.Equal("Hours", rows[1].Record!.QuantityUnit);
    }

    [Fact]
    public void HeaderCasingAndAliases_AreMatched()
    {
        // ServiceProviderName (FOCUS 1.3 draft) and UsageQuantity/UsageUnit (1.0-preview), any casing.
        var record = Assert.Single(Samples.Records("billedcost,CHARGECATEGORY,ServiceProviderName,chargeperiodstart,UsageQuantity,usageunit\n4,Usage,Microsoft,2024-09-01T00:00:00Z,10,1 Hour\n"));
        Assert.Equal(Providers.Azure, record.Provider);
        Assert.Equal(10, record.Quantity);
        Assert.Equal(4m, record.Cost);
    }

    [Fact]
    public void MalformedRow_GivesRowErrorWithFileRowColumn_AndFollowingRowsAreRead()
    {
        var rows = Samples.ReadText(Header + "\n1,1,Usage,AWS,EC2,2024-09-01T00:00:00Z,2,Hours,\n1,1,Usage,AWS,EC2,2024-09-01T00:00:00Z,two,Hours,\n1,1,Usage,AWS,EC2,yesterday,2,Hours,\n3,3,Usage,AWS,EC2,2024-09-01T00:00:00Z,4,Hours,\n", fileName: "bad.csv");
        Assert.Equal(4, rows.Count);
        Assert.NotNull(rows[0].Record);
        var error = rows[1].Error;
        Assert.NotNull(error);
        Assert.Equal(("bad.csv", 2L, "ConsumedQuantity"), (error.File, error.Row, error.Column));
        Assert.Contains("two", error.Message, StringComparison.Ordinal);
        Assert.Equal(("bad.csv", 3L, "ChargePeriodStart"), (rows[2].Error!.File, rows[2].Error!.Row, rows[2].Error!.Column));
        Assert.Equal(4, rows[3].Record!.Quantity);
    }

    [Fact]
    public void UnknownHeader_ThrowsWithFileAndColumns()
    {
        var e = Assert.Throws<ExportFormatException>(() => Samples.ReadText("a,b,c\n1,2,3\n", fileName: "odd.csv"));
        Assert.Contains("odd.csv", e.Message, StringComparison.Ordinal);
        Assert.Contains("a, b, c", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FormatOverride_ByName_IsHonoured_AndWrongOverrideFails()
    {
        var rows = Samples.ReadText(Header + "\n1,1,Usage,AWS,EC2,2024-09-01T00:00:00Z,2,Hours,\n", format: "focus");
        Assert.Single(rows);
        Assert.Throws<ExportFormatException>(() => Samples.ReadText(Header + "\n", format: "aws-cur"));
    }
}

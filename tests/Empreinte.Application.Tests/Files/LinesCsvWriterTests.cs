using System.Globalization;
using System.Text;
using Empreinte.Application.Files;
using Empreinte.Application.Results;
using Empreinte.Contracts;
using Empreinte.Domain;
using Empreinte.Domain.Calculators;
using Empreinte.Domain.Usage;

namespace Empreinte.Application.Tests.Files;

public sealed class LinesCsvWriterTests
{
    [Fact]
    public void Row_QuotesSeparatorsAndQuotes_AndWritesUtf8()
    {
        var line = Line(1, 2.5) with
        {
            Provider = "Acme, Inc.",
            ResourceId = "disk \"a\"",
            ServiceName = "Café",
            Reason = "line\nbreak",
            Flags = ["b", "a"],
        };
        var result = new LineResult(line,
            new EnergyEstimate(Uncertain.Exactly(1), Uncertain.Zero, Uncertain.Zero, EnergyBreakdown.None, null, 1.1, ["a", "c,d"]),
            new WaterEstimate(Uncertain.Zero, Uncertain.Zero, Uncertain.Zero, ["b"]),
            new MaterialsEstimate(Uncertain.Zero, Uncertain.Zero, Uncertain.Zero, []));

        var row = Rows([result]).Single();

        Assert.StartsWith("f.csv,1,\"Acme, Inc.\",,\"disk \"\"a\"\"\",Café,,,2025-01-01T00:00:00Z,virtual-machine,2.5,Hours,0.125,USD,1,1,1,", row, StringComparison.Ordinal);
        // Flags: the line's, then each estimate's, first occurrence kept; quoted as one field because one holds a comma.
        Assert.EndsWith(",,1.1,0,0,mapped,\"line\nbreak\",\"b;a;c,d\",v1\n", row, StringComparison.Ordinal);
    }

    [Fact]
    public void Row_NeutralisesFormulasInTextCells_ButNotNumbers()
    {
        // Issue #13 point 9: names and services a spreadsheet would run as formulas.
        var line = Line(1, -2.5) with
        {
            Provider = "=HYPERLINK(\"http://x\",\"y\")",
            SubAccountId = "+cmd",
            ResourceId = "-1+1",
            ServiceName = "@SUM(A1)",
            ServiceCategory = "\t=1",
            RegionId = "-3.5",
            Reason = "\r=2",
        };
        var result = new LineResult(line,
            new EnergyEstimate(new Uncertain(-2, -1, 0), Uncertain.Zero, Uncertain.Zero, EnergyBreakdown.None, null, 1, ["=flag"]),
            new WaterEstimate(Uncertain.Zero, Uncertain.Zero, Uncertain.Zero, []),
            new MaterialsEstimate(Uncertain.Zero, Uncertain.Zero, Uncertain.Zero, []));

        var row = Rows([result]).Single();

        Assert.StartsWith("f.csv,1,\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",'+cmd,'-1+1,'@SUM(A1),'\t=1,-3.5,2025-01-01T00:00:00Z,virtual-machine,-2.5,", row, StringComparison.Ordinal);
        Assert.Contains(",USD,-1,-2,0,", row, StringComparison.Ordinal);
        Assert.EndsWith(",mapped,\"'\r=2\",'=flag,v1\n", row, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("+1+1", "'+1+1")]
    [InlineData("-A1", "'-A1")]
    [InlineData("@cmd", "'@cmd")]
    [InlineData("\t=1", "'\t=1")]
    [InlineData("\r=1", "\"'\r=1\"")]
    [InlineData("=a,b", "\"'=a,b\"")]
    [InlineData("-3.5", "-3.5")]
    [InlineData("+1e3", "+1e3")]
    [InlineData("-Infinity", "'-Infinity")]
    [InlineData("a=b", "a=b")]
    [InlineData("a,\"b\"", "\"a,\"\"b\"\"\"")]
    public void CsvField_NeutralisesFormulas_ThenQuotes(string value, string field) =>
        Assert.Equal(field, CsvField.Encode(value));

    [Fact]
    public void Numbers_AreTheirRoundTripText_WhenValuesRepeatAndCollide()
    {
        // More distinct values than the writer remembers, each written twice, so slots are reused and hit.
        var random = new Random(20261130);
        var values = Enumerable.Range(0, 10_000).Select(_ => random.NextDouble() * Math.Pow(10, random.Next(-12, 12)))
            .Concat([0.0, -0.0, double.Epsilon, double.MaxValue, -1.2345678901234567E-300, 0.1 + 0.2])
            .ToArray();
        var results = values.Concat(values).Select((v, i) => new LineResult(Line(i + 1, v),
            new EnergyEstimate(Uncertain.Zero, Uncertain.Zero, Uncertain.Zero, EnergyBreakdown.None, null, 1, []),
            new WaterEstimate(Uncertain.Zero, Uncertain.Zero, Uncertain.Zero, []),
            new MaterialsEstimate(Uncertain.Zero, Uncertain.Zero, Uncertain.Zero, []))).ToList();

        var quantities = Rows(results).Select(r => r.Split(',')[10]).ToList();

        Assert.Equal(results.Select(r => r.Line.Quantity!.Value.ToString("R", CultureInfo.InvariantCulture)), quantities);
    }

    [Fact]
    public void Estimates_AreTheirG7Text_OverEveryMagnitude_AndNextToRoundingTies()
    {
        // Products like the calculators', values next to powers of ten and to a seventh-digit tie,
        // and the extremes that take .NET's own path.
        var random = new Random(20261201);
        var values = Enumerable.Range(0, 20_000).Select(_ => random.NextDouble() * Math.Pow(10, random.Next(-20, 20)))
            .Concat(Enumerable.Range(-16, 32).SelectMany(p => new[] { Math.Pow(10, p), Math.BitDecrement(Math.Pow(10, p)), Math.BitIncrement(Math.Pow(10, p)) }))
            .Concat([0.0, -0.0, 1.2345675, 0.12345665, 9999999.5, 9_999_999.4999, 0.028729119999999997, 4.475856165E-06, -3.5, double.Epsilon, double.MaxValue, double.NaN, double.PositiveInfinity])
            .ToArray();
        var results = values.Select((v, i) => new LineResult(Line(i + 1, 1),
            new EnergyEstimate(new Uncertain(v, v, v), Uncertain.Zero, Uncertain.Zero, EnergyBreakdown.None, null, 1, []),
            new WaterEstimate(Uncertain.Zero, Uncertain.Zero, Uncertain.Zero, []),
            new MaterialsEstimate(Uncertain.Zero, Uncertain.Zero, Uncertain.Zero, []))).ToList();

        var energies = Rows(results).Select(r => r.Split(',')[14]).ToList();

        Assert.Equal(values.Select(v => v.ToString("G7", CultureInfo.InvariantCulture)), energies);
        Assert.Equal("0.02872912", energies[Array.IndexOf(values, 0.028729119999999997)]);
    }

    private static UsageLine Line(long row, double quantity) => new()
    {
        SourceFile = "f.csv",
        SourceRow = row,
        Provider = "AWS",
        ChargeCategory = "Usage",
        ChargePeriodStart = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero),
        Quantity = quantity,
        QuantityUnit = "Hours",
        Cost = 0.125m,
        Currency = "USD",
        Status = LineStatuses.Mapped,
        UsageKind = UsageKinds.VirtualMachine,
    };

    private static List<string> Rows(List<LineResult> results)
    {
        using var stream = new MemoryStream();
        var writer = new LinesCsvWriter(stream);
        foreach (var result in results) writer.WriteRow(result, "v1");
        writer.Flush();
        var text = Encoding.UTF8.GetString(stream.ToArray());
        // Rows end with '\n' and the test rows hold no other line break except the quoted one in the first test.
        return results.Count == 1 ? [text] : [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries)];
    }
}

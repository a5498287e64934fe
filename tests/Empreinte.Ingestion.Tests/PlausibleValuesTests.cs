using Empreinte.TestSupport;

namespace Empreinte.Ingestion.Tests;

/// <summary>
/// Issue #13, point 3: numbers and dates a billing line cannot hold reject that row with the reason,
/// and only that row; negative quantities (corrections) stay accepted.
/// </summary>
public sealed class PlausibleValuesTests
{
    private static readonly string[] s_lines = File.ReadAllLines(RepositoryPaths.Sample("focus-1.0-small.csv"));

    /// <summary>The sample with one cell of data row 2 replaced (column by header name).</summary>
    private static List<ParsedRow> ReadWithCell(string column, string value)
    {
        var names = s_lines[0].Split(',');
        var index = Array.IndexOf(names, column);
        Assert.True(index >= 0, column);
        var lines = s_lines.ToArray();
        var cells = lines[2].Split(',');
        cells[index] = value;
        lines[2] = string.Join(",", cells);
        return Samples.ReadText(string.Join("\n", lines) + "\n", "values.csv");
    }

    private static RowError OnlyError(List<ParsedRow> rows)
    {
        Assert.Equal(20, rows.Count);
        var error = Assert.Single(rows, r => r.Error is not null).Error!;
        Assert.Equal(2L, error.Row);
        return error;
    }

    [Theory]
    [InlineData("1e29")]
    [InlineData("79228162514264337593543950336")]
    [InlineData("2e12")]
    [InlineData("-1e300")]
    public void CostBeyondTheBound_RejectsTheRowNamingTheColumn(string cost)
    {
        var error = OnlyError(ReadWithCell("BilledCost", cost));

        Assert.Equal("BilledCost", error.Column);
        Assert.Contains("beyond", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1e308")]
    [InlineData("1e19")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    public void QuantityNotFiniteOrBeyondTheBound_RejectsTheRow(string quantity)
    {
        var error = OnlyError(ReadWithCell("ConsumedQuantity", quantity));

        Assert.Equal("ConsumedQuantity", error.Column);
    }

    [Fact]
    public void QuantityThatOverflowsOnceBlocksAreMultipliedOut_IsRejected()
    {
        // 1e17 in blocks of 1000 hours: the cell is within bounds, the normalised quantity is not.
        var names = s_lines[0].Split(',');
        var lines = s_lines.ToArray();
        var cells = lines[2].Split(',');
        cells[Array.IndexOf(names, "ConsumedQuantity")] = "1e17";
        cells[Array.IndexOf(names, "ConsumedUnit")] = "1000 Hours";
        lines[2] = string.Join(",", cells);

        var error = OnlyError(Samples.ReadText(string.Join("\n", lines) + "\n", "blocks.csv"));

        Assert.Equal("Quantity", error.Column);
    }

    [Fact]
    public void NegativeQuantity_IsAcceptedAsACorrection()
    {
        var rows = ReadWithCell("ConsumedQuantity", "-1");

        Assert.All(rows, r => Assert.Null(r.Error));
        Assert.Equal(-1, rows[1].Record!.Quantity);
    }

    [Theory]
    [InlineData("ChargePeriodStart", "9999-10-01T00:00:00Z")]
    [InlineData("ChargePeriodEnd", "9999-12-31T23:59:59Z")]
    [InlineData("ChargePeriodStart", "1970-01-01T00:00:00Z")]
    public void DateOutsideThePlausibleYears_RejectsTheRow(string column, string date)
    {
        var error = OnlyError(ReadWithCell(column, date));

        Assert.Equal(column, error.Column);
        Assert.Contains($"outside {Plausible.FirstYear}–{Plausible.LastYear}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ChargePeriodStartingAfterItEnds_RejectsTheRow()
    {
        var error = OnlyError(ReadWithCell("ChargePeriodStart", "2026-10-05T00:00:00Z"));

        Assert.Equal("ChargePeriodStart", error.Column);
        Assert.Contains("after it ends", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ErrorText_EscapesUnprintableBytes_AndStaysOneBoundedLine()
    {
        var error = OnlyError(ReadWithCell("BilledCost", "\u0001\u001b[31m\uFFFDzz" + new string('9', 500)));

        var text = error.ToString();
        Assert.DoesNotContain(text, c => char.IsControl(c) || c == '\uFFFD');
        Assert.Contains("\\x01\\x1B[31m\\uFFFDzz", text, StringComparison.Ordinal);
        Assert.True(text.Length < 300, text);
    }
}

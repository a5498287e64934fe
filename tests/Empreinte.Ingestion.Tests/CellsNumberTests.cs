using System.Globalization;
using CsCheck;

namespace Empreinte.Ingestion.Tests;

/// <summary>
/// The fast paths for plain numbers give, to the bit, what the general parsers give (decimal scale and
/// trailing zeros, double rounding, signs), and leave every other spelling to them.
/// </summary>
public sealed class CellsNumberTests
{
    // Numbers as exports write them, and the spellings next to them that the fast paths must leave alone.
    private static readonly Gen<string> s_number =
        Gen.Select(
            Gen.OneOf("", "", "", "-", "+", " ", "--"),
            Gen.Char["0123456789"].Array[0, 24].Select(d => new string(d)),
            Gen.OneOf("", "", ".", ".", ". ", "e", ",", "E-3", "0"),
            Gen.Char["0123456789"].Array[0, 24].Select(d => new string(d)),
            Gen.OneOf("", "", "", "", " ", "e5", "E-30", ".", "x"),
            (sign, whole, point, fraction, tail) => sign + whole + point + fraction + tail);

    [Fact]
    public void Decimal_IsWhatTheGeneralParserGives_ToTheBit() =>
        s_number.Sample(text =>
        {
            var expected = General(text);
            var parsed = Cells.TryDecimal(text, out var actual);
            Assert.Equal(expected.Ok, parsed);
            Assert.Equal(Bits(expected.Value), Bits(actual));
        }, iter: 100_000);

    [Fact]
    public void Double_IsWhatTheGeneralParserGives_ToTheBit() =>
        s_number.Sample(text =>
        {
            var expected = double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var x) && double.IsFinite(x) ? x : (double?)null;
            var parsed = Cells.TryDouble(text, out var actual);
            Assert.Equal(expected is not null || Cells.IsNull(text), parsed);
            Assert.Equal(Bits(expected), Bits(actual));
        }, iter: 100_000);

    [Theory]
    [InlineData("0.0351840", "0.0351840")]
    [InlineData("1.50", "1.50")]
    [InlineData("-12", "-12")]
    [InlineData("000123.000", "123.000")]
    [InlineData("123456789012345678", "123456789012345678")]
    [InlineData("1234567890123456789.5", "1234567890123456789.5")]
    public void Decimal_KeepsTheScaleAsWritten(string text, string shown)
    {
        Assert.True(Cells.TryDecimal(text, out var value));
        Assert.Equal(shown, value!.Value.ToString(CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("0.1", 0.1)]
    [InlineData("-0", -0.0)]
    [InlineData("0.3665", 0.3665)]
    [InlineData("9007199254740993", 9007199254740993.0)]
    [InlineData("1.0000000000000000000000001", 1.0)]
    public void Double_IsCorrectlyRounded(string text, double expected)
    {
        Assert.True(Cells.TryDouble(text, out var value));
        Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(value!.Value));
    }

    private static string Bits(decimal? value) => value is { } d ? string.Join(' ', decimal.GetBits(d)) : "null";

    private static string Bits(double? value) => value is { } x ? BitConverter.DoubleToInt64Bits(x).ToString(CultureInfo.InvariantCulture) : "null";

    /// <summary>What <see cref="Cells.TryDecimal"/> gave before its fast path: the general parser, then double for exponents.</summary>
    private static (bool Ok, decimal? Value) General(string text)
    {
        if (Cells.IsNull(text)) return (true, null);
        if (decimal.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d)) return (true, d);
        if (double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var x) && Math.Abs(x) < 7.9e28)
            return (true, Math.Abs(x) < 1e-28 ? 0m : (decimal)x);
        return (false, null);
    }
}

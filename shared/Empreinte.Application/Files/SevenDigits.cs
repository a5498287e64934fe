using System.Globalization;

namespace Empreinte.Application.Files;

/// <summary>
/// Writes an estimate as <c>ToString("G7")</c> would, in UTF-8: seven significant digits, trailing
/// zeros dropped, scientific notation below 1E-04 and from 1E+07. Estimates carry ranges of ×2 to
/// ×30, so their seventeenth digit is computation noise (0.028729119999999997); seven digits keep
/// every sum over lines.csv within 1e-6 of summary.json's totals, shrink the file by a third, and
/// cost a few nanoseconds instead of the shortest round-trip's 140 ns (docs/benchmarks.md).
/// The digits come from one scaling by an exact power of ten; a scaled value within 1e-6 of a
/// rounding tie, and values outside the fast range, go through .NET's own G7 so the text is
/// always exactly G7's.
/// </summary>
public static class SevenDigits
{
    /// <summary>The longest G7 text of a double: <c>-1.234568E-308</c>.</summary>
    public const int MaxLength = 14;

    private const int Digits = 7;

    // Powers of ten exactly representable as doubles.
    private static readonly double[] s_powersOfTen =
        [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];

    /// <summary>Writes the G7 text of <paramref name="value"/> to <paramref name="destination"/> (at least <see cref="MaxLength"/> long); returns its length.</summary>
    public static int Format(double value, Span<byte> destination)
    {
        if (value > 0 && TryFast(value, destination, out var length)) return length;
        if (value == 0 && !double.IsNegative(value))
        {
            destination[0] = (byte)'0';
            return 1;
        }

        return value.TryFormat(destination, out var written, "G7", CultureInfo.InvariantCulture)
            ? written
            : throw new InvalidOperationException($"the G7 text of {value.ToString("R", CultureInfo.InvariantCulture)} is longer than {MaxLength} characters");
    }

    private static bool TryFast(double value, Span<byte> destination, out int length)
    {
        length = 0;
        if (value is < 1e-15 or >= 1e15) return false;
        // The decimal exponent from the binary one (× log10 2): exact or one too low, corrected below.
        var binaryExponent = (int)((BitConverter.DoubleToUInt64Bits(value) >> 52) & 0x7FF) - 1023;
        var exponent = (int)Math.Floor(binaryExponent * 0.30102999566398120);
        var scaled = Scale(value, Digits - 1 - exponent);
        if (scaled >= 9_999_999.5)
            scaled = Scale(value, Digits - 1 - ++exponent);
        else if (scaled < 999_999.5)
            scaled = Scale(value, Digits - 1 - --exponent);
        if (scaled is < 999_999.5 or >= 9_999_999.5) return false;
        if (Math.Abs(scaled - Math.Floor(scaled) - 0.5) < 1e-6) return false;

        Span<byte> digits = stackalloc byte[Digits];
        var mantissa = (long)(scaled + 0.5);
        for (var i = Digits - 1; i >= 0; i--)
        {
            digits[i] = (byte)('0' + (int)(mantissa % 10));
            mantissa /= 10;
        }

        var significant = Digits;
        while (significant > 1 && digits[significant - 1] == '0') significant--;
        digits = digits[..significant];

        if (exponent is < -4 or >= Digits)
        {
            destination[length++] = digits[0];
            if (significant > 1)
            {
                destination[length++] = (byte)'.';
                digits[1..].CopyTo(destination[length..]);
                length += significant - 1;
            }

            destination[length++] = (byte)'E';
            destination[length++] = exponent < 0 ? (byte)'-' : (byte)'+';
            var magnitude = Math.Abs(exponent);
            destination[length++] = (byte)('0' + magnitude / 10);
            destination[length++] = (byte)('0' + magnitude % 10);
            return true;
        }

        if (exponent < 0)
        {
            destination[length++] = (byte)'0';
            destination[length++] = (byte)'.';
            for (var zero = -1; zero > exponent; zero--) destination[length++] = (byte)'0';
            digits.CopyTo(destination[length..]);
            length += significant;
            return true;
        }

        var integerDigits = exponent + 1;
        for (var i = 0; i < integerDigits; i++) destination[length++] = i < significant ? digits[i] : (byte)'0';
        if (significant > integerDigits)
        {
            destination[length++] = (byte)'.';
            digits[integerDigits..].CopyTo(destination[length..]);
            length += significant - integerDigits;
        }

        return true;
    }

    /// <summary>value × 10^power, with one correctly rounded operation by an exact power of ten.</summary>
    private static double Scale(double value, int power) =>
        power >= 0 ? value * s_powersOfTen[power] : value / s_powersOfTen[-power];
}

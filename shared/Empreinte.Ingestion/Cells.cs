using System.Globalization;

namespace Empreinte.Ingestion;

/// <summary>
/// Parsing of the cell values found in billing exports (billing-formats.md §7): NULL in every
/// spelling, invariant decimals with exponents, and every observed date form.
/// </summary>
public static class Cells
{
    private static readonly string[] s_dateFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ss'Z'", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", "yyyy-MM-dd'T'HH:mm'Z'",
        "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm:ss.FFFFFFF",
        "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd", "MM/dd/yyyy", "M/d/yyyy", "M/d/yy", "MM/dd/yyyy HH:mm:ss", "M/d/yyyy H:mm:ss",
        "M/d/yyyy h:mm:ss tt", "yyyy-MM-dd HH:mm:ss 'UTC'", "yyyy-MM-dd HH:mm:ssK", "yyyy-MM-dd HH:mm:ss.FFFFFFFK",
        "yyyyMM",
    ];

    public static bool IsNull(ReadOnlySpan<char> value)
    {
        var v = value.Trim();
        return v.IsEmpty || v.Equals("NULL", StringComparison.OrdinalIgnoreCase) || v.SequenceEqual("[]");
    }

    public static string? Text(ReadOnlySpan<char> value) => IsNull(value) ? null : value.Trim().ToString();

    public static bool TryDecimal(ReadOnlySpan<char> value, out decimal? result)
    {
        if (TryPlainDecimal(value, out var plain))
        {
            result = plain;
            return true;
        }

        result = null;
        if (IsNull(value)) return true;
        if (decimal.TryParse(value.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d)) { result = d; return true; }
        // Exponents too large or small for decimal still parse as double (e.g. 1.2E-30 → 0).
        // Past decimal's range (±7.9e28) the cast would throw: such a value is not a cost.
        if (double.TryParse(value.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var x) && Math.Abs(x) < 7.9e28)
        {
            result = Math.Abs(x) < 1e-28 ? 0m : (decimal)x;
            return true;
        }

        return false;
    }

    public static bool TryDouble(ReadOnlySpan<char> value, out double? result)
    {
        if (TryPlainDouble(value, out var plain))
        {
            result = plain;
            return true;
        }

        result = null;
        if (IsNull(value)) return true;
        if (double.TryParse(value.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var x) && double.IsFinite(x)) { result = x; return true; }
        return false;
    }

    /// <summary>
    /// Fast path for the form almost every cost is written in (<c>0.0351840</c>, <c>-12</c>): an optional minus,
    /// at most 18 digits with an optional point between them; anything else goes to <see cref="decimal.TryParse(ReadOnlySpan{char}, NumberStyles, IFormatProvider?, out decimal)"/>.
    /// The value is the one that parser gives, to the bit: digits as the mantissa, digits after the point
    /// as the scale (trailing zeros kept). Negative zero is left to the parser.
    /// </summary>
    private static bool TryPlainDecimal(ReadOnlySpan<char> text, out decimal value)
    {
        value = default;
        if (!TryPlainDigits(text, MaxPlainDecimalDigits, out var mantissa, out var scale, out var negative)) return false;
        value = new decimal((int)mantissa, (int)(mantissa >> 32), 0, negative, (byte)scale);
        return true;
    }

    /// <summary>
    /// Fast path for plain quantities: at most 15 digits (an exact double) and at most 22 after the point
    /// (10^22 is the largest exact power of ten), so one division is correctly rounded and gives exactly
    /// what <see cref="double.TryParse(ReadOnlySpan{char}, NumberStyles, IFormatProvider?, out double)"/> gives.
    /// </summary>
    private static bool TryPlainDouble(ReadOnlySpan<char> text, out double value)
    {
        value = default;
        if (!TryPlainDigits(text, MaxPlainDoubleDigits, out var mantissa, out var scale, out var negative) || scale >= s_powersOfTen.Length) return false;
        value = mantissa / s_powersOfTen[scale];
        if (negative) value = -value;
        return true;
    }

    private const int MaxPlainDecimalDigits = 18;
    private const int MaxPlainDoubleDigits = 15;

    private static readonly double[] s_powersOfTen =
    [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ];

    /// <summary><c>-?d+(.d+)?</c> with at most <paramref name="maxDigits"/> digits, not a negative zero: the digits as an integer and the count after the point.</summary>
    private static bool TryPlainDigits(ReadOnlySpan<char> text, int maxDigits, out ulong mantissa, out int scale, out bool negative)
    {
        mantissa = 0;
        scale = 0;
        negative = text.Length > 0 && text[0] == '-';
        var i = negative ? 1 : 0;
        var digits = 0;
        var point = -1;
        for (; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsAsciiDigit(c))
            {
                if (++digits > maxDigits) return false;
                mantissa = (mantissa * 10) + (uint)(c - '0');
            }
            else if (c == '.' && point < 0 && digits > 0)
            {
                point = digits;
            }
            else
            {
                return false;
            }
        }

        if (digits == 0 || point == digits || (negative && mantissa == 0)) return false;
        scale = point < 0 ? 0 : digits - point;
        return true;
    }

    /// <summary>The number a cell starts with: <c>16 GiB</c> → 16, <c>3,904 GiB</c> → 3904; null when none.</summary>
    public static double? LeadingNumber(ReadOnlySpan<char> value)
    {
        var span = value.Trim();
        Span<char> digits = stackalloc char[32];
        var n = 0;
        foreach (var ch in span)
        {
            if (ch == ',') continue;
            if (!(char.IsAsciiDigit(ch) || ch is '.' or '-' or '+' or 'e' or 'E') || n == digits.Length) break;
            digits[n++] = ch;
        }

        return n > 0 && double.TryParse(digits[..n], NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null;
    }

    /// <summary>Dates without a zone are UTC (FOCUS requires UTC; Azure and CUR write UTC without a marker).</summary>
    public static bool TryDate(ReadOnlySpan<char> value, out DateTimeOffset? result)
    {
        result = null;
        if (IsNull(value)) return true;
        var text = value.Trim();
        // CUR identity/TimeInterval "a/b": the start is what we keep.
        var slash = text.IndexOf('/');
        if (slash > 8 && text.Length > 20) text = text[..slash];
        if (TryIsoSeconds(text, out var iso))
        {
            result = iso;
            return true;
        }

        if (DateTimeOffset.TryParseExact(text, s_dateFormats, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var d))
        {
            result = d;
            return true;
        }

        return false;
    }

    /// <summary>
    /// Fast path for the two forms almost every export uses, <c>yyyy-MM-dd HH:mm:ss</c> and
    /// <c>yyyy-MM-ddTHH:mm:ssZ</c> (UTC), before trying every other form: parsing dates was the
    /// reader's largest cost (docs/benchmarks.md).
    /// </summary>
    private static bool TryIsoSeconds(ReadOnlySpan<char> text, out DateTimeOffset result)
    {
        result = default;
        if (!(text.Length == 19 || (text.Length == 20 && text[19] == 'Z'))) return false;
        if (text[4] != '-' || text[7] != '-' || (text[10] != ' ' && text[10] != 'T') || text[13] != ':' || text[16] != ':') return false;
        if (!Digits(text[..4], out var year) || !Digits(text.Slice(5, 2), out var month) || !Digits(text.Slice(8, 2), out var day)
            || !Digits(text.Slice(11, 2), out var hour) || !Digits(text.Slice(14, 2), out var minute) || !Digits(text.Slice(17, 2), out var second))
            return false;
        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(Math.Max(year, 1), month) || hour > 23 || minute > 59 || second > 59 || year < 1)
            return false;
        result = new DateTimeOffset(year, month, day, hour, minute, second, TimeSpan.Zero);
        return true;
    }

    private static bool Digits(ReadOnlySpan<char> text, out int value)
    {
        value = 0;
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c)) return false;
            value = (value * 10) + (c - '0');
        }

        return true;
    }
}

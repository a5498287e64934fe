using System.Buffers;
using System.Globalization;

namespace Empreinte.Application.Files;

/// <summary>
/// A text cell of every CSV Empreinte writes (lines.csv, unmapped.csv, the reports endpoint): names,
/// tags and services come from the export as the provider or a user typed them, and a spreadsheet
/// runs a cell that starts with <c>=</c>, <c>+</c>, <c>-</c> or <c>@</c> as a formula (and trims a
/// leading tab or carriage return, exposing what follows). Such a cell gets a leading <c>'</c>,
/// which spreadsheets show as text; a number (<c>-3.5</c>, <c>+1e3</c>) stays a number. Then RFC 4180:
/// a field holding a separator, a quote or a line break is quoted, its quotes doubled.
/// </summary>
public static class CsvField
{
    /// <summary>The characters that make RFC 4180 quote a field.</summary>
    public static SearchValues<char> NeedsQuotes { get; } = SearchValues.Create(",\"\r\n");

    /// <summary>True when a spreadsheet would run <paramref name="value"/> as a formula.</summary>
    public static bool LooksLikeFormula(ReadOnlySpan<char> value)
    {
        if (value.IsEmpty) return false;
        switch (value[0])
        {
            case '=' or '@' or '\t' or '\r':
                return true;
            case '+' or '-':
                return !(double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number));
            default:
                return false;
        }
    }

    /// <summary>The field as written: neutralised when it looks like a formula, then quoted if need be.</summary>
    public static string Encode(string value)
    {
        var cell = LooksLikeFormula(value) ? "'" + value : value;
        return cell.AsSpan().IndexOfAny(NeedsQuotes) < 0 ? cell : $"\"{cell.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
    }
}

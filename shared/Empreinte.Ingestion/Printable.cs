using System.Globalization;
using System.Text;

namespace Empreinte.Ingestion;

/// <summary>
/// Text from an input made safe for a one-line message: control characters, the decoder's U+FFFD,
/// unpaired surrogates and other unprintable characters are written as <c>\xNN</c> / <c>\uNNNN</c>,
/// and long text is cut with an ellipsis, so a binary or mis-encoded file gives a readable error
/// instead of garbage on the terminal.
/// </summary>
public static class Printable
{
    /// <summary>Longest cell quoted in a message, in characters.</summary>
    public const int MaxCellChars = 60;

    /// <summary>Longest message, in characters.</summary>
    public const int MaxMessageChars = 600;

    public static string Cell(ReadOnlySpan<char> cell) => Text(cell, MaxCellChars);

    public static string Text(ReadOnlySpan<char> text, int maxChars = MaxMessageChars)
    {
        if (text.Length <= maxChars && IsClean(text)) return text.ToString();
        var builder = new StringBuilder(Math.Min(text.Length, maxChars) + 8);
        for (var i = 0; i < text.Length; i++)
        {
            if (builder.Length >= maxChars)
            {
                builder.Append('…');
                break;
            }

            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                builder.Append(c).Append(text[++i]);
                continue;
            }

            if (IsPrintable(c)) builder.Append(c);
            else if (c <= 0xFF) builder.Append(CultureInfo.InvariantCulture, $"\\x{(int)c:X2}");
            else builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
        }

        return builder.ToString();
    }

    private static bool IsClean(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
            if (!IsPrintable(c)) return false;
        return true;
    }

    private static bool IsPrintable(char c) => c switch
    {
        < ' ' or '\x7F' or '\uFFFD' or '\uFEFF' => false,
        < '\x7F' => true,
        _ => char.GetUnicodeCategory(c) is not (UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate
            or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator),
    };
}

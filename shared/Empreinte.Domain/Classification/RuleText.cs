using System.Buffers;

namespace Empreinte.Domain.Classification;

/// <summary>The word tests every rule set uses on a record's text, all ignoring case.</summary>
internal static class RuleText
{
    public static bool Has(string text, string word) => text.Contains(word, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Whether the text contains any of the words: the same test as a chain of <see cref="Has"/>, in one
    /// vectorised pass (a chain of case-insensitive Contains was the classifier's main cost per row).
    /// </summary>
    public static bool HasAny(string text, SearchValues<string> words) => text.AsSpan().ContainsAny(words);

    public static SearchValues<string> Words(params string[] words) => SearchValues.Create(words, StringComparison.OrdinalIgnoreCase);
}

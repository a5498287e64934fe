using System.Text;
using Empreinte.Domain.Factors;

namespace Empreinte.Domain.Recommendations;

/// <summary>
/// The sentences of the recommendation rules in English and French, embedded from
/// <c>Recommendations/Data/texts.csv</c> (<c>key,en,fr</c>; <c>{0}</c>, <c>{1}</c>… stand for the
/// values each rule supplies). A key a rule uses but the file lacks is a programming error, caught
/// by the tests, never a silent English fallback.
/// </summary>
public static class RecommendationTexts
{
    private const string Resource = "Empreinte.Recommendations.texts.csv";
    private static readonly Lazy<Dictionary<string, (string En, string Fr)>> s_texts = new(Load);

    public static IReadOnlyList<string> Languages { get; } = ["en", "fr"];

    public static IReadOnlyCollection<string> Keys => s_texts.Value.Keys;

    public static string Template(string key, string language)
    {
        if (!s_texts.Value.TryGetValue(key, out var texts)) throw new KeyNotFoundException($"recommendation text '{key}' is not in texts.csv");
        return language switch
        {
            "en" => texts.En,
            "fr" => texts.Fr,
            _ => throw new ArgumentException($"recommendation language must be 'en' or 'fr', not '{language}'.", nameof(language)),
        };
    }

    /// <summary>The key naming a WRI Aqueduct category (<c>water_stress.csv</c>) in texts.csv.</summary>
    public static string WaterStressKey(string category) => "water-stress-" + category.Replace(' ', '-');

    private static Dictionary<string, (string En, string Fr)> Load()
    {
        using var stream = typeof(RecommendationTexts).Assembly.GetManifestResourceStream(Resource)
            ?? throw new InvalidOperationException($"{Resource} is not embedded.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var header = FactorSetLoader.SplitCsvLine(reader.ReadLine() ?? "");
        if (!header.SequenceEqual(["key", "en", "fr"])) throw new InvalidDataException("texts.csv: the header must be key,en,fr.");
        var texts = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
        var number = 1;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (line.Length == 0) continue;
            var cells = FactorSetLoader.SplitCsvLine(line);
            if (cells.Count != 3 || cells.Any(string.IsNullOrWhiteSpace)) throw new InvalidDataException($"texts.csv: row {number} needs a key, an English and a French text.");
            if (!texts.TryAdd(cells[0], (cells[1], cells[2]))) throw new InvalidDataException($"texts.csv: row {number} repeats the key '{cells[0]}'.");
        }

        return texts;
    }
}

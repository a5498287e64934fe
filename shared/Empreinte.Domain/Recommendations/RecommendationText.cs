using System.Globalization;

namespace Empreinte.Domain.Recommendations;

/// <summary>A number inside a recommendation sentence, written with <paramref name="Format"/> and the reader's decimal separator.</summary>
public readonly record struct TextNumber(double Value, string Format = "G3");

/// <summary>
/// One sentence of a recommendation (its rationale or a trade-off): a key of
/// <c>Recommendations/Data/texts.csv</c> and the values it names. Each argument is text kept as
/// is (names, regions, models), a <see cref="TextNumber"/>, or another <see cref="RecommendationText"/>
/// rendered in the same language, so the words of every rule live in one data file in both languages.
/// </summary>
public sealed record RecommendationText(string Key, IReadOnlyList<object> Arguments)
{
    public static RecommendationText Of(string key, params object[] arguments) => new(key, arguments);

    /// <summary>The sentence in <paramref name="language"/> (<c>en</c> or <c>fr</c>).</summary>
    public string Render(string language)
    {
        var template = RecommendationTexts.Template(Key, language);
        var values = new object[Arguments.Count];
        for (var i = 0; i < values.Length; i++) values[i] = Format(Arguments[i], language);
        return string.Format(CultureInfo.InvariantCulture, template, values);
    }

    public override string ToString() => Render("en");

    private static string Format(object argument, string language) => argument switch
    {
        RecommendationText text => text.Render(language),
        TextNumber number => Number(number, language),
        double value => Number(new TextNumber(value), language),
        int value => value.ToString(CultureInfo.InvariantCulture),
        long value => value.ToString(CultureInfo.InvariantCulture),
        string value => value,
        _ => throw new ArgumentException($"recommendation text '{argument}' of type {argument.GetType().Name} cannot be rendered", nameof(argument)),
    };

    private static string Number(TextNumber number, string language)
    {
        var text = number.Value.ToString(number.Format, CultureInfo.InvariantCulture);
        return language == "fr" ? text.Replace('.', ',') : text;
    }
}

using System.Text;
using Empreinte.Domain.Factors;

namespace Empreinte.Domain.Recommendations;

/// <summary>A country's WRI Aqueduct baseline water stress category (ISO 3166 alpha-3).</summary>
public sealed record WaterStress(string Country, string Category, Provenance Provenance);

/// <summary>A smaller model of the same provider family: lines whose model resolves to <paramref name="FromPattern"/> can move to <paramref name="ToPattern"/>.</summary>
public sealed record ModelTier(string Family, string FromPattern, string ToPattern, Provenance Provenance);

/// <summary>
/// The data the recommendation rules read besides the factor set, embedded under
/// <c>Recommendations/Data</c> with the same provenance columns as the factor files
/// (<c>unit,source,licence,year</c> last).
/// </summary>
public sealed class RecommendationData
{
    private const string ResourcePrefix = "Empreinte.Recommendations.";
    private static readonly Lazy<RecommendationData> _embedded = new(() => new RecommendationData(
        Read("water_stress.csv", (r, p) => new WaterStress(r["country"], r["baseline_water_stress"], p)),
        Read("ai_model_tiers.csv", (r, p) => new ModelTier(r["family"], r["from_pattern"], r["to_pattern"], p))));

    private static readonly string[] s_provenanceColumns = ["unit", "source", "licence", "year"];
    private readonly Dictionary<string, WaterStress> _waterStress;

    public RecommendationData(IReadOnlyList<WaterStress> waterStress, IReadOnlyList<ModelTier> modelTiers)
    {
        _waterStress = waterStress.ToDictionary(w => w.Country, StringComparer.OrdinalIgnoreCase);
        ModelTiers = modelTiers;
    }

    public static RecommendationData Embedded => _embedded.Value;

    public IReadOnlyList<ModelTier> ModelTiers { get; }

    public IEnumerable<WaterStress> WaterStresses => _waterStress.Values;

    /// <summary>The country's category, or null when the shipped data does not rate it (shown as "not rated", never as low).</summary>
    public WaterStress? WaterStressOf(string? country) => country is null ? null : _waterStress.GetValueOrDefault(country);

    private static List<T> Read<T>(string file, Func<Dictionary<string, string>, Provenance, T> map)
    {
        using var stream = typeof(RecommendationData).Assembly.GetManifestResourceStream(ResourcePrefix + file)
            ?? throw new InvalidOperationException($"Recommendation data '{file}' is not embedded.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var header = FactorSetLoader.SplitCsvLine(reader.ReadLine() ?? throw new InvalidDataException($"{file}: empty."));
        var rows = new List<T>();
        var number = 1;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (line.Length == 0) continue;
            var cells = FactorSetLoader.SplitCsvLine(line);
            if (cells.Count != header.Count) throw new InvalidDataException($"{file}: row {number} has {cells.Count} cells, expected {header.Count}.");
            var row = header.Select((h, i) => (h, cells[i])).ToDictionary(p => p.h, p => p.Item2, StringComparer.Ordinal);
            if (s_provenanceColumns.Any(c => string.IsNullOrWhiteSpace(row[c])))
                throw new InvalidDataException($"{file}: row {number} lacks unit, source, licence or year.");
            rows.Add(map(row, new Provenance(row["unit"], row["source"], row["licence"], int.Parse(row["year"], System.Globalization.CultureInfo.InvariantCulture))));
        }

        return rows;
    }
}

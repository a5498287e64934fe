using System.Globalization;
using System.Reflection;
using System.Text;

namespace Empreinte.Domain.Factors;

/// <summary>
/// Reads the factor CSV files embedded under <c>Factors/Data</c>. Each file has a header; the last
/// four columns of every file are <c>unit,source,licence,year</c>, and a row missing any of them
/// fails the load, so no value can ship without provenance.
/// </summary>
public static class FactorSetLoader
{
    private const string ResourcePrefix = "Empreinte.Factors.";

    public static FactorSet LoadEmbedded(string version) => Load(version, name =>
    {
        var stream = typeof(FactorSetLoader).Assembly.GetManifestResourceStream(ResourcePrefix + name)
            ?? throw new InvalidOperationException($"Factor file '{name}' is not embedded in {typeof(FactorSetLoader).Assembly.GetName().Name}.");
        return new StreamReader(stream, Encoding.UTF8);
    });

    /// <summary>Names of the embedded factor files, for tests that check every row's provenance.</summary>
    public static IReadOnlyList<string> EmbeddedFileNames() => typeof(FactorSetLoader).Assembly
        .GetManifestResourceNames()
        .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal))
        .Select(n => n[ResourcePrefix.Length..])
        .ToList();

    public static FactorSet Load(string version, Func<string, TextReader> open) => new(
        version,
        Read(open, "constants.csv", r => new Factor(r["name"], r.Range("low", "central", "high"), r.Provenance)),
        Read(open, "cpu_microarchitectures.csv", r => new CpuPower(r["microarchitecture"], r.Number("min_watts_per_vcpu"), r.Number("max_watts_per_vcpu"), r.Boolean("in_ccf"), r.OptionalNumber("ccf_gb_per_chip"), r.Provenance)),
        Read(open, "machine_types.csv", r => new MachineType(
            r["provider"], r["instance_type"], (int)r.Number("vcpus"), r.Number("memory_gb"),
            (r.Optional("microarchitectures") ?? "").Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            r.Optional("gpu_model"), (int)(r.OptionalNumber("gpu_count") ?? 0), (int)r.Number("host_vcpus"), r.Number("host_memory_gb"),
            r.OptionalNumber("host_embodied_kgco2e"), r.Provenance,
            r.OptionalNumber("local_storage_gb"), r.Optional("local_storage_media"), (int?)r.OptionalNumber("host_sockets"), r.Optional("physical_processor"))),
        Read(open, "gpus.csv", r => new GpuSpec(r["gpu_model"], r.Number("idle_watts"), r.Number("max_watts"),
            r.Number("embodied_kgco2e"), r.Number("adpe_kgsbeq"), r.Number("mass_kg"), r.Boolean("in_ccf"), r.Provenance)),
        Read(open, "regions.csv", r => new RegionLocation(r["provider"], r["region"], r["country"], r["grid_zone"], r.Provenance)),
        Read(open, "datacenters.csv", r => new DatacenterEfficiency(r["provider"],
            r.Range("pue_low", "pue_central", "pue_high"), r.Range("wue_low", "wue_central", "wue_high"), r.Provenance)),
        Read(open, "grid_intensity.csv", r => new ZoneFactor(r["zone"], r.Range("low", "central", "high"), r.Provenance)),
        Read(open, "electricity_water.csv", r => new ZoneFactor(r["country"], r.Range("low", "central", "high"), r.Provenance)),
        Read(open, "llm_models.csv", r => new LlmModel(r["pattern"], r["developer"],
            r["architecture"].Equals("moe", StringComparison.OrdinalIgnoreCase),
            r.Number("total_params_low"), r.Number("total_params_high"), r.Number("active_params_low"), r.Number("active_params_high"), r.Provenance)),
        Read(open, "ai_providers.csv", r => new AiDatacenter(r["ai_provider"], r["grid_zone"], r["country"],
            r.Range("pue_low", "pue_central", "pue_high"), r.Range("wue_low", "wue_central", "wue_high"), r.Provenance, r.Optional("serving_provider"))),
        Read(open, "market.csv", r => new MarketFactor(r["provider"], r["region"], r.Range("matched_low", "matched_central", "matched_high"), r.Provenance)),
        Read(open, "components.csv", r => new Factor(r["name"], r.Range("low", "central", "high"), r.Provenance)),
        Read(open, "cpu_dies.csv", r => new CpuDie(r["microarchitecture"], r.Range("die_cm2_low", "die_cm2_central", "die_cm2_high"), (int)r.Number("typical_sockets"), r.Provenance)));

    private static List<T> Read<T>(Func<string, TextReader> open, string file, Func<FactorRow, T> map)
    {
        using var reader = open(file);
        var header = SplitCsvLine(reader.ReadLine() ?? throw new InvalidDataException($"{file}: empty factor file."));
        var columns = header.Select((name, index) => (name, index)).ToDictionary(c => c.name, c => c.index, StringComparer.OrdinalIgnoreCase);
        var rows = new List<T>();
        var lineNumber = 1;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var row = new FactorRow(file, lineNumber, columns, SplitCsvLine(line));
            rows.Add(map(row));
        }

        return rows;
    }

    /// <summary>RFC 4180 field split of one line of our own small data files (quoted fields may hold commas and doubled quotes).</summary>
    public static List<string> SplitCsvLine(string line)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { fields.Add(field.ToString()); field.Clear(); }
            else field.Append(c);
        }

        fields.Add(field.ToString());
        return fields;
    }

    private sealed class FactorRow(string file, int line, Dictionary<string, int> columns, List<string> cells)
    {
        public string this[string column] => Optional(column)
            ?? throw new InvalidDataException($"{file}, line {line}: column '{column}' is empty.");

        public string? Optional(string column)
        {
            if (!columns.TryGetValue(column, out var index))
                throw new InvalidDataException($"{file}: no column '{column}'.");
            var value = index < cells.Count ? cells[index].Trim() : "";
            return value.Length == 0 ? null : value;
        }

        public double Number(string column) => double.TryParse(this[column], NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new InvalidDataException($"{file}, line {line}: column '{column}' is not a number: '{this[column]}'.");

        public bool Boolean(string column) => bool.TryParse(this[column], out var value)
            ? value
            : throw new InvalidDataException($"{file}, line {line}: column '{column}' is not true/false: '{this[column]}'.");

        public double? OptionalNumber(string column) => Optional(column) is null ? null : Number(column);

        public Uncertain Range(string low, string central, string high)
        {
            var c = Number(central);
            return Uncertain.Of(OptionalNumber(low) ?? c, c, OptionalNumber(high) ?? c);
        }

        public Provenance Provenance => new(this["unit"], this["source"], this["licence"], (int)Number("year"));
    }
}

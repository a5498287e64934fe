using System.Globalization;
using System.Text;
using Empreinte.Domain.Factors;

namespace Empreinte.Domain.Calculators.Ccf;

/// <summary>One instance type as Cloud Carbon Footprint's tables hold it (fields CCF leaves empty are null).</summary>
/// <param name="FamilyLargestVCpus">vCPUs of the last size CCF lists for the family (Azure: series), its stand-in for the host.</param>
/// <param name="BurstableBaselinePercent">AWS burstable (t2/t3…) baseline CPU, %; null for other types.</param>
internal sealed record CcfInstance(
    string Type,
    string Family,
    double? VCpus,
    double? MemoryGb,
    double? EmbodiedKgCo2e,
    double? FamilyLargestVCpus,
    double? FamilyLargestMemoryGb,
    string[] Processors,
    double? Gpus,
    string[] GpuProcessors,
    double? BurstableBaselinePercent,
    string Table);

/// <summary>
/// Cloud Carbon Footprint's own tables (ccf_*.csv, extracted from CCF's pinned npm packages by
/// tests/ccf-harness/ccf.js): instance types, per-processor watts and memory, grid factors,
/// constants and usage-type lists. Keyed by provider as Empreinte names it.
/// </summary>
internal sealed class CcfTables
{
    public static CcfTables Embedded { get; } = LoadEmbedded();

    private readonly Dictionary<(string, string), CcfInstance> _instances = [];
    private readonly Dictionary<(string, string), (double? Min, double? Max, double? GbPerChip)> _processors = [];
    private readonly Dictionary<(string, string), double> _grid = [];
    private readonly Dictionary<(string, string), double> _constants = [];
    private readonly Dictionary<(string, string), List<(string Value, double? Amount)>> _lists = [];

    public CcfInstance? Instance(string provider, string type) => _instances.GetValueOrDefault((provider, type));

    public (double? Min, double? Max, double? GbPerChip) Processor(string provider, string name) =>
        _processors.GetValueOrDefault((provider, name));

    /// <summary>gCO2e/kWh of a region in CCF's table; null when CCF does not list it (CCF then uses its "Unknown" row).</summary>
    public double? Grid(string provider, string region) => _grid.TryGetValue((provider, region), out var value) ? value : null;

    public double? OptionalConstant(string provider, string name) => _constants.TryGetValue((provider, name), out var value) ? value : null;

    public double Constant(string provider, string name) => _constants.TryGetValue((provider, name), out var value)
        ? value
        : throw new KeyNotFoundException($"ccf_constants.csv has no '{name}' for {provider}.");

    public IReadOnlyList<(string Value, double? Amount)> List(string provider, string name) =>
        _lists.TryGetValue((provider, name), out var list) ? list : [];

    private static CcfTables LoadEmbedded()
    {
        var tables = new CcfTables();
        foreach (var row in Rows("ccf_instances.csv"))
        {
            var provider = Provider(row["provider"]);
            // Untrimmed: CCF's table has keys with a trailing tab ("d3.xlarge\t"), which a usage type then does not match.
            var type = row.Raw["instance_type"];
            tables._instances[(provider, type)] = new CcfInstance(
                type, row["family"], Number(row["vcpus"]), Number(row["memory_gb"]), Number(row["embodied_tco2e"]) * 1000,
                Number(row["family_largest_vcpus"]), Number(row["family_largest_memory_gb"]),
                Names(row["processors"]), Number(row["gpus"]), Names(row["gpu_processors"]), Number(row["burstable_baseline_percent"]), row["table"]);
        }

        foreach (var row in Rows("ccf_processors.csv"))
            tables._processors[(Provider(row["provider"]), row["processor"])] = (Number(row["min_watts_per_vcpu"]), Number(row["max_watts_per_vcpu"]), Number(row["gb_per_chip"]));
        // Region names compared without case: exports and CCF spell Azure regions differently ("EastUS", "eastus").
        foreach (var row in Rows("ccf_grid_packages.csv"))
            tables._grid[(Provider(row["provider"]), row["region"].ToLowerInvariant())] = Number(row["gco2e_per_kwh"])!.Value;
        // Google Cloud: transcribed from CCF's source (no @cloud-carbon-footprint/gcp on the npm registry this harness uses).
        foreach (var row in Rows("ccf_gcp.csv"))
        {
            var value = Number(row["value"])!.Value;
            if (row["kind"] == "grid") tables._grid[(Usage.Providers.Gcp, row["region"].ToLowerInvariant())] = value;
            else tables._constants[(Usage.Providers.Gcp, row["region"] == "Average" ? "pue" : "pue-" + row["region"])] = value;
        }

        foreach (var row in Rows("ccf_constants.csv"))
            tables._constants[(Provider(row["provider"]), row["name"])] = Number(row["value"])!.Value;
        foreach (var row in Rows("ccf_usage_types.csv"))
        {
            var key = (Provider(row["provider"]), row["list"]);
            if (!tables._lists.TryGetValue(key, out var list)) tables._lists[key] = list = [];
            list.Add((row["value"], Number(row["amount"])));
        }

        return tables;
    }

    private static string Provider(string name) => name switch
    {
        "AWS" => Usage.Providers.Aws,
        "Azure" => Usage.Providers.Azure,
        _ => name,
    };

    private static string[] Names(string cell) => cell.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static double? Number(string cell) =>
        cell.Length == 0 ? null : double.Parse(cell, NumberStyles.Float, CultureInfo.InvariantCulture);

    private static IEnumerable<Row> Rows(string file)
    {
        using var stream = typeof(CcfTables).Assembly.GetManifestResourceStream("Empreinte.Factors." + file)
            ?? throw new InvalidOperationException($"Factor file '{file}' is not embedded.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var header = FactorSetLoader.SplitCsvLine(reader.ReadLine() ?? throw new InvalidDataException($"{file}: empty factor file."));
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0) continue;
            var cells = FactorSetLoader.SplitCsvLine(line);
            var row = new Row(header.Count);
            for (var i = 0; i < header.Count; i++)
            {
                var cell = i < cells.Count ? cells[i] : "";
                row.Raw[header[i]] = cell;
                row[header[i]] = cell.Trim();
            }

            yield return row;
        }
    }

    /// <summary>A CSV row by column name, trimmed; <see cref="Raw"/> keeps the cells as written.</summary>
    private sealed class Row(int capacity) : Dictionary<string, string>(capacity)
    {
        public Dictionary<string, string> Raw { get; } = new(capacity);
    }
}

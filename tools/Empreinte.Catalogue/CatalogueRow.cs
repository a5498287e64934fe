using System.Globalization;

namespace Empreinte.Catalogue;

/// <summary>One row of machine_types.csv, in the loader's column order (FactorSetLoader).</summary>
internal sealed record CatalogueRow(
    string Provider,
    string InstanceType,
    int VCpus,
    double MemoryGb,
    IReadOnlyList<string> Microarchitectures,
    string? GpuModel,
    int GpuCount,
    int HostVCpus,
    double HostMemoryGb,
    double? HostEmbodiedKgCo2e,
    double? LocalStorageGb,
    string? LocalStorageMedia,
    int? HostSockets,
    string? PhysicalProcessor,
    string Unit,
    string Source,
    string Licence,
    int Year)
{
    public const string Header = "provider,instance_type,vcpus,memory_gb,microarchitectures,gpu_model,gpu_count,host_vcpus,host_memory_gb,host_embodied_kgco2e,local_storage_gb,local_storage_media,host_sockets,physical_processor,unit,source,licence,year";

    public string ToCsv() => string.Join(',',
        Field(Provider), Field(InstanceType), Number(VCpus), Number(MemoryGb), Field(string.Join('|', Microarchitectures)),
        Field(GpuModel), GpuCount == 0 ? "" : Number(GpuCount), Number(HostVCpus), Number(HostMemoryGb), Number(HostEmbodiedKgCo2e),
        Number(LocalStorageGb), Field(LocalStorageMedia), Number(HostSockets), Field(PhysicalProcessor),
        Field(Unit), Field(Source), Field(Licence), Number(Year));

    private static string Number(double? value) => value is { } v ? Math.Round(v, 4).ToString("0.####", CultureInfo.InvariantCulture) : "";

    private static string Field(string? value)
    {
        if (string.IsNullOrEmpty(value)) return "";
        return value.IndexOfAny([',', '"', '\n']) < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    /// <summary>RFC 4180 split of one line, as the factor loader reads the catalogue.</summary>
    public static List<string> Split(string line) => Empreinte.Domain.Factors.FactorSetLoader.SplitCsvLine(line);

    /// <summary>Reads a CSV with a header into dictionaries keyed by column name.</summary>
    public static List<Dictionary<string, string>> ReadCsv(string text)
    {
        var lines = text.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).ToList();
        var header = Split(lines[0]);
        return [.. lines.Skip(1).Select(l =>
        {
            var cells = Split(l);
            return header.Select((h, i) => (h, v: i < cells.Count ? cells[i].Trim() : "")).ToDictionary(x => x.h, x => x.v, StringComparer.Ordinal);
        })];
    }
}

using System.Globalization;
using System.Text;
using Empreinte.Domain.Classification;
using Empreinte.Domain.Factors;
using Empreinte.Domain.Usage;

namespace Empreinte.Catalogue;

/// <summary>
/// Merges the curated rows with every machine type of CCF's tables (Apache-2.0: vCPUs, memory, processor, GPUs,
/// per-host embodied emissions) and of Boavizta's cloud archetypes (facts from AGPL-3.0 data: vCPUs, memory, local
/// storage, GPUs, and the host platform's CPU model and socket count), and, when given, every Google Cloud machine type
/// the Compute Engine API lists (vCPUs, memory; as exported to <c>tools/machinetypes.csv</c> by Cyclenerd's
/// google-cloud-pricing-cost-calculator, Apache-2.0). A type several list takes CCF's vCPUs and memory, then Boavizta's,
/// then the API's, and Boavizta's hardware details. What none states comes from <see cref="MachineNameGrammar"/>, said in
/// the row's source.
/// </summary>
internal static class CatalogueBuilder
{
    public sealed record ProviderCounts(int Total, int Curated, int Added, int CcfListed, int CcfKnown);

    public sealed record Result(string MachineTypesCsv, string CcfNamesCsv, IReadOnlyDictionary<string, ProviderCounts> Counts);

    /// <summary>A machine as the sources describe it, before its host and provenance are settled.</summary>
    private sealed class Candidate(string provider, string name)
    {
        public string Provider { get; } = provider;
        public string Name { get; } = name;
        public string? Group { get; set; }
        public int? VCpus { get; set; }
        public double? MemoryGb { get; set; }
        public List<string> Microarchitectures { get; set; } = [];
        public string? MicroarchitectureSource { get; set; }
        public string? CpuName { get; set; }
        public string? GpuModel { get; set; }
        public int GpuCount { get; set; }
        public string? UnmodelledAccelerator { get; set; }
        public double? EmbodiedTonnes { get; set; }
        public int? HostVCpusHint { get; set; }
        public double? SsdGb { get; set; }
        public double? HddGb { get; set; }
        public int? Sockets { get; set; }
        public SortedSet<string> Sources { get; } = new(StringComparer.Ordinal);
        public List<string> Estimated { get; } = [];
    }

    public static Result Build(string curatedCsv, SourceTree ccf, SourceTree boavizta, SourceTree? gcpMachineTypes = null)
    {
        var curatedLines = curatedCsv.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).ToList();
        if (curatedLines[0] != CatalogueRow.Header) throw new InvalidDataException("curated_machine_types.csv: header differs from the loader's columns");
        var curated = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in curatedLines.Skip(1))
        {
            var cells = CatalogueRow.Split(line);
            curated[Key(cells[0], cells[1])] = cells[0];
        }

        var candidates = new Dictionary<string, Candidate>(StringComparer.Ordinal);
        Candidate At(string provider, string name)
        {
            var key = Key(provider, name);
            if (!candidates.TryGetValue(key, out var c)) candidates[key] = c = new Candidate(provider, name);
            return c;
        }

        var ccfNames = new List<(string Provider, string Name)>();
        AddCcf(ccf, At, ccfNames);
        AddBoavizta(boavizta, At);
        if (gcpMachineTypes is not null) AddGcpMachineTypes(gcpMachineTypes, At);

        // CCF's processor and GPU maps also name types its size tables do not list (Redshift ra3.xlplus): those are no machines.
        var rows = candidates.Where(c => !curated.ContainsKey(c.Key) && c.Value.VCpus is not null).Select(c => Complete(c.Value, ccf, boavizta, gcpMachineTypes)).ToList();
        rows = [.. Hosts(rows)
            .OrderBy(r => r.Provider, StringComparer.Ordinal)
            .ThenBy(r => Family(r.Provider, r.InstanceType), StringComparer.Ordinal)
            .ThenBy(r => r.VCpus)
            .ThenBy(r => r.InstanceType, StringComparer.Ordinal)];

        var csv = new StringBuilder();
        foreach (var line in curatedLines) csv.Append(line).Append('\n');
        foreach (var row in rows) csv.Append(row.ToCsv()).Append('\n');

        var known = curated.Keys.Concat(rows.Select(r => Key(r.Provider, r.InstanceType))).ToHashSet(StringComparer.Ordinal);
        var counts = new Dictionary<string, ProviderCounts>(StringComparer.Ordinal);
        foreach (var provider in new[] { Providers.Aws, Providers.Azure, Providers.Gcp, Providers.Oci })
        {
            var listed = ccfNames.Where(n => n.Provider == provider).Select(n => Key(n.Provider, n.Name)).Distinct(StringComparer.Ordinal).ToList();
            var curatedCount = curated.Values.Count(p => p == provider);
            var added = rows.Count(r => r.Provider == provider);
            counts[provider] = new ProviderCounts(curatedCount + added, curatedCount, added, listed.Count, listed.Count(known.Contains));
        }

        var names = new StringBuilder("provider,instance_type,ccf_table\n");
        foreach (var (provider, name) in ccfNames.Distinct()) names.Append(provider).Append(',').Append(name).Append(",CCF ").Append(ccf.ShortCommit).Append('\n');
        return new Result(csv.ToString(), names.ToString(), counts);
    }

    private static string Key(string provider, string name) => provider + "|" + FactorSet.NormaliseMachineName(name).ToLowerInvariant();

    private static void AddCcf(SourceTree ccf, Func<string, string, Candidate> at, List<(string, string)> listed)
    {
        var processors = new CcfTables.ProcessorNames(ccf.Read("packages/core/src/compute/ComputeProcessorTypes.ts"));
        var aws = CcfTables.Parse(ccf.Read("packages/aws/src/lib/AWSInstanceTypes.ts"));
        var azure = CcfTables.Parse(ccf.Read("packages/azure/src/lib/VirtualMachineTypes.ts"));
        var gcp = CcfTables.Parse(ccf.Read("packages/gcp/src/lib/MachineTypes.ts"));
        var tag = $"CCF {ccf.ShortCommit}";

        foreach (var e in aws.Where(e => e.Table is "EC2_INSTANCE_TYPES" or "INSTANCE_FAMILY_TO_INSTANCE_TYPE_MAPPING" && e.Group is not null))
        {
            var name = $"{e.Group}.{e.Key}";
            var n = CcfTables.Numbers(e.Value);
            listed.Add((Providers.Aws, name));
            var c = at(Providers.Aws, name);
            c.VCpus = (int)n[0];
            c.MemoryGb = n[1];
            if (n.Length > 2) c.EmbodiedTonnes = n[2];
            c.Group ??= e.Group;
            c.Sources.Add($"{tag} packages/aws/src/lib/AWSInstanceTypes.ts {e.Table} (vCPU, memory GiB{(n.Length > 2 ? ", host embodied t" : "")})");
        }

        ApplyCcfProcessorsAndGpus(aws, Providers.Aws, "INSTANCE_TYPE_COMPUTE_PROCESSOR_MAPPING", "GPU_INSTANCES_TYPES", "INSTANCE_TYPE_GPU_PROCESSOR_MAPPING", processors, at, tag);

        foreach (var e in azure.Where(e => e.Table == "VIRTUAL_MACHINE_TYPE_SERIES_MAPPING" && e.Group is not null))
        {
            var n = CcfTables.Numbers(e.Value);
            listed.Add((Providers.Azure, e.Key));
            var c = at(Providers.Azure, e.Key);
            c.VCpus = (int)n[0];
            c.MemoryGb = n[1];
            if (n.Length > 2) c.EmbodiedTonnes = n[2];
            c.Group ??= e.Group;
            c.Sources.Add($"{tag} packages/azure/src/lib/VirtualMachineTypes.ts VIRTUAL_MACHINE_TYPE_SERIES_MAPPING (vCPU, memory GiB{(n.Length > 2 ? ", host embodied t" : "")})");
        }

        foreach (var e in azure.Where(e => e.Table == "VIRTUAL_MACHINE_TYPE_CONSTRAINED_VCPU_CAPABLE_MAPPING"))
        {
            var n = CcfTables.Numbers(e.Value);
            listed.Add((Providers.Azure, e.Key));
            var c = at(Providers.Azure, e.Key);
            c.VCpus = (int)n[0];
            c.MemoryGb = n[1];
            c.HostVCpusHint = (int)n[2];
            if (n.Length > 3) c.EmbodiedTonnes = n[3];
            c.Sources.Add($"{tag} packages/azure/src/lib/VirtualMachineTypes.ts VIRTUAL_MACHINE_TYPE_CONSTRAINED_VCPU_CAPABLE_MAPPING (active vCPU, memory GiB, platform vCPU, host embodied t)");
        }

        ApplyCcfProcessorsAndGpus(azure, Providers.Azure, "INSTANCE_TYPE_COMPUTE_PROCESSOR_MAPPING", "GPU_VIRTUAL_MACHINE_TYPES", "GPU_VIRTUAL_MACHINE_TYPE_PROCESSOR_MAPPING", processors, at, tag);

        var gcpSeries = gcp.Where(e => e.Table == "INSTANCE_TYPE_COMPUTE_PROCESSOR_MAPPING").ToDictionary(e => e.Key, e => processors.Resolve(e.Value), StringComparer.Ordinal);
        foreach (var e in gcp.Where(e => e.Table is "MACHINE_FAMILY_TO_MACHINE_TYPE_MAPPING" or "MACHINE_FAMILY_SHARED_CORE_TO_MACHINE_TYPE_MAPPING" or "N1_SHARED_CORE_MACHINE_FAMILY_TO_MACHINE_TYPE_MAPPING"))
        {
            var n = CcfTables.Numbers(e.Value);
            listed.Add((Providers.Gcp, e.Key));
            var c = at(Providers.Gcp, e.Key);
            c.VCpus = (int)n[0];
            if (n.Length > 1) c.EmbodiedTonnes = n[1];
            c.Group ??= e.Group;
            c.Sources.Add($"{tag} packages/gcp/src/lib/MachineTypes.ts {e.Table} (vCPU, host embodied t)");
            var series = e.Key.Split('-')[0];
            if (c.Microarchitectures.Count == 0 && gcpSeries.TryGetValue(series, out var ccfNames))
                SetMicroarchitectures(c, ccfNames.Select(ProcessorNames.FromCcf), $"{tag} gcp INSTANCE_TYPE_COMPUTE_PROCESSOR_MAPPING");
        }
    }

    private static void ApplyCcfProcessorsAndGpus(List<CcfTables.Entry> entries, string provider, string cpuTable, string gpuCountTable, string gpuModelTable,
        CcfTables.ProcessorNames processors, Func<string, string, Candidate> at, string tag)
    {
        foreach (var e in entries.Where(e => e.Table == cpuTable && e.Group is null))
            SetMicroarchitectures(at(provider, e.Key), processors.Resolve(e.Value).Select(ProcessorNames.FromCcf), $"{tag} {cpuTable}");
        foreach (var e in entries.Where(e => e.Table == gpuCountTable))
        {
            var c = at(provider, e.Key);
            c.GpuCount = (int)CcfTables.Numbers(e.Value)[0];
        }

        foreach (var e in entries.Where(e => e.Table == gpuModelTable))
        {
            var c = at(provider, e.Key);
            var name = processors.Resolve(e.Value).FirstOrDefault();
            c.GpuModel = ProcessorNames.Gpu(name);
            if (c.GpuModel is null) c.UnmodelledAccelerator = name;
            c.Sources.Add($"{tag} {gpuCountTable} / {gpuModelTable} (GPU count, model)");
        }
    }

    private static void SetMicroarchitectures(Candidate c, IEnumerable<string?> names, string source)
    {
        var known = names.OfType<string>().Distinct().ToList();
        if (known.Count == 0 || c.Microarchitectures.Count > 0) return;
        c.Microarchitectures = known;
        c.MicroarchitectureSource = source;
    }

    private static void AddBoavizta(SourceTree boavizta, Func<string, string, Candidate> at)
    {
        var servers = CatalogueRow.ReadCsv(boavizta.Read("boaviztapi/data/archetypes/server.csv")).ToDictionary(s => s["id"], StringComparer.Ordinal);
        var tag = $"Boavizta {boavizta.ShortCommit}";
        foreach (var (provider, file) in new[] { (Providers.Aws, "aws"), (Providers.Azure, "azure"), (Providers.Gcp, "gcp") })
        {
            var path = $"boaviztapi/data/archetypes/cloud/{file}.csv";
            foreach (var row in CatalogueRow.ReadCsv(boavizta.Read(path)))
            {
                var name = provider == Providers.Azure ? AzureName(row["id"]) : row["id"];
                var c = at(provider, name);
                c.VCpus ??= (int)Number(row["vcpu"])!.Value;
                c.MemoryGb ??= Number(row["memory"]);
                c.Group = row["platform"].Length > 0 ? row["platform"] : c.Group;
                if (Number(row["ssd_storage"]) is > 0 and var ssd) c.SsdGb = ssd;
                if (Number(row["hdd_storage"]) is > 0 and var hdd) c.HddGb = hdd;
                var gpus = (int)(Number(row["gpu_units"]) ?? 0);
                var detail = "vCPU, memory, local storage";
                if (servers.TryGetValue(row["platform"], out var server))
                {
                    c.CpuName = server["CPU.name"].Length > 0 ? server["CPU.name"] : c.CpuName;
                    if (Number(server["CPU.units"]) is > 0 and var sockets) c.Sockets = (int)sockets;
                    if (ProcessorNames.Microarchitecture(c.CpuName) is { } micro)
                    {
                        // The platform's CPU model is the most specific statement any source makes: it replaces CCF's sets.
                        c.Microarchitectures = [micro];
                        c.MicroarchitectureSource = $"{tag} archetypes/server.csv {row["platform"]} CPU {c.CpuName}";
                    }

                    if (gpus > 0 && ProcessorNames.Gpu(server["GPU.name"]) is { } model && c.GpuModel is null)
                    {
                        c.GpuModel = model;
                        c.GpuCount = gpus;
                    }
                    else if (gpus > 0 && c.GpuModel is null && server["GPU.name"].Length > 0)
                    {
                        c.UnmodelledAccelerator = server["GPU.name"];
                    }

                    detail += ", platform CPU model and sockets";
                }

                c.Sources.Add($"{tag} {path} ({detail})");
            }
        }
    }

    /// <summary>
    /// Google Cloud machine types as the Compute Engine API lists them (<c>NAME;CPUS;SHARED_CPU;MEMORY_GB;DEPRECATED;ZONE</c>),
    /// deprecated and obsolete ones included because old bills name them. The processor comes from the series (Google's CPU
    /// platforms, <see cref="GcpMachineTypeGrammar.Microarchitectures"/>); GPUs of the a2, a3 and g2 series from the name.
    /// </summary>
    private static void AddGcpMachineTypes(SourceTree source, Func<string, string, Candidate> at)
    {
        const string path = "tools/machinetypes.csv";
        var tag = $"Google Compute Engine API via Cyclenerd/google-cloud-pricing-cost-calculator {source.ShortCommit} {path}";
        var lines = source.Read(path).Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).ToList();
        if (lines[0] != "NAME;CPUS;SHARED_CPU;MEMORY_GB;DEPRECATED;ZONE") throw new InvalidDataException($"{path}: unexpected header '{lines[0]}'");
        foreach (var cells in lines.Skip(1).Select(l => l.Split(';')))
        {
            var name = cells[0].Trim();
            var c = at(Providers.Gcp, name);
            c.VCpus ??= (int)Number(cells[1])!.Value;
            c.MemoryGb ??= Number(cells[3]);
            c.Sources.Add($"{tag} (vCPU, memory GB)");
            var series = name.Split('-')[0];
            if (c.Microarchitectures.Count == 0)
                SetMicroarchitectures(c, GcpMachineTypeGrammar.Microarchitectures(series), $"processor generation from the {series} series (Google CPU platforms, Empreinte GcpMachineTypeGrammar)");
            if (c.GpuModel is null && GcpMachineTypeGrammar.Infer(name) is { GpuModel: { } gpu, GpuCount: > 0 and var count })
            {
                c.GpuModel = gpu;
                c.GpuCount = count;
                c.Estimated.Add("GPU model and count from the naming grammar (Empreinte)");
            }
            else if (c.GpuModel is null && c.UnmodelledAccelerator is null && series is "a4" or "a4x" or "g4")
            {
                c.UnmodelledAccelerator = $"{series} series GPUs";
            }
        }
    }

    /// <summary>Boavizta's Azure ids (<c>standard_nc24ads_a100_v4</c>, <c>e8-4ds_v5</c>) spelt as the catalogue keys them (<c>NC24ads A100 v4</c>).</summary>
    private static string AzureName(string id)
    {
        var parts = id.Trim().Split('_', StringSplitOptions.RemoveEmptyEntries).ToList();
        if (parts[0].Equals("standard", StringComparison.OrdinalIgnoreCase)) parts.RemoveAt(0);
        var first = parts[0];
        var digit = first.AsSpan().IndexOfAnyInRange('0', '9');
        var size = digit < 0 ? first.ToUpperInvariant() : first[..digit].ToUpperInvariant() + first[digit..].ToLowerInvariant();
        var rest = parts.Skip(1).Select(p => p.StartsWith('v') && p.Skip(1).All(char.IsDigit) ? p.ToLowerInvariant() : p.ToUpperInvariant());
        return string.Join(' ', new[] { size }.Concat(rest));
    }

    private static double? Number(string cell) =>
        double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : null;

    /// <summary>Fills what no source states from the naming grammar, and writes the row's provenance.</summary>
    private static CatalogueRow Complete(Candidate c, SourceTree ccf, SourceTree boavizta, SourceTree? gcpMachineTypes)
    {
        var inferred = MachineNameGrammar.Infer(c.Provider, c.Name);
        var vcpus = c.VCpus!.Value;
        if (c.MemoryGb is null)
        {
            c.MemoryGb = inferred is null ? vcpus * 4.0 : inferred.MemoryGb / inferred.VCpus * vcpus;
            c.Estimated.Add("memory estimated from the naming grammar (Empreinte)");
        }

        if (c.Microarchitectures.Count == 0 && inferred is { Microarchitectures.Count: > 0 })
        {
            c.Microarchitectures = [.. inferred.Microarchitectures];
            c.Estimated.Add("processor generation from the naming grammar (Empreinte)");
        }

        if (c.GpuCount > 0 && c.GpuModel is null && inferred?.GpuModel is { } gpu && c.UnmodelledAccelerator is null)
        {
            c.GpuModel = gpu;
            c.Estimated.Add("GPU model from the naming grammar (Empreinte)");
        }

        if (c.GpuModel is not null && c.GpuCount == 0) c.GpuCount = inferred?.GpuCount is > 0 and var n ? n : 1;
        if (c.GpuModel is null) c.GpuCount = 0;
        if (c.UnmodelledAccelerator is not null) c.Estimated.Add($"accelerator '{c.UnmodelledAccelerator.Trim()}' not modelled (no power or embodied data)");
        if (c.MicroarchitectureSource is not null) c.Sources.Add(c.MicroarchitectureSource);

        var source = string.Join("; ", c.Sources.Concat(c.Estimated)) + "; host = largest size of the same platform or family in this catalogue";
        var fromCcf = c.Sources.Any(s => s.StartsWith("CCF", StringComparison.Ordinal));
        var fromBoavizta = c.Sources.Any(s => s.StartsWith("Boavizta", StringComparison.Ordinal));
        var fromGcpApi = c.Sources.Any(s => s.StartsWith("Google Compute Engine API", StringComparison.Ordinal));
        var licences = new List<string>();
        if (fromCcf) licences.Add("Apache-2.0 (CCF)");
        if (fromBoavizta) licences.Add("facts from AGPL-3.0 data (Boavizta)");
        if (fromGcpApi) licences.Add("Apache-2.0 (google-cloud-pricing-cost-calculator; facts from the Compute Engine API)");
        var licence = string.Join(" / ", licences);
        var date = fromBoavizta ? boavizta.Date : fromCcf ? ccf.Date : gcpMachineTypes!.Date;
        var year = int.Parse(date[..4], CultureInfo.InvariantCulture);
        var unit = c.EmbodiedTonnes is null ? "vCPU; GiB; GB" : "vCPU; GiB; GB; kgCO2e";
        var local = c.SsdGb ?? c.HddGb;
        return new CatalogueRow(c.Provider, c.Name, vcpus, c.MemoryGb.Value, c.Microarchitectures, c.GpuModel, c.GpuCount,
            Math.Max(vcpus, c.HostVCpusHint ?? 0), c.MemoryGb.Value, c.EmbodiedTonnes * 1000, local, local is null ? null : c.SsdGb is not null ? "ssd" : "hdd",
            c.Sockets, c.CpuName, unit, source, licence, year);
    }

    /// <summary>Host = the largest size sharing the platform or family: its vCPUs and memory.</summary>
    private static IEnumerable<CatalogueRow> Hosts(List<CatalogueRow> rows)
    {
        foreach (var group in rows.GroupBy(r => r.Provider + "|" + Family(r.Provider, r.InstanceType), StringComparer.Ordinal))
        {
            var hostVCpus = group.Max(r => r.HostVCpus);
            var hostMemory = group.Max(r => r.MemoryGb);
            foreach (var row in group) yield return row with { HostVCpus = Math.Max(hostVCpus, row.VCpus), HostMemoryGb = Math.Max(hostMemory, row.MemoryGb) };
        }
    }

    /// <summary>The family a host is shared within: EC2 <c>m5d</c>, Azure <c>Dads v5</c> (letters and version), GCP <c>n2-standard</c>.</summary>
    internal static string Family(string provider, string name)
    {
        switch (provider)
        {
            case Providers.Aws:
                return name.Split('.')[0];
            case Providers.Azure when AzureVmSizeGrammar.Parse(name) is { } p:
                return $"{p.Family}{p.Features}{(p.Accelerator is null ? "" : " " + p.Accelerator)} v{p.Version}";
            case Providers.Gcp:
                var parts = name.Split('-');
                return parts.Length >= 2 ? parts[0] + "-" + parts[1] : name;
            default:
                return name;
        }
    }
}

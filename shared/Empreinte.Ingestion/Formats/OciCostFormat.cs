using Empreinte.Domain.Usage;

namespace Empreinte.Ingestion.Formats;

/// <summary>
/// Oracle Cloud native cost report CSV (billing-formats.md §5). Units come as
/// <c>cost/billingUnitReadable</c>: "&lt;block&gt; &lt;size&gt; &lt;time&gt; &lt;metric&gt;", e.g.
/// <c>1 GiB MONTHS STORAGE_SIZE</c>, <c>1 NONE HOURS OCPUS</c>, <c>1000000 NONE NONE DATAPOINTS</c>;
/// billedQuantity is in those blocks.
/// </summary>
public sealed class OciCostFormat : IExportFormat
{
    /// <summary>
    /// One OCPU is one physical core, i.e. two vCPUs on x86 shapes (Oracle compute documentation);
    /// Ampere A1 OCPUs are one vCPU, which this reading overstates by 2×.
    /// </summary>
    public const double VCpusPerOcpu = 2;

    public string Name => "oci-cost";

    public bool Matches(ColumnSet header) =>
        header.IndexOf("usage/billedQuantity") >= 0 && header.IndexOf("cost/myCost") >= 0;

    public IRowMapper CreateMapper(ColumnSet header, string fileName) => new Mapper(header, fileName);

    /// <summary>billingUnitReadable → (multiplier, canonical unit); the raw text when not understood.</summary>
    public static (double Multiplier, string Unit) Unit(string? readable)
    {
        if (string.IsNullOrWhiteSpace(readable)) return (1, "");
        var parts = readable.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 4 || !double.TryParse(parts[0], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var block))
            return (1, readable.Trim());
        var size = parts[1].ToUpperInvariant() switch { "GIB" => Units.GbPerGib, "TIB" => 1024 * Units.GbPerGib, "GB" => 1.0, "TB" => 1000.0, "MIB" => 0.001048576, _ => 0.0 };
        var time = parts[2].ToUpperInvariant();
        var metric = parts[3].ToUpperInvariant();
        return (time, size > 0, metric) switch
        {
            ("HOURS", false, "OCPUS") => (block * VCpusPerOcpu, Units.VCpuHours),
            ("HOURS", false, "ECPUS" or "VCPUS") => (block, Units.VCpuHours),
            ("HOURS", false, "GPUS") => (block, Units.GpuHours),
            ("HOURS", false, _) => (block, Units.Hours),
            ("HOURS", true, "MEMORY") => (block * size, Units.GbHours),
            ("HOURS", true, _) => (block * size / Units.HoursPerMonth, Units.GbMonths),
            ("MONTHS", true, _) => (block * size, Units.GbMonths),
            ("MONTHS", false, _) => (block, Units.Months),
            ("NONE", true, _) => (block * size, Units.Gb),
            ("NONE", false, "REQUESTS") => (block, Units.Requests),
            ("NONE", false, _) => (block, Units.Count),
            _ => (1, readable.Trim()),
        };
    }

    private sealed class Mapper : IRowMapper
    {
        private readonly ColumnSet _h;
        private readonly string _file;
        private readonly int _tenant, _compartment, _compartmentName, _resource, _service, _sku, _description, _region;
        private readonly int _start, _end, _quantity, _unit, _cost, _currency, _correction;
        private readonly (int Index, string Key)[] _tagColumns;

        public Mapper(ColumnSet h, string file)
        {
            _h = h;
            _file = file;
            _tenant = h.IndexOf("lineItem/tenantId");
            _compartment = h.IndexOf("product/compartmentId");
            _compartmentName = h.IndexOf("product/compartmentName");
            _resource = h.IndexOf("product/resourceId");
            _service = h.IndexOf("product/service");
            _sku = h.IndexOf("cost/productSku");
            _description = h.IndexOf("product/Description");
            _region = h.IndexOf("product/region");
            _start = h.IndexOf("lineItem/intervalUsageStart");
            _end = h.IndexOf("lineItem/intervalUsageEnd");
            _quantity = h.IndexOf("usage/billedQuantity");
            _unit = h.IndexOf("cost/billingUnitReadable");
            _cost = h.IndexOf("cost/myCost");
            _currency = h.IndexOf("cost/currencyCode");
            _correction = h.IndexOf("lineItem/isCorrection");
            _tagColumns = [.. h.Names.Select((n, i) => (i, n)).Where(x => x.n.StartsWith("tags/", StringComparison.OrdinalIgnoreCase)).Select(x => (x.i, x.n[5..]))];
        }

        public ParsedRow Map(ExportRow row, long dataRow)
        {
            var c = new RowContext(row, _h, _file, dataRow);
            var cost = c.Decimal(_cost) ?? 0;
            var billed = c.Double(_quantity);
            var start = c.Date(_start);
            var end = c.Date(_end);
            if (c.Error is { } error) return ParsedRow.Rejected(error);

            var rawUnit = c.Text(_unit);
            var (multiplier, unit) = Unit(rawUnit);
            List<(string, string?)>? tags = null;
            foreach (var (index, key) in _tagColumns)
                if (c.Text(index) is { } value) (tags ??= []).Add((key, value));

            var description = c.Text(_description);
            return c.Accept(new UsageRecord
            {
                SourceFile = _file,
                SourceRow = dataRow,
                Provider = Providers.Oci,
                BillingAccountId = c.Text(_tenant),
                SubAccountId = c.Text(_compartment),
                SubAccountName = c.Text(_compartmentName),
                ResourceId = c.Text(_resource),
                ServiceName = c.Text(_service),
                RegionId = c.Text(_region)?.ToLowerInvariant(),
                ChargePeriodStart = start,
                ChargePeriodEnd = end,
                // Corrections are still usage (FOCUS ChargeClass = Correction), not a separate charge category.
                ChargeCategory = "Usage",
                ChargeDescription = description,
                SkuId = c.Text(_sku),
                SkuMeter = description,
                MeterCategory = c.Text(_service),
                MeterSubcategory = string.Equals(c.Text(_correction), "true", StringComparison.OrdinalIgnoreCase) ? "Correction" : null,
                Quantity = billed * multiplier,
                QuantityUnit = unit.Length == 0 ? null : unit,
                RawUnit = rawUnit,
                Cost = cost,
                Currency = c.Text(_currency),
                Tags = tags is null ? null : TagsJson.FromPairs(tags),
            });
        }
    }
}

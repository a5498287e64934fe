using Empreinte.Domain.Usage;

namespace Empreinte.Ingestion.Formats;

/// <summary>
/// Google Cloud billing export to BigQuery, saved as CSV (billing-formats.md §4): standard and
/// detailed (resource-level) tables with dotted flattened headers; repeated records (labels,
/// credits) as Python-repr strings. Quantities are read in pricing units (<c>hour</c>,
/// <c>gibibyte month</c>) when given, else in the base usage unit (<c>seconds</c>, <c>byte-seconds</c>).
/// </summary>
public sealed class GcpBillingFormat : IExportFormat
{
    /// <summary>Seconds in an average month (730 h), for byte-seconds → GB-months.</summary>
    private const double SecondsPerMonth = Units.HoursPerMonth * 3600;

    public string Name => "gcp-billing";

    public bool Matches(ColumnSet header) =>
        header.IndexOf("sku.description", "sku_description") >= 0
        && header.IndexOf("usage.amount", "usage_amount") >= 0
        && header.IndexOf("cost") >= 0;

    public IRowMapper CreateMapper(ColumnSet header, string fileName) => new Mapper(header, fileName);

    /// <summary>GCP unit words to (multiplier, canonical unit); null when unknown.</summary>
    public static (double Multiplier, string Unit)? Unit(string? unit) => unit?.Trim().ToLowerInvariant() switch
    {
        "hour" or "hours" => (1, Units.Hours),
        "seconds" or "second" => (1.0 / 3600, Units.Hours),
        "gibibyte month" or "gibibyte-month" => (Units.GbPerGib, Units.GbMonths),
        "byte-seconds" => (1e-9 / SecondsPerMonth, Units.GbMonths),
        "gibibyte hour" or "gibibyte-hour" => (Units.GbPerGib, Units.GbHours),
        "gibibyte second" or "gibibyte-seconds" => (Units.GbPerGib, Units.GbSeconds),
        "gibibyte" => (Units.GbPerGib, Units.Gb),
        "tebibyte" => (1024 * Units.GbPerGib, Units.Gb),
        "bytes" or "byte" => (1e-9, Units.Gb),
        "requests" or "request" or "count" => (1, Units.Requests),
        // Vertex AI and Gemini API SKUs (the base unit; pricing units such as "1000 characters" are blocks of it).
        "tokens" or "token" => (1, Units.Tokens),
        "characters" or "character" => (1, Units.Characters),
        _ => null,
    };

    private sealed class Mapper(ColumnSet h, string file) : IRowMapper
    {
        private readonly int _billingAccount = h.IndexOf("billing_account_id");
        private readonly int _project = h.IndexOf("project.id", "project_id");
        private readonly int _projectName = h.IndexOf("project.name", "project_name");
        private readonly int _resource = h.IndexOf("resource.global_name", "resource.name", "resource_global_name", "resource_name");
        private readonly int _service = h.IndexOf("service.description", "service_description");
        private readonly int _serviceId = h.IndexOf("service.id", "service_id");
        private readonly int _sku = h.IndexOf("sku.id", "sku_id");
        private readonly int _skuDescription = h.IndexOf("sku.description", "sku_description");
        private readonly int _region = h.IndexOf("location.region", "location_region");
        private readonly int _location = h.IndexOf("location.location", "location_location");
        private readonly int _start = h.IndexOf("usage_start_time");
        private readonly int _end = h.IndexOf("usage_end_time");
        private readonly int _costType = h.IndexOf("cost_type");
        private readonly int _amount = h.IndexOf("usage.amount", "usage_amount");
        private readonly int _unit = h.IndexOf("usage.unit", "usage_unit");
        private readonly int _pricingAmount = h.IndexOf("usage.amount_in_pricing_units", "usage_amount_in_pricing_units");
        private readonly int _pricingUnit = h.IndexOf("usage.pricing_unit", "usage_pricing_unit");
        private readonly int _cost = h.IndexOf("cost");
        private readonly int _currency = h.IndexOf("currency");
        private readonly int _labels = h.IndexOf("labels");

        public ParsedRow Map(ExportRow row, long dataRow)
        {
            var c = new RowContext(row, h, file, dataRow);
            var cost = c.Decimal(_cost) ?? 0;
            var amount = c.Double(_amount);
            var pricingAmount = c.Double(_pricingAmount);
            var start = c.Date(_start);
            var end = c.Date(_end);
            if (c.Error is { } error) return ParsedRow.Rejected(error);

            var baseUnit = c.Text(_unit);
            var pricingUnit = c.Text(_pricingUnit);
            double? quantity;
            string? unit;
            string? rawUnit;
            if (pricingAmount is not null && Unit(pricingUnit) is { } p)
                (quantity, unit, rawUnit) = (pricingAmount * p.Multiplier, p.Unit, pricingUnit);
            else if (Unit(baseUnit) is { } b)
                (quantity, unit, rawUnit) = (amount * b.Multiplier, b.Unit, baseUnit);
            else
                (quantity, unit, rawUnit) = (amount, baseUnit, baseUnit);

            var costType = c.Text(_costType);
            return c.Accept(new UsageRecord
            {
                SourceFile = file,
                SourceRow = dataRow,
                Provider = Providers.Gcp,
                BillingAccountId = c.Text(_billingAccount),
                SubAccountId = c.Text(_project),
                SubAccountName = c.Text(_projectName),
                ResourceId = c.Text(_resource),
                ServiceName = c.Text(_service),
                ServiceCategory = c.Text(_serviceId),
                RegionId = (c.Text(_region) ?? c.Text(_location))?.ToLowerInvariant(),
                ChargePeriodStart = start,
                ChargePeriodEnd = end,
                ChargeCategory = costType?.ToLowerInvariant() switch
                {
                    null or "regular" => "Usage",
                    "tax" => "Tax",
                    _ => "Adjustment",
                },
                ChargeDescription = c.Text(_skuDescription),
                SkuId = c.Text(_sku),
                SkuMeter = c.Text(_skuDescription),
                MeterCategory = c.Text(_service),
                Quantity = quantity,
                QuantityUnit = unit,
                RawUnit = rawUnit,
                Cost = cost,
                Currency = c.Text(_currency),
                Tags = TagsJson.Normalise(c.Text(_labels)),
            });
        }
    }
}

using Empreinte.Domain.Usage;

namespace Empreinte.Ingestion.Formats;

/// <summary>
/// FOCUS 1.0, 1.1 and 1.2 CSV, from any provider (billing-formats.md §1). The version is told by
/// the columns each version introduced; vendor <c>x_</c> columns are used where they help.
/// </summary>
public sealed class FocusFormat : IExportFormat
{
    public string Name => "focus";

    public bool Matches(ColumnSet header) =>
        header.IndexOf("BilledCost") >= 0 && header.IndexOf("ChargeCategory", "ChargeType") >= 0
        // The spec's own example tables (spec-v1.2-examples) omit ProviderName; the charge period still marks FOCUS.
        && (header.IndexOf("ProviderName", "ServiceProviderName", "Provider") >= 0 || header.IndexOf("ChargePeriodStart") >= 0);

    /// <summary>The FOCUS version whose columns the header carries.</summary>
    public string DetectedName(ColumnSet header) => VersionOf(header);

    public static string VersionOf(ColumnSet header) =>
        header.Has("BillingAccountType") || header.Has("InvoiceId") || header.Has("PricingCurrency") ? "focus-1.2"
        : header.Has("SkuMeter") || header.Has("ServiceSubcategory") || header.Has("SkuPriceDetails") ? "focus-1.1"
        : "focus-1.0";

    public IRowMapper CreateMapper(ColumnSet header, string fileName) => new Mapper(header, fileName);

    private sealed class Mapper(ColumnSet h, string file) : IRowMapper
    {
        private readonly int _provider = h.IndexOf("ProviderName", "ServiceProviderName", "Provider");
        private readonly int _billingAccount = h.IndexOf("BillingAccountId");
        private readonly int _subAccount = h.IndexOf("SubAccountId");
        private readonly int _subAccountName = h.IndexOf("SubAccountName");
        private readonly int _resourceId = h.IndexOf("ResourceId");
        private readonly int _resourceType = h.IndexOf("ResourceType", "x_ResourceType");
        private readonly int _serviceName = h.IndexOf("ServiceName");
        private readonly int _serviceCategory = h.IndexOf("ServiceCategory");
        private readonly int _regionId = h.IndexOf("RegionId", "Region");
        private readonly int _regionName = h.IndexOf("RegionName");
        private readonly int _chargeStart = h.IndexOf("ChargePeriodStart");
        private readonly int _chargeEnd = h.IndexOf("ChargePeriodEnd");
        private readonly int _chargeCategory = h.IndexOf("ChargeCategory", "ChargeType");
        private readonly int _chargeDescription = h.IndexOf("ChargeDescription");
        private readonly int _skuId = h.IndexOf("SkuId");
        private readonly int _skuMeter = h.IndexOf("SkuMeter", "x_SkuMeterName");
        private readonly int _meterCategory = h.IndexOf("x_SkuMeterCategory");
        private readonly int _meterSubcategory = h.IndexOf("x_SkuMeterSubcategory");
        private readonly int _consumedQuantity = h.IndexOf("ConsumedQuantity", "UsageQuantity");
        private readonly int _consumedUnit = h.IndexOf("ConsumedUnit", "UsageUnit");
        private readonly int _pricingQuantity = h.IndexOf("PricingQuantity");
        private readonly int _pricingUnit = h.IndexOf("PricingUnit");
        private readonly int _billedCost = h.IndexOf("BilledCost");
        private readonly int _effectiveCost = h.IndexOf("EffectiveCost");
        private readonly int _currency = h.IndexOf("BillingCurrency");
        private readonly int _tags = h.IndexOf("Tags");
        private readonly int _skuPriceDetails = h.IndexOf("SkuPriceDetails");
        private readonly int _skuDetails = h.IndexOf("x_SkuDetails");
        private readonly TextPool _pool = new();

        // Tags repeat on every hour a resource runs and across resources, but take more values than the columns above:
        // a pool of their own, so they never crowd those out of theirs. Resource ids are not pooled: a file holds
        // thousands, each seen once in a while, and looking one up in a pool that large cost more (a memory round
        // trip per row) than making its string (docs/benchmarks.md, CSV reader).
        private readonly TextPool _tagsPool = new();
        private readonly ByInstance<(double Multiplier, string Unit)> _units = new(RowContext.UnitOf);
        private readonly ByInstance<string> _providers = new(Providers.Normalise);
        private readonly ByInstance<string> _regions = new(region => region.ToLowerInvariant());

        public ParsedRow Map(ExportRow row, long dataRow)
        {
            var c = new RowContext(row, h, file, dataRow);
            var billed = c.Decimal(_billedCost) ?? 0;
            var effective = c.Decimal(_effectiveCost) ?? 0;
            var consumed = c.Double(_consumedQuantity);
            var rawUnit = c.Text(_consumedUnit, _pool);
            if (consumed is null && c.Double(_pricingQuantity) is { } priced)
            {
                consumed = priced;
                rawUnit = c.Text(_pricingUnit, _pool);
            }

            var (quantity, unit) = RowContext.Normalise(consumed, rawUnit, _units);
            var chargeCategory = c.Text(_chargeCategory, _pool);
            if (chargeCategory is null) c.Fail(_chargeCategory, "ChargeCategory is empty");
            var start = c.Date(_chargeStart);
            var end = c.Date(_chargeEnd);
            if (c.Error is { } error) return ParsedRow.Rejected(error);
            var sku = SkuDetails.Read(c.Raw(_skuPriceDetails), c.Raw(_skuDetails));

            return c.Accept(new UsageRecord
            {
                SourceFile = file,
                SourceRow = dataRow,
                Provider = c.Text(_provider, _pool) is { } provider ? _providers.For(provider) : Providers.Normalise(null),
                BillingAccountId = c.Text(_billingAccount, _pool),
                SubAccountId = c.Text(_subAccount, _pool),
                SubAccountName = c.Text(_subAccountName, _pool),
                ResourceId = c.Text(_resourceId),
                ResourceType = c.Text(_resourceType, _pool),
                ServiceName = c.Text(_serviceName, _pool),
                ServiceCategory = c.Text(_serviceCategory, _pool),
                RegionId = (c.Text(_regionId, _pool) ?? c.Text(_regionName, _pool)) is { } region ? _regions.For(region) : null,
                ChargePeriodStart = start,
                ChargePeriodEnd = end,
                ChargeCategory = chargeCategory!,
                ChargeDescription = c.Text(_chargeDescription, _pool),
                SkuId = c.Text(_skuId, _pool),
                SkuMeter = c.Text(_skuMeter, _pool),
                MeterCategory = c.Text(_meterCategory, _pool),
                MeterSubcategory = c.Text(_meterSubcategory, _pool),
                Quantity = quantity,
                QuantityUnit = unit,
                RawUnit = rawUnit,
                // Effective (amortised) cost where the export has one; billed cost otherwise.
                Cost = effective != 0 ? effective : billed,
                Currency = c.Text(_currency, _pool),
                Tags = TagsJson.Normalise(c.Text(_tags, _tagsPool)),
                InstanceType = sku.InstanceType,
                VCpus = sku.VCpus,
                MemoryGb = sku.MemoryGb,
                GpuCount = sku.GpuCount,
                DiskType = sku.DiskType,
                DiskSizeGb = sku.DiskSizeGb,
                StorageClass = sku.StorageClass,
                Redundancy = sku.Redundancy,
            });
        }
    }
}

using Empreinte.Domain.Usage;

namespace Empreinte.Ingestion.Formats;

/// <summary>
/// Azure Cost Management cost details (billing-formats.md §2): EA and MCA, actual and amortized,
/// PascalCase and camelCase, and the legacy usage-details and cost-report shapes. Headers are matched
/// case-insensitively with the aliases of §2.1–2.3. Quantity is in UnitOfMeasure blocks and is
/// multiplied out (§2.4); the VM size comes from AdditionalInfo <c>ServiceType</c>, else from the meter.
/// </summary>
public sealed class AzureCostFormat : IExportFormat
{
    public string Name => "azure";

    public bool Matches(ColumnSet header) =>
        header.IndexOf("MeterCategory") >= 0
        && header.IndexOf("Quantity", "UsageQuantity") >= 0
        && header.IndexOf("Cost", "CostInBillingCurrency", "PreTaxCost") >= 0;

    /// <summary>
    /// <c>azure-legacy</c> (usage-details API and old cost report: UsageDateTime/PreTaxCost),
    /// <c>azure-mca</c> (invoice, pricing-currency and USD columns EA lacks), else <c>azure-ea</c>.
    /// </summary>
    public string DetectedName(ColumnSet header) =>
        header.Has("UsageDateTime") || header.Has("PreTaxCost") ? "azure-legacy"
        : header.Has("costInUsd") || header.Has("invoiceId") || header.Has("exchangeRatePricingToBilling") || header.Has("ProductId") ? "azure-mca"
        : "azure-ea";

    public IRowMapper CreateMapper(ColumnSet header, string fileName) => new Mapper(header, fileName);

    private sealed class Mapper(ColumnSet h, string file) : IRowMapper
    {
        private readonly int _billingAccount = h.IndexOf("BillingAccountId");
        private readonly int _subscription = h.IndexOf("SubscriptionId", "SubscriptionGuid");
        private readonly int _subscriptionName = h.IndexOf("SubscriptionName");
        private readonly int _resourceId = h.IndexOf("ResourceId", "InstanceId", "InstanceName");
        private readonly int _resourceType = h.IndexOf("ResourceType");
        private readonly int _consumedService = h.IndexOf("ConsumedService");
        private readonly int _serviceFamily = h.IndexOf("ServiceFamily");
        private readonly int _location = h.IndexOf("ResourceLocation", "Location", "MeterRegion");
        private readonly int _date = h.IndexOf("Date", "UsageDateTime", "UsageDate", "UsageStart");
        private readonly int _chargeType = h.IndexOf("ChargeType");
        private readonly int _product = h.IndexOf("ProductName", "Product");
        private readonly int _meterId = h.IndexOf("MeterId");
        private readonly int _meterName = h.IndexOf("MeterName");
        private readonly int _meterCategory = h.IndexOf("MeterCategory");
        private readonly int _meterSubcategory = h.IndexOf("MeterSubCategory");
        private readonly int _quantity = h.IndexOf("Quantity", "UsageQuantity");
        private readonly int _unit = h.IndexOf("UnitOfMeasure", "Unit");
        private readonly int _cost = h.IndexOf("Cost", "CostInBillingCurrency", "PreTaxCost");
        private readonly int _currency = h.IndexOf("BillingCurrency", "BillingCurrencyCode", "Currency");
        private readonly int _additionalInfo = h.IndexOf("AdditionalInfo");
        private readonly int _tags = h.IndexOf("Tags");
        private readonly TextPool _pool = new();
        private readonly ByInstance<(double Multiplier, string Unit)> _units = new(RowContext.UnitOf);
        private readonly ByInstance<string?> _regions = new(AzureRegions.Normalise);

        public ParsedRow Map(ExportRow row, long dataRow)
        {
            var c = new RowContext(row, h, file, dataRow);
            var cost = c.Decimal(_cost) ?? 0;
            var rawQuantity = c.Double(_quantity);
            // UnitOfMeasure may carry a trailing space ("1 "), and "1/Month" and "1 /Month" are the same unit.
            var rawUnit = c.Text(_unit, _pool);
            var (quantity, unit) = RowContext.Normalise(rawQuantity, rawUnit, _units);
            var date = c.Date(_date);
            if (c.Error is { } error) return ParsedRow.Rejected(error);

            // Legacy shapes have no ChargeType: every line there is usage.
            var chargeType = c.Text(_chargeType, _pool) ?? "Usage";
            var meterCategory = c.Text(_meterCategory, _pool);
            var meterName = c.Text(_meterName, _pool);
            var meterSubcategory = c.Text(_meterSubcategory, _pool);
            var info = c.Raw(_additionalInfo);
            string? instanceType = null;
            int? vcpus = null;
            if (!info.IsEmpty && info[0] == '{')
            {
                instanceType = JsonCell.String(info, "ServiceType");
                if (JsonCell.Number(info, "VCPUs") is { } v && v > 0) vcpus = (int)v;
                else if (JsonCell.Number(info, "vCores") is { } vc && vc > 0) vcpus = (int)vc;
            }

            if (instanceType is null && string.Equals(meterCategory, "Virtual Machines", StringComparison.OrdinalIgnoreCase))
                instanceType = SizeFromMeter(meterName);

            return c.Accept(new UsageRecord
            {
                SourceFile = file,
                SourceRow = dataRow,
                Provider = Providers.Azure,
                BillingAccountId = c.Text(_billingAccount, _pool),
                SubAccountId = c.Text(_subscription, _pool),
                SubAccountName = c.Text(_subscriptionName, _pool),
                ResourceId = c.Text(_resourceId),
                ResourceType = c.Text(_resourceType, _pool) ?? c.Text(_consumedService, _pool),
                ServiceName = meterCategory,
                ServiceCategory = c.Text(_serviceFamily, _pool),
                RegionId = c.Text(_location, _pool) is { } location ? _regions.For(location) : null,
                ChargePeriodStart = date,
                // Azure dates are daily; FOCUS ChargePeriodEnd is exclusive (finops-toolkit convert.md: Date + 1 day).
                ChargePeriodEnd = date?.AddDays(1),
                ChargeCategory = chargeType,
                ChargeDescription = c.Text(_product, _pool),
                SkuId = c.Text(_meterId, _pool),
                SkuMeter = meterName,
                MeterCategory = meterCategory,
                MeterSubcategory = meterSubcategory,
                InstanceType = instanceType,
                Quantity = quantity,
                QuantityUnit = unit,
                RawUnit = rawUnit,
                Cost = cost,
                Currency = c.Text(_currency, _pool),
                Tags = TagsJson.Normalise(c.Text(_tags)),
                VCpus = vcpus,
            });
        }

        /// <summary>VM meters name the size: <c>D2 v2/DS2 v2</c>, <c>B1s</c>, <c>D4s v5 Spot</c>, <c>F2s Low Priority</c>.</summary>
        private static string? SizeFromMeter(string? meterName)
        {
            if (meterName is null) return null;
            var size = meterName.Split('/')[0];
            foreach (var suffix in (ReadOnlySpan<string>)[" Low Priority", " Spot"])
            {
                var at = size.IndexOf(suffix, StringComparison.OrdinalIgnoreCase);
                if (at > 0) size = size[..at];
            }

            size = size.Trim();
            return size.Length == 0 ? null : size;
        }
    }
}

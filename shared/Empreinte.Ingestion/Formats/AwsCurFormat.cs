using System.Text;
using Empreinte.Domain.Usage;

namespace Empreinte.Ingestion.Formats;

/// <summary>
/// AWS Cost and Usage Report (billing-formats.md §3): legacy CUR with <c>category/Name</c> headers
/// (<c>aws-cur</c>), its Athena/Parquet snake_case naming (<c>aws-cur-athena</c>), and CUR 2.0 with the
/// <c>product</c> and <c>resource_tags</c> map columns as JSON (<c>aws-cur2</c>). The column set varies
/// month to month, so every column is optional except the usage amount and cost.
/// </summary>
public sealed class AwsCurFormat : IExportFormat
{
    public string Name => "aws-cur";

    public bool Matches(ColumnSet header) =>
        header.IndexOf("lineItem/UsageAmount", "line_item_usage_amount") >= 0
        && header.IndexOf("lineItem/UnblendedCost", "line_item_unblended_cost") >= 0;

    public string DetectedName(ColumnSet header) =>
        header.Has("lineItem/UsageAmount") ? "aws-cur"
        : header.Has("product") || header.Has("resource_tags") || header.Has("cost_category") ? "aws-cur2"
        : "aws-cur-athena";

    public IRowMapper CreateMapper(ColumnSet header, string fileName) => new Mapper(header, fileName);

    /// <summary><c>lineItem/UsageAmount</c> → <c>line_item_usage_amount</c> (the Athena and CUR 2.0 naming).</summary>
    public static string Snake(string slashName)
    {
        var b = new StringBuilder(slashName.Length + 8);
        var previous = '/';
        foreach (var ch in slashName)
        {
            if (ch == '/') { b.Append('_'); previous = ch; continue; }
            if (char.IsUpper(ch) && previous != '/' && previous != '_' && !char.IsUpper(previous)) b.Append('_');
            b.Append(char.ToLowerInvariant(ch));
            previous = ch;
        }

        return b.ToString();
    }

    private sealed class Mapper : IRowMapper
    {
        private readonly ColumnSet _h;
        private readonly string _file;
        private readonly int _payer, _account, _accountName, _resourceId, _productName, _productCode, _productFamily, _regionCode, _region;
        private readonly int _start, _end, _interval, _lineItemType, _description, _sku, _usageType, _operation, _instanceType;
        private readonly int _vcpu, _memory, _processor, _gpu, _amount, _unit, _unblended, _spEffective, _riEffective, _currency, _productMap, _tagMap;
        private readonly (int Index, string Key)[] _tagColumns;
        private readonly TextPool _pool = new();
        private readonly ByInstance<(double Multiplier, string Unit)> _units = new(RowContext.UnitOf);
        private readonly ByInstance<string> _regions = new(region => region.ToLowerInvariant());

        public Mapper(ColumnSet h, string file)
        {
            _h = h;
            _file = file;
            int Col(string name) => h.IndexOf(name, Snake(name));
            _payer = Col("bill/PayerAccountId");
            _account = Col("lineItem/UsageAccountId");
            _accountName = Col("lineItem/UsageAccountName");
            _resourceId = Col("lineItem/ResourceId");
            _productName = Col("product/ProductName");
            _productCode = Col("lineItem/ProductCode");
            _productFamily = Col("product/productFamily");
            _regionCode = Col("product/regionCode");
            _region = Col("product/region");
            _start = Col("lineItem/UsageStartDate");
            _end = Col("lineItem/UsageEndDate");
            _interval = Col("identity/TimeInterval");
            _lineItemType = Col("lineItem/LineItemType");
            _description = Col("lineItem/LineItemDescription");
            _sku = Col("product/sku");
            _usageType = Col("lineItem/UsageType");
            _operation = Col("lineItem/Operation");
            _instanceType = Col("product/instanceType");
            _vcpu = Col("product/vcpu");
            _memory = Col("product/memory");
            _processor = Col("product/physicalProcessor");
            _gpu = Col("product/gpu");
            _amount = Col("lineItem/UsageAmount");
            _unit = Col("pricing/unit");
            _unblended = Col("lineItem/UnblendedCost");
            _spEffective = Col("savingsPlan/SavingsPlanEffectiveCost");
            _riEffective = Col("reservation/EffectiveCost");
            _currency = Col("lineItem/CurrencyCode");
            _productMap = h.IndexOf("product");
            _tagMap = h.IndexOf("resource_tags");
            var tags = new List<(int, string)>();
            for (var i = 0; i < h.Names.Count; i++)
            {
                var name = h.Names[i];
                if (name.StartsWith("resourceTags/", StringComparison.OrdinalIgnoreCase)) tags.Add((i, name["resourceTags/".Length..]));
                else if (name.StartsWith("resource_tags_", StringComparison.OrdinalIgnoreCase)) tags.Add((i, name["resource_tags_".Length..]));
            }

            _tagColumns = [.. tags];
        }

        public ParsedRow Map(ExportRow row, long dataRow)
        {
            var c = new RowContext(row, _h, _file, dataRow);
            var lineItemType = c.Text(_lineItemType, _pool) ?? "Usage";
            var unblended = c.Decimal(_unblended) ?? 0;
            // Covered usage is billed through the commitment: its effective cost is the usage's cost.
            var cost = lineItemType switch
            {
                "SavingsPlanCoveredUsage" when _spEffective >= 0 => c.Decimal(_spEffective) ?? unblended,
                "DiscountedUsage" when _riEffective >= 0 => c.Decimal(_riEffective) ?? unblended,
                _ => unblended,
            };
            var rawUnit = c.Text(_unit, _pool);
            var (quantity, unit) = RowContext.Normalise(c.Double(_amount), rawUnit, _units);
            var start = _start >= 0 ? c.Date(_start) : c.Date(_interval);
            var end = c.Date(_end);
            if (c.Error is { } error) return ParsedRow.Rejected(error);

            var product = c.Raw(_productMap);
            var vcpu = PositiveCount(c.Raw(_vcpu)) ?? (product.IsEmpty ? null : (int?)JsonCell.Number(product, "vcpu"));
            var memory = MemoryGb(c.Raw(_memory)) ?? (product.IsEmpty ? null : MemoryGb(JsonCell.String(product, "memory")));
            var instanceType = c.Text(_instanceType, _pool) ?? (product.IsEmpty ? null : JsonCell.String(product, "instance_type"));
            var processor = c.Text(_processor, _pool) ?? (product.IsEmpty ? null : JsonCell.String(product, "physical_processor"));
            var gpus = PositiveCount(c.Raw(_gpu)) ?? (product.IsEmpty ? null : (int?)JsonCell.Number(product, "gpu"));

            return c.Accept(new UsageRecord
            {
                SourceFile = _file,
                SourceRow = dataRow,
                Provider = Providers.Aws,
                BillingAccountId = c.Text(_payer, _pool),
                SubAccountId = c.Text(_account, _pool),
                SubAccountName = c.Text(_accountName, _pool),
                ResourceId = c.Text(_resourceId),
                ServiceName = c.Text(_productName, _pool) ?? c.Text(_productCode, _pool),
                ServiceCategory = c.Text(_productCode, _pool),
                RegionId = (c.Text(_regionCode, _pool) ?? c.Text(_region, _pool)) is { } region ? _regions.For(region) : null,
                ChargePeriodStart = start,
                ChargePeriodEnd = end,
                ChargeCategory = ChargeCategory(lineItemType),
                ChargeDescription = c.Text(_description, _pool),
                SkuId = c.Text(_sku, _pool),
                SkuMeter = c.Text(_usageType, _pool),
                MeterCategory = c.Text(_productFamily, _pool),
                MeterSubcategory = c.Text(_operation, _pool),
                InstanceType = instanceType,
                Quantity = quantity,
                QuantityUnit = unit,
                RawUnit = rawUnit,
                Cost = cost,
                Currency = c.Text(_currency, _pool),
                Tags = _tagMap >= 0 ? TagsJson.Normalise(c.Text(_tagMap)) : Tags(ref c),
                VCpus = vcpu,
                MemoryGb = memory,
                GpuCount = gpus,
                PhysicalProcessor = processor,
            });
        }

        private string? Tags(ref RowContext c)
        {
            if (_tagColumns.Length == 0) return null;
            List<(string, string?)>? pairs = null;
            foreach (var (index, key) in _tagColumns)
            {
                var value = c.Text(index);
                if (value is null) continue;
                (pairs ??= []).Add((key, value));
            }

            return pairs is null ? null : TagsJson.FromPairs(pairs);
        }

        /// <summary>CUR LineItemType → FOCUS ChargeCategory (AWS FOCUS 1.0 table dictionary).</summary>
        private static string ChargeCategory(string lineItemType) => lineItemType switch
        {
            "Usage" or "DiscountedUsage" or "SavingsPlanCoveredUsage" => "Usage",
            "Tax" => "Tax",
            "Credit" or "Refund" or "SavingsPlanNegation" or "EdpDiscount" or "BundledDiscount" or "PrivateRateDiscount" or "Discount" => "Credit",
            "Fee" or "RIFee" or "SavingsPlanRecurringFee" or "SavingsPlanUpfrontFee" => "Purchase",
            _ => lineItemType,
        };

        private static int? PositiveCount(ReadOnlySpan<char> raw) =>
            int.TryParse(raw.Trim(), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var v) && v > 0 ? v : null;

        /// <summary>"16 GiB", "0.5 GiB", "3,904 GiB": AWS writes GiB (documented as GiB on instance pages).</summary>
        private static double? MemoryGb(ReadOnlySpan<char> raw) => Cells.LeadingNumber(raw) is > 0 and var n ? n * Units.GbPerGib : null;
    }
}

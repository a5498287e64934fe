using System.Globalization;
using System.Text;

namespace Empreinte.Generator;

/// <summary>
/// Writes a realistic FOCUS 1.0 CSV export (the 43 FOCUS 1.0 columns, and <c>x_SkuMeterName</c>, the
/// provider extension column that carries the meter of AI token rows) row by row: seeded, so the
/// same seed and row count give the same bytes; streaming, so memory does not grow with the row
/// count. Resources are drawn from fixed pools (so the same VM shows up hour after hour), rows
/// advance through the hours of the charge period, and every quantity is written with a fixed
/// number of decimals so that the ground truth sums exactly what the file says.
/// </summary>
internal sealed class FocusGenerator
{
    /// <summary>The FOCUS 1.0 columns in the order of the FOCUS sample data.</summary>
    public static IReadOnlyList<string> Columns { get; } =
    [
        "AvailabilityZone", "BilledCost", "BillingAccountId", "BillingAccountName", "BillingCurrency", "BillingPeriodEnd",
        "BillingPeriodStart", "ChargeCategory", "ChargeClass", "ChargeDescription", "ChargeFrequency", "ChargePeriodEnd",
        "ChargePeriodStart", "CommitmentDiscountCategory", "CommitmentDiscountId", "CommitmentDiscountName",
        "CommitmentDiscountStatus", "CommitmentDiscountType", "ConsumedQuantity", "ConsumedUnit", "ContractedCost",
        "ContractedUnitPrice", "EffectiveCost", "InvoiceIssuerName", "ListCost", "ListUnitPrice", "PricingCategory",
        "PricingQuantity", "PricingUnit", "ProviderName", "PublisherName", "RegionId", "RegionName", "ResourceId",
        "ResourceName", "ResourceType", "ServiceCategory", "ServiceName", "SkuId", "SkuPriceId", "SubAccountId",
        "SubAccountName", "Tags", "x_SkuMeterName",
    ];

    /// <summary>Rows per charge hour: a mid-sized estate (about 2,000 billable lines an hour).</summary>
    public const int RowsPerHour = 2000;

    /// <summary>Distinct resources per product.</summary>
    public const int PoolSize = 300;

    private static readonly DateTime _start = new(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private static readonly string[] _tags =
    [
        "{\"environment\": \"prod\", \"team\": \"data\", \"cost_center\": \"CC-1001\"}",
        "{\"environment\": \"dev\", \"team\": \"web\"}",
        "{\"environment\": \"staging\", \"application\": \"checkout\"}",
        "{\"environment\": \"prod\", \"team\": \"ml\", \"project\": \"recommender\"}",
        "",
    ];

    private static readonly (string Id, string Name)[] _subAccounts =
    [
        ("111122223333", "Atlas Prod"), ("444455556666", "Atlas Dev"), ("777788889999", "Nimbus Data"),
        ("0f1e2d3c-aaaa-bbbb-cccc-000000000001", "Contoso Prod"), ("0f1e2d3c-aaaa-bbbb-cccc-000000000002", "Contoso ML"),
    ];

    private readonly Random _random;
    private readonly Product[][] _byKind;
    private readonly double[] _cumulative;
    private readonly string[][] _resourceIds;
    private readonly char[] _number = new char[64];

    public FocusGenerator(int seed)
    {
        _random = new Random(seed);
        var kinds = Catalogue.Mix.Select(m => m.Kind).ToArray();
        _byKind = kinds.Select(k => Catalogue.Products.Where(p => p.Kind == k).ToArray()).ToArray();
        var total = 0.0;
        _cumulative = Catalogue.Mix.Select(m => total += m.Share).ToArray();
        _resourceIds = Catalogue.Products.Select((p, i) => Enumerable.Range(0, PoolSize).Select(r => ResourceId(p, i, r)).ToArray()).ToArray();
    }

    /// <summary>Writes the header and <paramref name="rows"/> data rows; returns what was written.</summary>
    public GroundTruth Write(TextWriter output, long rows)
    {
        var truth = new GroundTruth(rows);
        WriteHeader(output);
        var productIndex = Catalogue.Products.Select((p, i) => (p, i)).ToDictionary(x => x.p, x => x.i);
        for (long row = 0; row < rows; row++)
        {
            var kind = PickKind();
            var products = _byKind[kind];
            var product = products[_random.Next(products.Length)];
            var resource = _random.Next(PoolSize);
            WriteRow(output, row, product, productIndex[product], resource, truth);
        }

        return truth;
    }

    private int PickKind()
    {
        var x = _random.NextDouble();
        for (var i = 0; i < _cumulative.Length - 1; i++)
            if (x < _cumulative[i]) return i;
        return _cumulative.Length - 1;
    }

    private static void WriteHeader(TextWriter output)
    {
        for (var i = 0; i < Columns.Count; i++)
        {
            if (i > 0) output.Write(',');
            output.Write(Columns[i]);
        }

        output.Write('\n');
    }

    private void WriteRow(TextWriter o, long row, Product product, int productIndex, int resource, GroundTruth truth)
    {
        var aws = product.Provider == Catalogue.Aws;
        var regions = aws ? Catalogue.AwsRegions : Catalogue.AzureRegions;
        var region = regions[resource % regions.Count];
        var subAccount = _subAccounts[aws ? resource % 3 : 3 + (resource % 2)];
        var hourStart = _start.AddHours(row / RowsPerHour);
        var periodStart = new DateTime(hourStart.Year, hourStart.Month, 1, 0, 0, 0, DateTimeKind.Utc);
        var (quantity, multiplier) = Quantity(product);
        var tax = product.Kind == RowKind.Tax;
        var cost = tax ? Math.Round((decimal)_random.NextDouble() * 40m + 0.5m, 2) : Math.Round(quantity * product.UnitPrice, 10);
        truth.Add(product.Kind, quantity * multiplier, cost);

        Cell(o, aws ? region + "a" : "");                                   // AvailabilityZone
        Decimal(o, cost);                                                   // BilledCost
        Cell(o, aws ? "123456789012" : "8611537");                          // BillingAccountId
        Cell(o, aws ? "SunBird" : "Contoso EA");                            // BillingAccountName
        Cell(o, "USD");                                                     // BillingCurrency
        Date(o, periodStart.AddMonths(1));                                  // BillingPeriodEnd
        Date(o, periodStart);                                               // BillingPeriodStart
        Cell(o, tax ? "Tax" : "Usage");                                     // ChargeCategory
        Cell(o, "");                                                        // ChargeClass
        Quoted(o, product.ChargeDescription);                               // ChargeDescription
        Cell(o, tax ? "Recurring" : "Usage-Based");                         // ChargeFrequency
        Date(o, hourStart.AddHours(1));                                     // ChargePeriodEnd
        Date(o, hourStart);                                                 // ChargePeriodStart
        Cell(o, ""); Cell(o, ""); Cell(o, ""); Cell(o, ""); Cell(o, "");    // CommitmentDiscount*
        if (tax) { Cell(o, ""); Cell(o, ""); }                              // ConsumedQuantity, ConsumedUnit
        else { Decimal(o, quantity); Quoted(o, product.ConsumedUnit); }
        Decimal(o, cost);                                                   // ContractedCost
        if (tax) Cell(o, ""); else Decimal(o, product.UnitPrice);           // ContractedUnitPrice
        Decimal(o, cost);                                                   // EffectiveCost
        Quoted(o, aws ? "Amazon Web Services, Inc." : "Microsoft");        // InvoiceIssuerName
        Decimal(o, cost);                                                   // ListCost
        if (tax) Cell(o, ""); else Decimal(o, product.UnitPrice);           // ListUnitPrice
        Cell(o, tax ? "" : "Standard");                                     // PricingCategory
        if (tax) { Cell(o, ""); Cell(o, ""); }                              // PricingQuantity, PricingUnit
        else { Decimal(o, quantity); Quoted(o, product.ConsumedUnit); }
        Cell(o, product.Provider);                                          // ProviderName
        Quoted(o, aws ? "Amazon Web Services, Inc." : "Microsoft");        // PublisherName
        Cell(o, tax ? "" : region);                                         // RegionId
        Cell(o, tax ? "" : region);                                         // RegionName
        Cell(o, tax ? "" : _resourceIds[productIndex][resource]);           // ResourceId
        Cell(o, tax ? "" : $"{product.ResourceType.ToLowerInvariant().Replace(' ', '-')}-{resource}"); // ResourceName
        Quoted(o, product.ResourceType);                                    // ResourceType
        Cell(o, product.ServiceCategory);                                   // ServiceCategory
        Quoted(o, product.ServiceName);                                     // ServiceName
        Cell(o, product.SkuId);                                             // SkuId
        Cell(o, product.SkuId.Length == 0 ? "" : product.SkuId + ".OD");    // SkuPriceId
        Cell(o, subAccount.Id);                                             // SubAccountId
        Quoted(o, subAccount.Name);                                         // SubAccountName
        var tags = _tags[resource % _tags.Length];                        // Tags
        if (tags.Length > 0) Quoted(o, tags); else o.Write(',');
        if (product.Meter.Length > 0) Quoted(o, product.Meter, last: true); // x_SkuMeterName (last column)
        o.Write('\n');
    }

    /// <summary>The consumed quantity as written (fixed decimals) and the unit's block multiplier to canonical units.</summary>
    private (decimal Quantity, decimal Multiplier) Quantity(Product product) => product.Kind switch
    {
        // Most hourly rows are a full hour; a few are partial (start or stop within the hour).
        RowKind.VirtualMachine or RowKind.GpuVirtualMachine => (_random.Next(10) == 0 ? Math.Round((decimal)_random.NextDouble(), 4) + 0.0001m : 1m, 1m),
        // An hour of a 20 GB – 2 TB volume, in GB-months (730 hours a month).
        RowKind.BlockStorage => (Math.Round((20 + _random.Next(1981)) / 730m, 8), 1m),
        // An hour of a 1 GB – 50 TB bucket or account.
        RowKind.ObjectStorage => (Math.Round((1 + _random.Next(50_000)) / 730m, 8), 1m),
        // Transfer volumes are heavy-tailed: mostly small, a few large.
        RowKind.DataTransfer => (Math.Round((decimal)Math.Exp(_random.NextDouble() * 12 - 7), 6), 1m),
        // Thousands of tokens an hour per deployment, heavy-tailed: from a few requests to a busy service.
        RowKind.AiTokens => (Math.Round((decimal)Math.Exp(_random.NextDouble() * 10 - 2), 3), 1000m),
        RowKind.Unmapped when product.ConsumedUnit == "10K" => (Math.Round((1 + _random.Next(100_000)) / 10_000m, 4), 10_000m),
        RowKind.Unmapped => (1 + _random.Next(1_000_000), 1m),
        _ => (0m, 1m),
    };

    private static string ResourceId(Product product, int productIndex, int resource)
    {
        var n = (productIndex * 1000) + resource;
        return product.Provider == Catalogue.Aws
            ? product.Kind switch
            {
                RowKind.VirtualMachine or RowKind.GpuVirtualMachine => $"arn:aws:ec2:us-east-1:111122223333:instance/i-{n:x17}",
                RowKind.BlockStorage => $"arn:aws:ec2:us-east-1:111122223333:volume/vol-{n:x17}",
                RowKind.ObjectStorage => $"arn:aws:s3:::bucket-{n}",
                RowKind.AiTokens => $"arn:aws:bedrock:us-east-1:111122223333:inference-profile/profile-{n}",
                _ => $"arn:aws:{product.SkuId.ToLowerInvariant()}:us-east-1:111122223333:resource-{n}",
            }
            : $"/subscriptions/0f1e2d3c-aaaa-bbbb-cccc-000000000001/resourcegroups/rg-{resource % 20}/providers/{ProviderPath(product.Kind)}/r{n}";
    }

    private static string ProviderPath(RowKind kind) => kind switch
    {
        RowKind.VirtualMachine or RowKind.GpuVirtualMachine => "microsoft.compute/virtualmachines",
        RowKind.BlockStorage => "microsoft.compute/disks",
        RowKind.ObjectStorage => "microsoft.storage/storageaccounts",
        RowKind.DataTransfer => "microsoft.network/publicipaddresses",
        RowKind.AiTokens => "microsoft.cognitiveservices/accounts",
        _ => "microsoft.keyvault/vaults",
    };

    private static void Cell(TextWriter o, string value)
    {
        o.Write(value);
        o.Write(',');
    }

    private static void Quoted(TextWriter o, string value, bool last = false)
    {
        o.Write('"');
        o.Write(value.Contains('"', StringComparison.Ordinal) ? value.Replace("\"", "\"\"", StringComparison.Ordinal) : value);
        o.Write('"');
        if (!last) o.Write(',');
    }

    private void Decimal(TextWriter o, decimal value)
    {
        value.TryFormat(_number, out var written, default, CultureInfo.InvariantCulture);
        o.Write(_number.AsSpan(0, written));
        o.Write(',');
    }

    private void Date(TextWriter o, DateTime value)
    {
        value.TryFormat(_number, out var written, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        o.Write(_number.AsSpan(0, written));
        o.Write(',');
    }

    /// <summary>Opens <paramref name="path"/> for a streamed write (UTF-8, no BOM, large buffer).</summary>
    public static StreamWriter Create(string path) => new(path, append: false, new UTF8Encoding(false), bufferSize: 1 << 20);
}

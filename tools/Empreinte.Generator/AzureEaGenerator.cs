using System.Globalization;

namespace Empreinte.Generator;

/// <summary>
/// Writes an Azure EA cost-details export (actual cost, the 55 PascalCase columns of
/// billing-formats.md §2.1): daily rows, MM/dd/yyyy dates, Quantity in blocks of UnitOfMeasure
/// (Cost = Quantity × EffectivePrice), tags as JSON without braces, VM size and vCPUs in
/// AdditionalInfo, UTF-8 with BOM and CRLF line endings, as the real exports are. Microsoft
/// products only, in the same proportions as the FOCUS generator; the non-usage share is
/// reservation purchases (EA exports carry no tax rows).
/// </summary>
internal sealed class AzureEaGenerator(int seed)
{
    public static IReadOnlyList<string> Columns { get; } =
    [
        "BillingAccountId", "BillingAccountName", "BillingPeriodStartDate", "BillingPeriodEndDate", "BillingProfileId", "BillingProfileName",
        "AccountOwnerId", "AccountName", "SubscriptionId", "SubscriptionName", "Date", "Product", "PartNumber", "MeterId", "ServiceFamily",
        "MeterCategory", "MeterSubCategory", "MeterRegion", "MeterName", "Quantity", "EffectivePrice", "Cost", "UnitPrice", "BillingCurrency",
        "ResourceLocation", "AvailabilityZone", "ConsumedService", "ResourceId", "ResourceName", "ServiceInfo1", "ServiceInfo2", "AdditionalInfo",
        "Tags", "InvoiceSectionId", "InvoiceSection", "CostCenter", "UnitOfMeasure", "ResourceGroup", "ReservationId", "ReservationName",
        "ProductOrderId", "ProductOrderName", "OfferId", "IsAzureCreditEligible", "Term", "PublisherName", "PlanName", "ChargeType", "Frequency",
        "PublisherType", "PayGPrice", "PricingModel", "CostAllocationRuleName", "benefitId", "benefitName",
    ];

    /// <summary>Rows per day: about 2,000 daily lines.</summary>
    public const int RowsPerDay = 2000;

    private static readonly DateTime _start = new(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private static readonly string[] _tags = ["\"environment\": \"prod\",\"team\": \"data\"", "\"environment\": \"dev\"", "", "\"cost_center\": \"CC-1001\""];

    private readonly Random _random = new(seed);

    public GroundTruth Write(TextWriter o, long rows)
    {
        var truth = new GroundTruth(rows);
        o.Write('\uFEFF');
        o.Write(string.Join(',', Columns));
        o.Write("\r\n");
        var products = Catalogue.Products.Where(p => p.Provider == Catalogue.Microsoft).ToArray();
        var cumulative = 0.0;
        var mix = Catalogue.Mix.Select(m => (m.Kind, Upper: cumulative += m.Share)).ToArray();
        for (long row = 0; row < rows; row++)
        {
            var x = _random.NextDouble();
            var kind = mix.FirstOrDefault(m => x < m.Upper, mix[^1]).Kind;
            var candidates = products.Where(p => p.Kind == kind).ToArray();
            var product = candidates[_random.Next(candidates.Length)];
            WriteRow(o, row, product, _random.Next(FocusGenerator.PoolSize), truth);
        }

        return truth;
    }

    private void WriteRow(TextWriter o, long row, Product product, int resource, GroundTruth truth)
    {
        var day = _start.AddDays(row / RowsPerDay);
        var periodStart = new DateTime(day.Year, day.Month, 1, 0, 0, 0, DateTimeKind.Utc);
        var region = Catalogue.AzureRegions[resource % Catalogue.AzureRegions.Count];
        var purchase = product.Kind == RowKind.Tax;
        var (quantity, block, unit) = Quantity(product);
        var price = purchase ? 0m : product.UnitPrice; // catalogue prices are per block of the unit already (Key Vault: per 10K)
        var cost = purchase ? Math.Round((decimal)_random.NextDouble() * 900m + 100m, 2) : Math.Round(quantity * price, 10);
        truth.Add(product.Kind, quantity * block, cost);
        var vm = product.Kind is RowKind.VirtualMachine or RowKind.GpuVirtualMachine;
        var size = vm ? product.ChargeDescription.Split(" - ")[1] : "";
        var (category, subCategory, meter) = product.Kind switch
        {
            RowKind.VirtualMachine or RowKind.GpuVirtualMachine => ("Virtual Machines", size.Split(' ')[0] + " Series", size),
            RowKind.BlockStorage => ("Storage", "Premium SSD Managed Disks", "P30 LRS Disk"),
            RowKind.ObjectStorage => ("Storage", "Tiered Block Blob", "Hot LRS Data Stored"),
            RowKind.DataTransfer => ("Bandwidth", "Rtn Preference: MGN", "Standard Data Transfer Out"),
            RowKind.AiTokens => ("Cognitive Services", "Azure OpenAI", product.Meter),
            RowKind.Unmapped => ("Key Vault", "", "Operations"),
            _ => ("Reservations", "", "Reserved VM Instance, 1 Year"),
        };
        var resourceId = $"/subscriptions/0f1e2d3c-aaaa-bbbb-cccc-00000000000{1 + (resource % 2)}/resourceGroups/rg-{resource % 20}/providers/{ProviderPath(product.Kind)}/r{resource}";
        var serviceType = vm ? "Standard_" + size.Replace(' ', '_') : "";
        var tags = _tags[resource % _tags.Length];

        Cells(o, "8611537", "Contoso EA", Date(periodStart), Date(periodStart.AddMonths(1).AddDays(-1)), "8611537", "Contoso EA",
            "owner@contoso.example", "Contoso", $"0f1e2d3c-aaaa-bbbb-cccc-00000000000{1 + (resource % 2)}", resource % 2 == 0 ? "Contoso Prod" : "Contoso ML",
            Date(day), product.ChargeDescription, product.SkuId, $"00000000-0000-0000-0000-{StableNumber(product.SkuId):x12}",
            product.ServiceCategory, category, subCategory, "EU West", meter);
        Number(o, quantity); Number(o, price); Number(o, cost); Number(o, price);
        Cells(o, "USD", region, "", purchase ? "" : ConsumedService(product.Kind), purchase ? "" : resourceId, purchase ? "" : $"r{resource}", "", "",
            vm ? $"{{\"ServiceType\": \"{serviceType}\", \"VCPUs\": {VCpus(size)}}}" : "", tags, "", "", "", unit,
            $"rg-{resource % 20}", "", "", "", "", "MS-AZR-0017P", "True", purchase ? "12" : "", "", "", purchase ? "Purchase" : "Usage",
            purchase ? "OneTime" : "UsageBased", "Microsoft");
        Number(o, price);
        o.Write(purchase ? "Reservation" : "OnDemand");
        o.Write(",,,\r\n");
    }

    /// <summary>Quantity as written (blocks of UnitOfMeasure), the block size, and UnitOfMeasure.</summary>
    private (decimal Quantity, decimal Block, string Unit) Quantity(Product product) => product.Kind switch
    {
        RowKind.VirtualMachine or RowKind.GpuVirtualMachine => (_random.Next(5) == 0 ? Math.Round((decimal)_random.NextDouble() * 24, 4) : 24m, 1m, "1 Hour"),
        RowKind.BlockStorage => (Math.Round((20 + _random.Next(1981)) * 24 / 730m, 8), 1m, "1 GB/Month"),
        RowKind.ObjectStorage => (Math.Round((1 + _random.Next(50_000)) * 24 / 730m, 8), 1m, "1 GB/Month"),
        RowKind.DataTransfer => (Math.Round((decimal)Math.Exp(_random.NextDouble() * 12 - 5), 6), 1m, "1 GB"),
        // A day of a deployment's tokens, in blocks of 1,000 (Azure OpenAI's UnitOfMeasure "1K").
        RowKind.AiTokens => (Math.Round((decimal)Math.Exp(_random.NextDouble() * 10 + 1), 3), 1000m, "1K"),
        RowKind.Unmapped => (Math.Round((1 + _random.Next(1_000_000)) / 10_000m, 4), 10_000m, "10K"),
        _ => (1m, 1m, "1"),
    };

    private static int VCpus(string size) => size switch
    {
        "D4s v3" => 4,
        "ND96asr A100 v4" => 96,
        _ => 2,
    };

    private static string ConsumedService(RowKind kind) => kind switch
    {
        RowKind.VirtualMachine or RowKind.GpuVirtualMachine or RowKind.BlockStorage => "Microsoft.Compute",
        RowKind.ObjectStorage => "Microsoft.Storage",
        RowKind.DataTransfer => "Microsoft.Network",
        RowKind.AiTokens => "Microsoft.CognitiveServices",
        _ => "Microsoft.KeyVault",
    };

    private static string ProviderPath(RowKind kind) => kind switch
    {
        RowKind.VirtualMachine or RowKind.GpuVirtualMachine => "Microsoft.Compute/virtualMachines",
        RowKind.BlockStorage => "Microsoft.Compute/disks",
        RowKind.ObjectStorage => "Microsoft.Storage/storageAccounts",
        RowKind.DataTransfer => "Microsoft.Network/publicIPAddresses",
        RowKind.AiTokens => "Microsoft.CognitiveServices/accounts",
        _ => "Microsoft.KeyVault/vaults",
    };

    /// <summary>A number from the text that is the same in every process (string.GetHashCode is randomised per process).</summary>
    private static long StableNumber(string text)
    {
        long n = 17;
        foreach (var c in text) n = (n * 31 + c) & 0xFFFFFFFFFFFF;
        return n;
    }

    private static string Date(DateTime value) => value.ToString("MM/dd/yyyy", CultureInfo.InvariantCulture);

    private static void Cells(TextWriter o, params ReadOnlySpan<string> values)
    {
        foreach (var value in values)
        {
            if (value.AsSpan().IndexOfAny(",\"\r\n") >= 0)
            {
                o.Write('"');
                o.Write(value.Replace("\"", "\"\"", StringComparison.Ordinal));
                o.Write('"');
            }
            else
            {
                o.Write(value);
            }

            o.Write(',');
        }
    }

    private static void Number(TextWriter o, decimal value)
    {
        o.Write(value.ToString(CultureInfo.InvariantCulture));
        o.Write(',');
    }
}

using System.Globalization;
using System.Text;

namespace Empreinte.Cli.Tests;

/// <summary>One usage of an Azure EA cost-details export: a VM size, an Azure OpenAI model's output tokens, a Key Vault meter (a cost proxy) or a marketplace product (unmapped).</summary>
internal sealed record AzureUsage(string Subscription, string Region, string Kind, string What, decimal DailyQuantity, string Tags = "\"environment\": \"prod\"");

/// <summary>
/// Writes a small Azure EA cost-details export (the 55 PascalCase columns of billing-formats.md §2.1,
/// as tools/Empreinte.Generator writes them): one row per usage per day over <see cref="Days"/> days.
/// Tests change a usage's region or model and write the export again, as a recommendation says.
/// </summary>
internal static class AzureExport
{
    public const string Vm = "vm";
    public const string Tokens = "tokens";
    public const string KeyVault = "keyvault";
    public const string Marketplace = "marketplace";
    public const int Days = 30;

    private static readonly string[] s_columns =
    [
        "BillingAccountId", "BillingAccountName", "BillingPeriodStartDate", "BillingPeriodEndDate", "BillingProfileId", "BillingProfileName",
        "AccountOwnerId", "AccountName", "SubscriptionId", "SubscriptionName", "Date", "Product", "PartNumber", "MeterId", "ServiceFamily",
        "MeterCategory", "MeterSubCategory", "MeterRegion", "MeterName", "Quantity", "EffectivePrice", "Cost", "UnitPrice", "BillingCurrency",
        "ResourceLocation", "AvailabilityZone", "ConsumedService", "ResourceId", "ResourceName", "ServiceInfo1", "ServiceInfo2", "AdditionalInfo",
        "Tags", "InvoiceSectionId", "InvoiceSection", "CostCenter", "UnitOfMeasure", "ResourceGroup", "ReservationId", "ReservationName",
        "ProductOrderId", "ProductOrderName", "OfferId", "IsAzureCreditEligible", "Term", "PublisherName", "PlanName", "ChargeType", "Frequency",
        "PublisherType", "PayGPrice", "PricingModel", "CostAllocationRuleName", "benefitId", "benefitName",
    ];

    public static string Write(IEnumerable<AzureUsage> usages)
    {
        var path = Path.Combine(Path.GetTempPath(), "empreinte-azure-" + Guid.NewGuid().ToString("N") + ".csv");
        var csv = new StringBuilder();
        csv.Append(string.Join(',', s_columns)).Append("\r\n");
        var start = new DateTime(2026, 10, 1, 0, 0, 0, DateTimeKind.Utc);
        var index = 0;
        foreach (var usage in usages)
        {
            index++;
            for (var day = 0; day < Days; day++) csv.Append(Row(usage, index, start, start.AddDays(day))).Append("\r\n");
        }

        File.WriteAllText(path, csv.ToString(), new UTF8Encoding(false));
        return path;
    }

    private static string Row(AzureUsage u, int index, DateTime month, DateTime day)
    {
        var (category, subCategory, meter, unit, service, price, info, product) = u.Kind switch
        {
            Vm => ("Virtual Machines", u.What.Split(' ')[0] + " Series", u.What, "1 Hour", "Microsoft.Compute", 0.2m,
                $"{{\"ServiceType\": \"Standard_{u.What.Replace(' ', '_')}\"}}", $"Virtual Machines {u.What} Series - {u.What}"),
            Tokens => ("Cognitive Services", "Azure OpenAI", $"{u.What.Replace('-', ' ')} Output global Tokens", "1K", "Microsoft.CognitiveServices", 0.0025m, "", "Azure OpenAI"),
            KeyVault => ("Key Vault", "", "Operations", "10K", "Microsoft.KeyVault", 0.03m, "", "Key Vault - Operations"),
            _ => ("Virtual Machines", "", "Example Firewall (Marketplace)", "1 Hour", "Microsoft.Compute", 1.5m, "", "Example Firewall (Marketplace)"),
        };
        var cost = u.DailyQuantity * price;
        var resourceId = $"/subscriptions/sub-{u.Subscription}/resourceGroups/rg/providers/{service}/r{index}";
        var cells = new Dictionary<string, string>
        {
            ["BillingAccountId"] = "8611537",
            ["BillingAccountName"] = "Contoso",
            ["BillingPeriodStartDate"] = Date(month),
            ["BillingPeriodEndDate"] = Date(month.AddMonths(1).AddDays(-1)),
            ["SubscriptionId"] = "sub-" + u.Subscription,
            ["SubscriptionName"] = u.Subscription,
            ["Date"] = Date(day),
            ["Product"] = product,
            ["ServiceFamily"] = "Compute",
            ["MeterCategory"] = category,
            ["MeterSubCategory"] = subCategory,
            ["MeterRegion"] = u.Region,
            ["MeterName"] = meter,
            ["Quantity"] = Number(u.DailyQuantity),
            ["EffectivePrice"] = Number(price),
            ["Cost"] = Number(cost),
            ["UnitPrice"] = Number(price),
            ["BillingCurrency"] = "USD",
            ["ResourceLocation"] = u.Region,
            ["ConsumedService"] = service,
            ["ResourceId"] = resourceId,
            ["ResourceName"] = "r" + index,
            ["AdditionalInfo"] = info,
            ["Tags"] = u.Tags,
            ["UnitOfMeasure"] = unit,
            ["ResourceGroup"] = "rg",
            ["ChargeType"] = "Usage",
            ["Frequency"] = "UsageBased",
            ["PublisherType"] = "Microsoft",
            ["PayGPrice"] = Number(price),
            ["PricingModel"] = "OnDemand",
        };
        return string.Join(',', s_columns.Select(c => Quote(cells.GetValueOrDefault(c, ""))));
    }

    private static string Date(DateTime d) => d.ToString("MM/dd/yyyy", CultureInfo.InvariantCulture);

    private static string Number(decimal n) => n.ToString(CultureInfo.InvariantCulture);

    private static string Quote(string cell) => cell.IndexOfAny([',', '"']) >= 0 ? "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : cell;
}

using Azure.Data.Tables;
using Empreinte.Contracts;
using Empreinte.Domain;
using Empreinte.Domain.Calculators;

namespace Empreinte.Tables;

/// <summary>
/// The flat, Power BI-friendly columns, named like summary.json's totals (PascalCase): a criterion
/// is three columns, <c>EnergyKwh</c> (central), <c>EnergyKwhLow</c>, <c>EnergyKwhHigh</c>. Each
/// calculator writes only its own group of columns, so the three can merge into one entity in any order.
/// </summary>
public static class TableColumns
{
    public static void Range(TableEntity entity, string name, Uncertain value)
    {
        entity[name] = value.Central;
        entity[name + "Low"] = value.Low;
        entity[name + "High"] = value.High;
    }

    /// <summary>Columns every calculator writes for a line (the same values each time): identity, classification, cost.</summary>
    public static void LineIdentity(TableEntity entity, UsageLine line, Guid importId, int batchNumber, string factorSetVersion)
    {
        entity["SourceFile"] = line.SourceFile;
        entity["SourceRow"] = line.SourceRow;
        entity["ImportId"] = importId.ToString();
        entity["BatchNumber"] = batchNumber;
        entity["Provider"] = line.Provider;
        entity["BillingAccountId"] = line.BillingAccountId;
        entity["SubAccountId"] = line.SubAccountId;
        entity["SubAccountName"] = line.SubAccountName;
        entity["ResourceId"] = line.ResourceId;
        entity["ServiceName"] = line.ServiceName;
        entity["ServiceCategory"] = line.ServiceCategory;
        entity["RegionId"] = line.RegionId;
        entity["ChargePeriodStart"] = line.ChargePeriodStart;
        entity["Month"] = KeyText.MonthOf(line.ChargePeriodStart);
        entity["ChargeCategory"] = line.ChargeCategory;
        entity["SkuMeter"] = line.SkuMeter;
        entity["InstanceType"] = line.InstanceType;
        entity["UsageKind"] = line.UsageKind;
        entity["Quantity"] = line.Quantity;
        entity["Unit"] = line.QuantityUnit;
        // Table Storage has no decimal type; a double is what Power BI sums anyway.
        entity["Cost"] = (double)line.Cost;
        entity["Currency"] = line.Currency;
        entity["Status"] = line.Status;
        entity["Reason"] = line.Reason;
        entity["Flags"] = string.Join(';', line.Flags);
        entity["FactorSetVersion"] = factorSetVersion;
    }

    public static void Energy(TableEntity entity, EnergyEstimate estimate)
    {
        Range(entity, "EnergyKwh", estimate.EnergyKwh);
        Range(entity, "CarbonLocationKgCo2e", estimate.CarbonLocationKgCo2e);
        Range(entity, "CarbonMarketKgCo2e", estimate.CarbonMarketKgCo2e);
        entity["CpuKwh"] = estimate.Breakdown.CpuKwh;
        entity["MemoryKwh"] = estimate.Breakdown.MemoryKwh;
        entity["GpuKwh"] = estimate.Breakdown.GpuKwh;
        entity["StorageKwh"] = estimate.Breakdown.StorageKwh;
        entity["NetworkKwh"] = estimate.Breakdown.NetworkKwh;
        entity["OtherKwh"] = estimate.Breakdown.OtherKwh;
        entity["Utilisation"] = estimate.Utilisation;
        entity["Pue"] = estimate.Pue;
        entity["EnergyFlags"] = string.Join(';', estimate.Flags);
    }

    public static void Water(TableEntity entity, WaterEstimate estimate)
    {
        Range(entity, "WaterLitres", estimate.WaterLitres);
        entity["WaterOnSiteLitres"] = estimate.OnSiteLitres.Central;
        entity["WaterOffSiteLitres"] = estimate.OffSiteLitres.Central;
        entity["WaterFlags"] = string.Join(';', estimate.Flags);
    }

    public static void Materials(TableEntity entity, MaterialsEstimate estimate)
    {
        Range(entity, "EmbodiedKgCo2e", estimate.EmbodiedKgCo2e);
        Range(entity, "AbioticDepletionKgSbEq", estimate.AbioticDepletionKgSbEq);
        Range(entity, "EwasteKg", estimate.EwasteKg);
        entity["MaterialsFlags"] = string.Join(';', estimate.Flags);
    }

    /// <summary>The seven criteria, in summary.json order, as the central column names.</summary>
    public static IReadOnlyList<string> Criteria { get; } =
        ["EnergyKwh", "CarbonLocationKgCo2e", "CarbonMarketKgCo2e", "EmbodiedKgCo2e", "WaterLitres", "AbioticDepletionKgSbEq", "EwasteKg"];
}

using System.Globalization;
using Empreinte.Application.Results;
using Empreinte.Domain;

namespace Empreinte.Application.Files;

/// <summary>
/// lines.csv: one row per input usage line with every criterion's central, low and high value,
/// the energy breakdown, status, reason, flags and factor-set version (DESIGN.md output contract).
/// </summary>
public static class LinesCsv
{
    private static readonly string[] s_criteria =
        ["energyKwh", "carbonLocationKgCo2e", "carbonMarketKgCo2e", "embodiedKgCo2e", "waterLitres", "abioticDepletionKgSbEq", "ewasteKg"];

    public static IReadOnlyList<string> Header { get; } =
    [
        "sourceFile", "sourceRow", "provider", "subAccountId", "resourceId", "serviceName", "serviceCategory", "regionId",
        "chargePeriodStart", "usageKind", "quantity", "unit", "cost", "currency",
        .. s_criteria.SelectMany(c => new[] { c, c + "Low", c + "High" }),
        "cpuKwh", "memoryKwh", "gpuKwh", "storageKwh", "networkKwh", "otherKwh", "utilisation", "pue",
        "waterOnSiteLitres", "waterOffSiteLitres",
        "status", "reason", "flags", "factorSetVersion",
    ];

    public static void WriteHeader(TextWriter writer) => writer.Write(string.Join(',', Header) + "\n");

    public static void WriteRow(TextWriter writer, LineResult result, string factorSetVersion)
    {
        var l = result.Line;
        var e = result.Energy;
        Text(writer, l.SourceFile); Number(writer, l.SourceRow); Text(writer, l.Provider); Text(writer, l.SubAccountId);
        Text(writer, l.ResourceId); Text(writer, l.ServiceName); Text(writer, l.ServiceCategory); Text(writer, l.RegionId);
        Text(writer, l.ChargePeriodStart?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        Text(writer, l.UsageKind); Number(writer, l.Quantity); Text(writer, l.QuantityUnit);
        Text(writer, l.Cost.ToString(CultureInfo.InvariantCulture)); Text(writer, l.Currency);
        Range(writer, e.EnergyKwh); Range(writer, e.CarbonLocationKgCo2e); Range(writer, e.CarbonMarketKgCo2e);
        Range(writer, result.Materials.EmbodiedKgCo2e); Range(writer, result.Water.WaterLitres);
        Range(writer, result.Materials.AbioticDepletionKgSbEq); Range(writer, result.Materials.EwasteKg);
        Number(writer, e.Breakdown.CpuKwh); Number(writer, e.Breakdown.MemoryKwh); Number(writer, e.Breakdown.GpuKwh);
        Number(writer, e.Breakdown.StorageKwh); Number(writer, e.Breakdown.NetworkKwh); Number(writer, e.Breakdown.OtherKwh);
        Number(writer, e.Utilisation); Number(writer, e.Pue);
        Number(writer, result.Water.OnSiteLitres.Central); Number(writer, result.Water.OffSiteLitres.Central);
        Text(writer, l.Status); Text(writer, l.Reason);
        Text(writer, string.Join(';', l.Flags.Concat(e.Flags).Concat(result.Water.Flags).Concat(result.Materials.Flags).Distinct()));
        Text(writer, factorSetVersion, last: true);
        writer.Write('\n');
    }

    private static void Range(TextWriter writer, Uncertain value)
    {
        Number(writer, value.Central);
        Number(writer, value.Low);
        Number(writer, value.High);
    }

    private static void Number(TextWriter writer, double? value)
    {
        if (value is { } v) writer.Write(v.ToString("R", CultureInfo.InvariantCulture));
        writer.Write(',');
    }

    private static void Number(TextWriter writer, long value)
    {
        writer.Write(value.ToString(CultureInfo.InvariantCulture));
        writer.Write(',');
    }

    /// <summary>RFC 4180: quote fields holding a separator, a quote or a line break; double the quotes.</summary>
    public static void Text(TextWriter writer, string? value, bool last = false)
    {
        if (!string.IsNullOrEmpty(value))
        {
            if (value.AsSpan().IndexOfAny(",\"\r\n") >= 0) writer.Write("\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"");
            else writer.Write(value);
        }

        if (!last) writer.Write(',');
    }
}

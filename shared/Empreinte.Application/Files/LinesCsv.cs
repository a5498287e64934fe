using System.Buffers;

namespace Empreinte.Application.Files;

/// <summary>
/// lines.csv: one row per input usage line with every criterion's central, low and high value,
/// the energy breakdown, status, reason, flags and factor-set version (DESIGN.md output contract).
/// Rows are written by <see cref="LinesCsvWriter"/>: quantities as read (round-trip), costs as
/// decimals, estimates with seven significant digits.
/// </summary>
public static class LinesCsv
{
    private static readonly string[] s_criteria =
        ["energyKwh", "carbonLocationKgCo2e", "carbonMarketKgCo2e", "embodiedKgCo2e", "waterLitres", "abioticDepletionKgSbEq", "ewasteKg"];

    /// <summary>The characters that make RFC 4180 quote a field.</summary>
    internal static SearchValues<char> NeedsQuotes { get; } = SearchValues.Create(",\"\r\n");

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

    /// <summary>RFC 4180: quote fields holding a separator, a quote or a line break; double the quotes.</summary>
    public static void Text(TextWriter writer, string? value, bool last = false)
    {
        if (!string.IsNullOrEmpty(value))
        {
            if (value.AsSpan().IndexOfAny(NeedsQuotes) >= 0) writer.Write("\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"");
            else writer.Write(value);
        }

        if (!last) writer.Write(',');
    }
}

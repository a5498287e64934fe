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

    /// <summary>A text cell, as <see cref="CsvField.Encode"/> writes it (formulas neutralised, RFC 4180 quoting).</summary>
    public static void Text(TextWriter writer, string? value, bool last = false)
    {
        if (!string.IsNullOrEmpty(value)) writer.Write(CsvField.Encode(value));

        if (!last) writer.Write(',');
    }
}

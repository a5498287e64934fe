using System.Globalization;
using Empreinte.Contracts;

namespace Empreinte.Tables;

/// <summary>
/// The dimensions Power BI slices the monthly table by. Currency is one of them so that costs in
/// different currencies are never summed together.
/// </summary>
public readonly record struct MonthlyDimensions(
    string Provider, string? SubAccountId, string? SubAccountName, string? ServiceCategory, string? ServiceName,
    string? RegionId, string UsageKind, string Status, string? Currency)
{
    public static MonthlyDimensions Of(UsageLine line) => new(
        line.Provider, line.SubAccountId, line.SubAccountName, line.ServiceCategory, line.ServiceName,
        line.RegionId, line.UsageKind, line.Status, line.Currency);

    public string Hash() => KeyText.HashHex(Provider, SubAccountId, SubAccountName, ServiceCategory, ServiceName, RegionId, UsageKind, Status, Currency);
}

/// <summary>
/// Keys of the monthly aggregate table. Each entity is one batch's contribution to one month and
/// one tuple of dimensions, keyed by (month, source file, batch number, dimensions): a calculator
/// that runs twice, late, or for a re-import of the same file merges into the same entity instead
/// of adding to a running total, and Power BI sums the contributions. The PartitionKey is the
/// month plus a bucket of (file, batch), so a large month is spread over several partitions while
/// one batch's contributions to a month share a partition (one transaction).
/// </summary>
public static class MonthlyKeys
{
    public const int Buckets = 8;

    public static string PartitionKey(string month, string sourceFile, int batchNumber) =>
        $"{month}-{KeyText.Bucket(Buckets, sourceFile, batchNumber.ToString(CultureInfo.InvariantCulture))}";

    public static string RowKey(string sourceFile, int batchNumber, MonthlyDimensions dimensions) =>
        $"{KeyText.Safe(sourceFile)}-{batchNumber.ToString("D6", CultureInfo.InvariantCulture)}-{dimensions.Hash()}";
}

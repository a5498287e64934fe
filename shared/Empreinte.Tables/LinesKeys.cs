using System.Globalization;
using Empreinte.Contracts;

namespace Empreinte.Tables;

/// <summary>
/// Keys of the detail table, one entity per input usage line. The RowKey is the line's origin
/// (source file, row), so importing the same file again overwrites the same entities. The
/// PartitionKey is the charge month plus one of <see cref="Buckets"/> buckets of (sub-account,
/// resource, day): a month spreads evenly over 16 partitions (16 × 2,000 entities/s is above an
/// account's 20,000/s, so no partition is the bottleneck), and a 1,000-line batch needs at most
/// 16 × months transactions (a per-day key made ~100 tiny transactions of a batch spanning a month).
/// Power BI loads a month with the PartitionKey range <see cref="MonthRange"/>.
/// </summary>
public static class LinesKeys
{
    public const int Buckets = 16;

    public static string PartitionKey(UsageLine line)
    {
        var day = line.ChargePeriodStart?.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var bucket = KeyText.Bucket(Buckets, line.SubAccountId, line.ResourceId, day);
        return $"{KeyText.MonthOf(line.ChargePeriodStart)}-{bucket.ToString("D2", CultureInfo.InvariantCulture)}";
    }

    public static string RowKey(UsageLine line) => RowKey(line.SourceFile, line.SourceRow);

    public static string RowKey(string sourceFile, long sourceRow) =>
        $"{KeyText.Safe(sourceFile)}-{sourceRow.ToString("D10", CultureInfo.InvariantCulture)}";

    /// <summary>Every partition of a month (yyyyMM) lies in [<c>from</c>, <c>to</c>) for a PartitionKey range query.</summary>
    public static (string From, string To) MonthRange(int year, int month)
    {
        var first = new DateTime(year, month, 1, 0, 0, 0, DateTimeKind.Utc);
        return (first.ToString("yyyyMM", CultureInfo.InvariantCulture), first.AddMonths(1).ToString("yyyyMM", CultureInfo.InvariantCulture));
    }
}

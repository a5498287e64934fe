using System.Globalization;
using Empreinte.Contracts;

namespace Empreinte.Application.Tables;

/// <summary>
/// Keys of the detail table, one entity per input usage line. The RowKey is the line's origin
/// (source file, row), so importing the same file again overwrites the same entities. The
/// PartitionKey is the charge day plus a bucket of (sub-account, resource): a month spreads over
/// days × <see cref="Buckets"/> partitions, never one hot partition, while a day of one resource
/// stays together. Power BI can still load a month with a PartitionKey range.
/// </summary>
public static class LinesKeys
{
    public const int Buckets = 8;

    public static string PartitionKey(UsageLine line)
    {
        var day = line.ChargePeriodStart is { } start
            ? start.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture)
            : KeyText.NoMonth + "00";
        return $"{day}-{KeyText.Bucket(Buckets, line.SubAccountId, line.ResourceId)}";
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

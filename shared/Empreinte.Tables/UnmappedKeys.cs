using System.Globalization;

namespace Empreinte.Tables;

/// <summary>What the user would map next: one group of unmapped usage.</summary>
public readonly record struct UnmappedGroupKey(string Provider, string? ServiceName, string? Meter, string? Unit, string? Reason, string? Currency)
{
    public string Hash() => KeyText.HashHex(Provider, ServiceName, Meter, Unit, Reason, Currency);
}

/// <summary>
/// Keys of the unmapped table: one batch's contribution to one month and one unmapped group,
/// keyed like the monthly table (month, source file, batch, group) so re-runs overwrite.
/// </summary>
public static class UnmappedKeys
{
    public static string PartitionKey(string month, string sourceFile, int batchNumber) =>
        MonthlyKeys.PartitionKey(month, sourceFile, batchNumber);

    public static string RowKey(string sourceFile, int batchNumber, UnmappedGroupKey group) =>
        $"{KeyText.Safe(sourceFile)}-{batchNumber.ToString("D6", CultureInfo.InvariantCulture)}-{group.Hash()}";
}

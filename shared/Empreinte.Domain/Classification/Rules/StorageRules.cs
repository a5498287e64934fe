using System.Buffers;
using System.Text.RegularExpressions;
using Empreinte.Domain.Usage;

namespace Empreinte.Domain.Classification.Rules;

/// <summary>
/// Storage billed per GB-month (or GB-hour on a storage service) on every provider: media from the product words
/// or what the export states, replication from the service (<see cref="StorageReplication"/>), each default flagged.
/// Early-deletion fees are billed in GB-months for data no longer stored, and memory GB-hours are not storage.
/// </summary>
internal sealed partial class StorageRules : IClassificationRule
{
    private static readonly SearchValues<string> s_memoryWord = RuleText.Words("Memory");
    private static readonly SearchValues<string> s_earlyDelete = RuleText.Words("EarlyDelete", "Early Delete");
    private static readonly SearchValues<string> s_storageOrDisk = RuleText.Words("Storage", "Disk");

    public Decision? TryClassify(UsageRecord record, string text)
    {
        var gbMonths = record.QuantityUnit switch
        {
            Units.GbMonths => record.Quantity,
            Units.GbHours when IsStorageService(record, text) && !RuleText.HasAny(text, s_memoryWord) => record.Quantity / Units.HoursPerMonth,
            _ => null,
        };
        if (gbMonths is null) return null;
        if (RuleText.HasAny(text, s_earlyDelete)) return null;

        var flags = new List<string>();
        var media = StatedMedia(record) ?? Media(text);
        if (media is null)
        {
            media = "ssd";
            flags.Add(AssumptionFlags.StorageMediaAssumed);
        }

        var replication = StorageReplication.For(record.Provider, record.Redundancy is null ? text : $"{text} {record.Redundancy}", out var assumed);
        if (assumed) flags.Add(AssumptionFlags.ReplicationAssumed);

        return Decision.Mapped with
        {
            UsageKind = UsageKinds.Storage,
            StorageGbMonths = gbMonths,
            StorageMedia = media,
            ReplicationFactor = replication,
            Flags = flags,
        };
    }

    private static bool IsStorageService(UsageRecord record, string text) =>
        string.Equals(record.ServiceCategory, "Storage", StringComparison.OrdinalIgnoreCase)
        || RuleText.HasAny(text, s_storageOrDisk)
        || text.Contains("EBS", StringComparison.Ordinal);

    /// <summary>Media from the product words: HDD tiers (st1, sc1, Standard HDD, Cold/Archive) or SSD tiers; null when none is named.</summary>
    public static string? Media(string text)
    {
        if (HddWords().IsMatch(text)) return "hdd";
        if (SsdWords().IsMatch(text)) return "ssd";
        return null;
    }

    /// <summary>Media from what the export states about the SKU (FOCUS SkuPriceDetails DiskType, StorageClass), or null.</summary>
    public static string? StatedMedia(UsageRecord record) =>
        record.DiskType is null && record.StorageClass is null ? null : Media($"{record.DiskType} {record.StorageClass}");

    [GeneratedRegex(@"\b(st1|sc1|HDD|Cold|Archive|Glacier|Infrequent|Standard - IA|Magnetic)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HddWords();

    [GeneratedRegex(@"\b(gp2|gp3|io1|io2|SSD|Premium|NVMe)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SsdWords();
}

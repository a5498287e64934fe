using System.Buffers;
using Empreinte.Domain.Usage;

namespace Empreinte.Domain.Classification.Rules;

/// <summary>
/// Disks billed per disk-month: the Azure tier in the meter gives the size (<c>P10 LRS Disk</c>, <see cref="ManagedDisks"/>),
/// else the size the export states (FOCUS SkuPriceDetails <c>DiskSpace</c>, with <c>DiskType</c> for the media).
/// </summary>
internal sealed class ManagedDiskRules : IClassificationRule
{
    private static readonly SearchValues<string> s_disk = RuleText.Words("Disk");

    public Decision? TryClassify(UsageRecord record, string text)
    {
        if (record.QuantityUnit != Units.Months || record.Quantity is not { } months) return null;
        var tier = RuleText.HasAny(text, s_disk) ? ManagedDisks.Tier(record.SkuMeter ?? "") ?? ManagedDisks.Tier(text) : null;
        if (tier is null && record.DiskSizeGb is null) return null;

        var flags = new List<string>(2);
        var gb = tier?.Gb ?? record.DiskSizeGb!.Value;
        var media = tier?.Media ?? StorageRules.StatedMedia(record) ?? StorageRules.Media(text);
        if (media is null)
        {
            media = "ssd";
            flags.Add(AssumptionFlags.StorageMediaAssumed);
        }

        var replication = StorageReplication.For(record.Provider, $"Managed Disk {text} {record.Redundancy}", out var assumed);
        if (assumed) flags.Add(AssumptionFlags.ReplicationAssumed);
        return Decision.Mapped with
        {
            UsageKind = UsageKinds.Storage,
            StorageGbMonths = months * gb,
            StorageMedia = media,
            ReplicationFactor = replication,
            Flags = flags,
        };
    }
}

using Empreinte.Contracts;
using Empreinte.Domain.Usage;

namespace Empreinte.Domain.Calculators;

/// <summary>Bytes physically held for a storage line: what the energy and materials models of storage both start from.</summary>
internal static class StoredCapacity
{
    /// <summary>TB·h physically stored: GB-months × 730 h ÷ 1,000 × replication factor.</summary>
    public static double TbHours(UsageLine line) =>
        (line.StorageGbMonths ?? 0) * Units.HoursPerMonth / 1000 * (line.ReplicationFactor ?? 1);
}

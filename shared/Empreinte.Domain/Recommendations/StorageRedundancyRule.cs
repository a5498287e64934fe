using Empreinte.Domain.Usage;

namespace Empreinte.Domain.Recommendations;

/// <summary>
/// A heuristic: storage in a sub-account or with tags that look like dev/test kept at geo
/// redundancy (more than 3 copies) or on SSD. Proposes locally redundant storage (3 copies) on
/// HDD, re-estimated with that replication and media.
/// </summary>
public sealed class StorageRedundancyRule : IRecommendationRule
{
    public const int LocalCopies = 3;

    public IEnumerable<Recommendation> Recommend(RecommendationContext context)
    {
        // One recommendation per sub-account, service, region, replication and media, whatever else differs between its groups.
        var sources = context.Groups
            .Where(g => g.Key.LooksDevTest && g.Key.UsageKind == UsageKinds.Storage)
            .Where(g => g.Key.ReplicationFactor is > LocalCopies || g.Key.StorageMedia is "ssd" or "nvme")
            .GroupBy(g => (g.Key.Provider, g.Key.SubAccount, g.Key.ServiceName, g.Key.RegionId, g.Key.ReplicationFactor, g.Key.StorageMedia));
        foreach (var source in sources)
        {
            var key = source.Key;
            var geo = key.ReplicationFactor is > LocalCopies;
            var ssd = key.StorageMedia is "ssd" or "nvme";

            var (before, after) = context.Reestimate(source, line => line with
            {
                ReplicationFactor = geo ? LocalCopies : line.ReplicationFactor,
                StorageMedia = ssd ? "hdd" : line.StorageMedia,
            });
            var savings = Footprint.Savings(before, after);
            var tradeOffs = RecommendationEngine.CriteriaRaised(savings);
            if (geo) tradeOffs.Add(RecommendationText.Of("storage-no-geo-copy"));
            if (ssd) tradeOffs.Add(RecommendationText.Of("storage-hdd"));
            var from = $"{key.ReplicationFactor?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"} copies on {key.StorageMedia ?? "?"}";
            var to = $"{(geo ? LocalCopies : key.ReplicationFactor)?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"} copies on {(ssd ? "hdd" : key.StorageMedia)}";
            yield return new Recommendation(
                RecommendationKinds.StorageRedundancy,
                new RecommendationScope("service", key.Provider, key.SubAccount, key.ServiceName, key.RegionId, null),
                from,
                to,
                source.Sum(g => g.Lines),
                source.Sum(g => g.StorageGbMonths),
                "GB-months",
                source.Sum(g => g.Cost),
                savings,
                tradeOffs,
                "low",
                Heuristic: true,
                RecommendationText.Of("storage-rationale"));
        }
    }
}

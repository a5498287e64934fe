using Empreinte.Domain.Recommendations;

namespace Empreinte.Tables;

/// <summary>
/// Keys of the recommendations table. An import's recommendations share one partition, named by
/// the inputs it read (not by its import id), so estimating the same exports again replaces
/// their recommendations instead of adding a second set; the row key is what the recommendation
/// changes (kind, scope, from, to), so the same change keeps its row from run to run.
/// </summary>
public static class RecommendationsKeys
{
    public static string PartitionKey(IEnumerable<string> sources) =>
        "src-" + KeyText.HashHex([.. sources.Order(StringComparer.Ordinal)]);

    public static string RowKey(Recommendation recommendation) =>
        $"{recommendation.Kind}-{KeyText.HashHex(recommendation.Kind, recommendation.Scope.Level, recommendation.Scope.Provider, recommendation.Scope.SubAccount, recommendation.Scope.Service, recommendation.Scope.Region, recommendation.Scope.Model, recommendation.From, recommendation.To)}";
}

using Azure.Data.Tables;

namespace Empreinte.Tables;

/// <summary>
/// Upsert-merges entities with entity group transactions: one transaction holds at most 100
/// entities of one partition, and never the same key twice (the service rejects that).
/// </summary>
public static class TableBatchWriter
{
    public const int MaxPerTransaction = 100;

    /// <summary>Partitions written at once: enough to hide latency, few enough to stay polite to the account.</summary>
    private const int _parallelism = 4;

    public static async Task UpsertMergeAsync(TableClient table, IEnumerable<TableEntity> entities, CancellationToken cancellationToken)
    {
        var transactions = new List<List<TableTransactionAction>>();
        foreach (var partition in entities.GroupBy(e => e.PartitionKey, StringComparer.Ordinal))
        {
            // Last write wins for a key repeated in one batch, as it would with separate upserts.
            var unique = partition.GroupBy(e => e.RowKey, StringComparer.Ordinal).Select(g => g.Last());
            foreach (var chunk in unique.Chunk(MaxPerTransaction))
                transactions.Add(chunk.Select(e => new TableTransactionAction(TableTransactionActionType.UpsertMerge, e)).ToList());
        }

        await Parallel.ForEachAsync(
            transactions,
            new ParallelOptions { MaxDegreeOfParallelism = _parallelism, CancellationToken = cancellationToken },
            async (transaction, ct) => await table.SubmitTransactionAsync(transaction, ct));
    }
}

using System.Globalization;
using Azure;
using Azure.Data.Tables;

namespace Empreinte.Azure.Webhooks;

/// <summary>Keys of the table of signatures already accepted: partition by signing hour (old ones are purged a partition at a time), row by fingerprint.</summary>
public static class SeenSignatureKeys
{
    public const string TableName = "EmpreinteSeenSignatures";

    public static string Partition(DateTimeOffset signedAt) => signedAt.UtcDateTime.ToString("yyyyMMddHH", CultureInfo.InvariantCulture);

    public static string Row(string fingerprint) => fingerprint;
}

/// <summary>
/// The signed uploads already accepted, remembered in Table Storage for as long as their signature
/// would still be accepted (the tolerance either way): a captured request sent again within the
/// window is refused instead of being imported twice. Shared by every instance of the Functions
/// app; the insert is the check (a second insert of the same key fails with 409), so two copies
/// racing on two instances cannot both pass.
/// </summary>
public sealed class SeenSignatures(TableClient table, TimeProvider clock, TimeSpan tolerance)
{
    /// <summary>How often, at most, expired entries are deleted (by the request that finds the purge due).</summary>
    private static readonly TimeSpan _purgeEvery = TimeSpan.FromMinutes(10);

    private volatile bool _created;
    private DateTimeOffset _nextPurge = DateTimeOffset.MinValue;

    /// <summary>Records a signature; false when it was recorded before (a replay).</summary>
    public async Task<bool> TryRecordAsync(string fingerprint, DateTimeOffset signedAt, CancellationToken cancellationToken)
    {
        await EnsureTableAsync(cancellationToken);
        var entity = new TableEntity(SeenSignatureKeys.Partition(signedAt), SeenSignatureKeys.Row(fingerprint))
        {
            ["SignedAt"] = signedAt,
            ["FirstSeenAt"] = clock.GetUtcNow(),
        };
        try
        {
            await table.AddEntityAsync(entity, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return false;
        }

        if (clock.GetUtcNow() >= _nextPurge) await PurgeExpiredAsync(cancellationToken);
        return true;
    }

    /// <summary>
    /// Deletes what can no longer be replayed: signatures from hours that ended more than the
    /// tolerance ago (such requests are refused as stale anyway). Returns how many were deleted.
    /// </summary>
    public async Task<int> PurgeExpiredAsync(CancellationToken cancellationToken)
    {
        _nextPurge = clock.GetUtcNow() + _purgeEvery;
        var oldestKept = SeenSignatureKeys.Partition(clock.GetUtcNow() - tolerance - TimeSpan.FromHours(1));
        var deleted = 0;
        await foreach (var entity in table.QueryAsync<TableEntity>(e => e.PartitionKey.CompareTo(oldestKept) < 0, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
        {
            try
            {
                await table.DeleteEntityAsync(entity.PartitionKey, entity.RowKey, ETag.All, cancellationToken);
                deleted++;
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
                // Another instance purged it first.
            }
        }

        return deleted;
    }

    /// <summary>Creating it twice at once is harmless (it exists either way), so no lock.</summary>
    private async Task EnsureTableAsync(CancellationToken cancellationToken)
    {
        if (_created) return;
        await table.CreateIfNotExistsAsync(cancellationToken);
        _created = true;
    }
}

using System.Net.Sockets;
using Azure.Data.Tables;
using Azure.Storage.Blobs;

namespace Empreinte.Azure.Tests.Support;

/// <summary>
/// Storage tests run against a real Azurite (infra/local/start-azurite.sh) or the account in
/// <c>EMPREINTE_BLOBS</c>. When it is not reachable the test fails with this message: never a skip.
/// Every test uses its own container or table name, so tests can share one Azurite.
/// </summary>
internal static class Azurite
{
    public const string DevelopmentStorage = "UseDevelopmentStorage=true";

    public static string ConnectionString { get; } = Environment.GetEnvironmentVariable("EMPREINTE_BLOBS") is { Length: > 0 } configured ? configured : DevelopmentStorage;

    public static async Task<BlobContainerClient> NewContainerAsync(string prefix)
    {
        var service = new BlobServiceClient(ConnectionString);
        EnsureReachable(service.Uri, "blob");
        var container = service.GetBlobContainerClient($"{prefix}-{Guid.NewGuid():N}"[..Math.Min(63, prefix.Length + 33)]);
        await container.CreateAsync();
        return container;
    }

    /// <summary>A client for a table that does not exist yet.</summary>
    public static TableClient NewTableClient(string prefix)
    {
        var service = new TableServiceClient(ConnectionString);
        EnsureReachable(service.Uri, "table");
        return service.GetTableClient($"{prefix}{Guid.NewGuid():N}");
    }

    public static async Task<TableClient> NewTableAsync(string prefix)
    {
        var service = new TableServiceClient(ConnectionString);
        EnsureReachable(service.Uri, "table");
        var table = service.GetTableClient($"{prefix}{Guid.NewGuid():N}");
        await table.CreateAsync();
        return table;
    }

    // A TCP connect with a short timeout: the SDK's own retries would take minutes to say the same thing.
    private static void EnsureReachable(Uri endpoint, string service)
    {
        try
        {
            using var socket = new TcpClient();
            if (!socket.ConnectAsync(endpoint.Host, endpoint.Port).Wait(TimeSpan.FromSeconds(2)))
                throw new TimeoutException($"no answer within 2 s");
        }
        catch (Exception e) when (e is SocketException or TimeoutException or AggregateException)
        {
            throw new InvalidOperationException(
                $"Azurite {service} service is not reachable at {endpoint.Host}:{endpoint.Port} ({e.Message}). Start it with infra/local/start-azurite.sh " +
                "(or `azurite --silent --inMemoryPersistence --skipApiVersionCheck --loose`), or set EMPREINTE_BLOBS to a storage connection string. " +
                "Storage tests fail rather than skip when storage is missing.", e);
        }
    }
}

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
        EnsureReachable(10000, "blob");
        var container = new BlobServiceClient(ConnectionString).GetBlobContainerClient($"{prefix}-{Guid.NewGuid():N}"[..Math.Min(63, prefix.Length + 33)]);
        await container.CreateAsync();
        return container;
    }

    public static async Task<TableClient> NewTableAsync(string prefix)
    {
        EnsureReachable(10002, "table");
        var table = new TableServiceClient(ConnectionString).GetTableClient($"{prefix}{Guid.NewGuid():N}");
        await table.CreateAsync();
        return table;
    }

    private static void EnsureReachable(int port, string service)
    {
        if (ConnectionString != DevelopmentStorage) return;
        try
        {
            using var socket = new TcpClient();
            if (!socket.ConnectAsync("127.0.0.1", port).Wait(TimeSpan.FromSeconds(2)))
                throw new TimeoutException($"no answer within 2 s");
        }
        catch (Exception e) when (e is SocketException or TimeoutException or AggregateException)
        {
            throw new InvalidOperationException(
                $"Azurite {service} service is not reachable on 127.0.0.1:{port} ({e.Message}). Start it with infra/local/start-azurite.sh " +
                "(or `azurite --silent --inMemoryPersistence --skipApiVersionCheck --loose`), or set EMPREINTE_BLOBS to a storage connection string. " +
                "Storage tests fail rather than skip when storage is missing.", e);
        }
    }
}

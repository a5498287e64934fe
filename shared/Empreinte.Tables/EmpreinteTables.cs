using Azure.Data.Tables;

namespace Empreinte.Tables;

/// <summary>
/// Empreinte's four tables in one account. Creates them on first use (once per instance), so a
/// fresh Azurite or storage account needs no setup step.
/// </summary>
public sealed class EmpreinteTables
{
    private readonly Lock _lock = new();
    private Task? _created;

    public EmpreinteTables(TableServiceClient service, TableNames? names = null)
    {
        Names = names ?? TableNames.Default;
        Lines = service.GetTableClient(Names.Lines);
        Monthly = service.GetTableClient(Names.Monthly);
        Imports = service.GetTableClient(Names.Imports);
        Unmapped = service.GetTableClient(Names.Unmapped);
    }

    public TableNames Names { get; }
    public TableClient Lines { get; }
    public TableClient Monthly { get; }
    public TableClient Imports { get; }
    public TableClient Unmapped { get; }

    public Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            // A failed creation (storage not reachable yet) is tried again by the next caller.
            if (_created is null || _created.IsFaulted || _created.IsCanceled) _created = CreateAllAsync();
            return _created.WaitAsync(cancellationToken);
        }
    }

    /// <summary>Deletes the four tables, those that exist (tests clean up after themselves with this).</summary>
    public async Task DeleteAllAsync(CancellationToken cancellationToken)
    {
        foreach (var table in new[] { Lines, Monthly, Imports, Unmapped })
            await table.DeleteAsync(cancellationToken);
    }

    private async Task CreateAllAsync()
    {
        // Not cancellable: a creation shared by every writer must not be abandoned by the first caller.
        foreach (var table in new[] { Lines, Monthly, Imports, Unmapped })
            await table.CreateIfNotExistsAsync(CancellationToken.None);
    }
}

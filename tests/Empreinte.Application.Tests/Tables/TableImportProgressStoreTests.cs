using Empreinte.Application.Tests.Support;
using Empreinte.Application.Tracking;
using Empreinte.Contracts;
using Empreinte.Tables;

namespace Empreinte.Application.Tests.Tables;

[Collection(SharedAzurite.Name)]
public sealed class TableImportProgressStoreTests(Azurite azurite) : IAsyncLifetime
{
    private const int _batches = 4;
    private EmpreinteTables? _tables;

    [Fact]
    public async Task Progress_UnderDuplicatesAndConcurrency_CompletesOnce()
    {
        _tables = azurite.NewTables();
        var store = new TableImportProgressStore(_tables, TimeProvider.System);
        var importId = Guid.NewGuid();

        // Every message three times, in a shuffled order, ImportParsed included: at-least-once delivery at its worst.
        var messages = new List<Func<Task<ProgressChange>>>();
        for (var copy = 0; copy < 3; copy++)
        {
            messages.Add(() => store.RecordParsedAsync(new ImportParsed(importId, _batches, 4000, 2), CancellationToken.None));
            for (var batch = 1; batch <= _batches; batch++)
            {
                foreach (var calculator in Contracts.Calculators.All)
                {
                    var message = new BatchEstimated(importId, batch, calculator, 1000);
                    messages.Add(() => store.RecordEstimatedAsync(message, CancellationToken.None));
                }
            }
        }

        var shuffled = messages.ToArray();
        new Random(7).Shuffle(shuffled);
        var changes = await Task.WhenAll(shuffled.Select(m => Task.Run(m)));

        Assert.Equal(1, changes.Count(c => c.ImportCompleted));
        Assert.Equal(_batches, changes.Count(c => c.BatchCompleted));
        var status = await new ImportRecords(_tables, TimeProvider.System).FindAsync(importId, CancellationToken.None);
        Assert.NotNull(status);
        Assert.Equal(ImportStatuses.Completed, status.Status);
        Assert.Equal(_batches, status.CompletedBatches);
        Assert.Equal(4000, status.RowCount);
    }

    [Fact]
    public async Task Progress_NotCompleteUntilEveryCalculatorOfEveryBatch()
    {
        _tables = azurite.NewTables();
        var store = new TableImportProgressStore(_tables, TimeProvider.System);
        var importId = Guid.NewGuid();

        Assert.False((await store.RecordParsedAsync(new ImportParsed(importId, 1, 10, 0), CancellationToken.None)).ImportCompleted);
        Assert.False((await store.RecordEstimatedAsync(new BatchEstimated(importId, 1, Contracts.Calculators.Energy, 10), CancellationToken.None)).ImportCompleted);
        Assert.False((await store.RecordEstimatedAsync(new BatchEstimated(importId, 1, Contracts.Calculators.Energy, 10), CancellationToken.None)).ImportCompleted);
        Assert.False((await store.RecordEstimatedAsync(new BatchEstimated(importId, 1, Contracts.Calculators.Water, 10), CancellationToken.None)).ImportCompleted);
        var last = await store.RecordEstimatedAsync(new BatchEstimated(importId, 1, Contracts.Calculators.Materials, 10), CancellationToken.None);
        Assert.True(last.BatchCompleted);
        Assert.True(last.ImportCompleted);
        var again = await store.RecordEstimatedAsync(new BatchEstimated(importId, 1, Contracts.Calculators.Materials, 10), CancellationToken.None);
        Assert.False(again.ImportCompleted);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_tables is not null) await _tables.DeleteAllAsync(CancellationToken.None);
    }
}

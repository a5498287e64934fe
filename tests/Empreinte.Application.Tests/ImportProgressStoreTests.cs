using Empreinte.Application.Tracking;
using Empreinte.Contracts;

namespace Empreinte.Application.Tests;

public sealed class ImportProgressStoreTests
{
    [Fact]
    public async Task Import_CompletesOnlyWhenEveryBatchHasEveryCalculatorAndTheCountIsKnown()
    {
        var store = new InMemoryImportProgressStore();
        var id = Guid.NewGuid();
        var ct = CancellationToken.None;

        var changes = new List<ProgressChange>();
        foreach (var calculator in Contracts.Calculators.All)
            changes.Add(await store.RecordEstimatedAsync(new BatchEstimated(id, 1, calculator, 5), ct));
        Assert.Equal([false, false, true], changes.Select(c => c.BatchCompleted));
        Assert.All(changes, c => Assert.False(c.ImportCompleted)); // the batch count is not known yet

        Assert.False((await store.RecordParsedAsync(new ImportParsed(id, 2, 10, 0), ct)).ImportCompleted); // batch 2 missing
        foreach (var calculator in Contracts.Calculators.All)
            changes.Add(await store.RecordEstimatedAsync(new BatchEstimated(id, 2, calculator, 5), ct));

        Assert.True(changes[^1].ImportCompleted);
        Assert.Equal(1, changes.Count(c => c.ImportCompleted));
    }

    [Fact]
    public async Task Duplicates_NeitherCountTwiceNorCompleteTwice()
    {
        var store = new InMemoryImportProgressStore();
        var id = Guid.NewGuid();
        var ct = CancellationToken.None;
        var completions = 0;

        await store.RecordParsedAsync(new ImportParsed(id, 1, 1, 0), ct);
        for (var delivery = 0; delivery < 3; delivery++)
        {
            foreach (var calculator in Contracts.Calculators.All)
                if ((await store.RecordEstimatedAsync(new BatchEstimated(id, 1, calculator, 1), ct)).ImportCompleted) completions++;
            if ((await store.RecordParsedAsync(new ImportParsed(id, 1, 1, 0), ct)).ImportCompleted) completions++;
        }

        Assert.Equal(1, completions);
    }

    [Fact]
    public async Task EmptyImport_CompletesAsSoonAsItIsParsed()
    {
        var store = new InMemoryImportProgressStore();

        var change = await store.RecordParsedAsync(new ImportParsed(Guid.NewGuid(), 0, 0, 0), CancellationToken.None);

        Assert.True(change.ImportCompleted);
    }
}

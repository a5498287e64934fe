using Empreinte.Application.Importing;
using Empreinte.Application.Tracking;
using Empreinte.Contracts;
using Empreinte.Domain.Factors;
using Empreinte.Ingestion;
using Empreinte.RabbitMq;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace Empreinte.Faults.Tests;

/// <summary>
/// The import host (what <c>empreinte serve</c> runs) in the test process: ingestion publishes the
/// batches, the tracker follows them, and a <see cref="ProgressProbe"/> lets the test inject its
/// fault when part of the import is done.
/// </summary>
internal sealed class ImportHost : IAsyncDisposable
{
    private readonly ServiceProvider _provider;

    private ImportHost(ServiceProvider provider, ProgressProbe progress)
    {
        _provider = provider;
        Progress = progress;
    }

    public ProgressProbe Progress { get; }

    public IBus Bus => _provider.GetRequiredService<IBus>();

    public static async Task<ImportHost> StartAsync(Uri rabbitMq)
    {
        var progress = new ProgressProbe(new InMemoryImportProgressStore());
        var services = new ServiceCollection().AddLogging();
        // Registered before the host's defaults, which only fill in what is missing.
        services.AddSingleton<IImportProgressStore>(progress);
        services.AddEmpreinteImportHost(new RabbitMqOptions(rabbitMq));
        var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<IBusControl>().StartAsync(new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token);
        return new ImportHost(provider, progress);
    }

    public async Task<(ImportReport Report, ImportCompleted Completed)> ImportAsync(string path, int batchSize, CancellationToken cancellationToken)
    {
        using var export = ExportReader.Open(path);
        return await _provider.GetRequiredService<RabbitMqImporter>().ImportAsync([(export, path)], batchSize: batchSize, cancellationToken: cancellationToken);
    }

    /// <summary>
    /// An import whose every batch is published twice, as a publisher that retries after a lost
    /// confirmation would: the same ingestion, tracker and window as <see cref="ImportAsync"/>.
    /// </summary>
    public async Task<(ImportReport Report, ImportCompleted Completed)> ImportPublishingTwiceAsync(string path, int batchSize, CancellationToken cancellationToken)
    {
        var id = Guid.NewGuid();
        var signals = _provider.GetRequiredService<ImportSignals>();
        var window = _provider.GetRequiredService<BatchWindow>();
        var completion = signals.WhenCompleted(id);
        try
        {
            using var export = ExportReader.Open(path);
            var service = new ImportService(TwicePublisher.Wrap(Bus), _provider.GetRequiredService<FactorSet>(), window);
            var report = await service.ImportAsync(id, [(export, path)], batchSize, cancellationToken: cancellationToken);
            return (report, await completion.WaitAsync(cancellationToken));
        }
        finally
        {
            window.Forget(id);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _provider.GetRequiredService<IBusControl>().StopAsync(CancellationToken.None);
        await _provider.DisposeAsync();
    }
}

/// <summary>The tracker's store, with the time each batch became complete (every calculator done) recorded for the test.</summary>
internal sealed class ProgressProbe(IImportProgressStore inner) : IImportProgressStore
{
    private readonly List<DateTimeOffset> _batchesCompleted = [];
    private readonly Lock _lock = new();

    public int CompletedBatches
    {
        get
        {
            lock (_lock) return _batchesCompleted.Count;
        }
    }

    public Task<ProgressChange> RecordParsedAsync(ImportParsed parsed, CancellationToken cancellationToken) => inner.RecordParsedAsync(parsed, cancellationToken);

    public async Task<ProgressChange> RecordEstimatedAsync(BatchEstimated estimated, CancellationToken cancellationToken)
    {
        var change = await inner.RecordEstimatedAsync(estimated, cancellationToken);
        if (change.BatchCompleted)
        {
            lock (_lock) _batchesCompleted.Add(DateTimeOffset.UtcNow);
        }

        return change;
    }

    /// <summary>Waits until this many batches (of any import) are complete: the moment to inject a fault "mid-import".</summary>
    public async Task WaitForCompletedBatchesAsync(int count, CancellationToken cancellationToken)
    {
        while (CompletedBatches < count) await Task.Delay(20, cancellationToken);
    }

    /// <summary>The first batch completed after <paramref name="moment"/>: when the pipeline was making progress again.</summary>
    public DateTimeOffset? FirstCompletionAfter(DateTimeOffset moment)
    {
        lock (_lock) return _batchesCompleted.Where(t => t > moment).Cast<DateTimeOffset?>().FirstOrDefault();
    }
}

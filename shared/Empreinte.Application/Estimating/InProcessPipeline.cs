using System.Diagnostics;
using System.Threading.Channels;
using Empreinte.Application.Importing;
using Empreinte.Application.Results;
using Empreinte.Contracts;
using Empreinte.Domain.Calculators;
using Empreinte.Domain.Factors;
using Empreinte.Ingestion;

namespace Empreinte.Application.Estimating;

/// <summary>
/// The whole estimate in one process, on both cores: one task reads, normalises and classifies the
/// exports, the other estimates (both once per distinct key: <see cref="KeyedLineEstimator"/>) and
/// writes every calculator's columns through the sink, batch by batch, exactly as the bus
/// consumers do (the same calculators, the same <see cref="EstimatedBatch{TEstimate}"/>s, the same
/// spans). Chunks of classified lines travel between the two through a bounded channel, so memory stays
/// bounded whatever the export size. Used by the CLI's <c>estimate</c> and by the Functions app
/// when no Service Bus is configured; <c>serve</c>, <c>worker</c> and Azure use the consumers.
/// </summary>
public static class InProcessPipeline
{
    /// <summary>Chunks read ahead of the estimating side: enough to keep both cores busy, few enough to bound memory.</summary>
    public const int ChunksInFlight = 4;

    public static async Task<ImportReport> RunAsync(
        IReadOnlyList<(ExportFile File, string Path)> inputs,
        IEstimateSink sink,
        FactorSet factors,
        Guid? importId = null,
        int batchSize = ImportService.DefaultBatchSize,
        IProgress<long>? rowsProgress = null,
        CalculationProfile profile = CalculationProfile.Default,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        var id = importId ?? Guid.NewGuid();
        using var activity = EmpreinteTelemetry.StartImport(id);
        var chunks = Channel.CreateBounded<RecordChunk>(new BoundedChannelOptions(ChunksInFlight)
        {
            SingleReader = true,
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });

        // Either side failing stops the other: the reader through this token, the estimator through the channel's completion.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var estimator = new KeyedLineEstimator(factors, profile);
        var reading = Task.Run(() => ReadAsync(inputs, batchSize, estimator, chunks.Writer, stop.Token), stop.Token);
        var estimating = Task.Run(async () =>
        {
            try
            {
                return await EstimateAsync(id, chunks.Reader, sink, estimator, rowsProgress, stop.Token);
            }
            catch
            {
                await stop.CancelAsync();
                throw;
            }
        }, CancellationToken.None);

        // A reading error comes first (WhenAll's order): the estimator only saw it through the channel.
        await Task.WhenAll(reading, estimating);
        var read = await reading;
        var batches = await estimating;
        rowsProgress?.Report(read.RowsRead);
        return new ImportReport(id, read.Inputs, read.RowsRead, read.Rejected, read.Errors, batches, CalculationProfiles.NameOf(profile));
    }

    private sealed record RecordChunk(UsageLine[] Lines, KeyedLineEstimator.Entry[] Entries, long RowsReadSoFar);

    private sealed record ReadTotals(IReadOnlyList<InputReport> Inputs, long RowsRead, long Rejected, IReadOnlyList<RowError> Errors);

    /// <summary>
    /// Streams every row of every input, classified, into chunks of <paramref name="batchSize"/>
    /// lines; rejected rows are counted and the first ones kept. Classifying here balances the two
    /// threads: the other one estimates, joins, totals and writes.
    /// </summary>
    private static async Task<ReadTotals> ReadAsync(IReadOnlyList<(ExportFile File, string Path)> inputs, int batchSize, KeyedLineEstimator estimator,
        ChannelWriter<RecordChunk> chunks, CancellationToken cancellationToken)
    {
        try
        {
            var reports = new List<InputReport>();
            var errors = new List<RowError>();
            long rowsRead = 0, rejected = 0;
            var lines = new UsageLine[batchSize];
            var entries = new KeyedLineEstimator.Entry[batchSize];
            var count = 0;
            foreach (var (file, path) in inputs)
            {
                long fileRows = 0, fileRejected = 0;
                foreach (var row in file.Rows())
                {
                    fileRows++;
                    if (row.Error is { } error)
                    {
                        fileRejected++;
                        if (errors.Count < ImportService.MaxKeptErrors) errors.Add(error);
                        continue;
                    }

                    (lines[count], entries[count]) = estimator.Classify(row.Record!);
                    if (++count == batchSize)
                    {
                        await Send(new RecordChunk(lines, entries, rowsRead + fileRows));
                        lines = new UsageLine[batchSize];
                        entries = new KeyedLineEstimator.Entry[batchSize];
                        count = 0;
                    }
                }

                rowsRead += fileRows;
                rejected += fileRejected;
                EmpreinteTelemetry.RowsRead.Add(fileRows);
                EmpreinteTelemetry.RowsRejected.Add(fileRejected);
                reports.Add(new InputReport(path, file.Format, fileRows, fileRejected));
            }

            if (count > 0) await Send(new RecordChunk(lines[..count], entries[..count], rowsRead));
            chunks.Complete();
            return new ReadTotals(reports, rowsRead, rejected, errors);
        }
        catch (Exception e)
        {
            chunks.TryComplete(e);
            throw;
        }

        async ValueTask Send(RecordChunk chunk)
        {
            if (!chunks.TryWrite(chunk)) await chunks.WriteAsync(chunk, cancellationToken);
        }
    }

    /// <summary>Estimates each chunk as one batch, and writes it calculator by calculator; returns the batch count.</summary>
    private static async Task<int> EstimateAsync(Guid importId, ChannelReader<RecordChunk> chunks, IEstimateSink sink, KeyedLineEstimator estimator,
        IProgress<long>? rowsProgress, CancellationToken cancellationToken)
    {
        var batchNumber = 0;
        var version = estimator.Factors.Version;
        await foreach (var chunk in chunks.ReadAllAsync(cancellationToken))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var number = ++batchNumber;
            using var activity = EmpreinteTelemetry.StartBatch(importId, number);
            EmpreinteTelemetry.Batches.Add(1);
            var lines = chunk.Lines;
            var entries = chunk.Entries;

            await Calculate(Contracts.Calculators.Energy, estimator.Energy, sink.WriteEnergyAsync);
            await Calculate(Contracts.Calculators.Water, estimator.Water, sink.WriteWaterAsync);
            await Calculate(Contracts.Calculators.Materials, estimator.Materials, sink.WriteMaterialsAsync);
            rowsProgress?.Report(chunk.RowsReadSoFar);

            async Task Calculate<TEstimate>(string calculator, Func<KeyedLineEstimator.Entry, TEstimate> estimate,
                Func<EstimatedBatch<TEstimate>, CancellationToken, Task> write)
            {
                using var span = EmpreinteTelemetry.StartCalculator(importId, number, calculator);
                var started = Stopwatch.GetTimestamp();
                var estimates = new TEstimate[entries.Length];
                for (var i = 0; i < estimates.Length; i++) estimates[i] = estimate(entries[i]);
                using (EmpreinteTelemetry.StartSink(importId, number, calculator))
                    await write(new EstimatedBatch<TEstimate>(importId, number, version, lines, estimates), cancellationToken);
                EmpreinteTelemetry.CalculatorDuration.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds,
                    new KeyValuePair<string, object?>(EmpreinteTelemetry.CalculatorTag, calculator));
            }
        }

        return batchNumber;
    }
}

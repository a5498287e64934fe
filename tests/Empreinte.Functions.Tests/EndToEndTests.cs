using System.Text.Json;
using Azure.Data.Tables;
using Empreinte.Application;
using Empreinte.Application.Estimating;
using Empreinte.Application.Files;
using Empreinte.Application.Results;
using Empreinte.Application.Tests.Support;
using Empreinte.Application.Tracking;
using Empreinte.Domain.Factors;
using Empreinte.Functions.Imports;
using Empreinte.Functions.Tests.Support;
using Empreinte.Ingestion;
using Empreinte.Tables;
using MassTransit;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;

namespace Empreinte.Functions.Tests;

/// <summary>
/// The Azure path end to end on Azurite, with MassTransit's in-memory bus standing in for Service
/// Bus: a signed upload goes through the same request service and <see cref="PublishingImportRunner"/>
/// as in Azure (202 once the batches are published), the same consumers write through
/// <see cref="TableResultSink"/> and <see cref="TableImportProgressStore"/>, and
/// <see cref="ImportCompletedConsumer"/> marks the import completed. The tables must then sum to the
/// CLI's summary.json for the same file.
/// </summary>
[Collection(SharedAzurite.Name)]
public sealed class EndToEndTests(Azurite azurite) : IAsyncLifetime
{
    private ServiceProvider? _bus;
    private FunctionsHarness _harness = null!;

    public Task InitializeAsync()
    {
        _harness = new FunctionsHarness(azurite, (tables, records) =>
        {
            _bus = BusOver(tables, records);
            return new PublishingImportRunner(_bus.GetRequiredService<IBus>(), FactorSet.Embedded, records, batchSize: 128);
        });
        return _bus!.GetRequiredService<IBusControl>().StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (_bus is not null)
        {
            await _bus.GetRequiredService<IBusControl>().StopAsync();
            await _bus.DisposeAsync();
        }

        await _harness.CleanUpAsync();
    }

    [Fact]
    public async Task SignedUpload_OverTheBus_EndsWithTablesThatSumToTheClisSummary()
    {
        var sample = Samples.Focus1000;
        var (status, json) = await _harness.PostAsync(_harness.SignedPost(await File.ReadAllBytesAsync(sample), Path.GetFileName(sample)));
        Assert.Equal(202, status);
        var importId = json.GetProperty("importId").GetGuid();
        // By the 202, ingestion has recorded what it read (the calculators may still be running).
        var accepted = await _harness.Records.FindAsync(importId, CancellationToken.None);
        Assert.Equal(1000, accepted!.RowCount);
        Assert.Equal(0, accepted.RejectedRowCount);
        Assert.False(string.IsNullOrEmpty(accepted.Format));

        await _bus!.GetRequiredService<ImportSignals>().WhenCompleted(importId).WaitAsync(TimeSpan.FromMinutes(2));
        var record = await WaitForStatusAsync(importId, ImportStatuses.Completed);
        Assert.Equal(1000, record.RowCount);
        Assert.Equal(8, record.BatchCount);
        Assert.Equal(8, record.CompletedBatches);

        var totals = await CliTotalsAsync(sample);
        await AssertSumsAsync(_harness.Tables.Lines, totals, expectedLines: null);
        await AssertSumsAsync(_harness.Tables.Monthly, totals, expectedLines: 1000);
    }

    /// <summary>What <c>empreinte estimate FILE --out DIR</c> writes: the embedded pipeline with the file sink, then summary.json.</summary>
    private static async Task<JsonElement> CliTotalsAsync(string sample)
    {
        var directory = Path.Combine(Path.GetTempPath(), "empreinte-e2e-" + Guid.NewGuid().ToString("N"));
        try
        {
            using (var sink = new FileResultSink(directory))
            {
                using var export = ExportReader.Open(sample);
                var report = await InProcessPipeline.RunAsync([(export, sample)], sink, FactorSet.Embedded);
                await sink.CompleteAsync(report, FactorSet.Embedded.Version, CancellationToken.None);
            }

            return JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(directory, "summary.json"))).RootElement.GetProperty("totals").Clone();
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task AssertSumsAsync(TableClient table, JsonElement totals, long? expectedLines)
    {
        var sums = new Dictionary<string, double>();
        long lines = 0;
        await foreach (var entity in table.QueryAsync<TableEntity>())
        {
            if (entity.TryGetValue("Lines", out var count)) lines += (long)count;
            foreach (var criterion in TableColumns.Criteria)
                foreach (var suffix in new[] { "", "Low", "High" })
                    sums[criterion + suffix] = sums.GetValueOrDefault(criterion + suffix) + (entity.GetDouble(criterion + suffix) ?? 0);
        }

        if (expectedLines is { } expected) Assert.Equal(expected, lines);
        foreach (var criterion in TableColumns.Criteria)
        {
            var cli = totals.GetProperty(JsonNamingPolicy.CamelCase.ConvertName(criterion));
            foreach (var (suffix, field) in new[] { ("", "central"), ("Low", "low"), ("High", "high") })
            {
                var want = cli.GetProperty(field).GetDouble();
                var got = sums[criterion + suffix];
                Assert.True(Math.Abs(want - got) <= 1e-9 * Math.Max(1, Math.Abs(want)), $"{table.Name} {criterion}{suffix}: tables {got} vs summary.json {want}");
            }
        }
    }

    private async Task<ImportStatus> WaitForStatusAsync(Guid importId, string status)
    {
        // ImportCompletedConsumer runs beside the signal consumer: give it a moment to write.
        for (var attempt = 0; ; attempt++)
        {
            var found = Assert.IsType<OkObjectResult>(await _harness.Status.Run(new DefaultHttpContext().Request, importId.ToString(), CancellationToken.None));
            var record = Assert.IsType<ImportStatus>(found.Value);
            if (record.Status == status || attempt == 50) return record.Status == status ? record : throw new Xunit.Sdk.XunitException($"import stayed {record.Status}");
            await Task.Delay(100);
        }
    }

    private static ServiceProvider BusOver(EmpreinteTables tables, ImportRecords records)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(FactorSet.Embedded);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(records);
        services.AddSingleton<IEstimateSink>(new TableResultSink(tables));
        services.AddSingleton<IImportProgressStore>(new TableImportProgressStore(tables, TimeProvider.System));
        services.AddSingleton<ImportSignals>();
        services.AddMassTransit(bus =>
        {
            bus.AddCalculatorConsumers();
            bus.AddImportTracker();
            bus.AddImportSignals();
            bus.AddConsumer<ImportCompletedConsumer>();
            bus.UsingInMemory((context, cfg) => cfg.ConfigureEndpoints(context));
        });
        return services.BuildServiceProvider();
    }
}

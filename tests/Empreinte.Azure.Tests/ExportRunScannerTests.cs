using System.IO.Compression;
using System.Text;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Empreinte.Application.Importing;
using Empreinte.Azure.Exports;
using Empreinte.Azure.Messaging;
using Empreinte.Azure.Tests.Support;
using Empreinte.Contracts;
using Empreinte.Domain.Factors;
using Empreinte.TestSupport;

namespace Empreinte.Azure.Tests;

/// <summary>Scheduled export import against real Azurite blobs and tables, a fresh container and table per test.</summary>
public sealed class ExportRunScannerTests : IAsyncLifetime
{
    private const string _root = "exports/empreinte-daily";
    private readonly FixedClock _clock = new(new DateTimeOffset(2026, 11, 30, 6, 0, 0, TimeSpan.Zero));
    private BlobContainerClient _container = null!;
    private TableClient _table = null!;

    public async Task InitializeAsync()
    {
        _container = await Azurite.NewContainerAsync("costexports");
        // Not created: the scanner creates its checkpoint table on first use.
        _table = Azurite.NewTableClient("ExportRuns");
    }

    public async Task DisposeAsync()
    {
        await _container.DeleteIfExistsAsync();
        await _table.DeleteAsync();
    }

    [Fact]
    public async Task ScanningTwice_ImportsANewRunExactlyOnce()
    {
        var runId = Guid.NewGuid().ToString();
        await UploadRunAsync(runId);
        var importer = new RecordingImporter();
        var scanner = new ExportRunScanner(_container, _table, importer, _clock);

        var first = await scanner.ScanAsync(_root);
        var second = await scanner.ScanAsync(_root);

        Assert.Equal([runId], first.Imported);
        Assert.Empty(second.Imported);
        Assert.Equal([runId], second.AlreadyImported);
        var run = Assert.Single(importer.Runs);
        Assert.Equal(runId, run.RunId);
        Assert.Equal(Guid.Parse(runId), run.ImportId);
        Assert.Equal("empreinte-daily", run.ExportName);
        Assert.Equal("empreinte-daily/20261101-20261130", run.PeriodKey);
        Assert.Equal([$"{RunFolder(runId)}/part_0_0001.csv", $"{RunFolder(runId)}/part_0_0002.csv.gz"], run.Blobs.Select(b => b.BlobName));

        var checkpoint = (await _table.GetEntityAsync<ExportRunEntity>(ExportRunKeys.PartitionKey(runId), ExportRunKeys.RowKey)).Value;
        Assert.Equal(Guid.Parse(runId), checkpoint.ImportId);
        Assert.Equal(2, checkpoint.BlobCount);
        Assert.Equal(_clock.Now, checkpoint.ImportedAt);
    }

    [Fact]
    public async Task FailedImport_IsNotCheckpointedAndIsRetriedOnTheNextScan()
    {
        var runId = Guid.NewGuid().ToString();
        await UploadRunAsync(runId);
        var importer = new RecordingImporter { FailNext = 1 };
        var scanner = new ExportRunScanner(_container, _table, importer, _clock);

        var first = await scanner.ScanAsync(_root);
        Assert.Equal([runId], first.Failed);
        Assert.False((await _table.GetEntityIfExistsAsync<ExportRunEntity>(ExportRunKeys.PartitionKey(runId), ExportRunKeys.RowKey)).HasValue);

        var second = await scanner.ScanAsync(_root);

        Assert.Equal([runId], second.Imported);
        Assert.Equal(2, importer.Attempts);
    }

    [Fact]
    public async Task RunWithAPartNotYetWritten_WaitsForTheNextScan()
    {
        var runId = Guid.NewGuid().ToString();
        await UploadRunAsync(runId, withSecondPart: false);
        var importer = new RecordingImporter();
        var scanner = new ExportRunScanner(_container, _table, importer, _clock);

        var report = await scanner.ScanAsync(_root);

        Assert.Equal([runId], report.Pending);
        Assert.Empty(importer.Runs);
    }

    [Fact]
    public async Task OnlyNewRuns_AreImportedWhenANewRunArrives()
    {
        var firstRun = Guid.NewGuid().ToString();
        var secondRun = Guid.NewGuid().ToString();
        await UploadRunAsync(firstRun);
        var importer = new RecordingImporter();
        var scanner = new ExportRunScanner(_container, _table, importer, _clock);
        await scanner.ScanAsync(_root);

        await UploadRunAsync(secondRun);
        var report = await scanner.ScanAsync(_root);

        Assert.Equal([secondRun], report.Imported);
        Assert.Equal([firstRun, secondRun], importer.Runs.Select(r => r.RunId));
    }

    [Fact]
    public async Task UnreadableManifest_IsReportedAndNotCheckpointed()
    {
        await _container.UploadBlobAsync($"{_root}/20261101-20261130/broken/manifest.json", BinaryData.FromString("{ not json"));
        var scanner = new ExportRunScanner(_container, _table, new RecordingImporter(), _clock);

        var report = await scanner.ScanAsync(_root);

        Assert.Equal([$"{_root}/20261101-20261130/broken/manifest.json"], report.Failed);
        Assert.Empty(report.Imported);
    }

    [Fact]
    public async Task RealImporter_StreamsBothPartsThroughImportService()
    {
        var runId = Guid.NewGuid().ToString();
        var rows = await UploadRunAsync(runId);
        var batchesSent = new RecordingSender();
        var eventsSent = new RecordingSender();
        var publisher = new ServiceBusPublishEndpoint(new ServiceBusBatchPublisher(batchesSent, eventsSent, new ClaimCheckStore(_container)));
        var importer = new ExportRunImporter(new ImportService(publisher, FactorSet.Embedded), batchSize: 5);
        var scanner = new ExportRunScanner(_container, _table, importer, _clock);

        var report = await scanner.ScanAsync(_root);

        Assert.Equal([runId], report.Imported);
        Assert.Equal(rows, importer.LastReport!.RowsRead);
        Assert.Equal(0, importer.LastReport.RowsRejected);
        var parsed = Assert.Single(eventsSent.Sent).Body.ToObjectFromJson<ImportParsed>(ContractMessages.JsonOptions)!;
        Assert.Equal(Guid.Parse(runId), parsed.ImportId);
        Assert.Equal(rows, parsed.RowCount);
        var batches = batchesSent.Sent.Select(m => m.Body.ToObjectFromJson<UsageBatchParsed>(ContractMessages.JsonOptions)!).ToList();
        Assert.Equal(rows, batches.Sum(b => b.Lines.Count));
        // Keyed by export and period, not by the part name alone that every export shares.
        Assert.Equal(["empreinte-daily/20261101-20261130/part_0_0001.csv", "empreinte-daily/20261101-20261130/part_0_0002.csv.gz"],
            batches.SelectMany(b => b.Lines).Select(l => l.SourceFile).Distinct());
    }

    private static string RunFolder(string runId) => $"{_root}/20261101-20261130/{runId}";

    /// <summary>Uploads a run: the repository's FOCUS sample split into a CSV part and a CSV.gz part, then its manifest. Returns the data row count.</summary>
    private async Task<int> UploadRunAsync(string runId, bool withSecondPart = true)
    {
        var lines = await File.ReadAllLinesAsync(RepositoryPaths.Sample("focus-1.0-small.csv"));
        var header = lines[0];
        var data = lines.Skip(1).Where(l => l.Length > 0).ToList();
        var half = data.Count / 2;
        var part1 = Encoding.UTF8.GetBytes(string.Join('\n', [header, .. data.Take(half)]) + "\n");
        var part2Csv = Encoding.UTF8.GetBytes(string.Join('\n', [header, .. data.Skip(half)]) + "\n");
        using var gz = new MemoryStream();
        await using (var zip = new GZipStream(gz, CompressionLevel.Fastest, leaveOpen: true)) await zip.WriteAsync(part2Csv);

        var folder = RunFolder(runId);
        await _container.UploadBlobAsync($"{folder}/part_0_0001.csv", new BinaryData(part1));
        if (withSecondPart) await _container.UploadBlobAsync($"{folder}/part_0_0002.csv.gz", new BinaryData(gz.ToArray()));

        // Shaped like the manifest Cost Management writes beside each run of a partitioned export.
        var manifest = $$"""
            {
              "manifestVersion": "2024-04-01",
              "byteCount": {{part1.Length + gz.Length}},
              "blobCount": 2,
              "dataRowCount": {{data.Count}},
              "exportConfig": {
                "exportName": "empreinte-daily",
                "resourceId": "/subscriptions/00000000-0000-0000-0000-000000000000/providers/Microsoft.CostManagement/exports/empreinte-daily",
                "dataVersion": "1.0",
                "apiVersion": "2023-07-01-preview",
                "type": "FocusCost",
                "timeFrame": "MonthToDate",
                "granularity": "Daily"
              },
              "deliveryConfig": {
                "partitionData": true,
                "dataOverwriteBehavior": "CreateNewReport",
                "fileFormat": "Csv",
                "compressionMode": "None",
                "containerUri": "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-empreinte/providers/Microsoft.Storage/storageAccounts/stempreinte",
                "rootFolderPath": "exports"
              },
              "runInfo": {
                "executionType": "Scheduled",
                "submittedTime": "2026-11-30T05:12:44.1234567Z",
                "runId": "{{runId}}",
                "startDate": "2026-11-01T00:00:00",
                "endDate": "2026-11-30T00:00:00"
              },
              "blobs": [
                { "blobName": "{{folder}}/part_0_0001.csv", "byteCount": {{part1.Length}}, "dataRowCount": {{half}} },
                { "blobName": "{{folder}}/part_0_0002.csv.gz", "byteCount": {{gz.Length}}, "dataRowCount": {{data.Count - half}} }
              ]
            }
            """;
        await _container.UploadBlobAsync($"{folder}/manifest.json", BinaryData.FromString(manifest));
        return data.Count;
    }

    private sealed class RecordingImporter : IExportRunImporter
    {
        public List<ExportRun> Runs { get; } = [];
        public int Attempts { get; private set; }
        public int FailNext { get; set; }

        public Task ImportAsync(ExportRun run, BlobContainerClient container, CancellationToken cancellationToken)
        {
            Attempts++;
            if (FailNext-- > 0) throw new InvalidOperationException("publishing failed (simulated)");
            Runs.Add(run);
            return Task.CompletedTask;
        }
    }
}

using System.IO.Compression;
using System.Text;
using Empreinte.Application.Tests.Support;
using Empreinte.Azure.Exports;
using Empreinte.Functions.Tests.Support;
using Empreinte.Tables;

namespace Empreinte.Functions.Tests;

/// <summary>The exports timer over a Cost Management export run in Azurite (manifest + CSV and CSV.gz parts).</summary>
[Collection(SharedAzurite.Name)]
public sealed class ExportsTimerTests(Azurite azurite) : IAsyncLifetime
{
    private FunctionsHarness _harness = null!;

    public async Task InitializeAsync()
    {
        _harness = new FunctionsHarness(azurite);
        await _harness.CreateContainersAsync();
    }

    public async Task DisposeAsync() => await _harness.CleanUpAsync();

    [Fact]
    public async Task Timer_RunTwice_ImportsAManifestRunOnceAndOnlyOnce()
    {
        var runId = Guid.NewGuid().ToString();
        var rows = await UploadRunAsync(runId);

        await _harness.Timer.Run(null!, CancellationToken.None);
        await _harness.Timer.Run(null!, CancellationToken.None);

        Assert.Equal(1, _harness.Runner.Runs);
        Assert.Equal(rows, await FunctionsHarness.CountAsync(_harness.Tables.Lines));
        var checkpoint = (await _harness.Runs.GetEntityAsync<ExportRunEntity>(ExportRunKeys.PartitionKey(runId), ExportRunKeys.RowKey)).Value;
        Assert.Equal("empreinte-daily/20261101-20261130", checkpoint.PeriodKey);
        var import = await _harness.Records.FindAsync(checkpoint.ImportId, CancellationToken.None);
        Assert.Equal(ImportStatuses.Completed, import!.Status);
        Assert.Equal(rows, import.RowCount);
    }

    [Fact]
    public async Task ManifestBlobCreated_ThenTimer_ImportsTheRunOnce()
    {
        var runId = Guid.NewGuid().ToString();
        await UploadRunAsync(runId);
        var manifest = _harness.Exports.GetBlobClient($"{Folder(runId)}/manifest.json");
        var part = _harness.Exports.GetBlobClient($"{Folder(runId)}/part_0_0001.csv");
        var delivery = $$"""
            [{ "id": "1", "subject": "/blobServices/default/containers/{{_harness.Options.ExportsContainer}}/blobs/{{part.Name}}", "eventType": "Microsoft.Storage.BlobCreated", "data": { "api": "PutBlob", "url": "{{part.Uri}}" } },
             { "id": "2", "subject": "/blobServices/default/containers/{{_harness.Options.ExportsContainer}}/blobs/{{manifest.Name}}", "eventType": "Microsoft.Storage.BlobCreated", "data": { "api": "PutBlob", "url": "{{manifest.Uri}}" } }]
            """;

        var (status, _) = await _harness.PostAsync(FunctionsHarness.Post(FunctionsHarness.Utf8(delivery), eventGridType: "Notification"));
        await _harness.Timer.Run(null!, CancellationToken.None);

        Assert.Equal(200, status);
        Assert.Equal(1, _harness.Runner.Runs);
    }

    [Fact]
    public async Task MonthlyReport_OfTwoRunsOfAPeriod_CountsOnlyTheLatest()
    {
        var firstRows = await UploadRunAsync(Guid.NewGuid().ToString());
        await _harness.Timer.Run(null!, CancellationToken.None);
        _harness.Clock.Now += TimeSpan.FromHours(1);
        var latestRows = await UploadRunAsync(Guid.NewGuid().ToString(), takeRows: 300);
        await _harness.Timer.Run(null!, CancellationToken.None);

        var result = Assert.IsType<Microsoft.AspNetCore.Mvc.ContentResult>(
            await _harness.Reports.Run(FunctionsHarness.Get("?from=2000-01&to=2099-12&groupBy=provider"), CancellationToken.None));

        Assert.Equal(2, _harness.Runner.Runs);
        Assert.Equal(1000, firstRows);
        Assert.Equal(300, latestRows);
        var rows = System.Text.Json.JsonDocument.Parse(result.Content!).RootElement.GetProperty("rows").EnumerateArray();
        Assert.Equal(latestRows, rows.Sum(r => r.GetProperty("Lines").GetInt64()));
    }

    private static string Folder(string runId) => $"costs/empreinte-daily/20261101-20261130/{runId}";

    private async Task<int> UploadRunAsync(string runId, int takeRows = int.MaxValue)
    {
        var lines = (await File.ReadAllLinesAsync(Samples.Focus1000)).Where(l => l.Length > 0).ToList();
        var header = lines[0];
        var data = lines.Skip(1).Take(takeRows).ToList();
        var half = data.Count / 2;
        var part1 = Encoding.UTF8.GetBytes(string.Join('\n', [header, .. data.Take(half)]) + "\n");
        using var gz = new MemoryStream();
        await using (var zip = new GZipStream(gz, CompressionLevel.Fastest, leaveOpen: true))
            await zip.WriteAsync(Encoding.UTF8.GetBytes(string.Join('\n', [header, .. data.Skip(half)]) + "\n"));

        var folder = Folder(runId);
        await _harness.Exports.UploadBlobAsync($"{folder}/part_0_0001.csv", new BinaryData(part1));
        await _harness.Exports.UploadBlobAsync($"{folder}/part_0_0002.csv.gz", new BinaryData(gz.ToArray()));
        var manifest = $$"""
            {
              "manifestVersion": "2024-04-01", "blobCount": 2, "dataRowCount": {{data.Count}},
              "exportConfig": { "exportName": "empreinte-daily", "type": "FocusCost", "timeFrame": "MonthToDate", "granularity": "Daily" },
              "runInfo": { "executionType": "Scheduled", "runId": "{{runId}}", "startDate": "2026-11-01T00:00:00", "endDate": "2026-11-30T00:00:00" },
              "blobs": [
                { "blobName": "{{folder}}/part_0_0001.csv", "dataRowCount": {{half}} },
                { "blobName": "{{folder}}/part_0_0002.csv.gz", "dataRowCount": {{data.Count - half}} }
              ]
            }
            """;
        await _harness.Exports.UploadBlobAsync($"{folder}/manifest.json", BinaryData.FromString(manifest));
        return data.Count;
    }
}

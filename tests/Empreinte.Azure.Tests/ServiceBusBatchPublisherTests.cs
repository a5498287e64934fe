using System.Text.Json;
using Azure.Storage.Blobs;
using Empreinte.Application.Importing;
using Empreinte.Azure.Messaging;
using Empreinte.Azure.Tests.Support;
using Empreinte.Contracts;
using Empreinte.Domain.Factors;
using Empreinte.Ingestion;
using Empreinte.TestSupport;
using MassTransit;

namespace Empreinte.Azure.Tests;

public sealed class ServiceBusBatchPublisherTests
{
    private static readonly ClaimCheckStore _noClaimCheck = new(new BlobContainerClient(Azurite.DevelopmentStorage, "never-used"));

    [Fact]
    public async Task Publish_SmallBatch_SendsInlineCamelCaseJsonWithDeterministicIdAndProperties()
    {
        var sender = new RecordingSender();
        var importId = Guid.NewGuid();
        var batch = new UsageBatchParsed(importId, 3, TestLines.Unmapped(4));

        await new ServiceBusBatchPublisher(sender, sender, _noClaimCheck).PublishAsync(batch, CancellationToken.None);

        var sent = Assert.Single(sender.Sent);
        Assert.Equal($"{importId:N}:3", sent.MessageId);
        Assert.Equal("UsageBatchParsed", sent.Subject);
        Assert.Equal("application/json", sent.ContentType);
        Assert.Equal(importId.ToString(), sent.ApplicationProperties[MessageProperties.ImportId]);
        Assert.Equal(3, sent.ApplicationProperties[MessageProperties.BatchNumber]);
        Assert.Equal("UsageBatchParsed", sent.ApplicationProperties[MessageProperties.MessageType]);
        Assert.False(sent.ApplicationProperties.ContainsKey(MessageProperties.ClaimCheckBlob));

        using var json = JsonDocument.Parse(sent.Body);
        Assert.Equal(importId, json.RootElement.GetProperty("importId").GetGuid());
        // Lines travel as a string table and one text row each (UsageLinesJsonConverter).
        var lines = json.RootElement.GetProperty("lines");
        Assert.Equal(4, lines.GetProperty("rows").GetArrayLength());
        Assert.Equal("sourceFile", lines.GetProperty("columns")[0].GetString());
        var sourceFile = int.Parse(lines.GetProperty("rows")[0].GetString()!.Split(',')[0], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal("export.csv", lines.GetProperty("strings")[sourceFile].GetString());
        var roundTrip = sent.Body.ToObjectFromJson<UsageBatchParsed>(ContractMessages.JsonOptions)!;
        Assert.Equal(batch.Lines, roundTrip.Lines, (a, b) => a.SourceRow == b.SourceRow && a.Cost == b.Cost && a.ResourceId == b.ResourceId);
    }

    [Fact]
    public async Task Publish_SameBatchTwice_GetsTheSameMessageIdForDuplicateDetection()
    {
        var sender = new RecordingSender();
        var publisher = new ServiceBusBatchPublisher(sender, sender, _noClaimCheck);
        var batch = new UsageBatchParsed(Guid.NewGuid(), 7, TestLines.Unmapped(2));

        await publisher.PublishAsync(batch, CancellationToken.None);
        await publisher.PublishAsync(batch with { Lines = TestLines.Unmapped(2) }, CancellationToken.None);

        Assert.Equal(2, sender.Sent.Count);
        Assert.Equal(sender.Sent[0].MessageId, sender.Sent[1].MessageId);
    }

    [Fact]
    public async Task Publish_BatchOverTheSizeLimit_GoesToTheClaimCheckContainer()
    {
        var container = await Azurite.NewContainerAsync("claimcheck");
        try
        {
            var sender = new RecordingSender();
            var importId = Guid.NewGuid();
            var batch = new UsageBatchParsed(importId, 2, TestLines.Unmapped(50));

            await new ServiceBusBatchPublisher(sender, sender, new ClaimCheckStore(container), maxInlineBodyBytes: 1024).PublishAsync(batch, CancellationToken.None);

            var sent = Assert.Single(sender.Sent);
            Assert.Equal(0, sent.Body.ToMemory().Length);
            var blobName = Assert.IsType<string>(sent.ApplicationProperties[MessageProperties.ClaimCheckBlob]);
            Assert.Equal($"{importId:N}/2.json", blobName);
            Assert.Equal($"{importId:N}:2", sent.MessageId);

            var stored = (await container.GetBlobClient(blobName).DownloadContentAsync()).Value.Content;
            Assert.True(stored.ToMemory().Length > 1024);
            Assert.Equal(50, stored.ToObjectFromJson<UsageBatchParsed>(ContractMessages.JsonOptions)!.Lines.Count);
        }
        finally
        {
            await container.DeleteIfExistsAsync();
        }
    }

    [Fact]
    public async Task Publish_NonContract_IsRejected()
    {
        var publisher = new ServiceBusBatchPublisher(new RecordingSender(), new RecordingSender(), _noClaimCheck);

        await Assert.ThrowsAsync<ArgumentException>(() => publisher.PublishAsync(new { ImportId = Guid.NewGuid() }, CancellationToken.None));
    }

    [Fact]
    public async Task Batches_GoToTheUsageTopic_AndImportEventsToTheImportEventsTopic()
    {
        var batches = new RecordingSender();
        var events = new RecordingSender();
        var publisher = new ServiceBusBatchPublisher(batches, events, _noClaimCheck);
        var importId = Guid.NewGuid();

        await publisher.PublishAsync(new UsageBatchParsed(importId, 1, TestLines.Unmapped(1)), CancellationToken.None);
        await publisher.PublishAsync(new ImportParsed(importId, 1, 1, 0), CancellationToken.None);
        await publisher.PublishAsync(new BatchEstimated(importId, 1, Calculators.Energy, 1), CancellationToken.None);

        Assert.Equal(["UsageBatchParsed"], batches.Sent.Select(m => m.Subject));
        Assert.Equal(["ImportParsed", "BatchEstimated"], events.Sent.Select(m => m.Subject));
        Assert.Equal($"{importId:N}:1:energy", events.Sent[1].MessageId);
    }

    [Fact]
    public async Task ImportService_OverThePublishEndpoint_SendsEveryBatchThenImportParsed()
    {
        var batches = new RecordingSender();
        var events = new RecordingSender();
        IPublishEndpoint endpoint = new ServiceBusPublishEndpoint(new ServiceBusBatchPublisher(batches, events, _noClaimCheck));
        var importId = Guid.NewGuid();
        var path = SampleExport();
        using var file = ExportReader.Open(path);

        var report = await new ImportService(endpoint, FactorSet.Embedded).ImportAsync(importId, [(file, path)], batchSize: 2);

        Assert.True(report.BatchCount >= 2);
        Assert.Equal(Enumerable.Range(1, report.BatchCount).Select(n => $"{importId:N}:{n}"), batches.Sent.Select(m => m.MessageId));
        var parsedMessage = Assert.Single(events.Sent);
        Assert.Equal(($"{importId:N}:parsed", "ImportParsed"), (parsedMessage.MessageId, parsedMessage.Subject));
        var parsed = parsedMessage.Body.ToObjectFromJson<ImportParsed>(ContractMessages.JsonOptions)!;
        Assert.Equal(report.BatchCount, parsed.BatchCount);
        Assert.Equal(report.RowsRead, batches.Sent.Sum(m => m.Body.ToObjectFromJson<UsageBatchParsed>(ContractMessages.JsonOptions)!.Lines.Count) + report.RowsRejected);
    }

    private static string SampleExport() => RepositoryPaths.Sample("focus-1.0-small.csv");
}

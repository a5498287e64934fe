using System.Text.Json;
using Empreinte.Azure.EventGrid;

namespace Empreinte.Azure.Tests;

/// <summary>Payloads written from the documented Event Grid schema (event envelope + storage event data).</summary>
public sealed class EventGridEventsTests
{
    private const string _validationDelivery = """
        [
          {
            "id": "2d1781af-3a4c-4d7c-bd0c-e34b19da4e66",
            "topic": "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-empreinte/providers/Microsoft.Storage/storageAccounts/stempreinte",
            "subject": "",
            "data": {
              "validationCode": "512d38b6-c7b8-40c8-89fe-f46f9e9622b6",
              "validationUrl": "https://rp-westeurope.eventgrid.azure.net:553/eventsubscriptions/empreinte-uploads/validate?id=512d38b6-c7b8-40c8-89fe-f46f9e9622b6&t=2026-11-30T09:00:00.0000000Z&apiVersion=2025-02-15&token=abc"
            },
            "eventType": "Microsoft.EventGrid.SubscriptionValidationEvent",
            "eventTime": "2026-11-30T09:00:00.0000000Z",
            "metadataVersion": "1",
            "dataVersion": "1"
          }
        ]
        """;

    private const string _blobCreatedDelivery = """
        [
          {
            "topic": "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-empreinte/providers/Microsoft.Storage/storageAccounts/stempreinte",
            "subject": "/blobServices/default/containers/uploads/blobs/2026/11/cost export (nov).csv.gz",
            "eventType": "Microsoft.Storage.BlobCreated",
            "id": "831e1650-001e-001b-66ab-eeb76e069631",
            "data": {
              "api": "PutBlockList",
              "clientRequestId": "6d79dbfb-0e37-4fc4-981f-442c9ca65760",
              "requestId": "831e1650-001e-001b-66ab-eeb76e000000",
              "eTag": "0x8D4BCC2E4835CD0",
              "contentType": "application/gzip",
              "contentLength": 524288,
              "blobType": "BlockBlob",
              "url": "https://stempreinte.blob.core.windows.net/uploads/2026/11/cost%20export%20(nov).csv.gz",
              "sequencer": "00000000000004420000000000028963",
              "storageDiagnostics": { "batchId": "b68529f3-68cd-4744-baa4-3c0498ec19f0" }
            },
            "dataVersion": "",
            "metadataVersion": "1",
            "eventTime": "2026-11-30T09:01:02.3456789Z"
          },
          {
            "topic": "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-empreinte/providers/Microsoft.Storage/storageAccounts/stempreinte",
            "subject": "/blobServices/default/containers/uploads/blobs/old.csv",
            "eventType": "Microsoft.Storage.BlobDeleted",
            "id": "9e0b4a5f-001e-001b-66ab-eeb76e069632",
            "data": {
              "api": "DeleteBlob",
              "contentType": "text/csv",
              "blobType": "BlockBlob",
              "url": "https://stempreinte.blob.core.windows.net/uploads/old.csv",
              "sequencer": "00000000000004420000000000028964"
            },
            "dataVersion": "",
            "metadataVersion": "1",
            "eventTime": "2026-11-30T09:01:03.0000000Z"
          }
        ]
        """;

    [Fact]
    public void SubscriptionValidation_GivesTheCodeToEchoBack()
    {
        var delivery = EventGridEvents.Parse(BinaryData.FromString(_validationDelivery));

        Assert.Equal("512d38b6-c7b8-40c8-89fe-f46f9e9622b6", delivery.ValidationCode);
        Assert.Empty(delivery.BlobsCreated);
    }

    [Fact]
    public void ValidationResponse_IsTheDocumentedJson()
    {
        using var response = JsonDocument.Parse(EventGridEvents.ValidationResponse("512d38b6-c7b8-40c8-89fe-f46f9e9622b6"));

        Assert.Equal("512d38b6-c7b8-40c8-89fe-f46f9e9622b6", response.RootElement.GetProperty("validationResponse").GetString());
        Assert.Single(response.RootElement.EnumerateObject());
    }

    [Fact]
    public void BlobCreated_GivesUrlContainerAndUnescapedName_AndOtherEventsAreCounted()
    {
        var delivery = EventGridEvents.Parse(BinaryData.FromString(_blobCreatedDelivery));

        Assert.Null(delivery.ValidationCode);
        Assert.Equal(1, delivery.IgnoredEventCount);
        var created = Assert.Single(delivery.BlobsCreated);
        Assert.Equal("831e1650-001e-001b-66ab-eeb76e069631", created.EventId);
        Assert.Equal("uploads", created.Container);
        Assert.Equal("2026/11/cost export (nov).csv.gz", created.BlobName);
        Assert.Equal(new Uri("https://stempreinte.blob.core.windows.net/uploads/2026/11/cost%20export%20(nov).csv.gz"), created.Url);
        Assert.Equal(524288, created.ContentLengthBytes);
        Assert.Equal("PutBlockList", created.Api);
        Assert.Equal("application/gzip", created.ContentType);
        Assert.True(created.IsComplete);
    }

    [Fact]
    public void BlobCreatedWithoutSubject_FallsBackToTheUrl()
    {
        var withoutSubject = _blobCreatedDelivery.Replace("\"subject\": \"/blobServices/default/containers/uploads/blobs/2026/11/cost export (nov).csv.gz\",", "", StringComparison.Ordinal);

        var created = Assert.Single(EventGridEvents.Parse(BinaryData.FromString(withoutSubject)).BlobsCreated);

        Assert.Equal(("uploads", "2026/11/cost export (nov).csv.gz"), (created.Container, created.BlobName));
    }

    [Fact]
    public void DataLakeCreateFile_IsNotYetComplete()
    {
        var createFile = _blobCreatedDelivery.Replace("\"api\": \"PutBlockList\"", "\"api\": \"CreateFile\"", StringComparison.Ordinal);

        Assert.False(Assert.Single(EventGridEvents.Parse(BinaryData.FromString(createFile)).BlobsCreated).IsComplete);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("42")]
    [InlineData("""[{"id": "1", "data": {}}]""")]
    [InlineData("""[{"id": "1", "eventType": "Microsoft.EventGrid.SubscriptionValidationEvent", "data": {}}]""")]
    [InlineData("""[{"id": "1", "eventType": "Microsoft.Storage.BlobCreated", "data": {"api": "PutBlob"}}]""")]
    public void NotAnEventGridDelivery_IsAFormatError(string body) =>
        Assert.Throws<FormatException>(() => EventGridEvents.Parse(BinaryData.FromString(body)));
}

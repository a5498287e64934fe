using System.Text.Json;
using Empreinte.Application.Tests.Support;
using Empreinte.Functions.Imports;
using Empreinte.Functions.Tests.Support;
using Empreinte.Tables;

namespace Empreinte.Functions.Tests;

/// <summary>Event Grid deliveries and signed blob pointers on POST /api/imports, against Azurite blobs and tables.</summary>
[Collection(SharedAzurite.Name)]
public sealed class BlobImportTests(Azurite azurite) : IAsyncLifetime
{
    private FunctionsHarness _harness = null!;

    public async Task InitializeAsync()
    {
        _harness = new FunctionsHarness(azurite);
        await _harness.CreateContainersAsync();
    }

    public async Task DisposeAsync() => await _harness.CleanUpAsync();

    [Fact]
    public async Task EventGridHandshake_AnswersTheValidationCode()
    {
        var delivery = """
            [{ "id": "2d1781af-3a4c-4d7c-bd0c-e34b19da4e66", "topic": "/subscriptions/x", "subject": "",
               "data": { "validationCode": "512d38b6-c7b8-40c8-89fe-f46f9e9622b6", "validationUrl": "https://rp/validate" },
               "eventType": "Microsoft.EventGrid.SubscriptionValidationEvent", "eventTime": "2026-11-30T10:00:00Z", "dataVersion": "1", "metadataVersion": "1" }]
            """;

        var (status, json) = await _harness.PostAsync(FunctionsHarness.Post(FunctionsHarness.Utf8(delivery), eventGridType: "SubscriptionValidation"));

        Assert.Equal(200, status);
        Assert.Equal("512d38b6-c7b8-40c8-89fe-f46f9e9622b6", json.GetProperty("validationResponse").GetString());
        Assert.Equal(0, _harness.Runner.Runs);
    }

    [Fact]
    public async Task BlobCreatedNotification_ImportsTheBlob()
    {
        var blob = _harness.Uploads.GetBlobClient("2026/11/focus sample.csv");
        await blob.UploadAsync(Samples.Focus1000);

        var (status, json) = await _harness.PostAsync(FunctionsHarness.Post(FunctionsHarness.Utf8(BlobCreated(_harness.Options.UploadsContainer, blob.Name, blob.Uri)), eventGridType: "Notification"));

        Assert.Equal(200, status);
        var import = Assert.Single(json.GetProperty("imports").EnumerateArray());
        var importId = import.GetProperty("importId").GetGuid();
        Assert.Equal(1000, await FunctionsHarness.CountAsync(_harness.Tables.Lines));
        var record = await _harness.Records.FindAsync(importId, CancellationToken.None);
        Assert.Equal(ImportStatuses.Completed, record!.Status);
        Assert.Equal($"{_harness.Options.UploadsContainer}/2026/11/focus sample.csv", record.FileName);
    }

    [Fact]
    public async Task BlobCreatedNotification_DeliveredTwice_ImportsUnderTheSameIdAndKeys()
    {
        var blob = _harness.Uploads.GetBlobClient("focus.csv");
        await blob.UploadAsync(Samples.Focus1000);
        var delivery = FunctionsHarness.Utf8(BlobCreated(_harness.Options.UploadsContainer, blob.Name, blob.Uri));

        var (_, first) = await _harness.PostAsync(FunctionsHarness.Post(delivery, eventGridType: "Notification"));
        var (_, second) = await _harness.PostAsync(FunctionsHarness.Post(delivery, eventGridType: "Notification"));

        Assert.Equal(ImportId(first), ImportId(second));
        Assert.Equal(1000, await FunctionsHarness.CountAsync(_harness.Tables.Lines));
    }

    [Fact]
    public async Task SignedPointer_ByContainerAndName_ImportsTheBlob()
    {
        await _harness.Uploads.GetBlobClient("pointed.csv").UploadAsync(Samples.Focus1000);
        var pointer = FunctionsHarness.Utf8(JsonSerializer.Serialize(new { container = _harness.Options.UploadsContainer, blob = "pointed.csv" }));

        var (status, json) = await _harness.PostAsync(_harness.SignedPost(pointer));

        Assert.Equal(202, status);
        Assert.Contains(json.GetProperty("importId").GetGuid().ToString("D"), json.GetProperty("statusUrl").GetString(), StringComparison.Ordinal);
        Assert.Equal(1000, await FunctionsHarness.CountAsync(_harness.Tables.Lines));
    }

    [Fact]
    public async Task SignedPointer_ByUrl_ImportsTheBlob()
    {
        var blob = _harness.Uploads.GetBlobClient("by-url.csv");
        await blob.UploadAsync(Samples.Focus1000);

        var (status, _) = await _harness.PostAsync(_harness.SignedPost(FunctionsHarness.Utf8(JsonSerializer.Serialize(new { blobUrl = blob.Uri }))));

        Assert.Equal(202, status);
        Assert.Equal(1000, await FunctionsHarness.CountAsync(_harness.Tables.Lines));
    }

    [Fact]
    public async Task SignedPointer_ToAnotherAccount_Answers400WithoutFetchingIt()
    {
        var pointer = FunctionsHarness.Utf8("""{ "blobUrl": "https://attacker.blob.core.windows.net/exports/focus.csv" }""");

        var (status, json) = await _harness.PostAsync(_harness.SignedPost(pointer));

        Assert.Equal(400, status);
        Assert.Contains("must name a blob of the storage account", json.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, _harness.Runner.Runs);
    }

    [Fact]
    public async Task UnsignedPointer_Answers401()
    {
        var pointer = FunctionsHarness.Utf8(JsonSerializer.Serialize(new { container = _harness.Options.UploadsContainer, blob = "x.csv" }));

        var (status, _) = await _harness.PostAsync(FunctionsHarness.Post(pointer));

        Assert.Equal(401, status);
    }

    [Fact]
    public async Task SignedPointer_ToAMissingBlob_Answers404()
    {
        var pointer = FunctionsHarness.Utf8(JsonSerializer.Serialize(new { container = _harness.Options.UploadsContainer, blob = "missing.csv" }));

        var (status, _) = await _harness.PostAsync(_harness.SignedPost(pointer));

        Assert.Equal(404, status);
    }

    [Fact]
    public async Task EventGridDelivery_ThatIsNotJson_Answers400()
    {
        var (status, json) = await _harness.PostAsync(FunctionsHarness.Post(FunctionsHarness.Utf8("not json"), eventGridType: "Notification"));

        Assert.Equal(400, status);
        Assert.StartsWith("The Event Grid delivery is not valid JSON", json.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignedPointer_WithoutABlob_Answers400SayingWhatAPointerIs()
    {
        var (status, json) = await _harness.PostAsync(_harness.SignedPost(FunctionsHarness.Utf8("""{ "container": "uploads" }""")));

        Assert.Equal(400, status);
        Assert.Contains("A pointer is", json.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, _harness.Runner.Runs);
    }

    [Fact]
    public void ImportIdOfABlob_DependsOnItsVersion()
    {
        Assert.Equal(BlobImportService.ImportIdOf("c", "a.csv", "\"0x1\""), BlobImportService.ImportIdOf("c", "a.csv", "\"0x1\""));
        Assert.NotEqual(BlobImportService.ImportIdOf("c", "a.csv", "\"0x1\""), BlobImportService.ImportIdOf("c", "a.csv", "\"0x2\""));
    }

    private static Guid ImportId(JsonElement answer) => Assert.Single(answer.GetProperty("imports").EnumerateArray()).GetProperty("importId").GetGuid();

    private static string BlobCreated(string container, string name, Uri url) => JsonSerializer.Serialize(new[]
    {
        new Dictionary<string, object>
        {
            ["id"] = Guid.NewGuid().ToString(),
            ["topic"] = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/devstoreaccount1",
            ["subject"] = $"/blobServices/default/containers/{container}/blobs/{name}",
            ["eventType"] = "Microsoft.Storage.BlobCreated",
            ["eventTime"] = "2026-11-30T10:00:00Z",
            ["dataVersion"] = "",
            ["metadataVersion"] = "1",
            ["data"] = new Dictionary<string, object> { ["api"] = "PutBlob", ["url"] = url.ToString(), ["contentLength"] = 1234, ["blobType"] = "BlockBlob" },
        },
    });
}

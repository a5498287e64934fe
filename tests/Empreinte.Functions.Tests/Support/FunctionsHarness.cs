using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Empreinte.Application.Importing;
using Empreinte.Application.Tests.Support;
using Empreinte.Azure.Exports;
using Empreinte.Azure.Webhooks;
using Empreinte.Domain.Factors;
using Empreinte.Functions.Exports;
using Empreinte.Functions.Imports;
using Empreinte.Functions.Reports;
using Empreinte.Functions.Tests.Support;
using Empreinte.Ingestion;
using Empreinte.Tables;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging.Abstractions;

namespace Empreinte.Functions.Tests.Support;

/// <summary>A clock the tests set.</summary>
public sealed class TestClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}

/// <summary>Counts the runner's calls, to show an import ran once.</summary>
public sealed class CountingRunner(IImportRunner inner) : IImportRunner
{
    private int _runs;

    public int Runs => _runs;

    public Task<ImportReport> RunAsync(Guid importId, IReadOnlyList<(ExportFile File, string Path)> inputs, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _runs);
        return inner.RunAsync(importId, inputs, cancellationToken);
    }
}

/// <summary>
/// The functions built by hand the way <see cref="FunctionsServiceCollectionExtensions.AddEmpreinteFunctions"/>
/// builds them, over Azurite with tables, containers and checkpoint table of their own (no Functions host).
/// </summary>
public sealed class FunctionsHarness
{
    public const string Secret = "test-signing-secret-of-at-least-32-bytes-0123456789";

    public FunctionsHarness(Azurite azurite, Func<EmpreinteTables, ImportRecords, IImportRunner>? runner = null, long maxUploadBytes = RequestSizeLimit.DefaultMaxBytes)
    {
        Tables = azurite.NewTables();
        Blobs = new BlobServiceClient(azurite.ConnectionString);
        var suffix = Guid.NewGuid().ToString("N")[..12];
        Options = new EmpreinteFunctionsOptions
        {
            ExportsContainer = $"exports-{suffix}",
            UploadsContainer = $"uploads-{suffix}",
            ClaimCheckContainer = $"claimcheck-{suffix}",
            SigningSecret = Secret,
        };
        Exports = Blobs.GetBlobContainerClient(Options.ExportsContainer);
        Uploads = Blobs.GetBlobContainerClient(Options.UploadsContainer);
        Runs = azurite.Service.GetTableClient($"runs{suffix}");
        Records = new ImportRecords(Tables, Clock);
        Runner = new CountingRunner(runner?.Invoke(Tables, Records) ?? new EmbeddedImportRunner(Tables, FactorSet.Embedded, Records));
        var uploads = new ImportUploadService(Runner, Records);
        Scanner = new ExportRunScanner(Exports, Runs, new ExportRunPartsImporter(Runner, Records), Clock);
        var blobImports = new BlobImportService(Blobs, uploads, Scanner, Options);
        Signature = UploadSignature.FromSetting(Secret, Clock);
        SeenSignatures = azurite.Service.GetTableClient($"seen{suffix}");
        var gate = new SignedUploadGate(Signature, maxUploadBytes, new SeenSignatures(SeenSignatures, Clock, Signature.Tolerance));
        var requests = new ImportRequestService(uploads, blobImports, gate, NullLogger<ImportRequestService>.Instance);
        Upload = new ImportUpload(requests);
        Status = new ImportStatusHttp(uploads);
        Timer = new ExportsTimer(Scanner, NullLogger<ExportsTimer>.Instance);
        Reports = new ReportsMonthlyHttp(new MonthlyReportService(Tables, Runs));
    }

    public TestClock Clock { get; } = new(DateTimeOffset.UtcNow);
    public EmpreinteTables Tables { get; }
    public BlobServiceClient Blobs { get; }
    public EmpreinteFunctionsOptions Options { get; }
    public BlobContainerClient Exports { get; }
    public BlobContainerClient Uploads { get; }
    public TableClient Runs { get; }
    public TableClient SeenSignatures { get; }
    public ImportRecords Records { get; }
    public CountingRunner Runner { get; }
    public ExportRunScanner Scanner { get; }
    public UploadSignature Signature { get; }
    public ImportUpload Upload { get; }
    public ImportStatusHttp Status { get; }
    public ExportsTimer Timer { get; }
    public ReportsMonthlyHttp Reports { get; }

    public async Task CreateContainersAsync()
    {
        await Exports.CreateIfNotExistsAsync();
        await Uploads.CreateIfNotExistsAsync();
    }

    public static HttpRequest Post(byte[] body, string? signature = null, string? fileName = null, string? eventGridType = null, string? fileNameHeader = null)
    {
        var context = new DefaultHttpContext();
        var request = context.Request;
        request.Method = "POST";
        request.Scheme = "https";
        request.Host = new HostString("empreinte.example");
        request.Path = "/api/imports";
        if (fileName is not null) request.QueryString = QueryString.Create("fileName", fileName);
        if (fileNameHeader is not null) request.Headers[ImportUpload.FileNameHeader] = fileNameHeader;
        if (signature is not null) request.Headers[UploadSignature.HeaderName] = signature;
        if (eventGridType is not null) request.Headers[ImportRequestService.EventGridEventTypeHeader] = eventGridType;
        request.ContentLength = body.Length;
        request.Body = new MemoryStream(body);
        return request;
    }

    public static HttpRequest Get(string query)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "GET";
        context.Request.QueryString = new QueryString(query);
        return context.Request;
    }

    /// <summary>A request signed as a client does: timestamp, file name and body.</summary>
    public HttpRequest SignedPost(byte[] body, string? fileName = null) => Post(body, Signature.Sign(body, Clock.GetUtcNow(), fileName), fileName);

    public async Task<(int Status, JsonElement Body)> PostAsync(HttpRequest request)
    {
        var result = Assert.IsType<ContentResult>(await Upload.Run(request, CancellationToken.None));
        return (result.StatusCode!.Value, JsonDocument.Parse(result.Content!).RootElement.Clone());
    }

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    public static async Task<int> CountAsync(TableClient table)
    {
        var count = 0;
        await foreach (var _ in table.QueryAsync<TableEntity>(select: ["PartitionKey"])) count++;
        return count;
    }

    /// <summary>Deletes what the harness created (tests share one Azurite).</summary>
    public async Task CleanUpAsync()
    {
        await Tables.DeleteAllAsync(CancellationToken.None);
        await Runs.DeleteAsync();
        await SeenSignatures.DeleteAsync();
        await Exports.DeleteIfExistsAsync();
        await Uploads.DeleteIfExistsAsync();
    }
}

using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using Empreinte.Application.Tables;
using Empreinte.Application.Tests.Support;
using Empreinte.Domain.Factors;
using Empreinte.Functions.Imports;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Empreinte.Functions.Tests;

/// <summary>The upload and status functions called directly (no Functions host), against Azurite.</summary>
[Collection(SharedAzurite.Name)]
public sealed class ImportUploadTests(Azurite azurite) : IAsyncLifetime
{
    private EmpreinteTables? _tables;

    private (ImportUpload Upload, ImportStatusHttp Status) Functions()
    {
        _tables = azurite.NewTables();
        var service = new ImportUploadService(_tables, new ImportRecords(_tables, TimeProvider.System), FactorSet.Embedded);
        return (new ImportUpload(service), new ImportStatusHttp(service));
    }

    private static HttpRequest Post(Stream body, string? fileName)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "POST";
        context.Request.Scheme = "https";
        context.Request.Host = new HostString("empreinte.example");
        context.Request.Path = "/api/imports";
        if (fileName is not null) context.Request.QueryString = QueryString.Create("fileName", fileName);
        context.Request.Body = body;
        return context.Request;
    }

    [Fact]
    public async Task Upload_OfAValidExport_Answers202AndFillsTheTables()
    {
        var (upload, status) = Functions();
        await using var body = File.OpenRead(Samples.Focus1000);

        var result = await upload.Run(Post(body, "focus-sample.csv"), CancellationToken.None);

        var accepted = Assert.IsType<AcceptedResult>(result);
        var json = JsonSerializer.SerializeToElement(accepted.Value);
        var importId = json.GetProperty("importId").GetGuid();
        Assert.Equal($"https://empreinte.example/api/imports/{importId:D}", json.GetProperty("statusUrl").GetString());
        Assert.Equal(1000, await CountAsync(_tables!.Lines));
        Assert.True(await CountAsync(_tables.Monthly) > 0, "the monthly table has contributions");

        var found = Assert.IsType<OkObjectResult>(await status.Run(new DefaultHttpContext().Request, importId.ToString(), CancellationToken.None));
        var report = Assert.IsType<ImportStatus>(found.Value);
        Assert.Equal(ImportStatuses.Completed, report.Status);
        Assert.Equal("focus-sample.csv", report.FileName);
        Assert.Equal(1000, report.RowCount);
    }

    [Fact]
    public async Task Upload_OfAGzipExport_IsReadAsCsv()
    {
        var (upload, _) = Functions();
        var compressed = new MemoryStream();
        await using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        await using (var source = File.OpenRead(Samples.Focus1000))
            await source.CopyToAsync(gzip);
        compressed.Position = 0;

        var result = await upload.Run(Post(compressed, "focus-sample.csv.gz"), CancellationToken.None);

        Assert.IsType<AcceptedResult>(result);
        Assert.Equal(1000, await CountAsync(_tables!.Lines));
    }

    [Fact]
    public async Task Upload_OfAnUnrecognisedFile_Answers400NamingTheFile()
    {
        var (upload, _) = Functions();
        using var body = new MemoryStream(Encoding.UTF8.GetBytes("name,colour\nwidget,blue\n"));

        var result = await upload.Run(Post(body, "widgets.csv"), CancellationToken.None);

        var bad = Assert.IsType<BadRequestObjectResult>(result);
        var error = JsonSerializer.SerializeToElement(bad.Value).GetProperty("error").GetString();
        Assert.StartsWith("widgets.csv: unrecognised export format", error, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error!);
    }

    [Fact]
    public async Task Upload_OfAnEmptyBody_Answers400()
    {
        var (upload, _) = Functions();

        var result = await upload.Run(Post(new MemoryStream(), "empty.csv"), CancellationToken.None);

        var bad = Assert.IsType<BadRequestObjectResult>(result);
        Assert.Contains("empty.csv: the request body is empty", JsonSerializer.SerializeToElement(bad.Value).GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_OfAnUnknownImport_Answers404()
    {
        var (_, status) = Functions();

        var result = await status.Run(new DefaultHttpContext().Request, Guid.NewGuid().ToString(), CancellationToken.None);

        Assert.IsType<NotFoundObjectResult>(result);
    }

    private static async Task<int> CountAsync(TableClient table)
    {
        var count = 0;
        await foreach (var _ in table.QueryAsync<TableEntity>(select: ["PartitionKey"])) count++;
        return count;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_tables is not null) await _tables.DeleteAllAsync(CancellationToken.None);
    }
}

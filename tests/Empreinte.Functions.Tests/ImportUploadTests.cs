using System.IO.Compression;
using Empreinte.Application.Tests.Support;
using Empreinte.Functions.Tests.Support;
using Empreinte.Tables;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Empreinte.Functions.Tests;

/// <summary>POST /api/imports with an export body, and GET /api/imports/{id}, called directly (no Functions host) against Azurite.</summary>
[Collection(SharedAzurite.Name)]
public sealed class ImportUploadTests(Azurite azurite) : IAsyncLifetime
{
    private FunctionsHarness _harness = null!;

    public Task InitializeAsync()
    {
        _harness = new FunctionsHarness(azurite, maxUploadBytes: 4 * 1024 * 1024);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _harness.CleanUpAsync();

    [Fact]
    public async Task SignedUpload_OfAValidExport_Answers202AndFillsTheTables()
    {
        var body = await File.ReadAllBytesAsync(Samples.Focus1000);

        var (status, json) = await _harness.PostAsync(_harness.SignedPost(body, "focus-sample.csv"));

        Assert.Equal(202, status);
        var importId = json.GetProperty("importId").GetGuid();
        Assert.Equal($"https://empreinte.example/api/imports/{importId:D}", json.GetProperty("statusUrl").GetString());
        Assert.Equal(1000, await FunctionsHarness.CountAsync(_harness.Tables.Lines));
        Assert.True(await FunctionsHarness.CountAsync(_harness.Tables.Monthly) > 0, "the monthly table has contributions");

        var found = Assert.IsType<OkObjectResult>(await _harness.Status.Run(new DefaultHttpContext().Request, importId.ToString(), CancellationToken.None));
        var report = Assert.IsType<ImportStatus>(found.Value);
        Assert.Equal(ImportStatuses.Completed, report.Status);
        Assert.Equal("focus-sample.csv", report.FileName);
        Assert.Equal(1000, report.RowCount);
    }

    [Fact]
    public async Task SignedUpload_OfAGzipExport_IsReadAsCsv()
    {
        var compressed = new MemoryStream();
        await using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        await using (var source = File.OpenRead(Samples.Focus1000))
            await source.CopyToAsync(gzip);

        var (status, _) = await _harness.PostAsync(_harness.SignedPost(compressed.ToArray(), "focus-sample.csv.gz"));

        Assert.Equal(202, status);
        Assert.Equal(1000, await FunctionsHarness.CountAsync(_harness.Tables.Lines));
    }

    [Fact]
    public async Task SignedUpload_OfATruncatedGzip_FailsTheImportNamingTheFile()
    {
        var compressed = new MemoryStream();
        await using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        await using (var source = File.OpenRead(Samples.Focus1000))
            await source.CopyToAsync(gzip);
        // A download cut short: .NET's GZipStream alone would end quietly at the cut.
        var truncated = compressed.ToArray()[..(int)(compressed.Length * 2 / 3)];

        var (status, json) = await _harness.PostAsync(_harness.SignedPost(truncated, "focus-sample.csv.gz"));

        Assert.Equal(202, status);
        var importId = json.GetProperty("importId").GetGuid();
        var found = Assert.IsType<OkObjectResult>(await _harness.Status.Run(new DefaultHttpContext().Request, importId.ToString(), CancellationToken.None));
        var report = Assert.IsType<ImportStatus>(found.Value);
        Assert.Equal(ImportStatuses.Failed, report.Status);
        var error = Assert.Single(report.Errors);
        Assert.Contains("focus-sample.csv.gz", error, StringComparison.Ordinal);
        Assert.Contains("gzip", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnsignedUpload_Answers401AndImportsNothing()
    {
        var body = await File.ReadAllBytesAsync(Samples.Focus1000);

        var (status, json) = await _harness.PostAsync(FunctionsHarness.Post(body, signature: null, fileName: "focus.csv"));

        Assert.Equal(401, status);
        Assert.Contains("X-Empreinte-Signature header is missing", json.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, _harness.Runner.Runs);
    }

    [Fact]
    public async Task ForgedUpload_SignedWithAnotherSecret_Answers401()
    {
        var body = await File.ReadAllBytesAsync(Samples.Focus1000);
        var forger = Empreinte.Azure.Webhooks.UploadSignature.FromSetting("not-the-secret-but-also-long-enough-0123456789", _harness.Clock);

        var (status, json) = await _harness.PostAsync(FunctionsHarness.Post(body, forger.Sign(body, _harness.Clock.GetUtcNow(), "focus.csv"), "focus.csv"));

        Assert.Equal(401, status);
        Assert.StartsWith("The signature does not match the timestamp, file name and body", json.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, _harness.Runner.Runs);
    }

    [Fact]
    public async Task TamperedUpload_BodyChangedAfterSigning_Answers401()
    {
        var body = await File.ReadAllBytesAsync(Samples.Focus1000);
        var signature = _harness.Signature.Sign(body, _harness.Clock.GetUtcNow(), "focus.csv");
        body[^2] ^= 0x01;

        var (status, _) = await _harness.PostAsync(FunctionsHarness.Post(body, signature, "focus.csv"));

        Assert.Equal(401, status);
        Assert.Equal(0, _harness.Runner.Runs);
    }

    [Fact]
    public async Task ReplayedUpload_TenMinutesLater_Answers401AsStale()
    {
        var body = await File.ReadAllBytesAsync(Samples.Focus1000);
        var signature = _harness.Signature.Sign(body, _harness.Clock.GetUtcNow(), "focus.csv");
        _harness.Clock.Now += TimeSpan.FromMinutes(10);

        var (status, json) = await _harness.PostAsync(FunctionsHarness.Post(body, signature, "focus.csv"));

        Assert.Equal(401, status);
        Assert.Contains("too old", json.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, _harness.Runner.Runs);
    }

    /// <summary>A captured request sent again while its signature is still fresh: refused, imported once.</summary>
    [Fact]
    public async Task ReplayedUpload_WithinTheWindow_Answers409AndIsImportedOnce()
    {
        var body = await File.ReadAllBytesAsync(Samples.Focus1000);
        var signature = _harness.Signature.Sign(body, _harness.Clock.GetUtcNow(), "focus.csv");

        var (first, _) = await _harness.PostAsync(FunctionsHarness.Post(body, signature, "focus.csv"));
        _harness.Clock.Now += TimeSpan.FromMinutes(2);
        var (again, json) = await _harness.PostAsync(FunctionsHarness.Post(body, signature, "focus.csv"));

        Assert.Equal(202, first);
        Assert.Equal(409, again);
        Assert.Contains("replay", json.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, _harness.Runner.Runs);
        Assert.Equal(1000, await FunctionsHarness.CountAsync(_harness.Tables.Lines));
    }

    /// <summary>
    /// The name is signed: a captured request replayed under another name (to be counted again) or
    /// under a chosen name (to overwrite that import's lines), in the query or the header, is refused.
    /// </summary>
    [Theory]
    [InlineData("other.csv", null)]
    [InlineData(null, "victim-import.csv")]
    [InlineData(null, null)]
    public async Task CapturedUpload_ReplayedUnderAnotherName_Answers401(string? queryName, string? headerName)
    {
        var body = await File.ReadAllBytesAsync(Samples.Focus1000);
        var signature = _harness.Signature.Sign(body, _harness.Clock.GetUtcNow(), "focus.csv");

        var (status, _) = await _harness.PostAsync(FunctionsHarness.Post(body, signature, queryName, fileNameHeader: headerName));

        Assert.Equal(401, status);
        Assert.Equal(0, _harness.Runner.Runs);
    }

    [Fact]
    public async Task UnnamedUploads_GetANameOfTheirOwn_AndDoNotOverwriteEachOther()
    {
        var body = await File.ReadAllBytesAsync(Samples.Focus1000);

        var (first, firstJson) = await _harness.PostAsync(_harness.SignedPost(body));
        _harness.Clock.Now += TimeSpan.FromSeconds(1);
        var (second, secondJson) = await _harness.PostAsync(_harness.SignedPost(body));

        Assert.Equal((202, 202), (first, second));
        var names = new List<string>();
        foreach (var json in new[] { firstJson, secondJson })
        {
            var importId = json.GetProperty("importId").GetGuid();
            var found = Assert.IsType<OkObjectResult>(await _harness.Status.Run(new DefaultHttpContext().Request, importId.ToString(), CancellationToken.None));
            var name = Assert.IsType<ImportStatus>(found.Value).FileName!;
            Assert.Equal($"upload-{importId:N}.csv", name);
            names.Add(name);
        }

        Assert.NotEqual(names[0], names[1]);
        Assert.Equal(2000, await FunctionsHarness.CountAsync(_harness.Tables.Lines));
    }

    [Fact]
    public async Task OversizedUpload_Answers413WithoutImporting()
    {
        var body = new byte[(4 * 1024 * 1024) + 1];

        var (status, _) = await _harness.PostAsync(_harness.SignedPost(body, "huge.csv"));

        Assert.Equal(413, status);
        Assert.Equal(0, _harness.Runner.Runs);
    }

    [Fact]
    public async Task SignedUpload_OfAnUnrecognisedFile_Answers400NamingTheFile()
    {
        var (status, json) = await _harness.PostAsync(_harness.SignedPost(FunctionsHarness.Utf8("name,colour\nwidget,blue\n"), "widgets.csv"));

        Assert.Equal(400, status);
        var error = json.GetProperty("error").GetString();
        Assert.StartsWith("widgets.csv: unrecognised export format", error, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error!);
    }

    [Fact]
    public async Task SignedUpload_OfCorruptParquet_Answers400NamingTheFile()
    {
        byte[] parquet = [.. "PAR1"u8, 0x15, 0x04, 0x15, 0x10, .. "PAR1"u8];

        var (status, json) = await _harness.PostAsync(_harness.SignedPost(parquet, "focus.parquet"));

        Assert.Equal(400, status);
        var error = json.GetProperty("error").GetString()!;
        Assert.StartsWith("focus.parquet", error, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error);
        Assert.Equal(0, _harness.Runner.Runs);
    }

    [Fact]
    public async Task SignedUpload_OfAnEmptyBody_Answers400()
    {
        var (status, json) = await _harness.PostAsync(_harness.SignedPost([], "empty.csv"));

        Assert.Equal(400, status);
        Assert.Contains("empty.csv: the request body is empty", json.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_OfAnUnknownImport_Answers404()
    {
        var result = await _harness.Status.Run(new DefaultHttpContext().Request, Guid.NewGuid().ToString(), CancellationToken.None);

        Assert.IsType<NotFoundObjectResult>(result);
    }
}

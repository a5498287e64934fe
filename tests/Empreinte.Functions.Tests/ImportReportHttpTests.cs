using System.Text.RegularExpressions;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Empreinte.Application;
using Empreinte.Application.Estimating;
using Empreinte.Application.Files;
using Empreinte.Application.Reporting;
using Empreinte.Application.Tests.Support;
using Empreinte.Domain.Calculators;
using Empreinte.Domain.Factors;
using Empreinte.Domain.Recommendations;
using Empreinte.Functions.Imports;
using Empreinte.Functions.Reports;
using Empreinte.Functions.Tests.Support;
using Empreinte.Ingestion;
using Empreinte.Tables;
using MassTransit;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;

namespace Empreinte.Functions.Tests;

/// <summary>
/// GET /api/imports/{id}/report on Azurite: an upload imported in local mode leaves its report.html
/// (English and French) and its recommendations in the recommendations table; an unknown import is a 404 saying so.
/// </summary>
[Collection(SharedAzurite.Name)]
public sealed partial class ImportReportHttpTests(Azurite azurite) : IAsyncLifetime
{
    private readonly string _suffix = Guid.NewGuid().ToString("N")[..12];
    private FunctionsHarness _harness = null!;
    private ImportReportWriter _reports = null!;
    private TableClient _recommendations = null!;

    public Task InitializeAsync()
    {
        _recommendations = azurite.Service.GetTableClient($"recommendations{_suffix}");
        var container = new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient($"reports-{_suffix}");
        _reports = new ImportReportWriter(container, new RecommendationsTable(_recommendations));
        _harness = new FunctionsHarness(azurite, (tables, records) => new EmbeddedImportRunner(tables, FactorSet.Embedded, records, _reports));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _harness.CleanUpAsync();
        await _recommendations.DeleteAsync();
        await new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient($"reports-{_suffix}").DeleteIfExistsAsync();
    }

    [Fact]
    public async Task ImportedUpload_HasItsReportInBothLanguages_AndItsRecommendationsInTheTable()
    {
        var (status, json) = await _harness.PostAsync(_harness.SignedPost(await File.ReadAllBytesAsync(Samples.Focus1000), "focus-sample.csv"));
        Assert.InRange(status, 200, 202);
        var importId = json.GetProperty("importId").GetGuid();
        var endpoint = new ImportReportHttp(_reports, _harness.Records);

        var english = Assert.IsType<ContentResult>(await endpoint.Run(FunctionsHarness.Get(""), importId.ToString(), CancellationToken.None));
        var french = Assert.IsType<ContentResult>(await endpoint.Run(FunctionsHarness.Get("?lang=fr"), importId.ToString(), CancellationToken.None));
        Assert.Equal(200, english.StatusCode);
        Assert.StartsWith("text/html", english.ContentType, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"en\"", english.Content, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"fr\"", french.Content, StringComparison.Ordinal);
        Assert.Contains("1,000 rows", english.Content, StringComparison.Ordinal);
        Assert.Contains("chart-month", english.Content, StringComparison.Ordinal);

        // One row per recommendation the report lists, all of this import.
        var listed = RecommendationRow().Count(Regex.Match(english.Content!, "<section id=\"recommendations\">.*?</section>", RegexOptions.Singleline).Value);
        var rows = await _recommendations.QueryAsync<TableEntity>().ToListAsync();
        Assert.Equal(listed, rows.Count);
        Assert.All(rows, r => Assert.Equal(importId.ToString(), r.GetString("ImportId")));
    }

    [Fact]
    public async Task AzureMode_WritesTheReportAsIngestionEnds_ThePageEstimateWrites()
    {
        // The batches go to a bus with no consumer: the report comes from what was published, not from the calculators' tables.
        await using var provider = new ServiceCollection().AddMassTransit(bus => bus.UsingInMemory()).BuildServiceProvider();
        var bus = provider.GetRequiredService<IBusControl>();
        await bus.StartAsync();
        var harness = new FunctionsHarness(azurite, (_, records) => new PublishingImportRunner(bus, FactorSet.Embedded, records, batchSize: 128, reports: _reports));
        try
        {
            var (status, json) = await harness.PostAsync(harness.SignedPost(await File.ReadAllBytesAsync(Samples.Focus1000), "focus-sample.csv"));
            Assert.Equal(202, status);
            var importId = json.GetProperty("importId").GetGuid();
            var served = Assert.IsType<ContentResult>(await new ImportReportHttp(_reports, harness.Records).Run(FunctionsHarness.Get(""), importId.ToString(), CancellationToken.None));

            var written = await EstimateReportAsync(Samples.Focus1000);
            foreach (var section in new[] { "headline", "recommendations", "coverage" })
                Assert.Equal(Section(written, section), Section(served.Content!, section));
        }
        finally
        {
            await bus.StopAsync();
            await harness.CleanUpAsync();
        }
    }

    /// <summary>The report.html <c>empreinte estimate FILE --out DIR</c> writes.</summary>
    private static async Task<string> EstimateReportAsync(string sample)
    {
        var directory = Directory.CreateTempSubdirectory("empreinte-report-").FullName;
        try
        {
            using var sink = new FileResultSink(directory);
            using var export = ExportReader.Open(sample);
            var report = await InProcessPipeline.RunAsync([(export, sample)], sink, FactorSet.Embedded);
            var recommendations = RecommendationEngine.Recommend(sink.Aggregate.Report.Candidates, FactorSet.Embedded, CalculationProfile.Default);
            var summary = await sink.CompleteAsync(report, FactorSet.Embedded.Version, CancellationToken.None, recommendations: recommendations);
            await ReportFiles.WriteAsync(directory, summary, sink.Aggregate, "en", CancellationToken.None);
            return await File.ReadAllTextAsync(Path.Combine(directory, ReportFiles.ReportFile));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static string Section(string html, string id)
    {
        var match = Regex.Match(html, $"<section id=\"{id}\"[^>]*>.*?</section>", RegexOptions.Singleline);
        Assert.True(match.Success, $"no section {id}");
        return match.Value;
    }

    [Fact]
    public async Task UnknownImport_Is404WithTheReason_AndABadIdOrLanguageIs400()
    {
        var endpoint = new ImportReportHttp(_reports, _harness.Records);
        var unknown = Guid.NewGuid();

        var missing = Assert.IsType<NotFoundObjectResult>(await endpoint.Run(FunctionsHarness.Get(""), unknown.ToString(), CancellationToken.None));
        Assert.Contains($"no import {unknown:D}", System.Text.Json.JsonSerializer.Serialize(missing.Value), StringComparison.Ordinal);
        Assert.IsType<BadRequestObjectResult>(await endpoint.Run(FunctionsHarness.Get(""), "not-an-id", CancellationToken.None));
        Assert.IsType<BadRequestObjectResult>(await endpoint.Run(FunctionsHarness.Get("?lang=de"), unknown.ToString(), CancellationToken.None));
    }

    [GeneratedRegex("<tr><td>(region-shift|ai-model-right-sizing|machine-generation|dev-test-schedule|storage-redundancy)")]
    private static partial Regex RecommendationRow();
}

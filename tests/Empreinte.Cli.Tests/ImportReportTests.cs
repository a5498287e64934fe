using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;
using Azure.Data.Tables;
using Empreinte.Application.Importing;
using Empreinte.Domain.Factors;
using Empreinte.Ingestion;
using Empreinte.Tables;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace Empreinte.Cli.Tests;

/// <summary>
/// What an import leaves for people and Power BI beyond summary.json: its recommendations in
/// <c>EmpreinteRecommendations</c> (<c>estimate --tables</c>, Azurite), report.html in French, and
/// the report served by <c>serve --http</c> (a real Kestrel listener) as the page <c>estimate</c> writes.
/// </summary>
public sealed partial class ImportReportTests
{
    private const string _azurite = "UseDevelopmentStorage=true";

    private static readonly AzureUsage[] s_usages =
    [
        new("prod", "westeurope", AzureExport.Vm, "D4s v5", 24),
        new("prod", "eastus", AzureExport.Vm, "D4s v5", 24),
        new("ml", "eastus", AzureExport.Tokens, "gpt-4o-0513", 5000),
    ];

    [Fact]
    public async Task EstimateWithTables_WritesOneFlatRowPerRecommendation_AndARerunReplacesThem()
    {
        await RequireAzuriteAsync();
        var export = AzureExport.Write(s_usages);
        var first = await CliRun.EstimateAsync(export, "--tables", _azurite, "--quiet");
        var second = await CliRun.EstimateAsync(export, "--tables", _azurite, "--quiet");
        Assert.True(first.ExitCode == 0 && second.ExitCode == 0, first.Error + second.Error);

        var summary = second.Summary();
        var sources = summary.GetProperty("inputs").EnumerateArray().Select(i => i.GetProperty("path").GetString()!).ToList();
        var table = new TableServiceClient(_azurite).GetTableClient(RecommendationsTable.DefaultName);
        var rows = await table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {RecommendationsKeys.PartitionKey(sources)}")).ToListAsync();
        var recommendations = summary.GetProperty("recommendations").EnumerateArray().ToList();

        // The second run replaced the first's rows: one set, the second import's.
        Assert.NotEmpty(recommendations);
        Assert.Equal(recommendations.Count, rows.Count);
        Assert.All(rows, r => Assert.Equal(summary.GetProperty("importId").GetString(), r.GetString("ImportId")));
        foreach (var recommendation in recommendations)
        {
            var row = Assert.Single(rows, r => r.GetString("Kind") == recommendation.GetProperty("kind").GetString()
                && r.GetString("From") == recommendation.GetProperty("from").GetString() && r.GetString("To") == recommendation.GetProperty("to").GetString()
                && r.GetString("SubAccount") == recommendation.GetProperty("scope").GetProperty("subAccount").GetString());
            foreach (var criterion in new[] { "energyKwh", "carbonLocationKgCo2e", "waterLitres", "abioticDepletionKgSbEq" })
            {
                var saving = recommendation.GetProperty("savings").GetProperty(criterion);
                var column = char.ToUpperInvariant(criterion[0]) + criterion[1..] + "Saving";
                Assert.Equal(saving.GetProperty("central").GetDouble(), row.GetDouble(column)!.Value, 9);
                Assert.Equal(saving.GetProperty("low").GetDouble(), row.GetDouble(column + "Low")!.Value, 9);
                Assert.Equal(saving.GetProperty("high").GetDouble(), row.GetDouble(column + "High")!.Value, 9);
            }

            Assert.Equal(recommendation.GetProperty("rationale").GetString(), row.GetString("Rationale"));
            Assert.Equal((double)recommendation.GetProperty("affectedCost").GetDecimal(), row.GetDouble("AffectedCost")!.Value, 9);
            Assert.NotEqual(row.GetString("Rationale"), row.GetString("RationaleFr"));
            Assert.Equal(recommendation.GetProperty("confidence").GetString(), row.GetString("Confidence"));
        }

        // Every column the table declares is written, and nothing else besides the keys.
        var written = rows.SelectMany(r => r.Keys).Where(k => k is not ("PartitionKey" or "RowKey" or "Timestamp" or "odata.etag")).ToHashSet();
        Assert.Empty(RecommendationsTable.Columns.Where(c => c is not ("Service" or "Model" or "Region" or "SubAccount")).Except(written));
        Assert.Subset(RecommendationsTable.Columns.ToHashSet(), written);
    }

    [Fact]
    public async Task FrenchReport_GivesTheRecommendationsRationaleAndTradeOffsInFrench()
    {
        var run = await CliRun.EstimateAsync(AzureExport.Write(s_usages), "--lang", "fr", "--quiet");
        Assert.True(run.ExitCode == 0, run.Error);
        var recommendations = WebUtility.HtmlDecode(Section(File.ReadAllText(Path.Combine(run.OutputDirectory, "report.html")), "recommendations"));

        Assert.Contains("Mêmes jetons sur gpt-4o-mini-0513", recommendations, StringComparison.Ordinal);
        Assert.Contains("classe de latence", recommendations, StringComparison.Ordinal);
        Assert.Contains("un modèle plus petit : vérifier la qualité des réponses", recommendations, StringComparison.Ordinal);
        foreach (var english in new[] { "Same tokens on", "latency class", "Best carbon saving", "a smaller model", "check that every service" })
            Assert.DoesNotContain(english, recommendations, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ServeReport_IsThePageEstimateWrites_InEitherLanguage_And404ForAnUnknownImport()
    {
        var export = AzureExport.Write(s_usages);
        var watch = Directory.CreateTempSubdirectory("empreinte-serve-report-").FullName;
        const string name = "export.csv";

        // The import the way serve runs it: batches published on a bus whose publish observer builds the report.
        var reports = new ServeReports(FactorSet.Embedded, tablesConnection: null);
        await using (var provider = new ServiceCollection().AddMassTransit(bus => bus.UsingInMemory()).BuildServiceProvider())
        {
            var bus = provider.GetRequiredService<IBusControl>();
            await bus.StartAsync();
            using (bus.ConnectPublishObserver(reports.Observer))
            {
                var importId = reports.Begin();
                ImportReport report;
                using (var file = ExportReader.Open(File.OpenRead(export), name)) report = await new ImportService(bus, FactorSet.Embedded).ImportAsync(importId, [(file, export)]);
                await reports.CompleteAsync(report, Path.Combine(watch, "done"), name, name, CancellationToken.None);
            }

            await bus.StopAsync();
        }

        File.WriteAllText(Path.Combine(watch, "waiting.csv"), "provider,cost\n");
        var estimated = await CliRun.EstimateAsync(export, "--quiet");
        var estimatedFr = await CliRun.EstimateAsync(export, "--quiet", "--lang", "fr");
        var port = FreePort();
        await using var app = ImportsEndpoint.Build(new ServeHttpOptions(port, "test-token-0123456789abcdef", [], 1 << 20), watch);
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}/")) };

        foreach (var (query, expected) in new[] { ("", estimated), ("?lang=fr", estimatedFr) })
        {
            using var response = await http.GetAsync($"imports/{name}/report{query}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
            var served = await response.Content.ReadAsStringAsync();
            var written = File.ReadAllText(Path.Combine(expected.OutputDirectory, "report.html"));
            foreach (var section in new[] { "headline", "recommendations", "coverage", "ai" })
                Assert.Equal(Section(written, section), Section(served, section));
            Assert.Contains("<script>", served, StringComparison.Ordinal); // Chart.js inlined: self-contained
        }

        using var unknown = await http.GetAsync("imports/never-imported.csv/report");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("no import named 'never-imported.csv'", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var queued = await http.GetAsync("imports/waiting.csv/report");
        Assert.Equal(HttpStatusCode.Accepted, queued.StatusCode);
        using var badLanguage = await http.GetAsync($"imports/{name}/report?lang=de");
        Assert.Equal(HttpStatusCode.BadRequest, badLanguage.StatusCode);
        await app.StopAsync();
    }

    private static string Section(string html, string id)
    {
        var match = Regex.Match(html, $"<section id=\"{id}\"[^>]*>.*?</section>", RegexOptions.Singleline);
        Assert.True(match.Success, $"no section {id}");
        return match.Value;
    }

    private static async Task RequireAzuriteAsync()
    {
        using var client = new TcpClient();
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await client.ConnectAsync("127.0.0.1", 10002, timeout.Token);
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            Assert.Fail($"Azurite is not reachable on 127.0.0.1:10002 ({e.Message}): start it with infra/local/start-azurite.sh.");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

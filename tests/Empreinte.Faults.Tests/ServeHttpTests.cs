using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text.Json;
using Empreinte.Generator;
using Xunit.Abstractions;

namespace Empreinte.Faults.Tests;

/// <summary>
/// <c>empreinte serve --http PORT</c>, the HTTP ingest of the self-hosted scale-out, end to end: a
/// real host process and worker process over the suite's RabbitMQ and Azurite, exports posted with
/// <see cref="HttpClient"/>, their status polled until done or failed, and the tables checked.
/// </summary>
[Collection(FaultSuite.Name)]
public sealed class ServeHttpTests(FaultEnvironment environment, ITestOutputHelper output) : IDisposable
{
    private const int _rows = 600;
    private const int _batchSize = 100;

    private readonly string _directory = Directory.CreateTempSubdirectory("empreinte-serve-").FullName;

    [Fact]
    public async Task PostedExports_CsvAndGzip_AreImportedWhole_AndReportedDone()
    {
        using var setup = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await environment.RabbitMq.DeleteQueuesAsync();
        await StoredTotals.ClearAsync(environment.Azurite.ConnectionString, setup.Token);
        var csv = Path.Combine(_directory, "focus-901.csv");
        GeneratedFile.Write(csv, _rows, 901);
        var gzip = Path.Combine(_directory, "focus-902.csv.gz");
        var second = Path.Combine(_directory, "focus-902.csv");
        GeneratedFile.Write(second, _rows, 902);
        await using (var source = File.OpenRead(second))
        await using (var target = new GZipStream(File.Create(gzip), CompressionLevel.Fastest))
            await source.CopyToAsync(target);
        var expected = await Totals.FaultFreeAsync(csv, _batchSize);
        var expectedSecond = await Totals.FaultFreeAsync(second, _batchSize);

        await using var workers = await Workers.StartAsync(environment, 1);
        var port = FreePort();
        using var http = Client(port);
        await using var host = await StartHostAsync(port);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));

        var first = await PostAsync(http, csv, "text/csv", timeout.Token);
        var zipped = await PostAsync(http, gzip, "application/gzip", timeout.Token);
        Assert.EndsWith(".csv.gz", zipped, StringComparison.Ordinal);

        foreach (var name in new[] { first, zipped })
        {
            using var report = await WaitUntilSettledAsync(http, name, HttpStatusCode.OK, timeout.Token);
            output.WriteLine($"{name}: {report.RootElement}");
            Assert.Equal(_rows, report.RootElement.GetProperty("rowsRead").GetInt64());
            Assert.Equal(0, report.RootElement.GetProperty("rowsRejected").GetInt64());
            Assert.Equal(_rows / _batchSize, report.RootElement.GetProperty("batchCount").GetInt32());
        }

        // Both exports in the tables, each line once, with the totals of the in-process pipeline.
        var stored = await StoredTotals.ReadAsync(environment.Azurite.ConnectionString, timeout.Token);
        Assert.Equal(2 * _rows, stored.LineEntities);
        Assert.Equal(2 * _rows, stored.CompleteLines);
        Assert.Equal(2 * _rows, stored.Monthly.Lines);
        var energy = expected.EnergyKwh + expectedSecond.EnergyKwh;
        Assert.True(Math.Abs(stored.Detail.EnergyKwh - energy) <= 1e-9 * energy, $"detail energy {stored.Detail.EnergyKwh}, expected {energy}");
        Assert.True(Math.Abs(stored.Monthly.EnergyKwh - energy) <= 1e-9 * energy, $"monthly energy {stored.Monthly.EnergyKwh}, expected {energy}");
    }

    [Fact]
    public async Task BadRequests_AreRefusedOrFailed_WithAReason()
    {
        await environment.RabbitMq.DeleteQueuesAsync();
        var port = FreePort();
        using var http = Client(port);
        await using var host = await StartHostAsync(port);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));

        using (var empty = await http.PostAsync("/imports", new ByteArrayContent([]), timeout.Token))
        {
            Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
            Assert.Contains("must be an export file", await empty.Content.ReadAsStringAsync(timeout.Token), StringComparison.Ordinal);
        }

        using (var unknown = await http.GetAsync("/imports/http-no-such-import.csv", timeout.Token))
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        // A name that tries to climb out of the folder: Kestrel keeps %2F encoded in the route value,
        // so it names no file there (a decoded '/' would be refused with 400 by the endpoint).
        using (var escaping = await http.GetAsync("/imports/..%2F..%2Fetc%2Fpasswd", timeout.Token))
            Assert.Equal(HttpStatusCode.NotFound, escaping.StatusCode);

        // A body that is not an export is accepted (the host cannot tell before it reads it), then fails with the reason.
        var notAnExport = Path.Combine(_directory, "not-an-export.csv");
        await File.WriteAllTextAsync(notAnExport, "hello,world\n1,2\n", timeout.Token);
        var name = await PostAsync(http, notAnExport, "text/csv", timeout.Token);
        using var failure = await WaitUntilSettledAsync(http, name, HttpStatusCode.UnprocessableEntity, timeout.Token);
        var error = failure.RootElement.GetProperty("error").GetString();
        output.WriteLine($"{name}: {error}");
        Assert.Equal("failed", failure.RootElement.GetProperty("status").GetString());
        Assert.Contains(name, error, StringComparison.Ordinal);
        Assert.Contains("unrecognised export format", error, StringComparison.Ordinal);
        Assert.False(host.HasExited, $"the host stopped on a bad export:\n{host.Output}");
    }

    private Task<CliProcess> StartHostAsync(int port)
    {
        var watch = Directory.CreateDirectory(Path.Combine(_directory, "watch")).FullName;
        return CliProcess.StartServeAsync(environment.RabbitMq.Address, watch, _batchSize, port);
    }

    private static HttpClient Client(int port) => new()
    {
        BaseAddress = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}/")),
        DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Bearer", CliProcess.ServeToken) },
    };

    /// <summary>Posts a file as the request body; returns the name the host gave it (202 Accepted, queued).</summary>
    private static async Task<string> PostAsync(HttpClient http, string path, string contentType, CancellationToken cancellationToken)
    {
        using var body = new StreamContent(File.OpenRead(path));
        body.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        using var response = await http.PostAsync("/imports", body, cancellationToken);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        using var accepted = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        Assert.Equal("queued", accepted.RootElement.GetProperty("status").GetString());
        var name = accepted.RootElement.GetProperty("name").GetString()!;
        Assert.Equal($"/imports/{name}", response.Headers.Location?.OriginalString);
        return name;
    }

    /// <summary>Polls <c>GET /imports/{name}</c> while it answers 202 (queued); the final answer must have <paramref name="status"/>.</summary>
    private static async Task<JsonDocument> WaitUntilSettledAsync(HttpClient http, string name, HttpStatusCode status, CancellationToken cancellationToken)
    {
        while (true)
        {
            using var response = await http.GetAsync($"/imports/{name}", cancellationToken);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            if (response.StatusCode != HttpStatusCode.Accepted)
            {
                Assert.True(response.StatusCode == status, $"GET /imports/{name} answered {(int)response.StatusCode}: {text}");
                return JsonDocument.Parse(text);
            }

            await Task.Delay(250, cancellationToken);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}

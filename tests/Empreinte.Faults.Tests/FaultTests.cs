using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Azure;
using Empreinte.Contracts;
using Empreinte.Generator;
using nietras.SeparatedValues;
using RabbitMQ.Client;
using Xunit.Abstractions;

namespace Empreinte.Faults.Tests;

/// <summary>
/// Faults injected into a running import over the real pieces: RabbitMQ, Azurite (Table Storage)
/// and <c>empreinte worker</c> processes. Each run is compared with a fault-free in-process run of
/// the same seeded export: no line lost, none counted twice, the import completes. Lines
/// "FAULT | …" in the output are the measurements docs/benchmarks.md reports.
/// </summary>
[Collection(FaultSuite.Name)]
public sealed class FaultTests(FaultEnvironment environment, ITestOutputHelper output) : IDisposable
{
    /// <summary>Enough rows for the workers to need ten seconds or more against Azurite (about 150 lines/s here), so a fault lands mid-import.</summary>
    private const int _rows = 2_000;

    private const int _batchSize = 100;

    private static readonly TimeSpan _importTimeout = TimeSpan.FromMinutes(3);

    private readonly string _directory = Directory.CreateTempSubdirectory("empreinte-faults-").FullName;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task KillingAWorkerMidImport_LosesAndDuplicatesNothing(int trial)
    {
        await RunWithFaultAsync("kill -9 a worker", trial, seed: 100 + trial, async workers =>
        {
            // SIGKILL: its unacknowledged batches go back to the queues; a restarted worker takes its place.
            workers[0].KillHard();
            workers[0] = await CliProcess.StartWorkerAsync(environment.RabbitMq.Address, environment.Azurite.ConnectionString);
        });
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task RestartingRabbitMqMidImport_LosesAndDuplicatesNothing(int trial)
    {
        await RunWithFaultAsync("restart RabbitMQ", trial, seed: 200 + trial, async _ =>
        {
            await environment.RabbitMq.StopAsync();
            await environment.RabbitMq.StartNodeAsync();
        });
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task RestartingAzuriteMidImport_LosesAndDuplicatesNothing(int trial)
    {
        await RunWithFaultAsync("stop and restart Azurite", trial, seed: 300 + trial, async _ =>
        {
            await environment.Azurite.StopAsync();
            // Storage stays down for a while: every write of the workers fails meanwhile.
            await Task.Delay(TimeSpan.FromSeconds(3));
            await environment.Azurite.StartAsync();
        });
    }

    /// <summary>
    /// kill -9 of the import host itself (<c>empreinte serve</c> on a watched folder): its tracker and
    /// publishing position die with it, the export stays in the folder (it moves to <c>done/</c> only
    /// once complete), and the restarted host imports it again from the first row. Batches already
    /// published are still estimated by the workers; the repeat overwrites the same keys.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task KillingTheImportHostMidImport_LosesAndDuplicatesNothing(int trial)
    {
        const string fault = "kill -9 the import host (serve)";
        var (path, expected) = await PrepareAsync(seed: 700 + trial);
        var watch = Directory.CreateDirectory(Path.Combine(_directory, $"watch-{trial}")).FullName;
        var name = Path.GetFileName(path);
        await using var workers = await Workers.StartAsync(environment, 2);
        CliProcess? host = await CliProcess.StartServeAsync(environment.RabbitMq.Address, watch, _batchSize);
        try
        {
            using var timeout = new CancellationTokenSource(_importTimeout);
            var clock = Stopwatch.StartNew();
            // A rename, not a copy: the host takes files that have not been written to for 2 s.
            File.Move(path, Path.Combine(watch, name));
            var estimated = await WaitForEstimatedLinesAsync(expected.Lines / 4, timeout.Token);
            var report = Path.Combine(watch, "done", name + ".import.json");
            Assert.False(File.Exists(report), "the import finished before the fault could be injected: raise the row count.");

            var killedAt = DateTimeOffset.UtcNow;
            output.WriteLine($"{fault}: injected with {estimated} of {expected.Lines} lines estimated, {clock.Elapsed.TotalSeconds:N1} s into the import");
            host.KillHard();
            Assert.True(File.Exists(Path.Combine(watch, name)), "the export left the watched folder although its import never completed");
            await host.DisposeAsync();
            host = null; // disposed: not again in finally, should the new host fail to start
            host = await CliProcess.StartServeAsync(environment.RabbitMq.Address, watch, _batchSize);
            output.WriteLine($"{fault}: host down for {(DateTimeOffset.UtcNow - killedAt).TotalSeconds:N2} s (kill to the restarted host watching)");

            // The report is written first, then the export moves to done/: the import is over once both are there.
            var moved = Path.Combine(watch, "done", name);
            while (!File.Exists(moved))
            {
                Assert.False(host.HasExited, $"the restarted host stopped:\n{host.Output}");
                await Task.Delay(200, timeout.Token);
            }

            // Recovered: the restarted host has imported the whole export again.
            var recovery = DateTimeOffset.UtcNow - killedAt;
            using (var done = JsonDocument.Parse(await File.ReadAllTextAsync(report, timeout.Token)))
            {
                Assert.Equal(expected.Lines, done.RootElement.GetProperty("rowsRead").GetInt64());
                Assert.Equal(0, done.RootElement.GetProperty("rowsRejected").GetInt64());
            }

            Assert.False(File.Exists(Path.Combine(watch, name)));
            await AssertNothingLostOrDuplicatedAsync(fault, trial, expected, recovery, clock.Elapsed);
        }
        finally
        {
            if (host is not null) await host.DisposeAsync();
        }
    }

    /// <summary>
    /// kill -9 of <c>worker --out</c> (a single local worker writing lines.csv) mid-import, then a
    /// new worker on the same folder: every row of a batch the tracker saw estimated by all three
    /// calculators (acknowledged) is in lines.csv at the moment of the kill, the restart keeps
    /// them, and the finished lines.csv holds each row of the export once, with the reference totals.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task KillingAFileWorkerMidImport_LosesNoAcknowledgedRow(int trial)
    {
        const string fault = "kill -9 worker --out";
        // Writing files is much faster than Table Storage: more rows, so that the kill lands mid-import.
        const int rows = 20_000;
        var (path, expected) = await PrepareAsync(seed: 800 + trial, rows);
        var folder = Path.Combine(_directory, $"worker-out-{trial}");
        var lines = Path.Combine(folder, "lines.csv");
        var worker = await CliProcess.StartFileWorkerAsync(environment.RabbitMq.Address, folder);
        try
        {
            await using var host = await ImportHost.StartAsync(environment.RabbitMq.Address);
            using var timeout = new CancellationTokenSource(_importTimeout);
            var clock = Stopwatch.StartNew();
            var importing = host.ImportAsync(path, _batchSize, timeout.Token);
            var batches = (rows + _batchSize - 1) / _batchSize;
            await host.Progress.WaitForCompletedBatchesAsync(batches / 4, timeout.Token);
            var acknowledged = host.Progress.CompletedBatches;
            worker.KillHard();
            var killedAt = DateTimeOffset.UtcNow;
            Assert.False(importing.IsCompleted, "the import finished before the fault could be injected: raise the row count.");
            await worker.DisposeAsync();
            var onDisk = ReadLines(lines);
            output.WriteLine($"{fault}: killed with {acknowledged} of {batches} batches acknowledged ({acknowledged * _batchSize} rows), {onDisk.Rows} rows in lines.csv, {clock.Elapsed.TotalSeconds:N1} s into the import");
            Assert.True(onDisk.Rows >= acknowledged * _batchSize, $"{onDisk.Rows} rows in lines.csv after the kill, {acknowledged * _batchSize} acknowledged");

            worker = await CliProcess.StartFileWorkerAsync(environment.RabbitMq.Address, folder);
            var (report, completed) = await importing;
            var recovery = DateTimeOffset.UtcNow - killedAt;
            Assert.Equal(batches, completed.BatchCount);
            Assert.Equal(rows, report.RowsRead);

            var written = ReadLines(lines);
            var lost = expected.Lines - written.DistinctRows;
            var duplicated = written.Rows - written.DistinctRows;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"FAULT | {fault} | trial {trial} | lines {expected.Lines} | acknowledged at kill {acknowledged * _batchSize} | lost {lost} | duplicated {duplicated} | recovery {recovery.TotalSeconds:N2} s | import {clock.Elapsed.TotalSeconds:N2} s"));
            Assert.Equal(0, lost);
            Assert.Equal(0, duplicated);
            Assert.Equal(expected.Lines, written.Rows);
            // lines.csv holds estimates to seven significant digits: its sums match to about 1e-7.
            Assert.True(Math.Abs(written.EnergyKwh - expected.EnergyKwh) <= 1e-6 * expected.EnergyKwh, $"lines.csv energy {written.EnergyKwh}, expected {expected.EnergyKwh}");
            Assert.True(Math.Abs(written.WaterLitres - expected.WaterLitres) <= 1e-6 * expected.WaterLitres, $"lines.csv water {written.WaterLitres}, expected {expected.WaterLitres}");
        }
        finally
        {
            await worker.DisposeAsync();
        }
    }

    /// <summary>Rows of a lines.csv, distinct (source file, row) pairs among them, and two central totals.</summary>
    private static (long Rows, long DistinctRows, double EnergyKwh, double WaterLitres) ReadLines(string path)
    {
        if (!File.Exists(path)) return (0, 0, 0, 0);
        using var reader = Sep.Reader().FromFile(path);
        var seen = new HashSet<(string, string)>();
        long rows = 0;
        double energy = 0, water = 0;
        foreach (var row in reader)
        {
            rows++;
            seen.Add((row["sourceFile"].ToString(), row["sourceRow"].ToString()));
            energy += double.Parse(row["energyKwh"].Span, CultureInfo.InvariantCulture);
            water += double.Parse(row["waterLitres"].Span, CultureInfo.InvariantCulture);
        }

        return (rows, seen.Count, energy, water);
    }

    /// <summary>
    /// <c>serve</c> started on an inbox that holds what used to kill it at every restart: an export
    /// with a 20 MB line, a truncated gzip, and a file during whose import the host already died
    /// three times (its attempts on record). It stays up, each file leaves the inbox with its reason,
    /// and an export dropped afterwards is imported whole.
    /// </summary>
    [Fact]
    public async Task ServeRestartedWithPoisonedFilesInItsInbox_StaysUp_AndMovesThemAside()
    {
        const string fault = "serve restarted with poisoned files in its inbox";
        var (path, expected) = await PrepareAsync(seed: 901);
        var watch = Directory.CreateDirectory(Path.Combine(_directory, "poisoned-inbox")).FullName;
        var header = File.ReadLines(path).First();
        var columns = header.Count(c => c == ',');
        await using (var longLine = File.CreateText(Path.Combine(watch, "long-line.csv")))
        {
            await longLine.WriteAsync(header + "\n" + new string('x', 20 * 1024 * 1024) + string.Concat(Enumerable.Repeat(",x", columns)) + "\n");
        }

        // Fewer rows than a batch: the cut is met before anything is published, so the tables hold only the good export.
        var gzip = System.Text.Encoding.UTF8.GetBytes(string.Join("\n", File.ReadLines(path).Take(_batchSize / 2)) + "\n");
        await using (var truncated = File.Create(Path.Combine(watch, "truncated.csv.gz")))
        {
            using var compressed = new MemoryStream();
            await using (var zip = new System.IO.Compression.GZipStream(compressed, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true)) await zip.WriteAsync(gzip);
            await truncated.WriteAsync(compressed.ToArray().AsMemory(0, (int)compressed.Length / 2));
        }

        File.Copy(path, Path.Combine(watch, "crashed-thrice.csv"));
        Directory.CreateDirectory(Path.Combine(watch, ".attempts"));
        await File.WriteAllTextAsync(Path.Combine(watch, ".attempts", "crashed-thrice.csv"), "3");
        await File.WriteAllTextAsync(Path.Combine(watch, ".http-left-by-a-crash.csv.partial"), "half an upload");
        string[] poisoned = ["crashed-thrice.csv", "long-line.csv", "truncated.csv.gz"];
        foreach (var file in Directory.EnumerateFiles(watch)) File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddMinutes(-1));

        await using var workers = await Workers.StartAsync(environment, 2);
        var clock = Stopwatch.StartNew();
        await using var host = await CliProcess.StartServeAsync(environment.RabbitMq.Address, watch, _batchSize);
        using var timeout = new CancellationTokenSource(_importTimeout);
        while (poisoned.Any(name => File.Exists(Path.Combine(watch, name))))
        {
            Assert.False(host.HasExited, $"serve stopped on a poisoned file:\n{host.Output}");
            await Task.Delay(100, timeout.Token);
        }

        var setAside = clock.Elapsed;
        Assert.False(File.Exists(Path.Combine(watch, ".http-left-by-a-crash.csv.partial")));
        foreach (var name in poisoned)
        {
            // A reader that keeps the rest of a file whose one line is too long imports it with that row rejected.
            var report = Path.Combine(watch, "done", name + ".import.json");
            var reason = File.Exists(report)
                ? await File.ReadAllTextAsync(report, timeout.Token)
                : await File.ReadAllTextAsync(Path.Combine(watch, "failed", name + ".error.txt"), timeout.Token);
            output.WriteLine($"{name}: {(File.Exists(report) ? "done, " : "failed, ")}{reason}");
            Assert.True(File.Exists(report) ? name == "long-line.csv" && reason.Contains("\"rowsRejected\": 1", StringComparison.Ordinal) : reason.Contains(name, StringComparison.Ordinal), reason);
        }

        Assert.Contains("stopped 3 times", await File.ReadAllTextAsync(Path.Combine(watch, "failed", "crashed-thrice.csv.error.txt"), timeout.Token), StringComparison.Ordinal);

        // Still serving: a good export dropped now is imported whole.
        var name2 = Path.GetFileName(path);
        File.Move(path, Path.Combine(watch, name2));
        var importClock = Stopwatch.StartNew();
        while (!File.Exists(Path.Combine(watch, "done", name2)))
        {
            Assert.False(host.HasExited, $"serve stopped:\n{host.Output}");
            await Task.Delay(200, timeout.Token);
        }

        output.WriteLine($"{fault}: {poisoned.Length} poisoned files set aside {setAside.TotalSeconds:N2} s after the start; host up: {!host.HasExited}");
        await AssertNothingLostOrDuplicatedAsync(fault, 1, expected, recovery: setAside, importClock.Elapsed);
    }

    [Fact]
    public async Task DuplicateDeliveriesOfEveryBatch_AreCountedOnce()
    {
        var (path, expected) = await PrepareAsync(seed: 401);
        await using var workers = await Workers.StartAsync(environment, 2);
        await using var host = await ImportHost.StartAsync(environment.RabbitMq.Address);
        using var timeout = new CancellationTokenSource(_importTimeout);

        var clock = Stopwatch.StartNew();
        var (report, completed) = await host.ImportPublishingTwiceAsync(path, _batchSize, timeout.Token);

        Assert.Equal(report.BatchCount, completed.BatchCount);
        await AssertNothingLostOrDuplicatedAsync("duplicate deliveries", 1, expected, recovery: null, clock.Elapsed);
    }

    [Fact]
    public async Task TheSameFileImportedThreeTimes_GivesTheSameTotalsEachTime()
    {
        var (path, expected) = await PrepareAsync(seed: 501);
        await using var workers = await Workers.StartAsync(environment, 2);
        await using var host = await ImportHost.StartAsync(environment.RabbitMq.Address);
        using var timeout = new CancellationTokenSource(_importTimeout);

        for (var import = 1; import <= 3; import++)
        {
            var clock = Stopwatch.StartNew();
            var (report, _) = await host.ImportAsync(path, _batchSize, timeout.Token);
            Assert.Equal(_rows, report.RowsRead);
            await AssertNothingLostOrDuplicatedAsync("same file imported three times", import, expected, recovery: null, clock.Elapsed);
        }
    }

    [Fact]
    public async Task PoisonMessages_GoToTheErrorQueuesAndTheImportStillCompletes()
    {
        var (path, expected) = await PrepareAsync(seed: 601);
        await using var workers = await Workers.StartAsync(environment, 2);
        await using var host = await ImportHost.StartAsync(environment.RabbitMq.Address);
        using var timeout = new CancellationTokenSource(_importTimeout);

        var clock = Stopwatch.StartNew();
        var importing = host.ImportAsync(path, _batchSize, timeout.Token);
        await host.Progress.WaitForCompletedBatchesAsync(5, timeout.Token);
        // Two kinds of poison among the real batches: a body no deserializer can read, sent to one
        // calculator's queue, and a well-formed batch that always throws (an unknown profile), published to all three.
        await PublishUnreadableBodyAsync("energy");
        var poisonImport = Guid.NewGuid();
        await host.Bus.Publish(new UsageBatchParsed(poisonImport, 1, [], "no-such-profile"), timeout.Token);
        var (report, _) = await importing;

        Assert.Equal(_rows, report.RowsRead);
        await AssertNothingLostOrDuplicatedAsync("poison messages", 1, expected, recovery: null, clock.Elapsed);
        var errors = await WaitForErrorQueuesAsync(["energy_error", "water_error", "materials_error"], timeout.Token);
        output.WriteLine($"error queues: {string.Join(", ", errors.Select(q => $"{q.Key}={q.Value}"))}");
        Assert.Equal(2, errors["energy_error"]);
        Assert.Equal(1, errors["water_error"]);
        Assert.Equal(1, errors["materials_error"]);
        var reasons = await ErrorReasonsAsync("energy_error");
        output.WriteLine($"energy_error reasons: {string.Join(" | ", reasons)}");
        Assert.Contains(reasons, r => r.Contains("no-such-profile", StringComparison.Ordinal));
        Assert.All(reasons, r => Assert.False(string.IsNullOrWhiteSpace(r)));
        Assert.All(workers.All, w => Assert.False(w.HasExited, $"a worker stopped on a poison message:\n{w.Output}"));
    }

    /// <summary>
    /// Prepares an import (fresh queues and tables, a seeded export and its fault-free totals),
    /// runs it with two worker processes, injects <paramref name="fault"/> once a quarter of the
    /// batches are done, and checks the outcome.
    /// </summary>
    private async Task RunWithFaultAsync(string fault, int trial, int seed, Func<CliProcess[], Task> inject)
    {
        var (path, expected) = await PrepareAsync(seed);
        await using var workers = await Workers.StartAsync(environment, 2);
        await using var host = await ImportHost.StartAsync(environment.RabbitMq.Address);
        using var timeout = new CancellationTokenSource(_importTimeout);

        var clock = Stopwatch.StartNew();
        var importing = host.ImportAsync(path, _batchSize, timeout.Token);
        var batches = (_rows + _batchSize - 1) / _batchSize;
        await host.Progress.WaitForCompletedBatchesAsync(batches / 4, timeout.Token);
        Assert.False(importing.IsCompleted, "the import finished before the fault could be injected: raise the row count.");
        var injectedAt = DateTimeOffset.UtcNow;
        output.WriteLine($"{fault}: injected after {host.Progress.CompletedBatches} of {batches} batches, {clock.Elapsed.TotalSeconds:N1} s into the import");
        await inject(workers.All);
        var faultOver = DateTimeOffset.UtcNow;

        var (report, completed) = await importing;
        var elapsed = clock.Elapsed;
        Assert.Equal(batches, completed.BatchCount);
        Assert.Equal(_rows, report.RowsRead);
        // Recovered: the first batch completed once the fault was over (the service back, the worker
        // replaced), measured from the moment the fault began; the import's end if none was left.
        var recoveredAt = host.Progress.FirstCompletionAfter(faultOver) ?? DateTimeOffset.UtcNow;
        output.WriteLine($"{fault}: fault lasted {(faultOver - injectedAt).TotalSeconds:N2} s");
        await AssertNothingLostOrDuplicatedAsync(fault, trial, expected, recoveredAt - injectedAt, elapsed);
    }

    private async Task<(string Path, Totals Expected)> PrepareAsync(int seed, int rows = _rows)
    {
        using var setup = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await environment.RabbitMq.DeleteQueuesAsync();
        await StoredTotals.ClearAsync(environment.Azurite.ConnectionString, setup.Token);
        var path = Path.Combine(_directory, string.Create(CultureInfo.InvariantCulture, $"focus-{seed}.csv"));
        GeneratedFile.Write(path, rows, seed);
        using var truth = JsonDocument.Parse(await File.ReadAllTextAsync(GeneratedFile.TruthPath(path)));
        var expected = await Totals.FaultFreeAsync(path, _batchSize);
        // The reference itself is checked against the generator's ground truth.
        Assert.Equal(truth.RootElement.GetProperty("rows").GetInt64(), expected.Lines);
        Assert.True(expected.EnergyKwh > 0 && expected.WaterLitres > 0 && expected.EmbodiedKgCo2e > 0);
        return (path, expected);
    }

    private async Task AssertNothingLostOrDuplicatedAsync(string fault, int trial, Totals expected, TimeSpan? recovery, TimeSpan importTime)
    {
        using var reading = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var stored = await StoredTotals.ReadAsync(environment.Azurite.ConnectionString, reading.Token);
        var lost = stored.LinesLost(expected);
        var duplicated = stored.LinesDuplicated(expected);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"FAULT | {fault} | trial {trial} | lines {expected.Lines} | lost {lost} | duplicated {duplicated} | recovery {(recovery is { } r ? $"{r.TotalSeconds:N2} s" : "n/a")} | import {importTime.TotalSeconds:N2} s"));

        Assert.Equal(0, lost);
        Assert.Equal(0, duplicated);
        Assert.Equal(expected.Lines, stored.LineEntities);
        Assert.Equal(expected.Lines, stored.Monthly.Lines);
        foreach (var (name, want, detail, monthly) in new[]
        {
            ("EnergyKwh", expected.EnergyKwh, stored.Detail.EnergyKwh, stored.Monthly.EnergyKwh),
            ("CarbonLocationKgCo2e", expected.CarbonLocationKgCo2e, stored.Detail.CarbonLocationKgCo2e, stored.Monthly.CarbonLocationKgCo2e),
            ("WaterLitres", expected.WaterLitres, stored.Detail.WaterLitres, stored.Monthly.WaterLitres),
            ("EmbodiedKgCo2e", expected.EmbodiedKgCo2e, stored.Detail.EmbodiedKgCo2e, stored.Monthly.EmbodiedKgCo2e),
        })
        {
            // The same doubles summed in another order: equal within rounding, far below one line's share.
            Assert.True(Math.Abs(detail - want) <= 1e-9 * want, $"{name}: detail table sums {detail}, expected {want}");
            Assert.True(Math.Abs(monthly - want) <= 1e-9 * want, $"{name}: monthly table sums {monthly}, expected {want}");
        }
    }

    /// <summary>Waits until the detail table holds at least <paramref name="lines"/> lines estimated by all three calculators; returns how many it holds.</summary>
    private async Task<long> WaitForEstimatedLinesAsync(long lines, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                var stored = await StoredTotals.ReadAsync(environment.Azurite.ConnectionString, cancellationToken);
                if (stored.CompleteLines >= lines) return stored.CompleteLines;
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
                // The workers create each table with its first write: nothing estimated yet.
            }

            await Task.Delay(250, cancellationToken);
        }
    }

    private static async Task PublishUnreadableBodyAsync(string queue)
    {
        var factory = new ConnectionFactory { Uri = new Uri($"amqp://guest:guest@127.0.0.1:{OwnRabbitMq.AmqpPort}/") };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        var properties = new BasicProperties { ContentType = "application/vnd.masstransit+json", Persistent = true, MessageId = Guid.NewGuid().ToString() };
        await channel.BasicPublishAsync("", queue, mandatory: true, properties, Encoding.UTF8.GetBytes("{ this is not a MassTransit envelope \u0000\u0001"));
    }

    private async Task<IReadOnlyDictionary<string, long>> WaitForErrorQueuesAsync(string[] queues, CancellationToken cancellationToken)
    {
        // The always-failing batch is retried (100, 500, 2000 ms) before it is moved: wait for it.
        var deadline = Stopwatch.StartNew();
        IReadOnlyDictionary<string, long> depths;
        do
        {
            depths = await environment.RabbitMq.QueueDepthsAsync();
            if (queues.All(q => depths.GetValueOrDefault(q) > 0) && depths.GetValueOrDefault("energy_error") >= 2) break;
            await Task.Delay(500, cancellationToken);
        }
        while (deadline.Elapsed < TimeSpan.FromSeconds(30));

        return queues.ToDictionary(q => q, q => depths.GetValueOrDefault(q));
    }

    /// <summary>The reason MassTransit recorded on each message of an error queue (its MT-Reason and MT-Fault-Message headers).</summary>
    private static async Task<List<string>> ErrorReasonsAsync(string queue)
    {
        var factory = new ConnectionFactory { Uri = new Uri($"amqp://guest:guest@127.0.0.1:{OwnRabbitMq.AmqpPort}/") };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        var reasons = new List<string>();
        while (await channel.BasicGetAsync(queue, autoAck: false) is { } message)
        {
            var headers = message.BasicProperties.Headers ?? new Dictionary<string, object?>();
            reasons.Add(string.Join("; ", new[] { "MT-Reason", "MT-Fault-Message" }
                .Where(headers.ContainsKey)
                .Select(h => $"{h}: {(headers[h] is byte[] bytes ? Encoding.UTF8.GetString(bytes) : headers[h])}")));
        }

        // Not acknowledged: closing the channel puts them back, where an operator would find them.
        return reasons;
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}

/// <summary>The worker processes of one test; disposing kills whichever are left.</summary>
internal sealed class Workers : IAsyncDisposable
{
    private Workers(CliProcess[] all) => All = all;

    public CliProcess[] All { get; }

    public static async Task<Workers> StartAsync(FaultEnvironment environment, int count)
    {
        var started = await Task.WhenAll(Enumerable.Range(0, count).Select(_ => CliProcess.StartWorkerAsync(environment.RabbitMq.Address, environment.Azurite.ConnectionString)));
        return new Workers(started);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var worker in All) await worker.DisposeAsync();
    }
}

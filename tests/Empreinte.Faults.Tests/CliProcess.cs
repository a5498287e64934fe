using System.Diagnostics;
using System.Globalization;
using System.Text;
using Empreinte.TestSupport;

namespace Empreinte.Faults.Tests;

/// <summary>
/// A real <c>empreinte worker</c> or <c>empreinte serve</c> process (the CLI built beside these
/// tests), so that a kill is the operating system's SIGKILL of a whole process with its broker
/// connection, its unacknowledged messages and whatever it held in memory.
/// </summary>
internal sealed class CliProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _readyLine;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private CliProcess(Process process, string readyLine)
    {
        _process = process;
        _readyLine = readyLine;
        _process.OutputDataReceived += (_, e) => Receive(e.Data);
        _process.ErrorDataReceived += (_, e) => Receive(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public string Output
    {
        get
        {
            lock (_output) return _output.ToString();
        }
    }

    /// <summary>Starts a worker and waits until its consumers are bound (it says so), so no batch is published to an exchange without queues.</summary>
    public static Task<CliProcess> StartWorkerAsync(Uri rabbitMq, string tablesConnection, int prefetch = 2) =>
        StartAsync(["worker", "--rabbitmq", rabbitMq.ToString(), "--tables", tablesConnection, "--prefetch", prefetch.ToString(CultureInfo.InvariantCulture)],
            readyLine: "worker: calculators consuming");

    /// <summary>Starts a single local worker writing files (<c>--out</c>) and waits until its consumers are bound.</summary>
    public static Task<CliProcess> StartFileWorkerAsync(Uri rabbitMq, string outputDirectory, int prefetch = 2) =>
        StartAsync(["worker", "--rabbitmq", rabbitMq.ToString(), "--out", outputDirectory, "--prefetch", prefetch.ToString(CultureInfo.InvariantCulture)],
            readyLine: "worker: calculators consuming");

    /// <summary>The token <c>serve --http</c> is started with (through EMPREINTE_TOKEN, as a deployment would), sent as <c>Authorization: Bearer</c>.</summary>
    public const string ServeToken = "fault-suite-token-0123456789abcdef";

    /// <summary>Starts the import host on a watched folder (and on <c>--http</c> when a port is given) and waits until it says it is watching.</summary>
    public static Task<CliProcess> StartServeAsync(Uri rabbitMq, string watchDirectory, int batchSize, int? httpPort = null) =>
        StartAsync([
            "serve", "--rabbitmq", rabbitMq.ToString(), "--watch", watchDirectory, "--batch-size", batchSize.ToString(CultureInfo.InvariantCulture),
            .. httpPort is { } port ? new[] { "--http", port.ToString(CultureInfo.InvariantCulture) } : [],
        ], readyLine: "serve: watching", environment: new() { ["EMPREINTE_TOKEN"] = ServeToken });

    private static async Task<CliProcess> StartAsync(string[] arguments, string readyLine, Dictionary<string, string>? environment = null)
    {
        var dll = CliDll();
        var start = new ProcessStartInfo("dotnet", [dll, .. arguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (name, value) in environment ?? []) start.Environment[name] = value;
        var started = new CliProcess(Process.Start(start) ?? throw new InvalidOperationException($"cannot start dotnet {dll}"), readyLine);
        var ready = await Task.WhenAny(started._ready.Task, started._process.WaitForExitAsync(), Task.Delay(TimeSpan.FromSeconds(60)));
        if (ready != started._ready.Task)
        {
            var output = started.Output;
            await started.DisposeAsync();
            Assert.Fail($"empreinte {arguments[0]} did not report ready within 60 s; its output:\n{output}");
        }

        return started;
    }

    /// <summary>kill -9: no shutdown, no acknowledgement, no flush.</summary>
    public void KillHard() => _process.Kill(entireProcessTree: true);

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync(CancellationToken.None);
        }

        _process.Dispose();
    }

    private void Receive(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
        if (line.Contains(_readyLine, StringComparison.Ordinal)) _ready.TrySetResult();
    }

    /// <summary>
    /// The CLI's output for the configuration these tests were built in: this assembly lives in
    /// tests/Empreinte.Faults.Tests/bin/{Configuration}/{framework}/, the CLI in cli/Empreinte.Cli/bin/{Configuration}/{framework}/.
    /// </summary>
    private static string CliDll()
    {
        var framework = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = framework.Parent!.Name;
        var dll = Path.Combine(RepositoryPaths.Root, "cli", "Empreinte.Cli", "bin", configuration, framework.Name, "empreinte.dll");
        if (!File.Exists(dll)) Assert.Fail($"the CLI is not built at {dll}; build the solution (this project references it so that it is built first).");
        return dll;
    }
}

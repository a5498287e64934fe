using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using Empreinte.TestSupport;

namespace Empreinte.Faults.Tests;

/// <summary>
/// An Azurite table service of the fault suite's own, beside the shared one on 10002: its own port
/// and a data folder on disk (not in memory), so that stopping and starting it mid-import keeps
/// what was written before the stop, as a real storage account would.
/// </summary>
internal sealed class OwnAzurite : IAsyncDisposable
{
    public const int TablePort = 10032;

    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "empreinte-faults-azurite-" + Guid.NewGuid().ToString("N")[..8]);
    private Process? _process;
    private TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The well-known development account, on this instance's port.</summary>
    public string ConnectionString { get; } = string.Create(CultureInfo.InvariantCulture,
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;TableEndpoint=http://127.0.0.1:{TablePort}/devstoreaccount1;");

    /// <summary>The table service of the Azurite that <c>infra/local/start-azurite.sh</c> installs (CI runs that script first), or EMPREINTE_AZURITE_TABLE.</summary>
    private static string Executable => Environment.GetEnvironmentVariable("EMPREINTE_AZURITE_TABLE") is { Length: > 0 } configured
        ? configured
        : Path.Combine(RepositoryPaths.Root, ".tools", "azurite", "node_modules", ".bin", "azurite-table");

    public async Task StartAsync()
    {
        if (!File.Exists(Executable))
            Assert.Fail($"Azurite is not installed at {Executable}{Shell.CiNote}: run infra/local/start-azurite.sh once (it installs it), or set EMPREINTE_AZURITE_TABLE.");
        if (await ListeningAsync())
            Assert.Fail($"port {TablePort} is already taken: another fault suite run, or a stray Azurite; stop it first.");
        Directory.CreateDirectory(_dataDirectory);

        var start = new ProcessStartInfo(Executable, ["--tableHost", "127.0.0.1", "--tablePort", TablePort.ToString(CultureInfo.InvariantCulture), "--location", _dataDirectory, "--skipApiVersionCheck", "--loose", "--silent"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        _process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {Executable}");
        _closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var closed = _closed;
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data?.Contains("successfully closed", StringComparison.Ordinal) == true) closed.TrySetResult();
        };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (await ListeningAsync()) return;
            if (_process.HasExited) Assert.Fail($"Azurite exited with code {_process.ExitCode} before listening on {TablePort}.");
            await Task.Delay(100);
        }

        Assert.Fail($"Azurite did not listen on {TablePort} within 60 s.");
    }

    /// <summary>
    /// Stops the emulator cleanly. azurite-table saves its data (LokiJS, otherwise every 5 s) only
    /// on SIGINT: on SIGTERM Node exits at once and the writes of the last seconds, already
    /// acknowledged, are gone. That is the emulator's durability, not a fault Azure Storage has
    /// (it acknowledges a write once it is durable), so the suite stops it the way that keeps them.
    /// </summary>
    public async Task StopAsync()
    {
        var process = _process ?? throw new InvalidOperationException("Azurite is not running.");
        await Shell.RunAsync(string.Create(CultureInfo.InvariantCulture, $"kill -INT {process.Id}"), TimeSpan.FromSeconds(5));
        // Once it says it has closed (its data saved) it lingers on open handles: end it then.
        await Task.WhenAny(_closed.Task, process.WaitForExitAsync(), Task.Delay(TimeSpan.FromSeconds(20)));
        if (!process.HasExited) process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync(CancellationToken.None);

        process.Dispose();
        _process = null;
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { } process)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            process.Dispose();
        }

        Directory.Delete(_dataDirectory, recursive: true);
    }

    private static async Task<bool> ListeningAsync()
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync("127.0.0.1", TablePort);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}

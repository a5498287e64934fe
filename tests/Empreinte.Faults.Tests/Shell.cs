using System.Diagnostics;

namespace Empreinte.Faults.Tests;

/// <summary>Runs a command through <c>/bin/sh</c> and returns its exit code and output (the broker's and emulator's own tools).</summary>
internal static class Shell
{
    public static async Task<(int ExitCode, string Output)> RunAsync(string command, TimeSpan timeout)
    {
        var start = new ProcessStartInfo("/bin/sh", ["-c", command])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start /bin/sh for: {command}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"'{command}' did not finish within {timeout.TotalSeconds:N0} s.");
        }

        return (process.ExitCode, (await stdout) + (await stderr));
    }

    public static bool IsRoot => Environment.UserName == "root";

    /// <summary>True when the CI variable asks for failures instead of skips (it always fails here; the text says why).</summary>
    public static string CiNote => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase) ? " (CI=true)" : "";
}

using System.Diagnostics;
using System.Reflection;
using System.Text.RegularExpressions;

namespace Empreinte.Infra.Tests;

/// <summary>Result of one Bicep CLI run, with its diagnostics split by level.</summary>
internal sealed record BicepRun(int ExitCode, string StdOut, string StdErr)
{
    // Bicep prints diagnostics as "path(line,col) : Level CODE: message".
    private static readonly Regex _diagnostic = new(@"^.+\(\d+,\d+\) : (?<level>Error|Warning|Info) ", RegexOptions.Multiline);

    public IReadOnlyList<string> Errors => Lines("Error");

    public IReadOnlyList<string> Warnings => Lines("Warning");

    public string Describe() => $"exit code {ExitCode}\nstdout:\n{StdOut}\nstderr:\n{StdErr}";

    private List<string> Lines(string level) =>
        (StdOut + "\n" + StdErr)
            .Split('\n')
            .Where(line => _diagnostic.Match(line) is { Success: true } m && m.Groups["level"].Value == level)
            .ToList();
}

/// <summary>Runs the Bicep CLI shipped by the Azure.Bicep.CommandLine.linux-x64 package.</summary>
internal static class BicepCli
{
    private static readonly TimeSpan _timeout = TimeSpan.FromMinutes(3);

    public static string ExecutablePath { get; } = FindExecutable();

    public static BicepRun Run(IReadOnlyDictionary<string, string>? environment, params string[] arguments)
    {
        var start = new ProcessStartInfo(ExecutablePath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepoPaths.Root,
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
            start.Environment[name] = value;

        using var process = Process.Start(start) ?? throw new InvalidOperationException("bicep did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(_timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"bicep {string.Join(' ', arguments)} ran longer than {_timeout}.");
        }

        return new BicepRun(process.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult());
    }

    private static string FindExecutable()
    {
        var path = typeof(BicepCli).Assembly
            .GetCustomAttributes<AssemblyMetadataAttribute>()
            .SingleOrDefault(a => a.Key == "BicepPath")?.Value;
        if (string.IsNullOrEmpty(path))
            throw new InvalidOperationException("BicepPath metadata missing: is Azure.Bicep.CommandLine.linux-x64 restored?");

        // The package props join folder and file name with a backslash.
        path = Path.GetFullPath(path.Replace('\\', Path.DirectorySeparatorChar));
        if (!File.Exists(path))
            throw new FileNotFoundException("Bicep CLI not found where the package says it is.", path);

        // NuGet extraction may drop the execute bit for group and others; the owner needs it.
        if (!OperatingSystem.IsWindows())
        {
            var mode = File.GetUnixFileMode(path);
            if (!mode.HasFlag(UnixFileMode.UserExecute))
                File.SetUnixFileMode(path, mode | UnixFileMode.UserExecute);
        }

        return path;
    }
}

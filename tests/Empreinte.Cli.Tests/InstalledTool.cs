using System.Diagnostics;
using Empreinte.TestSupport;

namespace Empreinte.Cli.Tests;

/// <summary>
/// The CLI as a person gets it: packed with <c>dotnet pack</c> (once per test run, from the build the
/// tests already made) and installed with <c>dotnet tool install --tool-path</c> from that folder.
/// </summary>
public sealed class InstalledTool : IDisposable
{
#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    private readonly string _root = Path.Combine(Path.GetTempPath(), "empreinte-tool-" + Guid.NewGuid().ToString("N"));

    public InstalledTool()
    {
        var packages = Path.Combine(_root, "nupkg");
        ToolPath = Path.Combine(_root, "tools");
        var project = Path.Combine(RepositoryPaths.Root, "cli", "Empreinte.Cli", "Empreinte.Cli.csproj");
        Run("dotnet", ["pack", project, "-c", Configuration, "--no-build", "-o", packages]);
        Package = Directory.GetFiles(packages, "Empreinte.Cli.*.nupkg").Single();
        Run("dotnet", ["tool", "install", "--tool-path", ToolPath, "--add-source", packages, "Empreinte.Cli"]);
        Command = Path.Combine(ToolPath, "empreinte");
    }

    public string ToolPath { get; }

    public string Package { get; }

    /// <summary>The installed <c>empreinte</c> command.</summary>
    public string Command { get; }

    public static (int ExitCode, string Output, string Error) Run(string file, IEnumerable<string> args, IDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workingDirectory ?? RepositoryPaths.Root };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        // An empty value removes the variable: NO_COLOR counts when merely present for some readers.
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            if (value.Length == 0) start.Environment.Remove(name);
            else start.Environment[name] = value;
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5))) process.Kill(entireProcessTree: true);
        process.WaitForExit();
        (int ExitCode, string Output, string Error) result = (process.ExitCode, output.Result, error.Result);
        if (file == "dotnet" && result.ExitCode != 0)
            throw new InvalidOperationException($"dotnet {string.Join(' ', args)} failed ({result.ExitCode}): {result.Output}{result.Error}");
        return result;
    }

    public void Dispose()
    {
        try { Directory.Delete(_root, recursive: true); }
        catch (IOException) { }
    }
}

[CollectionDefinition(Name)]
public sealed class InstalledToolGroup : ICollectionFixture<InstalledTool>
{
    public const string Name = "installed tool";
}

using System.Text.Json;
using Empreinte.Cli;
using Spectre.Console;

namespace Empreinte.Cli.Tests;

/// <summary>Runs the CLI in this process, capturing what it prints and the outputs it writes.</summary>
internal sealed record CliRun(int ExitCode, string Output, string Error, string OutputDirectory)
{
    public static async Task<CliRun> EstimateAsync(params string[] inputsAndOptions)
    {
        var outDir = Path.Combine(Path.GetTempPath(), "empreinte-cli-" + Guid.NewGuid().ToString("N"));
        return await RunAsync(["estimate", .. inputsAndOptions, "--out", outDir], outDir);
    }

    public static async Task<CliRun> RunAsync(string[] args, string outDir = "")
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Interactive = InteractionSupport.No,
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
        });
        var code = await CommandLine.RunAsync(args, console, error, CancellationToken.None);
        return new CliRun(code, output.ToString(), error.ToString(), outDir);
    }

    public JsonElement Summary() => JsonDocument.Parse(File.ReadAllText(Path.Combine(OutputDirectory, "summary.json"))).RootElement;

    public string[] Lines() => File.ReadAllLines(Path.Combine(OutputDirectory, "lines.csv"));
}

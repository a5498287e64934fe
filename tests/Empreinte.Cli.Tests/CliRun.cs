using System.Text.Json;
using Empreinte.Application.Results;
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

    /// <summary><c>estimate</c> into a given <c>--out</c> (to run twice into one folder).</summary>
    public static Task<CliRun> EstimateIntoAsync(string outDir, params string[] inputsAndOptions) =>
        RunAsync(["estimate", .. inputsAndOptions, "--out", outDir], outDir);

    public static async Task<CliRun> RunAsync(string[] args, string outDir = "")
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await CommandLine.RunAsync(args, Console(output), error, CancellationToken.None);
        return new CliRun(code, output.ToString(), error.ToString(), outDir);
    }

    /// <summary><c>estimate</c> with <paramref name="extraSink"/> written to as well (a failing one, to fail a run mid-way).</summary>
    public static async Task<CliRun> EstimateWithSinkAsync(IEstimateSink extraSink, string outDir, CancellationToken cancellationToken, params string[] inputsAndOptions)
    {
        Assert.True(EstimateOptions.TryParse([.. inputsAndOptions, "--out", outDir], out var options, out var problem), problem);
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await new EstimateCommand(Console(output), error, extraSink).RunAsync(options, cancellationToken);
        return new CliRun(code, output.ToString(), error.ToString(), outDir);
    }

    private static IAnsiConsole Console(StringWriter output) => AnsiConsole.Create(new AnsiConsoleSettings
    {
        Out = new AnsiConsoleOutput(output),
        Interactive = InteractionSupport.No,
        Ansi = AnsiSupport.No,
        ColorSystem = ColorSystemSupport.NoColors,
    });

    public JsonElement Summary() => JsonDocument.Parse(File.ReadAllText(Path.Combine(OutputDirectory, "summary.json"))).RootElement;

    /// <summary>lines.csv, written with <c>--lines csv</c>.</summary>
    public string[] Lines() => File.ReadAllLines(Path.Combine(OutputDirectory, "lines.csv"));

    /// <summary>The rows of lines.parquet (the default per-line file), over all its row groups.</summary>
    public async Task<long> LinesParquetRowsAsync()
    {
        await using var reader = await Parquet.ParquetReader.CreateAsync(Path.Combine(OutputDirectory, "lines.parquet"));
        long rows = 0;
        for (var group = 0; group < reader.RowGroupCount; group++)
        {
            using var rowGroup = reader.OpenRowGroupReader(group);
            rows += rowGroup.RowCount;
        }

        return rows;
    }
}

using System.Text.Json;
using System.Text.RegularExpressions;
using Empreinte.Generator;
using Empreinte.TestSupport;

namespace Empreinte.Cli.Tests;

/// <summary>
/// The installed <c>empreinte</c> command, run as a person runs it: from the tool path, and under a
/// pseudo-terminal (util-linux <c>script</c>) where the progress display and colours depend on it.
/// </summary>
[Collection(InstalledToolGroup.Name)]
public sealed partial class InstalledToolTests(InstalledTool tool)
{
    [Fact]
    public void InstalledTool_PrintsItsVersionAndEstimatesTheSample()
    {
        var version = InstalledTool.Run(tool.Command, ["--version"]);
        var outDir = TempDirectory();
        var estimate = InstalledTool.Run(tool.Command, ["estimate", RepositoryPaths.Sample("focus-1.0-small.csv"), "--out", outDir]);

        Assert.Equal(0, version.ExitCode);
        Assert.StartsWith("0.1.0", version.Output.Trim(), StringComparison.Ordinal);
        Assert.EndsWith("Empreinte.Cli.0.1.0.nupkg", tool.Package, StringComparison.Ordinal);
        Assert.True(estimate.ExitCode == 0, estimate.Error);
        Assert.Contains("Empreinte footprint", estimate.Output, StringComparison.Ordinal);
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "summary.json")));
        Assert.Equal(20, summary.RootElement.GetProperty("rows").GetProperty("total").GetInt32());
    }

    [Fact]
    public void Terminal_LongInput_ShowsAProgressBarWithRowsPerSecondAndEta()
    {
        var input = Path.Combine(TempDirectory(), "long.csv");
        GeneratedFile.Write(input, rows: 60_000, seed: 7);
        Assert.True(new FileInfo(input).Length > ProgressDisplay.MinimumInputBytes, "the generated input is long enough for a progress bar");

        var screen = InTerminal($"{tool.Command} estimate {input} --out {TempDirectory()}");

        Console.WriteLine($"terminal frames: {RowsPerSecond().Count(screen)} progress renders");
        Assert.Matches(RowsPerSecond(), screen);
        Assert.Matches(Eta(), screen);
        Assert.Contains("Empreinte footprint", screen, StringComparison.Ordinal);
        AssertLowCentralHigh(screen);
    }

    [Fact]
    public void Terminal_ShortInput_ShowsNoProgressButTheTable()
    {
        var screen = InTerminal($"{tool.Command} estimate {RepositoryPaths.Sample("focus-1.0-small.csv")} --out {TempDirectory()}");

        Assert.DoesNotMatch(RowsPerSecond(), screen);
        Assert.DoesNotContain("Estimated rows", screen, StringComparison.Ordinal);
        AssertLowCentralHigh(screen);
        Assert.Matches(ColourCode(), screen);
    }

    [Fact]
    public void Terminal_NoColor_PrintsNoColourCodes()
    {
        var screen = InTerminal($"{tool.Command} estimate {RepositoryPaths.Sample("focus-1.0-small.csv")} --out {TempDirectory()}", noColor: true);

        Assert.Contains("Empreinte footprint", screen, StringComparison.Ordinal);
        Assert.DoesNotMatch(ColourCode(), screen);
    }

    private static void AssertLowCentralHigh(string screen)
    {
        var header = Regex.Replace(screen.Split('\n').First(l => l.Contains("criterion", StringComparison.Ordinal)), @"\x1b\[[0-9;]*m", "");
        int low = header.IndexOf(" low ", StringComparison.Ordinal), central = header.IndexOf(" central ", StringComparison.Ordinal), high = header.IndexOf(" high ", StringComparison.Ordinal);
        Assert.True(low > 0 && low < central && central < high, header);
    }

    /// <summary>Runs a command under a pseudo-terminal and returns everything it drew, escape codes included.</summary>
    private static string InTerminal(string command, bool noColor = false)
    {
        const string script = "/usr/bin/script";
        Assert.True(File.Exists(script), "util-linux script is needed to run the CLI under a pseudo-terminal (apt-get install bsdutils)");
        var environment = new Dictionary<string, string> { ["TERM"] = "xterm-256color", ["COLUMNS"] = "120", ["NO_COLOR"] = noColor ? "1" : "" };
        var (exitCode, output, error) = InstalledTool.Run(script, ["-q", "-e", "-c", command, "/dev/null"], environment);
        Assert.True(exitCode == 0, $"{command} exited {exitCode}: {error}{output}");
        return output;
    }

    private static string TempDirectory()
    {
        var path = Path.Combine(Path.GetTempPath(), "empreinte-term-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }

    [GeneratedRegex(@"[\d,]+ rows/s")]
    private static partial Regex RowsPerSecond();

    [GeneratedRegex(@"ETA \d\d:\d\d")]
    private static partial Regex Eta();

    /// <summary>An SGR sequence setting a foreground or background colour (30–37, 38;…, 40–47, 48;…, 90–97, 100–107).</summary>
    [GeneratedRegex(@"\x1b\[(?:[0-9;]*;)?(?:3[0-8]|4[0-8]|9[0-7]|10[0-7])(?:;[0-9;]*)?m")]
    private static partial Regex ColourCode();
}

using System.Text.Json;
using Empreinte.TestSupport;

namespace Empreinte.Cli.Tests;

/// <summary>The command-line conventions a script relies on: --version, --help, --json, --quiet, factors, the table's columns.</summary>
public sealed class ConventionsTests
{
    [Fact]
    public async Task Version_PrintsTheInformationalVersion()
    {
        var run = await CliRun.RunAsync(["--version"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Matches(@"^\d+\.\d+\.\d+", run.Output.Trim());
        Assert.Equal(HelpText.InformationalVersion, run.Output.Trim());
    }

    [Theory]
    [InlineData("estimate", "empreinte estimate samples/focus-1.0-small.csv --out out")]
    [InlineData("factors", "empreinte factors --json")]
    [InlineData("worker", "empreinte worker --out results")]
    [InlineData("serve", "empreinte serve --watch inbox")]
    public async Task HelpPerCommand_GivesExamplesAndExitCodes(string command, string example)
    {
        var run = await CliRun.RunAsync([command, "--help"]);

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith($"usage: empreinte {command}", run.Output, StringComparison.Ordinal);
        Assert.Contains(example, run.Output, StringComparison.Ordinal);
        Assert.Contains("exit codes:", run.Output, StringComparison.Ordinal);
        foreach (var code in new[] { "0  success", "2  bad arguments", "3  an input", "4  a processing failure" })
            Assert.Contains(code, run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_PutsExactlySummaryJsonOnStdout()
    {
        var run = await CliRun.EstimateAsync(RepositoryPaths.Sample("focus-1.0-small.csv"), "--json");

        Assert.True(run.ExitCode == 0, run.Error);
        using var stdout = JsonDocument.Parse(run.Output);
        var onDisk = File.ReadAllText(Path.Combine(run.OutputDirectory, "summary.json"));
        Assert.Equal(onDisk.Trim(), run.Output.Trim());
        Assert.Equal(20, stdout.RootElement.GetProperty("rows").GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Quiet_PrintsNothingButStillWritesTheResults()
    {
        var run = await CliRun.EstimateAsync(RepositoryPaths.Sample("focus-1.0-small.csv"), "--quiet");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal("", run.Output);
        Assert.Equal(20, run.Summary().GetProperty("rows").GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Table_ColumnsAreLowCentralHigh()
    {
        var run = await CliRun.EstimateAsync(RepositoryPaths.Sample("focus-1.0-small.csv"));

        Assert.True(run.ExitCode == 0, run.Error);
        var header = run.Output.Split('\n').First(l => l.Contains("criterion", StringComparison.Ordinal));
        var (low, central, high) = (header.IndexOf(" low ", StringComparison.Ordinal), header.IndexOf(" central ", StringComparison.Ordinal), header.IndexOf(" high ", StringComparison.Ordinal));
        Assert.True(low > 0 && low < central && central < high, header);
    }

    [Fact]
    public async Task JsonOnWorker_IsABadArgument()
    {
        var run = await CliRun.RunAsync(["worker", "--json", "--out", "x"]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--json applies to estimate and factors", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Factors_ListsEveryTableWithRowsSourcesAndLicences()
    {
        var table = await CliRun.RunAsync(["factors"]);
        var json = await CliRun.RunAsync(["factors", "--json"]);

        Assert.Equal(0, table.ExitCode);
        Assert.Equal(0, json.ExitCode);
        var root = JsonDocument.Parse(json.Output).RootElement;
        Assert.Equal(Empreinte.Domain.Factors.FactorSet.CurrentVersion, root.GetProperty("factorSetVersion").GetString());
        var tables = root.GetProperty("tables").EnumerateArray().ToDictionary(t => t.GetProperty("name").GetString()!);
        foreach (var name in new[] { "constants", "machine_types", "grid_intensity", "regions", "gpus" })
        {
            Assert.True(tables.ContainsKey(name), $"factors --json lists {name}");
            Assert.Contains(name, table.Output, StringComparison.Ordinal);
        }

        // Counts agree with the factor set the calculators load.
        var factors = Empreinte.Domain.Factors.FactorSet.Embedded;
        Assert.Equal(factors.Machines.Count(), tables["machine_types"].GetProperty("rows").GetInt32());
        Assert.Equal(factors.Constants.Count(), tables["constants"].GetProperty("rows").GetInt32());
        Assert.Equal(factors.GridIntensities.Count(), tables["grid_intensity"].GetProperty("rows").GetInt32());
        foreach (var t in tables.Values)
        {
            Assert.NotEmpty(t.GetProperty("sources").EnumerateArray());
            Assert.All(t.GetProperty("licences").EnumerateArray(), l => Assert.False(string.IsNullOrWhiteSpace(l.GetString())));
        }
    }
}

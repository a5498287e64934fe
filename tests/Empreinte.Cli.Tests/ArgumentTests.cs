using Empreinte.TestSupport;

namespace Empreinte.Cli.Tests;

/// <summary>Issue #13 point 12 (arguments): exact format names, unknown options, bounded batch size; each is exit 2 with one line.</summary>
public sealed class ArgumentTests
{
    private static string Sample => RepositoryPaths.Sample("focus-1.0-small.csv");

    [Theory]
    [InlineData("focusXYZ")]
    [InlineData("foc")]
    [InlineData("azure-eaX")]
    public async Task Format_NotExactlyAKnownName_IsExit2ListingTheNames(string format)
    {
        var run = await CliRun.EstimateAsync(Sample, "--format", format);

        Assert.Equal(CommandLine.BadArguments, run.ExitCode);
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"empreinte: --format '{format}' is not a known format; use one of focus, azure, aws-cur,", line, StringComparison.Ordinal);
        Assert.Contains("focus-1.0", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("focus")]
    [InlineData("FOCUS-1.0")]
    public async Task Format_AKnownName_IsAccepted(string format)
    {
        var run = await CliRun.EstimateAsync(Sample, "--format", format);

        Assert.True(run.ExitCode == 0, run.Error);
    }

    [Fact]
    public async Task UnknownShortOption_IsExit2_NotAFileName()
    {
        var run = await CliRun.EstimateAsync(Sample, "-x");

        Assert.Equal(CommandLine.BadArguments, run.ExitCode);
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal("empreinte: unknown option -x (a file whose name starts with '-' goes after --).", line);
    }

    [Fact]
    public void AfterDoubleDash_AFileNamedLikeAnOption_IsAnInput()
    {
        Assert.True(EstimateOptions.TryParse(["--out", "o", "a.csv", "--", "-x", "--out"], out var options, out var problem), problem);

        Assert.Equal(["a.csv", "-x", "--out"], options.Inputs);
        Assert.Equal("o", options.OutputDirectory);
    }

    [Theory]
    [InlineData("2147483647")]
    [InlineData("100001")]
    [InlineData("0")]
    [InlineData("-5")]
    public async Task BatchSize_OutOfBounds_IsExit2WithTheBounds(string size)
    {
        var run = await CliRun.EstimateAsync(Sample, "--batch-size", size);

        Assert.Equal(CommandLine.BadArguments, run.ExitCode);
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal($"empreinte: --batch-size must be a whole number from 1 to 100,000, not '{size}'.", line);
    }

    [Fact]
    public async Task BatchSize_AtTheUpperBound_IsAccepted()
    {
        var run = await CliRun.EstimateAsync(Sample, "--batch-size", "100000");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal(20, run.Summary().GetProperty("rows").GetProperty("total").GetInt64());
    }
}

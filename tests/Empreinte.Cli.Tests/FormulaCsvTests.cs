using Empreinte.TestSupport;
using nietras.SeparatedValues;

namespace Empreinte.Cli.Tests;

/// <summary>Issue #13 point 9: names and services that a spreadsheet would run reach lines.csv and unmapped.csv as text.</summary>
public sealed class FormulaCsvTests
{
    [Fact]
    public async Task FormulasInServiceAndAccount_AreNeutralisedInLinesAndUnmapped()
    {
        var lines = File.ReadAllLines(RepositoryPaths.Sample("focus-1.0-small.csv"));
        var path = Path.Combine(Path.GetTempPath(), $"formulas-{Guid.NewGuid():N}.csv");
        try
        {
            using (var reader = Sep.Reader().FromFile(RepositoryPaths.Sample("focus-1.0-small.csv")))
            using (var writer = reader.Spec.Writer(o => o with { Escape = true }).ToFile(path))
            {
                foreach (var row in reader)
                {
                    using var written = writer.NewRow(row);
                    written["ServiceName"].Set("=HYPERLINK(\"http://evil\",\"x\")");
                    written["SubAccountId"].Set("@SUM(1)");
                    written["ProviderName"].Set("-cmd");
                }
            }

            var run = await CliRun.EstimateAsync(path, "--lines", "csv");

            Assert.True(run.ExitCode == 0, run.Error);
            using var output = Sep.Reader(o => o with { Unescape = true }).FromFile(Path.Combine(run.OutputDirectory, "lines.csv"));
            var rows = 0;
            foreach (var row in output)
            {
                rows++;
                Assert.Equal("'=HYPERLINK(\"http://evil\",\"x\")", row["serviceName"].ToString());
                Assert.Equal("'@SUM(1)", row["subAccountId"].ToString());
                Assert.False(row["quantity"].ToString().StartsWith('\''), "numbers stay numbers");
            }

            Assert.Equal(lines.Length - 1, rows);
            using var unmapped = Sep.Reader(o => o with { Unescape = true }).FromFile(Path.Combine(run.OutputDirectory, "unmapped.csv"));
            var groups = 0;
            foreach (var row in unmapped)
            {
                groups++;
                Assert.Equal("'=HYPERLINK(\"http://evil\",\"x\")", row["serviceName"].ToString());
                Assert.StartsWith("'", row["provider"].ToString(), StringComparison.Ordinal);
            }

            Assert.True(groups > 0, "the sample has unmapped usage");
        }
        finally
        {
            File.Delete(path);
        }
    }
}

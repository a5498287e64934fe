using System.IO.Compression;
using System.Text;
using Empreinte.TestSupport;

namespace Empreinte.Cli.Tests;

/// <summary>
/// Issue #13 through the real CLI path: damaged inputs cost the damaged rows (rejected, counted, named)
/// or the file (exit 3, one printable line naming it) — never the run, never silently.
/// </summary>
public sealed class InputRobustnessTests : IDisposable
{
    private static readonly string[] s_lines = File.ReadAllLines(RepositoryPaths.Sample("focus-1.0-small.csv"));
    private readonly string _folder = Directory.CreateTempSubdirectory("empreinte-robustness-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>The 20-row sample with data row <paramref name="dataRow"/> changed.</summary>
    private string WriteWithRow(string name, int dataRow, Func<string, string> change) =>
        Write(name, string.Join("\n", s_lines.Select((line, i) => i == dataRow ? change(line) : line)) + "\n");

    /// <summary>The 20-row sample with one cell of data row 2 set.</summary>
    private string WriteWithCell(string name, string column, string value)
    {
        var index = Array.IndexOf(s_lines[0].Split(','), column);
        return WriteWithRow(name, 2, line =>
        {
            var cells = line.Split(',');
            cells[index] = value;
            return string.Join(",", cells);
        });
    }

    private static (long Total, long Rejected) Rows(CliRun run)
    {
        var rows = run.Summary().GetProperty("rows");
        return (rows.GetProperty("total").GetInt64(), rows.GetProperty("rejected").GetInt64());
    }

    [Fact]
    public async Task BareQuoteInAResourceName_AllTwentyRowsAreRead()
    {
        var path = WriteWithRow("bare-quote.csv", 3, line => line.Replace(",web-01,", ",web 19\" rack,", StringComparison.Ordinal));

        var run = await CliRun.EstimateAsync(path, "--lines", "csv");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal((20L, 0L), Rows(run));
        Assert.Equal(21, run.Lines().Length);
    }

    [Fact]
    public async Task UnbalancedQuote_RejectsOneRowNamingRowAndColumn_AndReadsTheOther19()
    {
        var path = WriteWithRow("unbalanced.csv", 2, line => line.Replace(",web-01,", ",\"web-01,", StringComparison.Ordinal));

        var run = await CliRun.EstimateAsync(path);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal((19L, 1L), Rows(run));
        // Errors name the file by its full path (two exports with the same file name stay apart).
        Assert.StartsWith($"{path}, row 2, column ResourceName: the quote that opens this field",
            run.Summary().GetProperty("errors")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LineOf20MB_IsOneRejectedRow_NotACrash()
    {
        var path = WriteWithRow("huge-line.csv", 5, line => line.Replace(",web-01,", $",{new string('x', 20 << 20)},", StringComparison.Ordinal));

        var run = await CliRun.EstimateAsync(path);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal((19L, 1L), Rows(run));
        Assert.Contains("row 5, column ResourceName: the record is longer than", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GzipBomb_ExitsWith3AndOneLineNamingTheFile()
    {
        // A valid header and first row, then 1 GB of zeros (about 1 MB compressed).
        var path = Path.Combine(_folder, "bomb.csv.gz");
        using (var gzip = new GZipStream(File.Create(path), CompressionLevel.Optimal))
        {
            gzip.Write(Encoding.UTF8.GetBytes(s_lines[0] + "\n" + s_lines[1] + "\n"));
            var zeros = new byte[1 << 20];
            for (var i = 0; i < 1024; i++) gzip.Write(zeros);
        }

        var run = await CliRun.EstimateAsync(path);

        Assert.Equal(3, run.ExitCode);
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("bomb.csv.gz: decompresses to more than", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CostOf1e29_RejectsThatRow_AndTheRunSucceeds()
    {
        var run = await CliRun.EstimateAsync(WriteWithCell("cost.csv", "BilledCost", "1e29"));

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal((19L, 1L), Rows(run));
        Assert.Contains("row 2, column BilledCost: a cost of 1e29 is beyond", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task QuantityOf1e308_IsRejected_AndTotalsStayFinite()
    {
        var run = await CliRun.EstimateAsync(WriteWithCell("quantity.csv", "ConsumedQuantity", "1e308"));

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal((19L, 1L), Rows(run));
        var summary = File.ReadAllText(Path.Combine(run.OutputDirectory, "summary.json"));
        Assert.DoesNotContain("Infinity", summary, StringComparison.Ordinal);
        Assert.DoesNotContain("NaN", summary, StringComparison.Ordinal);
        Assert.True(double.IsFinite(run.Summary().GetProperty("totals").GetProperty("energyKwh").GetProperty("central").GetDouble()));
    }

    [Fact]
    public async Task NegativeQuantity_IsACorrection_FlaggedAndCountedApart()
    {
        var run = await CliRun.EstimateAsync(WriteWithCell("correction.csv", "ConsumedQuantity", "-1"), "--lines", "csv");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal((20L, 0L), Rows(run));
        var rows = run.Summary().GetProperty("rows");
        Assert.Equal(1, rows.GetProperty("corrections").GetInt64());
        Assert.Equal(0.2220m, rows.GetProperty("correctionsCost").GetDecimal());
        Assert.Single(run.Lines(), l => l.Contains("negative-quantity-correction", StringComparison.Ordinal));
    }

    [Fact]
    public async Task VmRowWithEmptyQuantity_IsFlaggedQuantityMissing_AndCounted()
    {
        var path = WriteWithRow("no-quantity.csv", 2, line =>
        {
            var header = s_lines[0].Split(',');
            var cells = line.Split(',');
            cells[Array.IndexOf(header, "ConsumedQuantity")] = "";
            cells[Array.IndexOf(header, "PricingQuantity")] = "";
            return string.Join(",", cells);
        });

        var run = await CliRun.EstimateAsync(path, "--lines", "csv");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal(1, run.Summary().GetProperty("rows").GetProperty("quantityMissing").GetInt64());
        Assert.Single(run.Lines(), l => l.Contains("quantity-missing", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RandomBytes_ExitWith3AndAPrintableOneLineCause()
    {
        var bytes = new byte[8192];
        new Random(13).NextBytes(bytes);
        bytes[0] = 0x01; // not '{', '[' or 'P': read as CSV and found unrecognisable
        var path = Path.Combine(_folder, "random.csv");
        await File.WriteAllBytesAsync(path, bytes);

        var run = await CliRun.EstimateAsync(path);

        Assert.Equal(3, run.ExitCode);
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("random.csv", line, StringComparison.Ordinal);
        Assert.DoesNotContain(line, c => char.IsControl(c) || c == '\uFFFD' || char.IsSurrogate(c));
        Assert.True(line.Length <= 700, $"{line.Length} characters");
    }

    [Fact]
    public async Task TruncatedCsvGz_ExitsWith3NamingTheFile()
    {
        var whole = new MemoryStream();
        using (var gzip = new GZipStream(whole, CompressionLevel.Optimal, leaveOpen: true))
        {
            // Enough rows that the cut falls in the middle of the data, after the header.
            for (var i = 0; i < 200; i++) gzip.Write(Encoding.UTF8.GetBytes(string.Join("\n", i == 0 ? s_lines : s_lines[1..]) + "\n"));
        }

        var path = Path.Combine(_folder, "cut.csv.gz");
        await File.WriteAllBytesAsync(path, whole.ToArray()[..(int)(whole.Length * 2 / 3)]);

        var run = await CliRun.EstimateAsync(path);

        Assert.Equal(3, run.ExitCode);
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"empreinte: {path}: ", line, StringComparison.Ordinal);
    }
}

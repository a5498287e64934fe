using System.IO.Compression;
using System.Text;

namespace Empreinte.Ingestion.Tests;

/// <summary>Exports cut short (a copy or download that stopped) are rejected where the cut shows, never read as if complete.</summary>
public sealed class TruncatedExportTests : IDisposable
{
    private const string _header = "Date,MeterCategory,MeterName,Quantity,UnitOfMeasure,Cost,ChargeType,ResourceLocation,BillingCurrency\n";
    private const string _row = "09/01/2024,Bandwidth,Standard Data Transfer Out,12,1 GB,1.08,Usage,westeurope,EUR\n";

    private readonly string _folder = Directory.CreateTempSubdirectory("empreinte-truncated-").FullName;

    [Fact]
    public void Csv_CutInTheMiddleOfTheLastRow_RejectsThatRowWithItsNumber()
    {
        var rows = Samples.ReadText(_header + _row + _row + "09/02/2024,Bandwidth,Standard Data", "cut.csv");

        Assert.Equal(3, rows.Count);
        Assert.All(rows.Take(2), r => Assert.Null(r.Error));
        var error = rows[2].Error;
        Assert.NotNull(error);
        Assert.Equal(("cut.csv", 3L), (error.File, error.Row));
        Assert.Contains("truncated", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Csv_ShortRowEndedByANewline_IsStillReadAsARaggedRow()
    {
        // Trailing empty cells dropped by the exporter: the row is complete, only short.
        var rows = Samples.ReadText(_header + _row + "09/02/2024,Bandwidth,Standard Data Transfer Out,3,1 GB,0.27,Usage\n", "ragged.csv");

        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.Null(r.Error));
    }

    [Fact]
    public void Gzip_Truncated_IsRejectedNamingTheFile()
    {
        var whole = Path.Combine(_folder, "whole.csv.gz");
        using (var gz = new GZipStream(File.Create(whole), CompressionLevel.Fastest))
        {
            gz.Write(Encoding.UTF8.GetBytes(_header));
            for (var i = 0; i < 2_000; i++) gz.Write(Encoding.UTF8.GetBytes(_row));
        }

        var bytes = File.ReadAllBytes(whole);
        var cut = Path.Combine(_folder, "cut.csv.gz");
        File.WriteAllBytes(cut, bytes[..(bytes.Length * 2 / 3)]);

        using (var complete = ExportReader.Open(whole)) Assert.Equal(2_000, complete.Rows().Count(r => r.Error is null));
        var failure = Assert.Throws<ExportFormatException>(() =>
        {
            using var truncated = ExportReader.Open(cut);
            return truncated.Rows().Count();
        });
        Assert.Contains("cut.csv.gz", failure.Message, StringComparison.Ordinal);
        Assert.Contains("ends early", failure.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}

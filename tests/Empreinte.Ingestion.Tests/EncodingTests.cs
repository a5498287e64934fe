using System.Text;

namespace Empreinte.Ingestion.Tests;

/// <summary>Bytes that are not UTF-8 reject their row with its column instead of becoming a different meter or resource.</summary>
public sealed class EncodingTests : IDisposable
{
    private const string _header = "Date,MeterCategory,MeterName,Quantity,UnitOfMeasure,Cost,ChargeType,ResourceLocation,BillingCurrency\n";
    private const string _row = "09/01/2024,Bandwidth,Standard Data Transfer Out,12,1 GB,1.08,Usage,westeurope,EUR\n";

    private readonly string _folder = Directory.CreateTempSubdirectory("empreinte-encoding-").FullName;

    [Fact]
    public void Latin1TextInAUtf8Export_RejectsThatRowNamingTheColumn_AndKeepsTheOthers()
    {
        var path = Path.Combine(_folder, "latin1.csv");
        // "é" in Latin-1 is the lone byte 0xE9: not valid UTF-8.
        var latin1Row = Encoding.Latin1.GetBytes("09/02/2024,Bandwidth,Données sortantes,3,1 GB,0.27,Usage,westeurope,EUR\n");
        File.WriteAllBytes(path, [.. Encoding.UTF8.GetBytes(_header + _row), .. latin1Row, .. Encoding.UTF8.GetBytes(_row)]);

        using var export = ExportReader.Open(path);
        var rows = export.Rows().ToList();

        Assert.Equal(3, rows.Count);
        Assert.Null(rows[0].Error);
        Assert.Null(rows[2].Error);
        var error = rows[1].Error;
        Assert.NotNull(error);
        Assert.Equal(("latin1.csv", 2L, "MeterName"), (error.File, error.Row, error.Column));
        Assert.Contains("not valid UTF-8", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}

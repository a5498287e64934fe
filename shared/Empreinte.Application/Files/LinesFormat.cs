namespace Empreinte.Application.Files;

/// <summary>The per-line output of <c>estimate</c> (<c>--lines</c>): one row per input usage line, or none.</summary>
public enum LinesFormat
{
    /// <summary><c>lines.parquet</c>, typed columns (<see cref="LinesParquetWriter"/>); the default.</summary>
    Parquet,

    /// <summary><c>lines.csv</c>, the same columns as text (<see cref="LinesCsvWriter"/>).</summary>
    Csv,

    /// <summary>No per-line file: summary.json, unmapped.csv and the reports only.</summary>
    None,
}

/// <summary>File names and parsing of <see cref="LinesFormat"/>.</summary>
public static class LinesFormats
{
    public const string CsvFile = "lines.csv";
    public const string ParquetFile = "lines.parquet";

    /// <summary>The names <c>--lines</c> accepts.</summary>
    public static IReadOnlyList<string> Names { get; } = ["parquet", "csv", "none"];

    public static bool TryParse(string value, out LinesFormat format)
    {
        format = value switch
        {
            "parquet" => LinesFormat.Parquet,
            "csv" => LinesFormat.Csv,
            "none" => LinesFormat.None,
            _ => (LinesFormat)(-1),
        };
        return Enum.IsDefined(format);
    }

    /// <summary>The file written for <paramref name="format"/>, or null for <see cref="LinesFormat.None"/>.</summary>
    public static string? FileName(LinesFormat format) => format switch
    {
        LinesFormat.Parquet => ParquetFile,
        LinesFormat.Csv => CsvFile,
        _ => null,
    };
}

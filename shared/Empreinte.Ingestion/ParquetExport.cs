namespace Empreinte.Ingestion;

/// <summary>Parquet exports (FOCUS, CUR): not yet read; a clear error instead of garbage.</summary>
internal static class ParquetExport
{
    public static ExportFile Open(string path, string? format) =>
        throw new ExportFormatException($"{Path.GetFileName(path)}: Parquet exports are not supported yet{(format is null ? "" : $" (asked for {format})")}; export as CSV.");
}

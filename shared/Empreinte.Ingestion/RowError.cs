namespace Empreinte.Ingestion;

/// <summary>A rejected row: the file, the 1-based data row, the column and what was wrong.</summary>
public sealed record RowError(string File, long Row, string? Column, string Message)
{
    public override string ToString() => Column is null
        ? $"{File}, row {Row}: {Message}"
        : $"{File}, row {Row}, column {Column}: {Message}";
}

/// <summary>A file that cannot be read at all (missing, unrecognised, no header).</summary>
public sealed class ExportFormatException(string message) : Exception(message);

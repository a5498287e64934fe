namespace Empreinte.Ingestion;

/// <summary>A rejected row: the file, the 1-based data row, the column and what was wrong.</summary>
public sealed record RowError(string File, long Row, string? Column, string Message)
{
    /// <summary>One printable line: names and messages quote the input, which may hold any bytes.</summary>
    public override string ToString() => Printable.Text(Column is null
        ? $"{File}, row {Row}: {Message}"
        : $"{File}, row {Row}, column {Column}: {Message}");
}

/// <summary>
/// A file that cannot be read at all (missing, unrecognised, no header, damaged compression). Its
/// message is one printable line whatever the file held (see <see cref="Printable"/>).
/// </summary>
public sealed class ExportFormatException(string message) : Exception(Printable.Text(message));

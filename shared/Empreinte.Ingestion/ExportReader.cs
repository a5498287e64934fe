using System.IO.Compression;
using System.Text;
using Empreinte.Ingestion.Formats;
using nietras.SeparatedValues;

namespace Empreinte.Ingestion;

/// <summary>
/// Opens an export (CSV or CSV.gz), detects its format from the header (or takes the one asked
/// for) and streams its rows: one <see cref="ParsedRow"/> per data row, never the whole file in memory.
/// </summary>
public static class ExportReader
{
    /// <summary>The formats known, most specific first: the first that matches a header wins.</summary>
    public static IReadOnlyList<IExportFormat> Formats { get; } = [new FocusFormat()];

    /// <summary>Opens a file and reads its header; throws <see cref="ExportFormatException"/> when it cannot be read or recognised.</summary>
    public static ExportFile Open(string path, string? format = null)
    {
        if (!File.Exists(path)) throw new ExportFormatException($"{path}: file not found.");
        Stream stream = File.OpenRead(path);
        if (path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)) stream = new GZipStream(stream, CompressionMode.Decompress);
        return Open(stream, Path.GetFileName(path), format);
    }

    public static ExportFile Open(Stream stream, string fileName, string? format = null)
    {
        SepReader reader;
        try
        {
            // detectEncodingFromByteOrderMarks strips the UTF-8 BOM that Azure and FOCUS spec files carry.
            var text = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
            reader = Sep.New(',').Reader(o => o with { Unescape = true, DisableColCountCheck = true }).From(text);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or ArgumentException)
        {
            stream.Dispose();
            throw new ExportFormatException($"{fileName}: cannot be read as CSV ({e.Message}).");
        }

        var header = new ColumnSet(reader.Header.ColNames);
        var chosen = Choose(header, fileName, format);
        if (chosen is null)
        {
            reader.Dispose();
            throw new ExportFormatException(
                $"{fileName}: unrecognised export format; expected a header of {string.Join(", ", Formats.Select(f => f.Name))} (first columns: {string.Join(", ", header.Names.Take(5))}).");
        }

        return new ExportFile(fileName, DetectedName(chosen, header), reader, chosen.CreateMapper(header, fileName));
    }

    private static IExportFormat? Choose(ColumnSet header, string fileName, string? format)
    {
        if (format is null) return Formats.FirstOrDefault(f => f.Matches(header));
        var asked = Formats.FirstOrDefault(f => format.StartsWith(f.Name, StringComparison.OrdinalIgnoreCase))
            ?? throw new ExportFormatException($"{fileName}: unknown format '{format}'; known: {string.Join(", ", Formats.Select(f => f.Name))}.");
        return asked.Matches(header) ? asked
            : throw new ExportFormatException($"{fileName}: the header is not a {asked.Name} header (first columns: {string.Join(", ", header.Names.Take(5))}).");
    }

    private static string DetectedName(IExportFormat format, ColumnSet header) =>
        format is FocusFormat ? FocusFormat.VersionOf(header) : format.Name;
}

/// <summary>An opened export: its detected format and a single pass over its rows.</summary>
public sealed class ExportFile(string fileName, string format, SepReader reader, IRowMapper mapper) : IDisposable
{
    public string FileName { get; } = fileName;

    public string Format { get; } = format;

    public IEnumerable<ParsedRow> Rows()
    {
        long dataRow = 0;
        foreach (var row in reader)
        {
            dataRow++;
            // Blank lines (FOCUS spec examples) are not rows; row numbers still count them so errors point at the line.
            if (row.ColCount == 1 && row[0].Span.Trim().IsEmpty) continue;
            yield return mapper.Map(row, dataRow);
        }
    }

    public void Dispose() => reader.Dispose();
}

using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Empreinte.Ingestion.Formats;

namespace Empreinte.Ingestion;

/// <summary>
/// Opens an export and streams its rows: CSV or CSV.gz (format detected from the header, or the one
/// asked for), Parquet (FOCUS, CUR), JSON (OpenAI Usage/Costs API pages, detected by content), and
/// manifests (Azure Cost Management <c>manifest.json</c>, AWS CUR <c>*-Manifest.json</c>) expanded to the
/// files they list. One <see cref="ParsedRow"/> per data row; CSV is never loaded whole.
/// </summary>
public static class ExportReader
{
    /// <summary>The CSV formats known, most specific first: the first that matches a header wins.</summary>
    public static IReadOnlyList<IExportFormat> Formats { get; } =
    [
        new FocusFormat(), new AzureCostFormat(), new AwsCurFormat(), new GcpBillingFormat(), new OciCostFormat(), new OpenAiUsageCsvFormat(),
    ];

    /// <summary>Every format name a caller may pass to force a format (prefixes of detected names also work).</summary>
    public static IEnumerable<string> FormatNames => Formats.Select(f => f.Name).Append(OpenAiJson.CostsFormat).Distinct();

    /// <summary>Opens a file and reads its header; throws <see cref="ExportFormatException"/> when it cannot be read or recognised.</summary>
    /// <param name="naming">What the rows' <c>SourceFile</c> (and table keys, and error messages) call the file and a manifest's parts.</param>
    public static ExportFile Open(string path, string? format = null, SourceNaming naming = SourceNaming.FileName)
    {
        if (!File.Exists(path)) throw new ExportFormatException($"{path}: file not found.");
        if (Manifest.TryRead(path, out var parts)) return OpenParts(path, parts, format, naming);
        var name = SourceName(path, naming);
        if (IsParquetName(path)) return ParquetExport.Open(File.OpenRead(path), name, format);
        var stream = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? CheckedGzipStream.Open(File.OpenRead(path), name) : File.OpenRead(path);
        return Open(stream, name, format);
    }

    /// <summary>The name <paramref name="path"/>'s rows carry: its file name, or its full path with '/' separators.</summary>
    public static string SourceName(string path, SourceNaming naming) =>
        naming == SourceNaming.FullPath ? Path.GetFullPath(path).Replace('\\', '/') : Path.GetFileName(path);

    public static ExportFile Open(Stream stream, string fileName, string? format = null)
    {
        if (IsParquetName(fileName)) return ParquetExport.Open(stream, fileName, format);
        var (first, content) = Peek(stream, fileName);
        if (first is '{' or '[') return OpenJson(content, fileName, format);
        // A blob named without its extension: Parquet files start with the magic "PAR1".
        if (first == 'P' && StartsWithParquetMagic(content)) return ParquetExport.Open(content, fileName, format);

        // detectEncodingFromByteOrderMarks strips the UTF-8 BOM that Azure and FOCUS spec files carry, and reads UTF-16 files that have one.
        var text = new StreamReader(content, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
        var reader = new CsvRecordReader(text);
        IExportFormat chosen;
        ColumnSet header;
        try
        {
            header = ReadHeader(reader, fileName);
            chosen = Choose(header, fileName, format);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or ArgumentException)
        {
            text.Dispose();
            throw new ExportFormatException($"{fileName}: cannot be read as CSV ({e.Message}).");
        }
        catch
        {
            text.Dispose();
            throw;
        }

        var mapper = chosen.CreateMapper(header, fileName);
        return new ExportFile(fileName, chosen.DetectedName(header), () => CsvRows(reader, mapper, fileName, header), text);
    }

    private static ColumnSet ReadHeader(CsvRecordReader reader, string fileName)
    {
        var names = new List<string>();
        switch (reader.Read())
        {
            case CsvRecordReader.Outcome.Record:
                for (var i = 0; i < reader.ColCount; i++) names.Add(reader[i].ToString());
                break;
            case CsvRecordReader.Outcome.Rejected:
                throw new ExportFormatException($"{fileName}: the header line cannot be read ({reader.Problem}).");
        }

        return new ColumnSet(names);
    }

    private static string FirstColumns(ColumnSet header) => string.Join(", ", header.Names.Take(5).Select(n => Printable.Cell(n)));

    internal static IExportFormat Choose(ColumnSet header, string fileName, string? format)
    {
        if (format is null)
        {
            return Formats.FirstOrDefault(f => f.Matches(header))
                ?? throw new ExportFormatException(
                    $"{fileName}: unrecognised export format; expected a header of {string.Join(", ", FormatNames)} (first columns: {FirstColumns(header)}).");
        }

        var asked = Formats.FirstOrDefault(f => format.StartsWith(f.Name, StringComparison.OrdinalIgnoreCase))
            ?? throw new ExportFormatException($"{fileName}: unknown format '{format}'; known: {string.Join(", ", FormatNames)}.");
        return asked.Matches(header) ? asked
            : throw new ExportFormatException($"{fileName}: the header is not a {asked.Name} header (first columns: {FirstColumns(header)}).");
    }

    /// <summary>
    /// Rows as parsed, each held back one step: a last row that is shorter than the header and not
    /// ended by a newline is where a truncated file was cut (a copy or download cut short), and is
    /// rejected instead of being read as a ragged row with its last cells empty. A record the CSV
    /// reader rejects (a quote that never closes, past the record bound) is rejected with its column.
    /// </summary>
    private static IEnumerable<ParsedRow> CsvRows(CsvRecordReader reader, IRowMapper mapper, string fileName, ColumnSet header)
    {
        var headerColumns = header.Names.Count;
        long dataRow = 0;
        ParsedRow? held = null;
        long heldRow = 0;
        var heldColumns = 0;
        while (reader.Read() is var outcome && outcome != CsvRecordReader.Outcome.End)
        {
            dataRow++;
            ParsedRow parsed;
            int columns;
            if (outcome == CsvRecordReader.Outcome.Rejected)
            {
                parsed = ParsedRow.Rejected(new RowError(fileName, dataRow, ColumnName(header, reader.ProblemColumn), reader.Problem));
                columns = headerColumns;
            }
            else
            {
                // Blank lines (FOCUS spec examples) are not rows; row numbers still count them so errors point at the line.
                if (reader.ColCount == 1 && reader[0].Trim().IsEmpty) continue;
                parsed = mapper.Map(new ExportRow(reader), dataRow);
                columns = reader.ColCount;
            }

            if (held is { } previous) yield return previous;
            held = parsed;
            heldRow = dataRow;
            heldColumns = columns;
        }

        if (held is not { } last) yield break;
        yield return heldColumns < headerColumns && !reader.LastRecordTerminated && last.Error is null
            ? ParsedRow.Rejected(new RowError(fileName, heldRow, null,
                $"the file ends in the middle of this row ({heldColumns} of {headerColumns} columns, no final newline): truncated?"))
            : last;
    }

    private static string ColumnName(ColumnSet header, int column) =>
        column < header.Names.Count ? header.NameAt(column) : $"#{column + 1} (past the header's {header.Names.Count})";

    private static ExportFile OpenJson(Stream content, string fileName, string? format)
    {
        JsonDocument document;
        try
        {
            // API pages are small (at most 31 daily or 168 hourly buckets): a document is fine here.
            document = JsonDocument.Parse(content);
        }
        catch (JsonException e)
        {
            throw new ExportFormatException($"{fileName}: invalid JSON ({e.Message}).");
        }
        finally
        {
            content.Dispose();
        }

        if (!OpenAiJson.Matches(document.RootElement))
        {
            document.Dispose();
            throw new ExportFormatException($"{fileName}: unrecognised JSON export; expected an OpenAI usage or costs page (or a manifest opened by its path).");
        }

        var name = OpenAiJson.DetectedName(document.RootElement);
        if (format is not null && !format.StartsWith("openai", StringComparison.OrdinalIgnoreCase))
        {
            document.Dispose();
            throw new ExportFormatException($"{fileName}: a JSON {name} export cannot be read as '{format}'.");
        }

        return new ExportFile(fileName, name, () => OpenAiJson.Rows(document, fileName), document);
    }

    /// <summary><c>.parquet</c>, <c>.snappy.parquet</c>, <c>.gz.parquet</c>: Parquet compresses inside the file.</summary>
    private static bool IsParquetName(string name) => name.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase);

    private static bool StartsWithParquetMagic(Stream content) =>
        content is PrefixedStream prefixed && prefixed.Prefix.Span is [(byte)'P', (byte)'A', (byte)'R', (byte)'1', ..];

    /// <summary>The first non-blank character (after a BOM) and a stream that still starts at the beginning.</summary>
    private static (char First, Stream Content) Peek(Stream stream, string fileName)
    {
        var buffer = new byte[4096];
        int read;
        try
        {
            read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            stream.Dispose();
            throw new ExportFormatException($"{fileName}: cannot be read ({e.Message}).");
        }

        var first = '\0';
        var start = read >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF ? 3 : 0;
        for (var i = start; i < read; i++)
        {
            if (buffer[i] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n') continue;
            first = (char)buffer[i];
            break;
        }

        return (first, new PrefixedStream(buffer.AsMemory(0, read), stream));
    }

    private static ExportFile OpenParts(string manifestPath, IReadOnlyList<string> parts, string? format, SourceNaming naming)
    {
        var name = SourceName(manifestPath, naming);
        if (parts.Count == 0) throw new ExportFormatException($"{name}: the manifest lists no data files.");
        var missing = parts.FirstOrDefault(p => !File.Exists(p));
        if (missing is not null) throw new ExportFormatException($"{name}: the manifest lists {missing}, which is not there.");
        var first = Open(parts[0], format, naming);
        return new ExportFile(name, first.Format, () => PartRows(first, parts, format, naming), first);
    }

    private static IEnumerable<ParsedRow> PartRows(ExportFile first, IReadOnlyList<string> parts, string? format, SourceNaming naming)
    {
        foreach (var row in first.Rows()) yield return row;
        for (var i = 1; i < parts.Count; i++)
        {
            // Each part has its own header: trust it, not the manifest's column list (billing-formats.md §3.1).
            using var part = Open(parts[i], format ?? first.Format, naming);
            foreach (var row in part.Rows()) yield return row;
        }
    }
}

/// <summary>What an opened file's rows call it (their <c>SourceFile</c>).</summary>
public enum SourceNaming
{
    /// <summary>The file name alone: an upload or a blob named by its caller.</summary>
    FileName,

    /// <summary>The full path: two exports with the same file name in different folders stay apart (table keys, lines.csv).</summary>
    FullPath,
}

/// <summary>An opened export: its detected format and a single pass over its rows.</summary>
public sealed class ExportFile : IDisposable
{
    private readonly Func<IEnumerable<ParsedRow>> _rows;
    private readonly IDisposable _owner;

    internal ExportFile(string fileName, string format, Func<IEnumerable<ParsedRow>> rows, IDisposable owner)
    {
        FileName = fileName;
        Format = format;
        _rows = rows;
        _owner = owner;
    }

    public string FileName { get; }

    /// <summary>The detected format name written to summary.json (<c>focus-1.0</c>, <c>azure-ea</c>, <c>aws-cur2</c>…).</summary>
    public string Format { get; }

    /// <summary>The rows, each accepted record checked against <see cref="Plausible"/> bounds whatever its format.</summary>
    public IEnumerable<ParsedRow> Rows()
    {
        foreach (var row in _rows())
            yield return row.Record is { } record && Plausible.Check(record) is { } error ? ParsedRow.Rejected(error) : row;
    }

    public void Dispose() => _owner.Dispose();
}

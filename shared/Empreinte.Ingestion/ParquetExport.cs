using System.Globalization;
using Empreinte.Ingestion.Formats;
using Parquet;
using Parquet.Schema;

namespace Empreinte.Ingestion;

/// <summary>
/// Parquet exports (AWS Data Exports FOCUS and CUR 2.0, Athena CUR, Azure FOCUS exports). The format is
/// detected from the top-level column names exactly as from a CSV header, and each row goes through
/// the same format mapper as CSV: cells are presented as text (<see cref="IRowSource"/>). Reading is
/// row group by row group, and within a group a column is decoded only when a mapper first asks for
/// it, so memory stays bounded by one row group of the columns used.
/// </summary>
internal static class ParquetExport
{
    public static ExportFile Open(string path, string? format) => Open(File.OpenRead(path), Path.GetFileName(path), format);

    /// <summary>Opens Parquet from a stream; the stream is owned (disposed with the export).</summary>
    public static ExportFile Open(Stream input, string name, string? format)
    {
        var stream = input.CanSeek ? input : Spool(input, name);
        ParquetReader reader;
        try
        {
            // Unannotated BINARY columns (older Athena/Hive writers) hold UTF-8 text in billing exports.
            reader = ParquetReader.CreateAsync(stream, new ParquetOptions { TreatByteArrayAsString = true }).GetAwaiter().GetResult();
        }
        catch (Exception e) when (IsReadError(e))
        {
            stream.Dispose();
            throw Corrupt(name, e);
        }

        try
        {
            var fields = reader.Schema.Fields;
            var header = new ColumnSet([.. fields.Select(f => f.Name)]);
            var chosen = ExportReader.Choose(header, name, format);
            var mapper = chosen.CreateMapper(header, name);
            var source = new ParquetRowSource(reader, name, fields);
            return new ExportFile(name, chosen.DetectedName(header), () => Rows(reader, source, mapper), new Owner(reader, stream));
        }
        catch
        {
            reader.DisposeAsync().AsTask().GetAwaiter().GetResult();
            stream.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Parquet is read from its footer, so a forward-only source (a blob download, a decompressing stream) is copied
    /// to a temporary file deleted on close: disk, not memory, holds the export.
    /// </summary>
    private static FileStream Spool(Stream input, string name)
    {
        var temp = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
        try
        {
            input.CopyTo(temp);
            temp.Position = 0;
            return temp;
        }
        catch (Exception e) when (e is IOException or InvalidDataException)
        {
            temp.Dispose();
            throw new ExportFormatException($"{name}: cannot be read ({OneLine(e.Message)}).");
        }
        finally
        {
            input.Dispose();
        }
    }

    private static IEnumerable<ParsedRow> Rows(ParquetReader reader, ParquetRowSource source, IRowMapper mapper)
    {
        long dataRow = 0;
        for (var group = 0; group < reader.RowGroupCount; group++)
        {
            var rows = source.StartGroup(group);
            for (var row = 0; row < rows; row++)
            {
                source.Row = row;
                yield return mapper.Map(new ExportRow(source), ++dataRow);
            }
        }
    }

    internal static bool IsReadError(Exception e) =>
        e is ParquetException or IOException or InvalidDataException or ArgumentException or InvalidOperationException
            or NotSupportedException or IndexOutOfRangeException or OverflowException or FormatException;

    internal static ExportFormatException Corrupt(string name, Exception e) =>
        new($"{name}: not a readable Parquet file ({OneLine(e.Message)}).");

    private static string OneLine(string message) => message.ReplaceLineEndings(" ").Trim();

    private sealed class Owner(ParquetReader reader, Stream stream) : IDisposable
    {
        public void Dispose()
        {
            reader.DisposeAsync().AsTask().GetAwaiter().GetResult();
            stream.Dispose();
        }
    }
}

/// <summary>
/// The current row of the current row group, its cells rendered as text: numbers in round-trip invariant
/// form, timestamps as ISO 8601 UTC, booleans as <c>true</c>/<c>false</c>, map columns (CUR 2.0 <c>product</c>,
/// <c>resource_tags</c>) as a JSON object. Nested lists and structs are not billing columns we read: empty.
/// </summary>
internal sealed class ParquetRowSource : IRowSource
{
    private readonly ParquetReader _reader;
    private readonly string _fileName;
    private readonly IReadOnlyList<Field> _fields;
    private readonly ColumnText?[] _columns;
    private readonly int[] _loadedGroup;
    private ParquetRowGroupReader? _group;
    private int _groupIndex = -1;

    public ParquetRowSource(ParquetReader reader, string fileName, IReadOnlyList<Field> fields)
    {
        _reader = reader;
        _fileName = fileName;
        _fields = fields;
        _columns = new ColumnText?[fields.Count];
        _loadedGroup = new int[fields.Count];
        Array.Fill(_loadedGroup, -1);
    }

    public int Row { get; set; }

    public int ColCount => _fields.Count;

    public ReadOnlySpan<char> this[int column]
    {
        get
        {
            if ((uint)column >= (uint)_fields.Count) return [];
            if (_loadedGroup[column] != _groupIndex) Load(column);
            return _columns[column]!.Cell(Row);
        }
    }

    /// <summary>Moves to a row group; returns its row count.</summary>
    public int StartGroup(int index)
    {
        try
        {
            _group = _reader.OpenRowGroupReader(index);
            _groupIndex = index;
            Row = 0;
            return checked((int)_group.RowCount);
        }
        catch (Exception e) when (ParquetExport.IsReadError(e))
        {
            throw ParquetExport.Corrupt(_fileName, e);
        }
    }

    private void Load(int column)
    {
        var text = _columns[column] ??= new ColumnText();
        text.Reset();
        var rows = (int)_group!.RowCount;
        try
        {
            switch (_fields[column])
            {
                case DataField { IsArray: false } field:
                    ParquetColumns.Flat(_group, field, text, rows);
                    break;
                case MapField { Key: DataField key, Value: DataField value }:
                    ParquetColumns.Map(_group, key, value, text, rows);
                    break;
                default:
                    text.Empty(rows);
                    break;
            }
        }
        catch (Exception e) when (ParquetExport.IsReadError(e))
        {
            throw new ExportFormatException($"{_fileName}: row group {_groupIndex + 1}, column {_fields[column].Name}: not readable Parquet data ({e.Message.ReplaceLineEndings(" ").Trim()}).");
        }

        _loadedGroup[column] = _groupIndex;
    }
}

/// <summary>The cells of one column of one row group, as text in one growable buffer (no string per cell).</summary>
internal sealed class ColumnText
{
    private char[] _chars = new char[4096];
    private int[] _ends = new int[1024];
    private int _length;
    private int _count;

    public void Reset()
    {
        _length = 0;
        _count = 0;
    }

    public ReadOnlySpan<char> Cell(int row)
    {
        if ((uint)row >= (uint)_count) return [];
        var start = row == 0 ? 0 : _ends[row - 1];
        return _chars.AsSpan(start, _ends[row] - start);
    }

    public void Empty(int rows)
    {
        for (var i = 0; i < rows; i++) EndCell();
    }

    public void EndCell()
    {
        if (_count == _ends.Length) Array.Resize(ref _ends, _ends.Length * 2);
        _ends[_count++] = _length;
    }

    public void Append(ReadOnlySpan<char> text)
    {
        Reserve(text.Length);
        text.CopyTo(_chars.AsSpan(_length));
        _length += text.Length;
    }

    public void Append(char c)
    {
        Reserve(1);
        _chars[_length++] = c;
    }

    /// <summary>Formats a value straight into the buffer (invariant culture).</summary>
    public void Append<T>(T value, ReadOnlySpan<char> format) where T : ISpanFormattable
    {
        Reserve(64);
        int written;
        while (!value.TryFormat(_chars.AsSpan(_length), out written, format, CultureInfo.InvariantCulture))
            Reserve(_chars.Length);
        _length += written;
    }

    /// <summary>Appends a JSON string literal, escaped.</summary>
    public void AppendJsonString(ReadOnlySpan<char> text)
    {
        Append('"');
        foreach (var c in text)
        {
            switch (c)
            {
                case '"': Append("\\\""); break;
                case '\\': Append("\\\\"); break;
                case < ' ':
                    Append("\\u00");
                    Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
                    break;
                default: Append(c); break;
            }
        }

        Append('"');
    }

    private void Reserve(int extra)
    {
        if (_length + extra > _chars.Length) Array.Resize(ref _chars, Math.Max(_chars.Length * 2, _length + extra));
    }
}

using nietras.SeparatedValues;

namespace Empreinte.Ingestion.Formats;

/// <summary>Cells of one row of a non-CSV source (Parquet), as text the format mappers parse like CSV cells.</summary>
public interface IRowSource
{
    int ColCount { get; }

    /// <summary>The cell as text; empty for null or a column out of range.</summary>
    ReadOnlySpan<char> this[int column] { get; }
}

/// <summary>
/// One data row as the format mappers see it: a Sep CSV row (the hot path, read in place) or any
/// <see cref="IRowSource"/>. A struct over both rather than an interface over Sep's ref struct, so
/// the CSV path costs one null test per cell and no boxing.
/// </summary>
public readonly ref struct ExportRow
{
    private readonly SepReader.Row _csv;
    private readonly IRowSource? _source;

    public ExportRow(SepReader.Row csv)
    {
        _csv = csv;
        _source = null;
    }

    public ExportRow(IRowSource source)
    {
        _csv = default;
        _source = source;
    }

    public int ColCount => _source?.ColCount ?? _csv.ColCount;

    /// <summary>The cell at <paramref name="column"/>; empty when the column is absent (−1) or the row is short (ragged CSV).</summary>
    public ReadOnlySpan<char> this[int column]
    {
        get
        {
            if (column < 0) return [];
            if (_source is not null) return _source[column];
            return column < _csv.ColCount ? _csv[column].Span : [];
        }
    }
}

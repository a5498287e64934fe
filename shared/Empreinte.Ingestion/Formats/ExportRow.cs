namespace Empreinte.Ingestion.Formats;

/// <summary>Cells of one row of a non-CSV source (Parquet), as text the format mappers parse like CSV cells.</summary>
public interface IRowSource
{
    int ColCount { get; }

    /// <summary>The cell as text; empty for null or a column out of range.</summary>
    ReadOnlySpan<char> this[int column] { get; }
}

/// <summary>
/// One data row as the format mappers see it: the CSV reader's current record (the hot path, read in
/// place) or any <see cref="IRowSource"/>. A struct over both rather than an interface, so the CSV
/// path costs one null test per cell and no interface call.
/// </summary>
public readonly ref struct ExportRow
{
    private readonly CsvRecordReader? _csv;
    private readonly IRowSource? _source;

    internal ExportRow(CsvRecordReader csv)
    {
        _csv = csv;
        _source = null;
    }

    public ExportRow(IRowSource source)
    {
        _csv = null;
        _source = source;
    }

    public int ColCount => _source?.ColCount ?? _csv!.ColCount;

    /// <summary>False when no cell of the row holds U+FFFD (undecodable bytes), so cells need not be searched one by one.</summary>
    public bool MayHoldReplacementCharacter => _source is not null || _csv!.MayHoldReplacementCharacter;

    /// <summary>The cell at <paramref name="column"/>; empty when the column is absent (−1) or the row is short (ragged CSV).</summary>
    public ReadOnlySpan<char> this[int column]
    {
        get
        {
            if (column < 0) return [];
            if (_source is not null) return _source[column];
            return column < _csv!.ColCount ? _csv[column] : [];
        }
    }
}

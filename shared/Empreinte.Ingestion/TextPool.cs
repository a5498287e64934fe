namespace Empreinte.Ingestion;

/// <summary>
/// One string per distinct value of the repetitive columns of a file (provider, charge category, service, region,
/// unit, currency, meter, description): exports repeat a few thousand values over millions of rows, so a row
/// then allocates no string for them. Looked up by span, so a hit allocates nothing; bounded in size. One per
/// mapper, so per file and single-threaded.
/// </summary>
public sealed class TextPool
{
    private const int Limit = 16_384;
    private readonly Dictionary<string, string> _strings = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public TextPool() => _lookup = _strings.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The cell as <see cref="Cells.Text"/> gives it (trimmed, null for the null spellings), shared with equal cells.</summary>
    public string? Get(ReadOnlySpan<char> cell)
    {
        if (Cells.IsNull(cell)) return null;
        var value = cell.Trim();
        if (_lookup.TryGetValue(value, out var text)) return text;
        text = value.ToString();
        if (_strings.Count < Limit) _strings[text] = text;
        return text;
    }
}

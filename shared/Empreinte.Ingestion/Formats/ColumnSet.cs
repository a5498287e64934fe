namespace Empreinte.Ingestion.Formats;

/// <summary>
/// The header of a file, looked up by name case-insensitively with aliases (billing-formats.md §7.2):
/// exports of the same schema differ in casing and naming.
/// </summary>
public sealed class ColumnSet
{
    private readonly Dictionary<string, int> _indices;

    public ColumnSet(IReadOnlyList<string> names)
    {
        Names = names;
        _indices = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < names.Count; i++)
            _indices.TryAdd(names[i].Trim().TrimStart('\uFEFF'), i);
    }

    public IReadOnlyList<string> Names { get; }

    public bool Has(string name) => _indices.ContainsKey(name);

    /// <summary>Index of the first alias present, or −1.</summary>
    public int IndexOf(params ReadOnlySpan<string> aliases)
    {
        foreach (var alias in aliases)
            if (_indices.TryGetValue(alias, out var index)) return index;
        return -1;
    }

    /// <summary>The name as written in the file of the first alias present (for error messages).</summary>
    public string NameAt(int index) => index >= 0 && index < Names.Count ? Names[index] : "";
}

namespace Empreinte.Ingestion;

/// <summary>
/// Reads one scalar out of a flat JSON object held in a CSV cell (Azure AdditionalInfo, CUR 2.0
/// <c>product</c> map, FOCUS SkuPriceDetails) without building a document: these cells are on the
/// hot path and only a key or two is wanted. Values are scalars (FOCUS key-value rule), so a
/// scan for <c>"key"</c> followed by <c>:</c> is exact enough; malformed text gives null.
/// </summary>
public static class JsonCell
{
    public static string? String(ReadOnlySpan<char> json, string key)
    {
        var value = Find(json, key);
        if (value.IsEmpty) return null;
        if (value[0] == '"')
        {
            var end = value[1..].IndexOf('"');
            if (end < 0) return null;
            var text = value.Slice(1, end).Trim();
            return text.IsEmpty ? null : text.ToString();
        }

        var stop = value.IndexOfAny(',', '}');
        var raw = (stop < 0 ? value : value[..stop]).Trim();
        return raw.IsEmpty || raw.SequenceEqual("null") ? null : raw.ToString();
    }

    public static double? Number(ReadOnlySpan<char> json, string key)
    {
        var text = String(json, key);
        return text is null ? null : Cells.LeadingNumber(text);
    }

    private static ReadOnlySpan<char> Find(ReadOnlySpan<char> json, string key)
    {
        var from = 0;
        while (from < json.Length)
        {
            var at = json[from..].IndexOf(key, StringComparison.OrdinalIgnoreCase);
            if (at < 0) return [];
            at += from;
            var after = at + key.Length;
            from = after;
            if (at == 0 || json[at - 1] != '"' || after >= json.Length || json[after] != '"') continue;
            var rest = json[(after + 1)..].TrimStart();
            if (rest.IsEmpty || rest[0] != ':') continue;
            return rest[1..].TrimStart();
        }

        return [];
    }
}

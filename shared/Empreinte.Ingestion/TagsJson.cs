using System.Text;
using System.Text.Json;

namespace Empreinte.Ingestion;

/// <summary>
/// Tags in every encoding found in exports (billing-formats.md §7.7), normalised to one JSON object:
/// FOCUS JSON objects (kept as written), Azure EA/MCA JSON without the outer braces, GCP arrays of
/// key/value records in JSON or Python-repr form, and per-tag columns (CUR <c>resourceTags/user:x</c>, OCI <c>tags/ns.key</c>).
/// </summary>
public static class TagsJson
{
    public static string? Normalise(string? raw)
    {
        if (raw is null || Cells.IsNull(raw)) return null;
        var text = raw.Trim();
        switch (text[0])
        {
            case '{':
                return text;
            case '"':
                return "{" + text + "}";
            case '[':
                return FromKeyValueArray(text);
            default:
                return text;
        }
    }

    /// <summary>Builds a JSON object from (name, value) pairs, skipping null values; null when there are none.</summary>
    public static string? FromPairs(IEnumerable<(string Key, string? Value)> pairs)
    {
        using var buffer = new MemoryStream();
        var any = false;
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (key, value) in pairs)
            {
                if (value is null) continue;
                writer.WriteString(key, value);
                any = true;
            }

            writer.WriteEndObject();
        }

        return any ? Encoding.UTF8.GetString(buffer.ToArray()) : null;
    }

    private static string? FromKeyValueArray(string text)
    {
        // GCP CSV from BigQuery writes repeated records as Python repr: single quotes, None, True, False.
        var json = text.Contains('\'', StringComparison.Ordinal)
            ? text.Replace('\'', '"').Replace(": None", ": null", StringComparison.Ordinal)
                .Replace(": True", ": true", StringComparison.Ordinal).Replace(": False", ": false", StringComparison.Ordinal)
            : text;
        try
        {
            using var doc = JsonDocument.Parse(json);
            if (doc.RootElement.ValueKind != JsonValueKind.Array) return text;
            var pairs = new List<(string, string?)>();
            foreach (var item in doc.RootElement.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.Object || !item.TryGetProperty("key", out var key)) continue;
                var value = item.TryGetProperty("value", out var v) && v.ValueKind != JsonValueKind.Null ? v.ToString() : null;
                pairs.Add((key.ToString(), value));
            }

            return FromPairs(pairs);
        }
        catch (JsonException)
        {
            return text;
        }
    }
}
